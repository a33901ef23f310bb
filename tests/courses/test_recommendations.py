"""Recommendations (courses/recommendations.py): each reason, what is never suggested, the order and its tie-breaks,
the bounds, and a query count that does not grow with the catalog. Through the real rules and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from courses import recommendations as rules
from courses.events import registration as registration_rules
from courses.learning import enrolment as enrolment_rules
from courses.models import WorkshopPage
from courses.recommendations import MAX_RECOMMENDATIONS, recommendations_for
from lms.access import AccessLevel
from lms.models import CareerStage, MembershipTier
from tests import factories
from tests.courses.journeys import days_from_today, enrol, finish
from tests.factories import lessons_of

pytestmark = pytest.mark.django_db


def course(title, **fields):
    return factories.build_offering(title=title, modules=1, lessons_per_module=1, **fields)


def complete(member, offering):
    enrol(member, offering)
    finish(member, lessons_of(offering))


def suggested(member, **kwargs) -> dict[str, str]:
    """Title -> reason, in the order given."""
    return {r.title: r.reason for r in recommendations_for(member, timezone.now(), **kwargs)}


@pytest.fixture
def member(db):
    return factories.MemberFactory(career_stage=CareerStage.EARLY_CAREER, preferred_languages=["en"])


# ------------------------------------------------------------------------------------------------ each reason


def test_career_stage_reason_and_offerings_for_other_stages_left_out(member):
    course("Flow for Newcomers", career_stages=[CareerStage.STUDENT, CareerStage.EARLY_CAREER])
    course("Boardroom Flow", career_stages=[CareerStage.EXECUTIVE])
    course("For Everyone, Without a Reason")  # no stages named, no other reason: not a recommendation
    assert suggested(member) == {"Flow for Newcomers": "For early-career members"}


@pytest.mark.parametrize(("stage", "sentence"), [
    (CareerStage.STUDENT, "For student members"),
    (CareerStage.EARLY_CAREER, "For early-career members"),
    (CareerStage.MID_CAREER, "For mid-career members"),
    (CareerStage.SENIOR, "For senior practitioners"),
    (CareerStage.EXECUTIVE, "For executives and leaders"),
])
def test_every_career_stage_has_its_sentence(stage, sentence):
    assert rules.stage_reason(stage) == sentence


def test_a_member_without_a_career_stage_is_not_narrowed_by_stage(member):
    member.career_stage = ""
    member.save()
    topic = factories.TopicFactory(name="Flow metrics", slug="flow-metrics")
    member.interests.set([topic])
    course("Boardroom Flow", career_stages=[CareerStage.EXECUTIVE], topics=[topic])
    assert suggested(member) == {"Boardroom Flow": "Matches your interest in Flow metrics"}


def test_interest_reason_names_the_first_matching_topic_by_name(member):
    ethics = factories.TopicFactory(name="Ethics & RCR", slug="ethics")
    devops = factories.TopicFactory(name="DevOps", slug="devops")
    unrelated = factories.TopicFactory(name="Portfolio management", slug="portfolio")
    member.interests.set([ethics, devops])
    course("Delivery Ethics", topics=[ethics, devops])
    course("Portfolio Kanban", topics=[unrelated])
    assert suggested(member) == {"Delivery Ethics": "Matches your interest in DevOps"}


def test_next_step_reason_names_the_completed_prerequisite(member):
    basics = course("Flow Metrics Fundamentals")
    complete(member, basics)
    advanced = course("Advanced Flow Analytics")
    advanced.prerequisites.set([basics])
    advanced.save()
    assert suggested(member) == {"Advanced Flow Analytics": "Because you completed “Flow Metrics Fundamentals”"}


def test_an_offering_whose_other_prerequisites_are_not_completed_is_left_out(member):
    basics, mapping = course("Flow Metrics Fundamentals"), course("Value Stream Mapping")
    complete(member, basics)
    capstone = course("Capstone", career_stages=[CareerStage.EARLY_CAREER])
    capstone.prerequisites.set([basics, mapping])
    capstone.save()
    assert "Capstone" not in suggested(member)


def test_related_reason_names_the_completed_offering_sharing_a_topic(member):
    mapping = factories.TopicFactory(name="Value stream mapping", slug="vsm")
    complete(member, course("Mapping Essentials", topics=[mapping]))
    course("Facilitating Mapping Workshops", topics=[mapping])
    assert suggested(member) == {
        "Facilitating Mapping Workshops": "Related to “Mapping Essentials”, which you completed"
    }


def test_history_names_the_most_recent_completion(member):
    mapping = factories.TopicFactory(name="Value stream mapping", slug="vsm")
    first, second = course("First Mapping", topics=[mapping]), course("Second Mapping", topics=[mapping])
    complete(member, first)
    complete(member, second)
    course("Third Mapping", topics=[mapping])
    assert suggested(member) == {"Third Mapping": "Related to “Second Mapping”, which you completed"}


def test_language_reason_for_the_members_other_languages_and_other_languages_left_out(member):
    member.preferred_languages = ["en", "es"]
    member.save()
    topic = factories.TopicFactory(name="Flow metrics", slug="flow-metrics")
    member.interests.set([topic])
    course("Métricas de flujo", language="es")
    course("Indicateurs de flux", language="fr", topics=[topic])  # an interest, but not a language they read
    assert suggested(member) == {"Métricas de flujo": "Offered in Español (Spanish), one of your languages"}


def test_a_member_who_named_no_language_gets_the_sites(member):
    member.preferred_languages = []
    member.save()
    course("Flow for Newcomers", career_stages=[CareerStage.EARLY_CAREER])
    course("Flujo para principiantes", language="es", career_stages=[CareerStage.EARLY_CAREER])
    assert list(suggested(member)) == ["Flow for Newcomers"]


def test_the_strongest_reason_wins(member):
    topic = factories.TopicFactory(name="Flow metrics", slug="flow-metrics")
    member.interests.set([topic])
    basics = course("Basics", topics=[topic])
    complete(member, basics)
    next_step = course("Next Step", topics=[topic], career_stages=[CareerStage.EARLY_CAREER])
    next_step.prerequisites.set([basics])
    next_step.save()
    course("Interesting", topics=[topic], career_stages=[CareerStage.EARLY_CAREER])
    course("Staged", career_stages=[CareerStage.EARLY_CAREER])
    found = recommendations_for(member, timezone.now())
    assert [(r.title, r.kind) for r in found] == [
        ("Next Step", rules.NEXT_STEP), ("Interesting", rules.INTEREST), ("Staged", rules.CAREER_STAGE)]


def test_plain_data_with_title_link_format_and_language(member):
    offering = course("Flow for Newcomers", career_stages=[CareerStage.EARLY_CAREER])
    (found,) = recommendations_for(member, timezone.now())
    assert found == rules.Recommendation(
        offering_id=offering.pk, title="Flow for Newcomers", url=offering.url, language="en",
        format_label="Course", kind=rules.CAREER_STAGE, reason="For early-career members")


# ------------------------------------------------------------------------------------------------ never suggested


def test_nothing_already_taken_or_left(member):
    stage = {"career_stages": [CareerStage.EARLY_CAREER]}
    complete(member, course("Completed", **stage))
    enrol(member, course("In Progress", **stage))
    left = course("Withdrawn From", **stage)
    enrol(member, left)
    enrolment_rules.withdraw(member, left)
    registered = factories.build_event(title="Registered Webinar", **stage)
    registration_rules.register(member, factories.sessions_of(registered)[0])
    cancelled = factories.build_event(title="Cancelled Webinar", **stage)
    outcome = registration_rules.register(member, factories.sessions_of(cancelled)[0])
    registration_rules.cancel(outcome.registration, member)
    course("Still Open", **stage)
    assert list(suggested(member)) == ["Still Open"]


def test_nothing_the_member_cannot_take_now(member):
    stage = {"career_stages": [CareerStage.EARLY_CAREER]}
    visitor = factories.NonMemberFactory(career_stage=CareerStage.EARLY_CAREER, preferred_languages=["en"])
    course("Members Only", access_level=AccessLevel.MEMBER_ONLY, **stage)
    course("Members First", access_level=AccessLevel.MEMBER_FIRST, members_open_on=days_from_today(-1),
           public_open_on=days_from_today(30), **stage)
    course("Not Yet Open", members_open_on=days_from_today(5), **stage)
    course("Unpublished", publish=False, **stage)
    factories.build_event(title="Past Webinar", sessions=[factories.session_spec(days_ahead=-3)], **stage)
    factories.build_event(title="Webinar Without Sessions", sessions=[], **stage)
    restricted = course("Behind a Password", **stage)
    PageViewRestriction.objects.create(page=restricted, restriction_type="password", password="secret")
    factories.build_event(title="Coming Webinar", **stage)
    assert list(suggested(member)) == ["Coming Webinar", "Members First", "Members Only"]
    assert list(suggested(visitor)) == ["Coming Webinar"]


def test_nothing_under_a_restricted_page(member):
    course("Flow for Newcomers", career_stages=[CareerStage.EARLY_CAREER])
    PageViewRestriction.objects.create(page=factories.catalog(), restriction_type="login")
    assert suggested(member) == {}


def test_an_expired_membership_counts_as_none(member):
    member.membership_tier = MembershipTier.PROFESSIONAL
    member.membership_expires_on = timezone.localdate() - timedelta(days=1)
    member.save()
    course("Members Only", access_level=AccessLevel.MEMBER_ONLY, career_stages=[CareerStage.EARLY_CAREER])
    assert suggested(member) == {}


def test_nothing_the_member_teaches(member):
    course("Taught By Them", instructors=[member], career_stages=[CareerStage.EARLY_CAREER])
    assert suggested(member) == {}


def test_nobody_signed_in_or_inactive_gets_nothing(member):
    from django.contrib.auth.models import AnonymousUser

    course("Flow for Newcomers", career_stages=[CareerStage.EARLY_CAREER])
    assert recommendations_for(AnonymousUser(), timezone.now()) == []
    assert recommendations_for(None, timezone.now()) == []
    member.is_active = False
    member.save()
    assert recommendations_for(member, timezone.now()) == []


# ------------------------------------------------------------------------------------------------ order and bounds


def test_ties_go_to_more_interests_then_newer_year_then_title(member):
    flow = factories.TopicFactory(name="Flow metrics", slug="flow-metrics")
    devops = factories.TopicFactory(name="DevOps", slug="devops")
    member.interests.set([flow, devops])
    course("Zeta Both", topics=[flow, devops], programme_year=2025)
    course("beta Older", topics=[flow], programme_year=2025)
    course("Alpha Older", topics=[flow], programme_year=2025)
    course("Omega Newer", topics=[flow], programme_year=2027)
    assert list(suggested(member)) == ["Zeta Both", "Omega Newer", "Alpha Older", "beta Older"]


def test_same_title_and_year_falls_back_to_the_id(member):
    first = course("Twin", career_stages=[CareerStage.EARLY_CAREER])
    second = course("Twin", career_stages=[CareerStage.EARLY_CAREER])
    found = recommendations_for(member, timezone.now())
    assert [r.offering_id for r in found] == sorted([first.pk, second.pk])


def test_the_same_data_gives_the_same_list(member):
    for n in range(8):
        course(f"Course {n}", career_stages=[CareerStage.EARLY_CAREER], programme_year=2025 + n % 3)
    now = timezone.now()
    assert recommendations_for(member, now) == recommendations_for(member, now)


def test_at_most_the_bound_and_never_more_than_asked(member):
    for n in range(MAX_RECOMMENDATIONS + 3):
        course(f"Course {n:02d}", career_stages=[CareerStage.EARLY_CAREER])
    assert len(recommendations_for(member, timezone.now())) == MAX_RECOMMENDATIONS
    assert len(recommendations_for(member, timezone.now(), limit=100)) == MAX_RECOMMENDATIONS
    assert [r.title for r in recommendations_for(member, timezone.now(), limit=2)] == ["Course 00", "Course 01"]
    assert recommendations_for(member, timezone.now(), limit=0) == []
    assert recommendations_for(member, timezone.now(), limit=-5) == []


def build_history_and_catalog(member, size: int):
    """`size` offerings of each kind of reason, and a history of `size` completions."""
    topic = factories.TopicFactory(name="Flow metrics", slug="flow-metrics")
    member.interests.set([topic])
    for n in range(size):
        done = course(f"Done {n}", topics=[topic])
        complete(member, done)
        follow_on = course(f"Follow-on {n}")
        follow_on.prerequisites.set([done])
        follow_on.save()
        course(f"Interesting {n}", topics=[topic])
        factories.build_event(title=f"Webinar {n}", career_stages=[CareerStage.EARLY_CAREER])


def queries_for(member) -> int:
    recommendations_for(member, timezone.now())  # the site's root paths are cached after a first read
    with CaptureQueriesContext(connection) as captured:
        recommendations_for(member, timezone.now())
    return len(captured)


def test_queries_do_not_grow_with_the_catalog_or_history(member, django_assert_max_num_queries):
    build_history_and_catalog(member, 1)
    few = queries_for(member)
    other = factories.MemberFactory(career_stage=CareerStage.EARLY_CAREER)
    build_history_and_catalog(other, 6)
    assert queries_for(other) == few
    assert queries_for(member) == few
    with django_assert_max_num_queries(4):  # the fourth: the suggestions' pages in the reader's language
        recommendations_for(other, timezone.now())


def test_events_whose_registration_closed_or_that_are_past_are_not_suggested(member):
    stage = [CareerStage.EARLY_CAREER]
    factories.build_event(title="Past Clinic", career_stages=stage, sessions=[factories.session_spec(-2)])
    factories.build_event(title="Closed Clinic", career_stages=stage, sessions=[factories.session_spec(1)],
                          registration_closes_minutes_before=3 * 24 * 60)  # closed two days ago
    factories.build_event(title="Open Clinic", career_stages=stage, sessions=[factories.session_spec(1)],
                          registration_closes_minutes_before=60)
    assert list(suggested(member)) == ["Open Clinic"]


def test_events_say_their_format(member):
    factories.build_workshop(title="Mapping Workshop", career_stages=[CareerStage.EARLY_CAREER])
    (found,) = recommendations_for(member, timezone.now())
    assert found.format_label == str(WorkshopPage.FORMAT_LABEL)


# ------------------------------------------------------------------------------------------------ on "My learning"


def test_my_learning_shows_each_recommendation_with_its_link_and_reason(client, member):
    offering = course("Flow <for> Newcomers", career_stages=[CareerStage.EARLY_CAREER])
    client.force_login(member)
    page = client.get("/my-learning/").content.decode()
    assert '<h2 id="recommendations-heading">Recommended for you</h2>' in page
    assert f'<a href="{offering.url}">Flow &lt;for&gt; Newcomers</a>' in page
    assert '<p class="recommendation-reason">For early-career members</p>' in page


def test_my_learning_says_how_to_get_recommendations_when_there_are_none(client, member):
    client.force_login(member)
    page = client.get("/my-learning/").content.decode()
    assert "Nothing to recommend yet." in page and 'href="/accounts/profile/"' in page
