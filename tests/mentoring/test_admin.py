"""The staff side in the real Wagtail admin: creating a round, running, reviewing with scores and explanations,
adjusting by hand, publishing, withdrawing, and who is kept out."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from mentoring.models import MatchingRound, MatchProposal, PairAdjustment, RoundApplication
from tests import factories

from .factories import RoundFactory, applied, mentee, mentor, staff_member, topic

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    client.force_login(staff_member())
    return client


def text_of(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def round_form(**overrides) -> dict:
    today = timezone.localdate()
    data = {
        "title": "Spring cohort", "description": "Six months of mentoring.",
        "eligible_career_stages": ["student", "early_career"], "eligible_tiers": [],
        "applications_open_on": today.isoformat(), "applications_close_on": (today + timedelta(14)).isoformat(),
        "ends_on": (today + timedelta(200)).isoformat(), "weight_expertise": "3", "weight_language": "1",
        "weight_career_stage": "1", "weight_availability": "2", "weight_region": "1", "weight_identity": "1",
        "min_overlap_hours": "2", "full_credit_overlap_hours": "4", "fairness_floor": "on",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize("who", ["member", "instructor"])
def test_the_mentoring_admin_is_staff_only(client, who):
    user = factories.MemberFactory() if who == "member" else factories.InstructorFactory()
    round = RoundFactory()
    client.force_login(user)
    for url in (reverse("mentoring_admin:index"), reverse("mentoring_admin:round", args=[round.pk]),
                reverse("mentoring_admin:health", args=[round.pk])):
        response = client.get(url)
        assert response.status_code in (302, 403)
        assert round.title not in response.content.decode()
    response = client.post(reverse("mentoring_admin:run", args=[round.pk]))
    assert response.status_code in (302, 403)
    assert not round.runs.exists()


def test_staff_create_a_round_and_bad_dates_are_refused_clearly(staff_client):
    response = staff_client.post(reverse("mentoring_admin:add"), round_form(
        applications_close_on=(timezone.localdate() - timedelta(1)).isoformat()))
    assert response.status_code == 400
    assert "Applications cannot close before they open." in text_of(response)
    response = staff_client.post(reverse("mentoring_admin:add"), round_form(weight_expertise="500"))
    assert response.status_code == 400
    assert "Ensure this value is less than or equal to 100." in text_of(response)
    assert not MatchingRound.objects.exists()
    response = staff_client.post(reverse("mentoring_admin:add"), round_form())
    round = MatchingRound.objects.get()
    assert response.status_code == 303 and response["Location"] == reverse("mentoring_admin:round", args=[round.pk])
    assert round.eligible_career_stages == ["student", "early_career"] and round.fairness_floor


def test_staff_run_review_adjust_and_publish_in_the_admin(staff_client, mailoutbox,
                                                          django_capture_on_commit_callbacks):
    flow = topic("Flow metrics")
    round = RoundFactory(title="Spring cohort")
    star = mentor(expertise=[flow], capacity=1, first_name="Star", last_name="Mentor")
    other = mentor(capacity=1, first_name="Other", last_name="Mentor")
    asking = mentee(wanted=[flow], first_name="Ines", last_name="Mentee")
    apps = {p.member_id: applied(p, round) for p in (star, other, asking)}
    detail = reverse("mentoring_admin:round", args=[round.pk])

    response = staff_client.post(reverse("mentoring_admin:run", args=[round.pk]))
    assert response.status_code == 303
    page = text_of(staff_client.get(detail))
    assert "Proposed pairs to review (1)" in page
    assert "Ines Mentee" in page and "Star Mentor" in page
    assert "expertise asked for: Flow metrics" in page
    assert "1 of 1 mentees matched with 2 mentors" in page

    draft = MatchProposal.objects.get(round=round, status=MatchProposal.Status.DRAFT)
    response = staff_client.post(reverse("mentoring_admin:forbid_draft", args=[round.pk, draft.pk]))
    assert response.status_code == 303
    [again] = MatchProposal.objects.filter(round=round, status=MatchProposal.Status.DRAFT)
    assert again.mentor_id == other.member_id
    forbid = PairAdjustment.objects.get()
    assert forbid.kind == PairAdjustment.Kind.FORBID

    staff_client.post(reverse("mentoring_admin:remove_adjustment", args=[round.pk, forbid.pk]))
    staff_client.post(reverse("mentoring_admin:adjust", args=[round.pk]), {
        "mentee": apps[asking.member_id].pk, "mentor": apps[other.member_id].pk, "kind": "fix"})
    [kept] = MatchProposal.objects.filter(round=round, status=MatchProposal.Status.DRAFT)
    assert kept.mentor_id == other.member_id and kept.fixed_by_staff
    assert "kept by staff" in text_of(staff_client.get(detail))

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(reverse("mentoring_admin:publish", args=[round.pk]))
    assert response.status_code == 303
    kept.refresh_from_db()
    assert kept.status == MatchProposal.Status.PUBLISHED
    assert sorted(m.to[0] for m in mailoutbox) == sorted([asking.member.email, other.member.email])

    staff_client.post(reverse("mentoring_admin:withdraw", args=[round.pk, kept.pk]), {"confirm": "yes"})
    kept.refresh_from_db()
    assert kept.status == MatchProposal.Status.WITHDRAWN


def test_an_adjustment_the_matcher_cannot_keep_is_shown_as_an_error(staff_client):
    round = RoundFactory()
    colleague = mentor(employer="Acme", first_name="Col")
    asking = mentee(employer="ACME")
    apps = {p.member_id: applied(p, round) for p in (colleague, asking)}
    response = staff_client.post(reverse("mentoring_admin:adjust", args=[round.pk]), {
        "mentee": apps[asking.member_id].pk, "mentor": apps[colleague.member_id].pk, "kind": "fix"}, follow=True)
    assert "cannot be paired: same employer" in text_of(response)
    assert not PairAdjustment.objects.exists()
    response = staff_client.post(reverse("mentoring_admin:adjust", args=[round.pk]), {
        "mentee": apps[colleague.member_id].pk, "mentor": "nonsense", "kind": "fix"}, follow=True)
    assert "Select a valid choice" in text_of(response)


def test_an_impossible_round_shows_why_in_the_admin(staff_client):
    round = RoundFactory()
    applied(mentor(languages=("ja",)), round)
    applied(mentee(languages=("pt",)), round)
    response = staff_client.post(reverse("mentoring_admin:run", args=[round.pk]), follow=True)
    page = text_of(response)
    assert "Impossible round" in page and "no shared language: 1 pair" in page
    assert "no allowed mentor" in page


def test_a_withdrawn_applicant_is_not_in_the_adjustment_choices(staff_client):
    round = RoundFactory()
    gone = mentee(first_name="Gone", last_name="Away")
    application = applied(gone, round)
    application.status = RoundApplication.Status.WITHDRAWN
    application.save()
    applied(mentee(first_name="Still", last_name="Here"), round)
    page = text_of(staff_client.get(reverse("mentoring_admin:round", args=[round.pk])))
    assert "Still Here" in page and "Gone Away" not in page
