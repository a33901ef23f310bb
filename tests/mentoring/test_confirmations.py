"""Ending things in mentoring asks first: closing a relationship, ending it for a re-match, taking back a request,
leaving a round, and (staff) withdrawing a published proposal. The button's POST shows what will happen; only the
confirmed POST (confirm=yes) acts; who may act is checked on both steps."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from mentoring import relationships as relationship_rules
from mentoring import requests as request_rules
from mentoring import rounds as round_rules
from mentoring.models import MatchProposal, Mentorship, MentorshipRequest, RoundApplication
from tests import factories

from .factories import RoundFactory, applied, mentee, mentor

pytestmark = pytest.mark.django_db
CONFIRMED = {"confirm": "yes"}


def direct_mentorship() -> Mentorship:
    wanted, asking = mentor(capacity=3), mentee()
    return request_rules.accept_request(request_rules.request_mentor(asking.member, wanted, "Please."), wanted.member)


def asks(response, *texts: str) -> bool:
    page = response.content.decode()
    return (
        response.status_code == 200
        and 'name="confirm" value="yes"' in page
        and "csrfmiddlewaretoken" in page
        and all(text in page for text in texts)
    )


def test_closing_a_mentorship_asks_then_closes(client):
    mentorship = direct_mentorship()
    client.force_login(mentorship.mentee)
    url = reverse("mentoring:close", args=[mentorship.pk])
    answers = {"close-reason": "no_time", "close-note": "Changed jobs"}

    response = client.post(url, answers)
    assert asks(response, "End this mentoring?", "cannot be undone", 'name="close-note" value="Changed jobs"')
    assert Mentorship.objects.get(pk=mentorship.pk).closed_at is None

    assert client.post(url, {**answers, **CONFIRMED}).status_code == 303
    mentorship.refresh_from_db()
    assert mentorship.closed_at is not None and mentorship.closure_reason == "no_time"


def test_closing_is_only_for_the_pair_on_both_steps(client):
    mentorship = direct_mentorship()
    client.force_login(factories.MemberFactory())
    url = reverse("mentoring:close", args=[mentorship.pk])
    for data in ({"close-reason": "other"}, {"close-reason": "other", **CONFIRMED}):
        assert client.post(url, data).status_code == 404
    assert Mentorship.objects.get(pk=mentorship.pk).closed_at is None


def test_ending_a_pairing_for_a_rematch_asks_first(client):
    mentorship = direct_mentorship()
    relationship_rules.log_meeting(mentorship, mentorship.mentee, timezone.localdate(), 50, "video", "")
    relationship_rules.answer_fit(mentorship, mentorship.mentee, False, "")
    client.force_login(mentorship.mentee)
    url = reverse("mentoring:rematch", args=[mentorship.pk])

    assert asks(client.post(url, {"note": "Different field"}), "End this pairing?")
    assert Mentorship.objects.get(pk=mentorship.pk).closed_at is None

    assert client.post(url, {"note": "Different field", **CONFIRMED}).status_code == 303
    assert Mentorship.objects.get(pk=mentorship.pk).rematch_requested


def test_withdrawing_a_request_asks_first(client):
    wanted, asking = mentor(), mentee()
    sent = request_rules.request_mentor(asking.member, wanted, "Please.")
    url = reverse("mentoring:answer_request", args=[sent.pk, "withdraw"])
    client.force_login(asking.member)

    assert asks(client.post(url), "Withdraw your request?")
    assert MentorshipRequest.objects.get(pk=sent.pk).status == MentorshipRequest.Status.PENDING

    assert client.post(url, CONFIRMED).status_code == 303
    assert MentorshipRequest.objects.get(pk=sent.pk).status == MentorshipRequest.Status.WITHDRAWN


def test_the_mentor_cannot_withdraw_the_mentees_request_on_either_step(client):
    wanted, asking = mentor(), mentee()
    sent = request_rules.request_mentor(asking.member, wanted, "Please.")
    client.force_login(wanted.member)
    url = reverse("mentoring:answer_request", args=[sent.pk, "withdraw"])
    for data in ({}, CONFIRMED):
        assert client.post(url, data).status_code == 403
    assert MentorshipRequest.objects.get(pk=sent.pk).status == MentorshipRequest.Status.PENDING


def test_leaving_a_round_asks_first(client):
    round = RoundFactory()
    application = applied(mentee(), round)
    client.force_login(application.member)
    url = reverse("mentoring:withdraw_application", args=[round.pk, "mentee"])

    assert asks(client.post(url), "Leave", round.title)
    assert RoundApplication.objects.get(pk=application.pk).status == RoundApplication.Status.ACTIVE

    assert client.post(url, CONFIRMED).status_code == 303
    assert RoundApplication.objects.get(pk=application.pk).status == RoundApplication.Status.WITHDRAWN


def test_staff_are_asked_before_a_published_proposal_is_withdrawn(client):
    round = RoundFactory()
    staff = factories.StaffFactory()
    applied(mentor(), round)
    applied(mentee(), round)
    round_rules.run_matcher(round, staff)
    round_rules.publish(round, staff)
    proposal = MatchProposal.objects.get(round=round, status=MatchProposal.Status.PUBLISHED)
    url = reverse("mentoring_admin:withdraw", args=[round.pk, proposal.pk])

    client.force_login(factories.InstructorFactory())
    for data in ({}, CONFIRMED):
        assert client.post(url, data).status_code == 403
    client.force_login(staff)
    assert asks(client.post(url), "Withdraw this proposal?", "cannot be undone")
    assert MatchProposal.objects.get(pk=proposal.pk).status == MatchProposal.Status.PUBLISHED

    assert client.post(url, CONFIRMED).status_code == 303
    assert MatchProposal.objects.get(pk=proposal.pk).status == MatchProposal.Status.WITHDRAWN


def test_declining_a_request_asks_first_and_keeps_the_reply(client):
    wanted, asking = mentor(), mentee()
    sent = request_rules.request_mentor(asking.member, wanted, "Please.")
    url = reverse("mentoring:answer_request", args=[sent.pk, "decline"])
    client.force_login(wanted.member)

    assert asks(
        client.post(url, {"reply": "Full this term"}), "Decline this request?", 'name="reply" value="Full this term"'
    )
    assert MentorshipRequest.objects.get(pk=sent.pk).status == MentorshipRequest.Status.PENDING

    assert client.post(url, {"reply": "Full this term", **CONFIRMED}).status_code == 303
    assert MentorshipRequest.objects.get(pk=sent.pk).status == MentorshipRequest.Status.DECLINED


def test_declining_a_proposal_asks_first_accepting_does_not(client):
    round, staff = RoundFactory(), factories.StaffFactory()
    the_mentor, the_mentee = mentor(), mentee()
    applied(the_mentor, round)
    applied(the_mentee, round)
    round_rules.run_matcher(round, staff)
    round_rules.publish(round, staff)
    proposal = MatchProposal.objects.get(round=round, status=MatchProposal.Status.PUBLISHED)
    url = reverse("mentoring:answer_proposal", args=[proposal.pk])

    client.force_login(factories.MemberFactory())
    for data in ({"answer": "decline"}, {"answer": "decline", **CONFIRMED}):
        assert client.post(url, data).status_code == 404
    client.force_login(the_mentee.member)
    assert asks(client.post(url, {"answer": "decline"}), "Decline this match?", 'name="answer" value="decline"')
    assert MatchProposal.objects.get(pk=proposal.pk).status == MatchProposal.Status.PUBLISHED

    assert client.post(url, {"answer": "decline", **CONFIRMED}).status_code == 303
    assert MatchProposal.objects.get(pk=proposal.pk).status == MatchProposal.Status.DECLINED
