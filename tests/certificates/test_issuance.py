"""The issuance rules: what completing or attending earns, issuing by hand and in bulk, re-issuing after a name
change, revoking, withdrawing, and the status each leaves, all through `certificates.issuance`."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone

from certificates import issuance
from certificates.issuance import IssuanceRefused
from certificates.models import (
    AchievementKind,
    Certificate,
    CertificateEvent,
    IssueBasis,
    IssueRequest,
    RenderState,
    TemplateAssignment,
)
from courses.events import attendance
from courses.learning import enrolment as enrolment_rules
from courses.learning import progress as progress_rules
from courses.models import Registration
from tests import factories
from tests.courses.events_admin_support import register

from .factories import CertificateTemplateFactory, complete_course, default_template, issued_certificate

pytestmark = pytest.mark.django_db
Event = CertificateEvent.Kind


@pytest.fixture(autouse=True)
def template(db):
    return default_template()


def attended_registration(member, event):
    session = factories.sessions_of(event)[0]
    registration = register(member, session)
    staff = factories.StaffFactory()
    attendance.check_in(registration, actor=staff, now=session.starts_at)
    return Registration.objects.get(pk=registration.pk)


# ------------------------------------------------------------------------------------------- what is earned


def test_completing_a_course_earns_a_certificate_with_the_credited_facts(learner):
    course = factories.build_offering(title="Flow Metrics Fundamentals", cpd_hours=Decimal("2.5"),
                                      modules=1, lessons_per_module=1, language="es")
    enrolment = complete_course(learner, course)

    certificate = issuance.issue_for_completion(enrolment.pk)

    assert certificate.member == learner
    assert certificate.recipient_name == learner.get_full_name()
    assert certificate.recipient_email == learner.email
    assert certificate.achievement_title == "Flow Metrics Fundamentals"
    assert certificate.achievement_kind == AchievementKind.COURSE
    assert certificate.achievement_key == f"offering:{course.pk}"
    assert certificate.basis == IssueBasis.COMPLETION
    assert certificate.cpd_hours == Decimal("2.5") and certificate.cpd_credit_type == "general"
    assert certificate.language == "en" and certificate.version == 1  # the default template is only in English
    assert certificate.render_state == RenderState.PENDING and certificate.expires_at is None
    assert certificate.issuer_name == "Value Stream Management Consortium"
    assert certificate.achievement_id.startswith("http")
    assert [e.kind for e in certificate.events.all()] == [Event.ISSUED]


def test_issuing_again_returns_the_same_certificate(learner):
    certificate = issued_certificate(learner)
    enrolment_id = certificate.member.enrolments.get().pk
    assert issuance.issue_for_completion(enrolment_id).pk == certificate.pk
    assert Certificate.objects.count() == 1


def test_an_unfinished_course_or_unknown_enrolment_earns_nothing(learner):
    course = factories.build_offering(modules=1, lessons_per_module=2)
    enrolment = enrolment_rules.enrol(learner, course).enrolment
    assert issuance.issue_for_completion(enrolment.pk) is None
    assert issuance.issue_for_completion(999_999) is None
    assert not Certificate.objects.exists()


def test_an_ethics_module_certificate_uses_its_template_and_expires(learner):
    module = factories.build_ethics_module(modules=1, lessons_per_module=1)
    ethics_template = CertificateTemplateFactory(valid_for_months=36)
    TemplateAssignment.objects.create(template=ethics_template, offering=module)
    enrolment_rules.enrol(learner, module)
    for lesson in factories.lessons_of(module):
        progress_rules.complete_lesson(learner, lesson)
    progress_rules.sign_attestation(learner, module, learner.get_full_name())

    certificate = issuance.issue_for_completion(learner.enrolments.get().pk)

    assert certificate.achievement_kind == AchievementKind.ETHICS_MODULE
    assert certificate.cpd_credit_type == "ethics"
    assert certificate.template == ethics_template
    assert certificate.expires_at == issuance.add_months(certificate.issued_at, 36)


def test_attending_a_workshop_earns_one_certificate_per_event(learner):
    workshop = factories.build_workshop(sessions=[factories.session_spec(-3), factories.session_spec(-2)],
                                        cpd_hours=Decimal("3"))
    registration = attended_registration(learner, workshop)

    certificate = issuance.issue_for_attendance(registration.pk)

    assert certificate.achievement_kind == AchievementKind.WORKSHOP
    assert certificate.basis == IssueBasis.ATTENDANCE
    assert certificate.cpd_hours == Decimal("3")
    assert certificate.achievement_key == f"offering:{workshop.pk}"
    assert issuance.issue_for_attendance(registration.pk).pk == certificate.pk


def test_a_registration_without_attendance_earns_nothing(learner):
    webinar = factories.build_event()
    registration = register(learner, factories.sessions_of(webinar)[0])
    assert issuance.issue_for_attendance(registration.pk) is None


def test_the_completion_signal_issues_through_the_task_after_commit(learner, django_capture_on_commit_callbacks):
    course = factories.build_offering(modules=1, lessons_per_module=1)
    with django_capture_on_commit_callbacks(execute=True):
        enrolment = complete_course(learner, course)
    request = IssueRequest.objects.get(source="completion", source_id=enrolment.pk)
    assert request.settled_at is not None and "certificate" in request.outcome
    assert Certificate.objects.filter(member=learner).count() == 1


def test_the_attendance_signal_issues_too(learner, django_capture_on_commit_callbacks):
    webinar = factories.build_event(sessions=[factories.session_spec(-1)])
    with django_capture_on_commit_callbacks(execute=True):
        registration = attended_registration(learner, webinar)
    assert IssueRequest.objects.get(source="attendance", source_id=registration.pk).settled_at is not None
    assert Certificate.objects.get(member=learner).achievement_kind == AchievementKind.WEBINAR


# ------------------------------------------------------------------------------------------- by hand


def test_staff_issue_by_hand_with_a_note_kept_in_the_history(learner, staff):
    workshop = factories.build_workshop()
    outcome = issuance.issue_by_hand(learner, workshop, by=staff, note="Signed the paper register.")
    assert outcome.issued and outcome.certificate.basis == IssueBasis.STAFF
    event = outcome.certificate.events.get()
    assert event.by == staff and event.note == "Signed the paper register."

    again = issuance.issue_by_hand(learner, workshop, by=staff, note="Twice")
    assert not again.issued and again.certificate.pk == outcome.certificate.pk
    assert "already has" in again.message


def test_issuing_by_hand_needs_staff_and_a_note(learner, staff, instructor):
    course = factories.build_offering()
    with pytest.raises(IssuanceRefused) as refused:
        issuance.issue_by_hand(learner, course, by=instructor, note="Why not")
    assert refused.value.status == 403
    with pytest.raises(IssuanceRefused) as refused:
        issuance.issue_by_hand(learner, course, by=staff, note="   ")
    assert refused.value.status == 400 and "reason" in str(refused.value)
    learner.is_active = False
    learner.save()
    assert "deactivated" in issuance.issue_by_hand(learner, course, by=staff, note="n").message
    assert not Certificate.objects.exists()


def test_bulk_lines_are_checked_one_by_one_and_named():
    factories.MemberFactory(email="ana@example.org")
    factories.MemberFactory(email="ben@example.org", is_active=False)
    members, problems = issuance.members_from_lines(
        "ana@example.org\n\nnot-an-address\nnobody@example.org\nANA@example.org\nben@example.org\n"
    )
    assert [m.email for m in members] == ["ana@example.org"]
    assert [(p.line, p.text) for p in problems] == [
        (3, "not-an-address"), (4, "nobody@example.org"), (5, "ana@example.org"), (6, "ben@example.org")
    ]
    assert "repeats line 1" in problems[2].reason and "deactivated" in problems[3].reason


def test_bulk_issue_is_all_or_nothing(staff):
    course = factories.build_offering()
    ana, ben = factories.MemberFactory(), factories.MemberFactory()
    had = issuance.issue_by_hand(ana, course, by=staff, note="earlier").certificate
    ben.is_active = False
    ben.save()

    refused = issuance.issue_in_bulk(course, [ana, ben], by=staff, note="Paper register")
    assert not refused.applied and [p.text for p in refused.refused] == [ben.email]
    assert Certificate.objects.count() == 1

    ben.is_active = True
    ben.save()
    done = issuance.issue_in_bulk(course, [ana, ben], by=staff, note="Paper register")
    assert done.applied and [c.pk for c in done.already_had] == [had.pk]
    assert [c.member for c in done.issued] == [ben]


# ------------------------------------------------------------------------------------------- afterwards


def test_reissue_prints_the_current_name_and_keeps_the_old_version(learner, staff):
    old = issued_certificate(learner)
    learner.last_name = "Okafor-Smith"
    learner.save()

    new = issuance.reissue(old, by=staff, reason="Name changed on marriage")

    old.refresh_from_db()
    assert new.version == 2 and new.code != old.code
    assert new.recipient_name == learner.get_full_name() and old.recipient_name != new.recipient_name
    assert old.replaced_by == new and old.superseded_at is not None and not old.is_current
    assert issuance.certificate_status(old).code == "replaced"
    assert new.status_list_index != old.status_list_index
    assert new.cpd_hours == old.cpd_hours and new.expires_at == old.expires_at
    assert issuance.current_certificate(learner, old.achievement_key) == new
    assert [e.kind for e in old.events.all()] == [Event.ISSUED, Event.REISSUED]


def test_reissue_refuses_an_unchanged_name_a_revoked_or_replaced_certificate(learner, staff):
    certificate = issued_certificate(learner)
    with pytest.raises(IssuanceRefused, match="unchanged"):
        issuance.reissue(certificate, by=staff, reason="typo")
    learner.first_name = "Renamed"
    learner.save()
    issuance.reissue(certificate, by=staff, reason="renamed")
    with pytest.raises(IssuanceRefused, match="already replaced"):
        issuance.reissue(certificate, by=staff, reason="again")
    current = issuance.current_certificate(learner, certificate.achievement_key)
    issuance.revoke(current, "Plagiarism", by=staff, notify=False)
    learner.first_name = "Again"
    learner.save()
    with pytest.raises(IssuanceRefused, match="revoked"):
        issuance.reissue(current, by=staff, reason="renamed")


def test_revoking_keeps_the_record_with_its_reason(learner, staff, django_capture_on_commit_callbacks):
    certificate = issued_certificate(learner)
    with django_capture_on_commit_callbacks(execute=True):
        revoked = issuance.revoke(certificate, "Completed with someone else's account", by=staff, notify=True)

    assert revoked.revoked_at is not None and revoked.revoked_by == staff
    status = issuance.certificate_status(revoked)
    assert status.code == "revoked" and status.reason == "Completed with someone else's account"
    assert certificate.status_list_index in issuance.revoked_status_indices()
    assert [m.to for m in mail.outbox] == [[learner.email]]
    assert "revoked" in mail.outbox[0].subject and "someone else's account" in mail.outbox[0].body
    assert Event.NOTIFIED in revoked.events.values_list("kind", flat=True)

    with pytest.raises(IssuanceRefused, match="already revoked"):
        issuance.revoke(revoked, "again", by=staff, notify=False)


def test_revoking_needs_a_reason_and_staff(learner, staff, instructor):
    certificate = issued_certificate(learner)
    with pytest.raises(IssuanceRefused):
        issuance.revoke(certificate, "", by=staff, notify=False)
    with pytest.raises(IssuanceRefused):
        issuance.revoke(certificate, "reason", by=instructor, notify=False)
    certificate.refresh_from_db()
    assert certificate.revoked_at is None and issuance.revoked_status_indices() == []


def test_the_revocation_notice_goes_once(learner, staff, django_capture_on_commit_callbacks):
    from lms.tasks import send_letter

    certificate = issued_certificate(learner)
    with django_capture_on_commit_callbacks(execute=True):
        issuance.revoke(certificate, "Error", by=staff, notify=True)
    assert send_letter.delay(issuance.REVOCATION_NOTICE, certificate.pk).get() is False
    assert len(mail.outbox) == 1


def test_a_revocation_notice_whose_task_was_lost_is_sent_by_the_sweep(learner, staff,
                                                                     django_capture_on_commit_callbacks):
    from lms.tasks import sweep_outbox

    certificate = issued_certificate(learner)
    with django_capture_on_commit_callbacks(execute=False):
        issuance.revoke(certificate, "Error", by=staff, notify=True)  # the task that would send it is lost
    assert mail.outbox == []
    assert sweep_outbox()[issuance.REVOCATION_NOTICE] == 0, "its own task may still be on its way"

    Certificate.objects.filter(pk=certificate.pk).update(revoked_at=timezone.now() - timedelta(hours=1))
    assert sweep_outbox()[issuance.REVOCATION_NOTICE] == 1
    assert sweep_outbox()[issuance.REVOCATION_NOTICE] == 0
    assert [m.to for m in mail.outbox] == [[learner.email]]


def test_withdrawing_leaves_a_tombstone_for_every_version(learner, staff):
    first = issued_certificate(learner)
    learner.first_name = "Changed"
    learner.save()
    second = issuance.reissue(first, by=staff, reason="New name")

    withdrawn = issuance.withdraw(second, by=staff)

    assert {c.pk for c in withdrawn} == {first.pk, second.pk}
    for tombstone in withdrawn:
        assert tombstone.member is None and tombstone.recipient_name == "" and tombstone.recipient_email == ""
        assert tombstone.credential is None and not tombstone.pdf
        assert tombstone.code and tombstone.issued_at and tombstone.achievement_kind == AchievementKind.COURSE
        assert issuance.certificate_status(tombstone).code == "withdrawn"
        assert issuance.find_certificate(tombstone.code.lower()) == tombstone
        assert all(note == "" for note in tombstone.events.values_list("note", flat=True))
    assert set(issuance.revoked_status_indices()) == {first.status_list_index, second.status_list_index}
    with pytest.raises(IssuanceRefused, match="already withdrawn"):
        issuance.withdraw(second, by=staff)


def test_a_withdrawn_achievement_is_not_issued_again_by_a_repeated_announcement(learner, staff,
                                                                                django_capture_on_commit_callbacks):
    from certificates.receivers import request_certificate

    course = factories.build_offering(modules=1, lessons_per_module=1)
    with django_capture_on_commit_callbacks(execute=True):
        enrolment = complete_course(learner, course)
    issuance.withdraw(Certificate.objects.get(member=learner), by=staff)
    with django_capture_on_commit_callbacks(execute=True):
        request_certificate(IssueRequest.Source.COMPLETION, enrolment.pk)
    assert Certificate.objects.filter(member=learner).count() == 0


# ------------------------------------------------------------------------------------------- status


def test_status_precedence_and_the_listing_filter_agree(learner, staff):
    now = timezone.now()
    valid = issued_certificate()
    Certificate.objects.filter(pk=valid.pk).update(render_state=RenderState.READY, pdf="x.pdf")
    expired = issued_certificate()
    Certificate.objects.filter(pk=expired.pk).update(expires_at=now - timedelta(days=1))
    failed = issued_certificate()
    Certificate.objects.filter(pk=failed.pk).update(render_state=RenderState.FAILED, render_failure="No font")
    pending = issued_certificate()
    revoked = issuance.revoke(issued_certificate(), "Fraud", by=staff, notify=False)
    withdrawn = issuance.withdraw(issued_certificate(), by=staff)[0]
    replaced = issued_certificate(learner)
    learner.first_name = "Other"
    learner.save()
    replacement = issuance.reissue(replaced, by=staff, reason="name")

    expected = {valid: "valid", expired: "expired", failed: "failed", pending: "pending", revoked: "revoked",
                withdrawn: "withdrawn", replaced: "replaced", replacement: "pending"}
    for certificate, code in expected.items():
        certificate.refresh_from_db()
        assert issuance.certificate_status(certificate, now).code == code, certificate
    for code, _label in issuance.STATUS_CHOICES:
        listed = set(Certificate.objects.filter(issuance.status_condition(code, now)))
        assert listed == {c for c, c_code in expected.items() if c_code == code}, code
    with pytest.raises(ValueError):
        issuance.status_condition("bogus")


def test_codes_are_found_however_they_are_typed():
    certificate = issued_certificate()
    typed = certificate.code.replace("-", " ").lower().replace("1", "l").replace("0", "o")
    assert issuance.find_certificate(typed) == certificate
    assert issuance.find_certificate("not a code") is None
    assert issuance.record_matches_fingerprint(certificate)
    Certificate.objects.filter(pk=certificate.pk).update(cpd_hours=Decimal("99"))
    certificate.refresh_from_db()
    assert not issuance.record_matches_fingerprint(certificate)


def test_add_months_keeps_the_day_or_takes_the_months_last():
    start = timezone.now().replace(year=2025, month=1, day=31)
    assert issuance.add_months(start, 1).date().isoformat() == "2025-02-28"
    assert issuance.add_months(start, 36).date().isoformat() == "2028-01-31"
    assert issuance.add_months(start, 13).date().isoformat() == "2026-02-28"
