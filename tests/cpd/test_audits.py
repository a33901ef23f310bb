"""CPD audits (certificates/cpd/audits.py and the staff area audit_admin.py): a reproducible sample drawn from cycles
that closed in a period, bounded percent and count; evidence requested by letter; the member answering on /cpd/;
staff recording passed, failed or extended; every step in the append-only trail shown on the audit's page; two staff
recording an outcome at once (one wins, the other is told); staff only, and a member sees only their own case."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import DatabaseError, transaction
from django.urls import reverse
from django.utils import timezone

from certificates.cpd import audits
from certificates.cpd.models import Audit, AuditCase, AuditEvidence, Cycle, TrailEntry
from lms.refusal import Refused
from tests import factories
from tests.concurrency import run_together

from .factories import member_joined, pdf_upload, scheme

pytestmark = pytest.mark.django_db
INDEX = "/admin/cpd/audits/"
Action = TrailEntry.Action


def closed_cycles(count: int, *, last_day_ago: int = 30, practitioner=None) -> list[Cycle]:
    """`count` cycles of different members that closed, their last day `last_day_ago` days ago."""
    practitioner = practitioner or scheme()
    today = timezone.localdate()
    ends_on = today - timedelta(days=last_day_ago - 1)
    return [Cycle.objects.create(member=member_joined(today - timedelta(days=2000)), scheme=practitioner,
                                 starts_on=ends_on - timedelta(days=365), ends_on=ends_on, status=Cycle.Status.SHORT,
                                 counted_hours=Decimal(3), closed_at=timezone.now())
            for _ in range(count)]


def period(days_back: int = 60) -> dict:
    today = timezone.localdate()
    return {"starts_on": (today - timedelta(days=days_back)).isoformat(), "ends_on": today.isoformat()}


def test_the_same_seed_and_population_draw_the_same_sample_and_another_seed_another():
    ids = list(range(1, 201))
    first = audits.sample(ids, Decimal(5), seed=20261205)
    assert len(first) == 10
    assert audits.sample(ids, Decimal(5), seed=20261205) == first
    assert audits.sample(ids, Decimal(5), seed=7) != first
    assert audits.sample_size(3, Decimal("0.1")) == 1  # rounded up: a small population still gives one


def test_staff_draw_a_sample_of_cycles_that_closed_in_the_period(client):
    sampled_from = closed_cycles(40)
    closed_cycles(5, last_day_ago=400, practitioner=sampled_from[0].scheme)  # outside the period
    staff = factories.StaffFactory(first_name="Ada", last_name="Byron")
    client.force_login(staff)
    response = client.post(INDEX + "draw/", {**period(), "percent": "10", "seed": "42"})
    audit = Audit.objects.get()
    assert response.status_code == 303 and response["Location"] == reverse("cpd_audits:audit", args=[audit.pk])
    assert (audit.population, audit.seed, audit.percent) == (40, 42, Decimal(10))
    drawn = sorted(audit.cases.values_list("cycle_id", flat=True))
    assert drawn == audits.sample(sorted(c.pk for c in sampled_from), Decimal(10), 42)

    # The same seed over the same population draws the same cycles again.
    client.post(INDEX + "draw/", {**period(), "percent": "10", "seed": "42"})
    again = Audit.objects.exclude(pk=audit.pk).get()
    assert sorted(again.cases.values_list("cycle_id", flat=True)) == drawn

    page = client.get(reverse("cpd_audits:audit", args=[audit.pk])).content.decode()
    assert "Sample drawn" in page and "Ada Byron" in page and "seed 42" in page


@pytest.mark.parametrize(("form", "message"), [
    ({"percent": "0"}, "The percentage must be from 0.1 to 100."),
    ({"percent": "100.5"}, "The percentage must be from 0.1 to 100."),
    ({"percent": "lots"}, "Give the percentage as a number"),
    ({"percent": "5", "seed": "-3"}, "The seed must be a whole number"),
    ({"percent": "5", "starts_on": "yesterday"}, "as a date"),
])
def test_bad_draws_are_refused_with_a_reason(client, form, message):
    closed_cycles(2)
    client.force_login(factories.StaffFactory())
    response = client.post(INDEX + "draw/", {**period(), **form})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Audit.objects.exists()


def test_a_draw_over_the_most_an_audit_samples_is_refused(client):
    practitioner = scheme()
    members = [member_joined(timezone.localdate() - timedelta(days=9000)) for _ in range(12)]
    ends = timezone.localdate() - timedelta(days=10)
    Cycle.objects.bulk_create([  # 12 members' 50 one-day cycles one after another (one member's never overlap)
        Cycle(member=member, scheme=practitioner, starts_on=ends - timedelta(days=n + 1),
              ends_on=ends - timedelta(days=n), status=Cycle.Status.MET, counted_hours=Decimal(60),
              closed_at=timezone.now())
        for member in members for n in range(50)])
    client.force_login(factories.StaffFactory())
    response = client.post(INDEX + "draw/", {**period(), "percent": "100"})
    assert response.status_code == 400 and "at most 500" in response.content.decode()
    assert client.post(INDEX + "draw/", {**period(), "percent": "50"}).status_code == 303


def test_an_empty_population_is_refused(client):
    client.force_login(factories.StaffFactory())
    response = client.post(INDEX + "draw/", {**period(), "percent": "5"})
    assert response.status_code == 400 and "nothing to sample" in response.content.decode()


def drawn_case(staff) -> AuditCase:
    closed_cycles(1)
    today = timezone.localdate()
    audit = audits.draw(today - timedelta(days=60), today, Decimal(100), 1, staff)
    return audit.cases.get()


def test_request_answer_and_pass_each_in_the_trail(client, mailoutbox, django_capture_on_commit_callbacks):
    staff = factories.StaffFactory(first_name="Ada", last_name="Byron")
    case = drawn_case(staff)
    member = case.cycle.member
    client.force_login(staff)
    due = timezone.localdate() + timedelta(days=30)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("cpd_audits:request", args=[case.pk]),
                               {"version": case.version, "due_on": due.isoformat()})
    assert response.status_code == 303
    (letter,) = mailoutbox
    assert letter.to == [member.email] and letter.subject.startswith("CPD audit: your evidence is due by")
    assert "/cpd/" in letter.body and "List-Unsubscribe" not in letter.extra_headers  # transactional

    client.force_login(member)
    page = client.get("/cpd/").content.decode()
    assert "CPD audit: evidence requested" in page
    response = client.post(reverse("cpd:answer_audit", args=[case.pk]),
                           {"answer": "upload", "evidence": pdf_upload()})
    assert response.status_code == 303
    evidence = AuditEvidence.objects.get(case=case)
    assert client.get(reverse("cpd:audit_evidence", args=[evidence.pk])).status_code == 200

    case.refresh_from_db()
    assert (case.status, case.answer) == (AuditCase.Status.ANSWERED, AuditCase.Answer.UPLOADED)
    client.force_login(staff)
    assert client.get(reverse("cpd:audit_evidence", args=[evidence.pk])).status_code == 200
    response = client.post(reverse("cpd_audits:outcome", args=[case.pk]),
                           {"version": case.version, "outcome": "passed", "note": "Certificates match"})
    assert response.status_code == 303
    case.refresh_from_db()
    assert case.status == AuditCase.Status.PASSED and case.decided_by == staff

    steps = list(TrailEntry.objects.filter(audit=case.audit).order_by("at", "pk").values_list("action", "actor_name"))
    name = member.get_full_name()
    assert steps == [(Action.DRAWN, "Ada Byron"), (Action.REQUESTED, "Ada Byron"), (Action.REQUEST_SENT, ""),
                     (Action.UPLOADED, name), (Action.PASSED, "Ada Byron")]
    page = client.get(reverse("cpd_audits:audit", args=[case.audit_id])).content.decode()
    for label in ("Evidence requested, due", "Request e-mailed", "Evidence uploaded", "Passed: Certificates match"):
        assert label in page


def test_confirming_the_records_and_an_extension_then_a_failure(client):
    staff = factories.StaffFactory()
    case = drawn_case(staff)
    audits.request_evidence(case.pk, case.version, timezone.localdate() + timedelta(days=10), staff)
    client.force_login(case.cycle.member)
    assert client.post(reverse("cpd:answer_audit", args=[case.pk]), {"answer": "confirm"}).status_code == 303
    case.refresh_from_db()
    assert case.answer == AuditCase.Answer.CONFIRMED

    later = timezone.localdate() + timedelta(days=40)
    case = audits.record_outcome(case.pk, case.version, "extended", staff, later)
    assert (case.status, case.due_on) == (AuditCase.Status.EXTENDED, later)
    with pytest.raises(Refused, match="The due date must be after today"):
        audits.record_outcome(case.pk, case.version, "extended", staff, timezone.localdate())
    case = audits.record_outcome(case.pk, case.version, "failed", staff)
    assert case.status == AuditCase.Status.FAILED
    assert list(case.trail.values_list("action", flat=True).order_by("pk")) == [
        Action.REQUESTED, Action.CONFIRMED, Action.EXTENDED, Action.FAILED]
    client.force_login(case.cycle.member)  # decided: nothing more to answer
    assert client.post(reverse("cpd:answer_audit", args=[case.pk]), {"answer": "confirm"}).status_code == 404


def test_a_stale_form_is_refused_and_says_who_acted(client):
    staff, other = factories.StaffFactory(), factories.StaffFactory(first_name="Grace", last_name="Hopper")
    case = drawn_case(staff)
    case = audits.request_evidence(case.pk, case.version, timezone.localdate() + timedelta(days=10), staff)
    stale = case.version
    audits.record_outcome(case.pk, stale, "passed", other)
    client.force_login(staff)
    response = client.post(reverse("cpd_audits:outcome", args=[case.pk]), {"version": stale, "outcome": "failed"})
    assert response.status_code == 409
    assert "Grace Hopper recorded “Passed”" in response.content.decode()
    assert AuditCase.objects.get(pk=case.pk).status == AuditCase.Status.PASSED


@pytest.mark.django_db(transaction=True)
def test_two_staff_recording_an_outcome_at_once_record_one():
    staff = [factories.StaffFactory() for _ in range(4)]
    case = drawn_case(staff[0])
    case = audits.request_evidence(case.pk, case.version, timezone.localdate() + timedelta(days=10), staff[0])

    def record(index: int) -> str:
        try:
            audits.record_outcome(case.pk, case.version, "passed" if index % 2 else "failed", staff[index])
        except Refused as refused:
            assert refused.status == 409  # noqa: PT017 - the loser's refusal is the point
            return "refused"
        return "recorded"

    assert sorted(run_together(4, record)) == ["recorded", "refused", "refused", "refused"]
    assert TrailEntry.objects.filter(case=case, action__in=[Action.PASSED, Action.FAILED]).count() == 1


def test_the_trail_cannot_be_changed_or_deleted():
    staff = factories.StaffFactory()
    case = drawn_case(staff)
    entry = TrailEntry.objects.get(audit=case.audit)
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        TrailEntry.objects.filter(pk=entry.pk).update(detail="nothing happened")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        TrailEntry.objects.filter(pk=entry.pk).delete()
    assert TrailEntry.objects.get(pk=entry.pk).detail == entry.detail


def test_only_staff_reach_the_audits_and_members_only_their_own_case(client):
    staff = factories.StaffFactory()
    case = drawn_case(staff)
    audits.request_evidence(case.pk, case.version, timezone.localdate() + timedelta(days=10), staff)
    client.force_login(factories.InstructorFactory())  # has admin access, is not staff
    assert client.get(INDEX).status_code == 403
    assert client.get(reverse("cpd_audits:audit", args=[case.audit_id])).status_code == 403
    assert client.post(INDEX + "draw/", {**period(), "percent": "5"}).status_code == 403
    assert client.post(reverse("cpd_audits:outcome", args=[case.pk]),
                       {"version": 2, "outcome": "passed"}).status_code == 403
    stranger = factories.MemberFactory()
    client.force_login(stranger)
    assert client.get(INDEX).status_code in (302, 403)
    assert client.post(reverse("cpd:answer_audit", args=[case.pk]), {"answer": "confirm"}).status_code == 404
    assert AuditCase.objects.get(pk=case.pk).status == AuditCase.Status.REQUESTED
    assert Audit.objects.count() == 1


def test_the_audit_page_costs_the_same_queries_however_many_cases(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    staff = factories.StaffFactory()
    client.force_login(staff)
    today = timezone.localdate()

    def queries_for(cases: int) -> int:
        practitioner = scheme(name=f"Scheme {cases}")
        closed_cycles(cases, last_day_ago=30 + cases, practitioner=practitioner)
        day = today - timedelta(days=30 + cases)  # the cycles' last day
        audit = audits.draw(day, day, Decimal(100), 5, staff)
        for case in audit.cases.all()[:2]:
            audits.request_evidence(case.pk, case.version, today + timedelta(days=10), staff)
        url = reverse("cpd_audits:audit", args=[audit.pk])
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    assert queries_for(2) == queries_for(12)
