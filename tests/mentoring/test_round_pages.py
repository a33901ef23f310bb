"""Rounds through the member pages: applying, seeing one's own application only, reading a proposal's explanation,
answering it, and the clear refusals (a withdrawn proposal, someone else's proposal, a draft)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from mentoring import rounds as round_rules
from mentoring.models import MatchProposal, RoundApplication

from .factories import RoundFactory, applied, mentee, mentor, staff_member, topic

pytestmark = pytest.mark.django_db


def text_of(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def test_a_member_applies_as_a_mentee_through_the_round_page(client):
    round = RoundFactory(title="Autumn cohort")
    profile = mentee()
    client.force_login(profile.member)
    page = text_of(client.get(reverse("mentoring:round", args=[round.pk])))
    assert "Autumn cohort" in page and "As a mentee" in page and "Fill in your mentor profile first" in page
    response = client.post(reverse("mentoring:apply", args=[round.pk, "mentee"]),
                           {"mentee-wants_fairness_support": "on", "mentee-note": "Evenings only"})
    assert response.status_code == 303
    application = RoundApplication.objects.get(member=profile.member)
    assert application.role == "mentee" and application.wants_fairness_support and application.note == "Evenings only"
    assert "You applied on" in text_of(client.get(reverse("mentoring:round", args=[round.pk])))


def test_applying_without_a_profile_through_the_page_is_a_clear_409(client):
    round = RoundFactory()
    profile = mentee()
    client.force_login(profile.member)
    response = client.post(reverse("mentoring:apply", args=[round.pk, "mentor"]), {})
    assert response.status_code == 409 and "Fill in your mentor profile first." in text_of(response)
    assert client.post(reverse("mentoring:apply", args=[round.pk, "boss"]), {}).status_code == 404


def test_a_mentee_sees_only_their_own_application(client):
    round = RoundFactory()
    mine, theirs = mentee(), mentee()
    applied(mine, round, note="My own note")
    applied(theirs, round, note="Their private note")
    client.force_login(mine.member)
    for url in (reverse("mentoring:round", args=[round.pk]), reverse("mentoring:home")):
        page = text_of(client.get(url))
        assert "Their private note" not in page and str(theirs.member) not in page


def published(staff):
    flow = topic("Flow metrics")
    round = RoundFactory()
    the_mentor = mentor(expertise=[flow], capacity=1, first_name="Maya")
    the_mentee = mentee(wanted=[flow], first_name="Ines")
    applied(the_mentor, round)
    applied(the_mentee, round)
    round_rules.run_matcher(round, staff)
    draft = MatchProposal.objects.get(round=round)
    return round, the_mentor, the_mentee, draft


def test_a_proposal_shows_its_explanation_to_its_two_people_only_and_only_once_published(client):
    staff = staff_member()
    round, the_mentor, the_mentee, proposal = published(staff)
    url = reverse("mentoring:proposal", args=[proposal.pk])
    client.force_login(the_mentee.member)
    assert client.get(url).status_code == 404, "a draft is staff's working copy"
    round_rules.publish(round, staff)
    page = text_of(client.get(url))
    assert f"{the_mentor.member}, proposed as your mentor" in page
    assert "expertise asked for: Flow metrics" in page and "shared language: English" in page
    assert the_mentor.member.email not in page, "contact details come with the match, not the proposal"
    client.force_login(mentee().member)
    assert client.get(url).status_code == 404


def test_both_accept_through_the_page_and_the_relationship_opens(client):
    staff = staff_member()
    round, the_mentor, the_mentee, proposal = published(staff)
    round_rules.publish(round, staff)
    url = reverse("mentoring:answer_proposal", args=[proposal.pk])
    client.force_login(the_mentee.member)
    assert client.post(url, {"answer": "accept"}).status_code == 303
    assert client.post(url, {"answer": "maybe"}).status_code == 400
    client.force_login(the_mentor.member)
    response = client.post(url, {"answer": "accept"})
    assert response.status_code == 303 and "/mentoring/relationships/" in response["Location"]
    page = text_of(client.get(response["Location"]))
    assert the_mentee.member.email in page and "Usually on Signal" in page


def test_accepting_a_withdrawn_proposal_through_the_page_is_a_clear_409(client):
    staff = staff_member()
    round, _the_mentor, the_mentee, proposal = published(staff)
    round_rules.publish(round, staff)
    round_rules.withdraw_proposal(proposal, staff)
    client.force_login(the_mentee.member)
    response = client.post(reverse("mentoring:answer_proposal", args=[proposal.pk]), {"answer": "accept"})
    assert response.status_code == 409
    assert "Staff withdrew this proposal on" in text_of(response)
