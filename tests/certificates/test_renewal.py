"""Renewal (certificates/renewal.py): a refresher completed or attended, or a met CPD cycle, makes a new version
of the certificates of the templates it renews, with a new expiry; the old version is kept as replaced, and both
say "renewed" in their history. A lapsed certificate renews within the 90-day grace period, not after."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from certificates import issuance, renewal
from certificates.cpd import cycles
from certificates.cpd.models import Cycle, ExternalActivity
from certificates.issuance import add_months
from certificates.models import Certificate, CertificateEvent
from courses.events import attendance
from tests import factories
from tests.courses.events_admin_support import register
from tests.cpd.factories import activity, member_joined, scheme

from .factories import complete_course
from .renewal_support import MONTHS, expiring_certificate, expiring_template, refresher_course

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]

Event = CertificateEvent.Kind


def current_version(certificate: Certificate) -> Certificate:
    return Certificate.objects.get(member_id=certificate.member_id, achievement_key=certificate.achievement_key,
                                   superseded_at__isnull=True)


def test_completing_the_refresher_renews_the_certificate_as_a_new_version(django_capture_on_commit_callbacks):
    refresher = refresher_course()
    old = expiring_certificate(expires_in=timedelta(days=20), template=expiring_template(refresher=refresher))

    with django_capture_on_commit_callbacks(execute=True):
        complete_course(old.member, refresher)

    old.refresh_from_db()
    new = current_version(old)
    assert new.version == 2 and new.pk != old.pk
    assert old.superseded_at is not None and old.replaced_by_id == new.pk
    # Renewed within the last 90 days: the new validity runs from the old expiry, so answering a reminder loses nothing.
    assert new.expires_at == add_months(old.expires_at, MONTHS)
    assert issuance.certificate_status(old).code == "replaced"
    assert Event.RENEWED in [e.kind for e in old.events.all()]
    assert f"Renewed by {new.code}: refresher Ethics refresher" in old.events.get(kind=Event.RENEWED).note
    assert new.events.get(kind=Event.ISSUED).note.startswith(f"Renewal of {old.code}")
    assert new.template_id == old.template_id and new.achievement_key == old.achievement_key
    # The refresher earned its own certificate too, and only that one and the renewal are current.
    assert old.member.certificates.filter(superseded_at__isnull=True).count() == 2


def test_the_issue_task_run_again_renews_once(django_capture_on_commit_callbacks):
    refresher = refresher_course()
    old = expiring_certificate(expires_in=timedelta(days=20), template=expiring_template(refresher=refresher))
    with django_capture_on_commit_callbacks(execute=True):
        enrolment = complete_course(old.member, refresher)

    assert renewal.renew_for_completion(enrolment.pk) == []
    assert Certificate.objects.filter(achievement_key=old.achievement_key).count() == 2


def test_renewing_long_before_the_expiry_starts_the_new_validity_at_the_renewal():
    refresher = refresher_course()
    old = expiring_certificate(expires_in=timedelta(days=400), template=expiring_template(refresher=refresher))
    moment = timezone.now().replace(microsecond=0)

    [new] = renewal.renew_for_refresher(old.member_id, refresher, moment)

    assert new.expires_at == add_months(moment, MONTHS)


def test_attending_a_refresher_event_renews_too():
    event = factories.build_event(title="Ethics refresher live", sessions=[factories.session_spec(-1)])
    old = expiring_certificate(expires_in=timedelta(days=5), template=expiring_template(refresher=event))
    session = factories.sessions_of(event)[0]
    registration = register(old.member, session)
    attendance.check_in(registration, actor=factories.StaffFactory(), now=session.starts_at)

    [new] = renewal.renew_for_attendance(registration.pk)

    assert new.version == 2 and new.expires_at == add_months(old.expires_at, MONTHS)


def test_another_offering_or_another_template_renews_nothing():
    refresher = refresher_course()
    other = refresher_course("Flow refresher")
    old = expiring_certificate(expires_in=timedelta(days=20), template=expiring_template(refresher=refresher))
    untouched = expiring_certificate(old.member, expires_in=timedelta(days=20), title="Other ethics module")

    assert renewal.renew_for_refresher(old.member_id, other, timezone.now()) == []
    [new] = renewal.renew_for_refresher(old.member_id, refresher, timezone.now())
    assert new.achievement_key == old.achievement_key
    assert current_version(untouched).pk == untouched.pk


def test_a_revoked_certificate_is_not_renewed(staff):
    refresher = refresher_course()
    old = expiring_certificate(expires_in=timedelta(days=20), template=expiring_template(refresher=refresher))
    issuance.revoke(old, "Issued in error", by=staff, notify=False)

    assert renewal.renew_for_refresher(old.member_id, refresher, timezone.now()) == []
    assert current_version(old).pk == old.pk


@pytest.mark.parametrize(("after_expiry", "renewed"), [
    (timedelta(days=89), True),
    (renewal.GRACE, True),  # the last moment of the grace period
    (renewal.GRACE + timedelta(seconds=1), False),
    (timedelta(days=365), False),
])
def test_an_expired_certificate_renews_within_the_grace_period_only(after_expiry, renewed):
    refresher = refresher_course()
    old = expiring_certificate(expires_in=timedelta(days=-200), template=expiring_template(refresher=refresher))
    moment = old.expires_at + after_expiry

    made = renewal.renew_for_refresher(old.member_id, refresher, moment)

    assert bool(made) is renewed
    if renewed:
        # After expiry the lapse is not backdated: the new validity starts at the renewal.
        assert made[0].expires_at == add_months(moment, MONTHS)
        assert issuance.certificate_status(made[0]).code in ("pending", "valid")


def test_a_met_cpd_cycle_renews_the_certificates_its_template_names():
    today = timezone.localdate()
    practitioner = scheme(required="5", months=12, ethics_min=None, giving_back_max=None)
    member = member_joined(today - timedelta(days=500))
    cycle = Cycle.objects.create(member=member, scheme=practitioner, starts_on=today - timedelta(days=400),
                                 ends_on=today - timedelta(days=2))
    activity(member, hours="6", day=today - timedelta(days=100), status=ExternalActivity.Status.APPROVED)
    by_cycle = expiring_certificate(member, expires_in=timedelta(days=20),
                                    template=expiring_template(by_cpd_cycle=True))
    not_by_cycle = expiring_certificate(member, expires_in=timedelta(days=20), title="Another module")

    assert cycles.close(cycle, today) is True

    new = current_version(by_cycle)
    assert new.version == 2 and new.expires_at == add_months(by_cycle.expires_at, MONTHS)
    assert "a met CPD cycle" in by_cycle.events.get(kind=Event.RENEWED).note
    assert current_version(not_by_cycle).pk == not_by_cycle.pk
    assert cycles.close(cycle, today) is False  # closed once: nothing renewed twice
    assert Certificate.objects.filter(achievement_key=by_cycle.achievement_key).count() == 2


def test_a_short_cpd_cycle_renews_nothing():
    today = timezone.localdate()
    member = member_joined(today - timedelta(days=500))
    cycle = Cycle.objects.create(member=member, scheme=scheme(required="5", months=12, ethics_min=None,
                                                              giving_back_max=None),
                                 starts_on=today - timedelta(days=400), ends_on=today - timedelta(days=2))
    certificate = expiring_certificate(member, expires_in=timedelta(days=20),
                                       template=expiring_template(by_cpd_cycle=True))

    cycles.close(cycle, today)

    assert Cycle.objects.get(pk=cycle.pk).status == Cycle.Status.SHORT
    assert current_version(certificate).pk == certificate.pk


def test_renew_for_met_cycle_counts_from_the_cycle_end_not_the_day_it_was_closed():
    certificate = expiring_certificate(expires_in=timedelta(days=-100),
                                       template=expiring_template(by_cpd_cycle=True))
    ended_on = timezone.localtime(certificate.expires_at).date() + timedelta(days=30)  # within grace at its end

    [new] = renewal.renew_for_met_cycle(certificate.member_id, ended_on)

    assert new.version == 2


def test_a_renewal_route_needs_a_validity():
    template = expiring_template(refresher=refresher_course())
    template.valid_for_months = None
    with pytest.raises(ValidationError) as refused:
        template.clean()
    assert "valid_for_months" in refused.value.message_dict
