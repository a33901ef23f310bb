"""The demo mentoring `make run` loads after the demo catalog: mentors in the directory, a relationship under way,
a request waiting, a round open and a finished one with a health report, and a second run that changes nothing."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from lms.models import Member
from mentoring.demo.content import demo_content
from mentoring.models import MatchingRound, MatchProposal, MentorProfile, Mentorship, MentorshipRequest
from mentoring.round_health import round_health


@pytest.fixture
def loaded(demo_catalog, db):
    out = StringIO()
    call_command("load_demo", "mentoring", "--outside-debug", stdout=out)
    return out.getvalue()


def test_demo_mentoring_fills_the_directory_rounds_and_a_relationship(loaded, client):
    assert "Demo mentoring loaded." in loaded
    content = demo_content()
    marker_email = content.email(content.marker)
    assert MentorProfile.objects.count() == 8
    learner = Member.objects.get(email=content.email(content.learner))
    mentorship = Mentorship.objects.get(mentee=learner)
    assert mentorship.mentor.email == marker_email and mentorship.meetings.count() == 1
    # the student's request waits; the catalog's year of members (courses/demo/year.py) asked too, once each
    year = MentorshipRequest.objects.filter(mentee__email__startswith="member")
    assert MentorshipRequest.objects.filter(status="pending").exclude(pk__in=year).count() == 1
    assert year.exists() and year.count() == year.values("mentee").distinct().count()

    past = MatchingRound.objects.get(title=content.past_round.title)
    report = round_health(past)
    assert report.overall.mentees == 4 and report.overall.matched == 4
    assert report.overall.accepted == 3 and report.overall.early_closures == 1
    assert MatchProposal.objects.filter(round=past, status="declined").count() == 1
    open_round = MatchingRound.objects.get(title=content.open_round.title)
    assert open_round.is_open_for_applications() and open_round.applications.count() == 8

    assert client.login(email=marker_email, password="learn-vsm-2026"), "the one published demo password"
    client.force_login(learner)
    page = client.get(reverse("mentoring:directory"))
    assert page.status_code == 200 and "8 mentors found" in page.content.decode()


def test_a_second_run_changes_nothing(loaded):
    out = StringIO()
    call_command("load_demo", "mentoring", "--outside-debug", stdout=out)
    assert "already loaded" in out.getvalue()
    assert MentorProfile.objects.count() == 8


def test_with_mentoring_loaded_the_years_cohorts_show_both_halves(loaded):
    """The demo's year of members (courses/demo/year.py) asked a mentor here when onboarded: Reports -> Engagement
    then has onboarded and not-onboarded halves large enough to show for most joining months."""
    from django.utils import timezone

    from courses.outcomes.engagement import first_year_retention
    from lms.months import add_months, first_of_month

    retention = first_year_retention(add_months(first_of_month(timezone.localdate()), -12), 12)
    both = [c for c in retention.cohorts if c.onboarded is not None and c.not_onboarded is not None]
    assert len(both) >= 6, [(c.month, c.onboarded, c.not_onboarded) for c in retention.cohorts]
    assert retention.overall[True][1] is not None and retention.overall[False][1] is not None
