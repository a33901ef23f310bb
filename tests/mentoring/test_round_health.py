"""The round health report: the rates staff read, their breakdowns by career stage and region, and demographics in
aggregate only, with the association's small-group suppression."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from lms.models import Demographics
from mentoring import proposals as proposal_rules
from mentoring import relationships
from mentoring import rounds as round_rules
from mentoring.models import MatchProposal, Mentorship
from mentoring.round_health import round_health

from .factories import RoundFactory, applied, mentee, mentor, staff_member

pytestmark = pytest.mark.django_db

Reason = Mentorship.ClosureReason


def by_label(rows):
    return {row.label: row for row in rows}


def test_rates_and_breakdowns_follow_what_happened_in_the_round():
    staff = staff_member()
    round = RoundFactory()
    for _ in range(2):
        applied(mentor(capacity=2, time_zone="Europe/London"), round)
    london_student = mentee(career_stage="student", time_zone="Europe/London")
    paris_early = mentee(career_stage="early_career", time_zone="Europe/Paris")
    lagos_early = mentee(career_stage="early_career", time_zone="Africa/Lagos")
    decliner = mentee(career_stage="student", time_zone="Europe/London")
    for profile in (london_student, paris_early, lagos_early, decliner):
        applied(profile, round)
    applied(mentee(languages=("ja",), time_zone="Asia/Tokyo", career_stage="early_career"), round)  # unmatchable
    round_rules.run_matcher(round, staff)
    round_rules.publish(round, staff)

    mentorships = {}
    for profile in (london_student, paris_early, lagos_early):
        proposal = MatchProposal.objects.get(round=round, mentee=profile.member)
        proposal_rules.answer(proposal, profile.member, True)
        mentorships[profile] = proposal_rules.answer(proposal, proposal.mentor, True).mentorship
    proposal_rules.answer(MatchProposal.objects.get(round=round, mentee=decliner.member), decliner.member, False)
    today = timezone.localdate()
    for profile in (london_student, paris_early):
        relationships.log_meeting(mentorships[profile], profile.member, today, 60)
    relationships.answer_fit(mentorships[london_student], london_student.member, True)
    relationships.answer_fit(mentorships[paris_early], paris_early.member, False)
    relationships.answer_fit(mentorships[paris_early], mentorships[paris_early].mentor, False)
    relationships.rematch(mentorships[paris_early], paris_early.member)

    report = round_health(round)
    overall = report.overall
    assert (overall.mentees, overall.matched, overall.decided, overall.accepted) == (5, 4, 4, 3)
    assert (overall.mentorships, overall.first_meetings, overall.good_fit, overall.not_good_fit) == (3, 2, 1, 2)
    assert overall.early_closures == 1
    assert overall.matched_share_shown == "80%" and overall.acceptance_rate_shown == "75%"
    assert overall.first_meeting_rate_shown == "67%"

    stages = by_label(report.by_career_stage)
    assert stages["Student"].mentees == 2 and stages["Student"].acceptance_rate_shown == "50%"
    assert stages["Early career (0-5 years)"].mentees == 3
    assert stages["Early career (0-5 years)"].matched_share_shown == "67%"
    regions = by_label(report.by_region)
    assert regions["Europe"].mentees == 3 and regions["Africa"].mentees == 1 and regions["Asia and the Middle East"]
    assert regions["Africa"].first_meeting_rate_shown == "0%"
    assert regions["Asia and the Middle East"].matched_share_shown == "0%"


def test_demographics_are_counted_in_aggregate_with_small_groups_hidden():
    staff = staff_member()
    round = RoundFactory()
    for _ in range(3):
        applied(mentor(capacity=5), round)
    answers = ["woman"] * 5 + ["man"] * 6 + ["non_binary"] * 2
    for gender in answers:
        profile = mentee()
        Demographics.objects.create(member=profile.member, gender=gender)
        applied(profile, round)
    round_rules.run_matcher(round, staff)
    round_rules.publish(round, staff)

    report = round_health(round)
    gender = by_label(report.by_demographics["gender"])
    assert gender["Man"].size_shown == "6" and gender["Man"].health.matched_share_shown == "100%"
    assert gender["Non-binary"].size_shown == "fewer than 5" and gender["Non-binary"].health is None
    assert gender["Woman"].health is None, "hidden too: otherwise the small group could be worked out"
    under = by_label(report.by_demographics["identifies as under represented"])
    assert under["Prefer not to say"].size_shown == "13"


def test_the_health_page_shows_rates_and_no_names(client):
    staff = staff_member()
    round = RoundFactory()
    the_mentor = mentor(first_name="Zebedee")
    applied(the_mentor, round)
    the_mentee = mentee(first_name="Quincy")
    Demographics.objects.create(member=the_mentee.member, gender="non_binary")
    applied(the_mentee, round)
    round_rules.run_matcher(round, staff)
    round_rules.publish(round, staff)
    client.force_login(staff)
    response = client.get(reverse("mentoring_admin:health", args=[round.pk]))
    assert response.status_code == 200
    page = re.sub(r"\s+", " ", response.content.decode())
    assert "100%" in page and "fewer than 5" in page and "By self-described demographics" in page
    assert "Quincy" not in page and "Zebedee" not in page
