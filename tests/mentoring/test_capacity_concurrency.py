"""Mentor capacity under concurrent acceptances against real PostgreSQL: direct requests and round proposals share
one rule and one lock, so a mentor is never overbooked however the acceptances interleave.

Threads are released together (tests.courses.test_concurrency.run_together), each with its own connection,
committing for real.
"""

from __future__ import annotations

import pytest

from mentoring import proposals as proposal_rules
from mentoring import requests as rules
from mentoring import rounds as round_rules
from mentoring.models import MatchProposal, Mentorship, MentorshipRequest
from mentoring.refusal import MentoringRefused
from tests.concurrency import run_together

from .factories import RoundFactory, applied, mentee, mentor, staff_member

pytestmark = pytest.mark.django_db(transaction=True)


def outcome_of(work):
    try:
        return work()
    except MentoringRefused as refused:
        return refused


def test_six_acceptances_at_once_for_one_slot_start_one_relationship():
    wanted = mentor(capacity=1)
    waiting = [rules.request_mentor(mentee().member, wanted, "Please.") for _ in range(6)]

    outcomes = run_together(6, lambda i: outcome_of(lambda: rules.accept_request(waiting[i], wanted.member)))

    started = [o for o in outcomes if isinstance(o, Mentorship)]
    refused = [o for o in outcomes if isinstance(o, MentoringRefused)]
    assert len(started) == 1 and len(refused) == 5
    assert all("at capacity" in str(r) for r in refused)
    assert Mentorship.objects.filter(mentor=wanted.member, closed_at__isnull=True).count() == 1
    assert MentorshipRequest.objects.filter(status="accepted").count() == 1


def test_a_round_proposal_keeps_its_promised_slot_while_direct_requests_race_for_the_rest():
    staff = staff_member()
    wanted = mentor(capacity=2)
    round = RoundFactory()
    matched = mentee()
    applied(wanted, round)
    applied(matched, round)
    round_rules.run_matcher(round, staff)
    round_rules.publish(round, staff)
    proposal = MatchProposal.objects.get(round=round)
    proposal_rules.answer(proposal, matched.member, True)
    direct = [rules.request_mentor(mentee().member, wanted, "Please.") for _ in range(4)]

    def work(i: int):
        if i == 0:
            return outcome_of(lambda: proposal_rules.answer(proposal, wanted.member, True))
        return outcome_of(lambda: rules.accept_request(direct[i - 1], wanted.member))

    outcomes = run_together(5, work)

    assert isinstance(outcomes[0], proposal_rules.ProposalOutcome) and outcomes[0].mentorship is not None
    assert sum(isinstance(o, Mentorship) for o in outcomes[1:]) == 1, "one slot was left for direct requests"
    assert Mentorship.objects.filter(mentor=wanted.member, closed_at__isnull=True).count() == 2


def test_the_same_request_sent_at_once_from_two_tabs_is_recorded_once():
    wanted, asking = mentor(), mentee()

    outcomes = run_together(4, lambda i: outcome_of(lambda: rules.request_mentor(asking.member, wanted, "Please.")))

    assert sum(isinstance(o, MentorshipRequest) for o in outcomes) == 1
    assert all("already asked" in str(o) for o in outcomes if isinstance(o, MentoringRefused))
    assert MentorshipRequest.objects.filter(mentee=asking.member, mentor=wanted.member).count() == 1
