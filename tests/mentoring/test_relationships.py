"""A relationship under way: meetings, the fit question and the re-match it offers, surveys, closing, and a bad
ending keeping the pair apart in every later round."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from mentoring import proposals as proposal_rules
from mentoring import relationships as rules
from mentoring import requests as request_rules
from mentoring import rounds as round_rules
from mentoring.models import FitAnswer, MatchProposal, Meeting, Mentorship, RoundApplication, SurveyResponse
from mentoring.refusal import MentoringRefused

from .factories import RoundFactory, applied, mentee, mentor, staff_member

pytestmark = pytest.mark.django_db

Reason = Mentorship.ClosureReason


def direct_mentorship(**mentor_fields) -> Mentorship:
    wanted, asking = mentor(capacity=3, **mentor_fields), mentee()
    return request_rules.accept_request(request_rules.request_mentor(asking.member, wanted, "Please."),
                                        wanted.member)


def round_mentorship(staff, round, the_mentor, the_mentee) -> Mentorship:
    round_rules.run_matcher(round, staff)
    round_rules.publish(round, staff)
    proposal = MatchProposal.objects.get(round=round, mentee=the_mentee.member, status=MatchProposal.Status.PUBLISHED)
    proposal_rules.answer(proposal, the_mentee.member, True)
    return proposal_rules.answer(proposal, the_mentor.member, True).mentorship


# ------------------------------------------------------------------------------------------- meetings


def test_either_side_logs_meetings_but_not_in_the_future_or_before_the_start():
    mentorship = direct_mentorship()
    today = timezone.localdate()
    rules.log_meeting(mentorship, mentorship.mentee, today, 45, "video", "Kick-off")
    rules.log_meeting(mentorship, mentorship.mentor, today, 30, "in_person")
    assert Meeting.objects.filter(mentorship=mentorship).count() == 2
    with pytest.raises(MentoringRefused, match="once it has happened"):
        rules.log_meeting(mentorship, mentorship.mentee, today + timedelta(days=1), 45)
    with pytest.raises(MentoringRefused, match="was before that"):
        rules.log_meeting(mentorship, mentorship.mentee, today - timedelta(days=3), 45)
    with pytest.raises(MentoringRefused, match="5 to 600 minutes"):
        rules.log_meeting(mentorship, mentorship.mentee, today, 2)
    with pytest.raises(MentoringRefused) as stranger:
        rules.log_meeting(mentorship, mentee().member, today, 45)
    assert stranger.value.status == 404


def test_a_meeting_form_with_a_bad_date_is_a_400_naming_the_field(client):
    mentorship = direct_mentorship()
    client.force_login(mentorship.mentee)
    response = client.post(reverse("mentoring:log_meeting", args=[mentorship.pk]),
                           {"meeting-held_on": "31/02/2025", "meeting-minutes": "45", "meeting-format": "video"})
    assert response.status_code == 400
    assert "Enter a valid date." in response.content.decode()
    assert not Meeting.objects.exists()


# ------------------------------------------------------------------------------------------- fit and re-match


def test_the_fit_question_comes_after_the_first_meeting_and_is_answered_once():
    mentorship = direct_mentorship()
    with pytest.raises(MentoringRefused, match="Log your first meeting first"):
        rules.answer_fit(mentorship, mentorship.mentee, True)
    assert not rules.state_for(mentorship, mentorship.mentee).fit_question_open
    rules.log_meeting(mentorship, mentorship.mentor, timezone.localdate(), 60)
    assert rules.state_for(mentorship, mentorship.mentee).fit_question_open
    rules.answer_fit(mentorship, mentorship.mentee, True, "Great start")
    with pytest.raises(MentoringRefused, match="already answered"):
        rules.answer_fit(mentorship, mentorship.mentee, False)
    state = rules.state_for(mentorship, mentorship.mentee)
    assert not state.fit_question_open and not state.rematch_offered
    assert rules.state_for(mentorship, mentorship.mentor).fit_question_open


def test_not_a_good_fit_offers_a_rematch_that_returns_the_mentee_to_the_round():
    staff = staff_member()
    round = RoundFactory()
    first, second = mentor(capacity=1, last_name="Aalto"), mentor(capacity=1, last_name="Berg")
    the_mentee = mentee()
    for profile in (first, second, the_mentee):
        applied(profile, round)
    round_rules.run_matcher(round, staff)
    round_rules.publish(round, staff)
    proposal = MatchProposal.objects.get(round=round)
    matched_mentor = proposal.mentor
    proposal_rules.answer(proposal, the_mentee.member, True)
    mentorship = proposal_rules.answer(proposal, matched_mentor, True).mentorship

    rules.log_meeting(mentorship, the_mentee.member, timezone.localdate(), 60)
    with pytest.raises(MentoringRefused, match="offered after answering"):
        rules.rematch(mentorship, the_mentee.member)
    rules.answer_fit(mentorship, the_mentee.member, False, "Different expectations")
    assert rules.state_for(mentorship, the_mentee.member).rematch_offered
    rules.rematch(mentorship, the_mentee.member)

    mentorship.refresh_from_db()
    assert mentorship.closure_reason == Reason.NOT_A_GOOD_FIT and mentorship.ended_badly
    assert RoundApplication.objects.get(member=the_mentee.member).status == RoundApplication.Status.ACTIVE
    run = round_rules.run_matcher(round, staff)
    assert run.no_match_message == ""
    [again] = round.proposals.filter(status=MatchProposal.Status.DRAFT)
    assert again.mentee_id == the_mentee.member_id and again.mentor_id != matched_mentor.pk


def test_a_pairing_that_ended_badly_is_never_proposed_again_in_a_later_round():
    staff = staff_member()
    the_mentor, the_mentee = mentor(capacity=1), mentee()
    mentorship = request_rules.accept_request(
        request_rules.request_mentor(the_mentee.member, the_mentor, "Please."), the_mentor.member)
    rules.close_mentorship(mentorship, the_mentor.member, Reason.CONDUCT, "Missed every meeting, rude.")
    assert rules.bad_pairings() == {(str(the_mentee.member_id), str(the_mentor.member_id))}

    later = RoundFactory()
    applied(the_mentor, later)
    applied(the_mentee, later)
    run = round_rules.run_matcher(later, staff)
    assert run.matched_count == 0
    assert "an earlier pairing of the two ended badly: 1 pair" in run.no_match_message


def test_closing_early_for_no_time_is_not_a_bad_ending_and_ends_the_round_application():
    staff = staff_member()
    round = RoundFactory()
    the_mentor, the_mentee = mentor(), mentee()
    applied(the_mentor, round)
    applied(the_mentee, round)
    mentorship = round_mentorship(staff, round, the_mentor, the_mentee)
    rules.close_mentorship(mentorship, the_mentee.member, Reason.NO_TIME)
    mentorship.refresh_from_db()
    assert not mentorship.ended_badly and rules.is_early_closure(mentorship)
    assert RoundApplication.objects.get(member=the_mentee.member).status == RoundApplication.Status.DONE
    with pytest.raises(MentoringRefused, match="ended on"):
        rules.close_mentorship(mentorship, the_mentor.member, Reason.COMPLETED)
    with pytest.raises(MentoringRefused, match="ended on"):
        rules.log_meeting(mentorship, the_mentee.member, timezone.localdate(), 30)


def test_closing_with_an_unknown_reason_is_refused():
    mentorship = direct_mentorship()
    with pytest.raises(MentoringRefused, match="Choose why"):
        rules.close_mentorship(mentorship, mentorship.mentee, "bored")
    mentorship.refresh_from_db()
    assert mentorship.is_active


# ------------------------------------------------------------------------------------------- surveys


def test_the_midpoint_survey_opens_halfway_and_the_end_survey_at_the_end_or_on_closing():
    mentorship = direct_mentorship()
    start = timezone.localdate(mentorship.started_at)
    midpoint = rules.midpoint_of(mentorship)
    assert start < midpoint < mentorship.ends_on
    with pytest.raises(MentoringRefused, match="mid-point survey opens on"):
        rules.answer_survey(mentorship, mentorship.mentee, "midpoint", 4, today=midpoint - timedelta(days=1))
    rules.answer_survey(mentorship, mentorship.mentee, "midpoint", 4, "Going well", today=midpoint)
    with pytest.raises(MentoringRefused, match="already answered"):
        rules.answer_survey(mentorship, mentorship.mentee, "midpoint", 5, today=midpoint)
    with pytest.raises(MentoringRefused, match="end survey opens on"):
        rules.answer_survey(mentorship, mentorship.mentor, "end", 5, today=midpoint)
    assert rules.state_for(mentorship, mentorship.mentor, today=mentorship.ends_on).end_survey_open
    rules.close_mentorship(mentorship, mentorship.mentor, Reason.COMPLETED)
    rules.answer_survey(mentorship, mentorship.mentor, "end", 5)
    assert SurveyResponse.objects.filter(mentorship=mentorship).count() == 2


@pytest.mark.parametrize("rating", [0, 6, "5", True])
def test_a_survey_rating_outside_one_to_five_is_refused(rating):
    mentorship = direct_mentorship()
    with pytest.raises(MentoringRefused, match="rating from 1 to 5"):
        rules.answer_survey(mentorship, mentorship.mentee, "midpoint", rating, today=mentorship.ends_on)


def test_the_relationship_page_walks_through_meeting_fit_and_rematch(client):
    mentorship = direct_mentorship()
    client.force_login(mentorship.mentee)
    page = client.get(reverse("mentoring:mentorship", args=[mentorship.pk])).content.decode()
    assert page.count("<h1") == 1 and "No meeting logged yet" in page and "Is this a good fit?" not in page
    logged = client.post(reverse("mentoring:log_meeting", args=[mentorship.pk]), {
        "meeting-held_on": timezone.localdate().isoformat(), "meeting-minutes": "50", "meeting-format": "video"})
    assert logged.status_code == 303
    page = client.get(reverse("mentoring:mentorship", args=[mentorship.pk])).content.decode()
    assert "Is this a good fit?" in page
    assert client.post(reverse("mentoring:answer_fit", args=[mentorship.pk]), {"fit-good_fit": "no"}).status_code == 303
    assert FitAnswer.objects.get().good_fit is False
    page = client.get(reverse("mentoring:mentorship", args=[mentorship.pk])).content.decode()
    assert "End this pairing and look for another mentor" in page
    assert client.post(reverse("mentoring:rematch", args=[mentorship.pk]), {"confirm": "yes"}).status_code == 303
    mentorship.refresh_from_db()
    assert mentorship.closed_at is not None and mentorship.rematch_requested
