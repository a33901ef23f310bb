"""Staff review of external activities: the queue in the admin (staff only), approving and rejecting with a reason,
deciding twice or at once (one decision, a clear message to the second), and approved hours counting in the cycle
within the category cap."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from certificates.cpd import cycles, review
from certificates.cpd.models import ExternalActivity
from certificates.cpd.progress import cycle_progress
from lms.refusal import Refused
from tests import factories
from tests.concurrency import run_together

from .factories import activity, member_joined, scheme

pytestmark = pytest.mark.django_db
QUEUE = "/admin/cpd/review/"


@pytest.fixture
def member():
    scheme()
    return member_joined(timezone.localdate() - timedelta(days=100))


def decide_url(item: ExternalActivity) -> str:
    return reverse("cpd_admin:decide", args=[item.pk])


def test_the_queue_lists_submitted_activities_oldest_first_with_their_evidence(client, member):
    older = activity(member, title="Older talk")
    newer = activity(member, title="Newer talk")
    ExternalActivity.objects.filter(pk=older.pk).update(submitted_at=timezone.now() - timedelta(days=2))
    activity(member, title="Decided talk", status=ExternalActivity.Status.APPROVED)
    client.force_login(factories.StaffFactory())
    page = client.get(QUEUE).content.decode()
    assert page.index("Older talk") < page.index("Newer talk")
    assert "Decided talk" not in page
    assert reverse("cpd:evidence", args=[newer.pk]) in page


def test_a_plain_member_cannot_reach_the_queue_or_decide(client, member):
    item = activity(member)
    client.force_login(factories.InstructorFactory())  # has admin access, is not staff
    assert client.get(QUEUE).status_code == 403
    assert client.post(decide_url(item), {"decision": "approve"}).status_code == 403
    client.force_login(member)
    assert client.get(QUEUE).status_code in (302, 403)
    assert client.post(decide_url(item), {"decision": "approve"}).status_code in (302, 403)
    item.refresh_from_db()
    assert item.status == ExternalActivity.Status.SUBMITTED


def test_approving_counts_the_hours_within_the_cap(client, member):
    first = activity(member, hours="20", category="giving_back")
    second = activity(member, hours="10", category="giving_back", title="Mentoring day")
    client.force_login(factories.StaffFactory())
    for item in (first, second):
        response = client.post(decide_url(item), {"decision": "approve"})
        assert response.status_code == 303
    cycle = cycles.current_cycle(member, member_scheme(member))
    giving_back = next(c for c in cycle_progress(cycle, timezone.localdate()).categories if c.category == "giving_back")
    assert (giving_back.earned, giving_back.counted, giving_back.not_counted) == (30, 25, 5)


def member_scheme(member):
    return cycles.schemes_for(member)[0]


def test_rejecting_needs_a_reason_the_member_then_reads(client, member):
    item = activity(member)
    client.force_login(factories.StaffFactory())
    response = client.post(decide_url(item), {"decision": "reject", "reason": "  "})
    assert response.status_code == 400
    assert "Give the member a reason" in response.content.decode()
    assert client.post(decide_url(item), {"decision": "reject", "reason": "No attendance shown"}).status_code == 303
    item.refresh_from_db()
    assert (item.status, item.reason) == ("rejected", "No attendance shown")
    client.force_login(member)
    assert "No attendance shown" in client.get("/cpd/").content.decode()


def test_deciding_twice_changes_nothing_and_says_who_decided(client, member):
    item = activity(member)
    staff = factories.StaffFactory(first_name="Rosa", last_name="Parks")
    client.force_login(staff)
    assert client.post(decide_url(item), {"decision": "approve"}).status_code == 303
    again = client.post(decide_url(item), {"decision": "reject", "reason": "Changed my mind"})
    assert again.status_code == 409
    assert "already approved by Rosa Parks" in again.content.decode()
    item.refresh_from_db()
    assert item.status == "approved" and item.reason == ""


def test_an_unknown_activity_is_not_found(client):
    client.force_login(factories.StaffFactory())
    assert client.post("/admin/cpd/review/999999/decide/", {"decision": "approve"}).status_code == 404


@pytest.mark.django_db(transaction=True)
def test_two_staff_deciding_at_once_make_one_decision():
    scheme()
    member = member_joined(timezone.localdate() - timedelta(days=100))
    item = activity(member)
    reviewers = [factories.StaffFactory() for _ in range(6)]

    def decide(index: int) -> str:
        try:
            review.decide(item.pk, approve=index % 2 == 0, reviewer=reviewers[index], reason="Seen")
        except Refused as refused:
            assert refused.status == 409  # noqa: PT017 - the losers' refusal is the point
            return "refused"
        return "decided"

    outcomes = run_together(6, decide)
    assert outcomes.count("decided") == 1 and outcomes.count("refused") == 5
    item.refresh_from_db()
    assert item.reviewer in reviewers and item.decided_at is not None
