"""The outcomes dashboard narrowed to one learning path (a programme), and its per-path table: the path's steps'
editions only, reach in distinct members across the steps, completions of the whole path in the year they happened,
hours and evaluations of the steps together; on the page, in CSV, in the API; bad path ids refused; a query count
that does not grow with paths, steps or members."""

from __future__ import annotations

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from courses.models import PathCompletion, Registration
from courses.outcomes.measures import FilterError, OutcomeFilters, edition_measures
from courses.outcomes.programmes import programme_years
from tests import factories

from .outcome_support import at, build_world, enrol
from .query_budgets import OUTCOMES_DASHBOARD_MAX_QUERIES

pytestmark = pytest.mark.django_db

URL = "courses_outcomes_dashboard"
API = "/api/v1/reports/outcomes"


@pytest.fixture
def programme():
    """build_world's course and webinar as the two steps of "Flow programme"; one of the webinar's attendees also
    enrols on the course in 2026 and finishes the path; "Other", a course outside it, on a path of its own."""
    world = build_world()
    path = factories.build_learning_path([world.course, world.event], title="Flow programme")
    both = Registration.objects.filter(session__event=world.event, attended=True).order_by("pk").first().member
    enrol(both, world.course, 2026, completed=False)
    PathCompletion.objects.create(member=both, path=path, completed_at=at(2026, 5))
    other = factories.build_offering(title="Other", modules=1, lessons_per_module=1)
    enrol(factories.MemberFactory(), other, 2025, completed=True)
    factories.build_learning_path([other], title="Another programme")
    world.path, world.other = path, other
    return world


@pytest.fixture
def staff_client(client):
    client.force_login(factories.StaffFactory())
    return client


def rows_of(response) -> list[list[str]]:
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_the_path_filter_keeps_its_steps_editions_only(programme):
    titles = {(m.title, m.programme_year) for m in edition_measures(OutcomeFilters(path_id=programme.path.pk))}
    assert titles == {("Flow Metrics", 2025), ("Flow Metrics", 2026), ("Flow Live", 2026)}
    assert "Other" in {m.title for m in edition_measures()}


def test_a_path_reaches_each_member_once_and_counts_whole_path_completions(programme):
    rows = {(p.title, p.programme_year): p for p in programme_years(OutcomeFilters(), edition_measures())}
    latest = rows[("Flow programme", 2026)]
    # course 2026: two mid-career members and one webinar attendee; webinar: six. The attendee counts once.
    assert (latest.steps, len(latest.editions), latest.reach, latest.completions) == (2, 2, 8, 1)
    first = rows[("Flow programme", 2025)]
    assert (len(first.editions), first.reach, first.completions) == (1, 6, 0)
    assert rows[("Another programme", 2025)].reach == 1
    early = {p.programme_year: p.reach for p in programme_years(
        OutcomeFilters(career_stage="early_career"), edition_measures(OutcomeFilters(career_stage="early_career")))
        if p.path_id == programme.path.pk}
    assert early == {2025: 6, 2026: 5}  # the mid-career attendee and course members are not counted


def test_the_paths_table_and_its_csv(staff_client, programme):
    rows = rows_of(staff_client.get(reverse(URL), {"path": programme.path.pk, "export": "paths"}))
    assert rows[0] == ["Learning path", "Programme year", "Steps", "Editions", "Reach", "Completed the path",
                       "CPD hours delivered", "Evaluations", "Mean rating (1-5)", "Would recommend",
                       "Applied it at work"]
    assert rows[1:] == [
        ["Flow programme", "2025", "2", "1", "6", "0", "15.00", "5", "2.8", "40.0", "60.0"],
        ["Flow programme", "2026", "2", "2", "8", "1", "7.50", "5", "5.0", "100.0", "100.0"],
    ]
    editions = rows_of(staff_client.get(reverse(URL), {"path": programme.path.pk, "export": "editions"}))
    assert {row[0] for row in editions[1:]} == {"Flow Metrics", "Flow Live"}
    page = staff_client.get(reverse(URL), {"path": programme.path.pk}).content.decode()
    assert 'id="paths-heading"' in page and "export=paths" in page
    everything = rows_of(staff_client.get(reverse(URL), {"export": "paths"}))
    assert [row[0] for row in everything[1:]] == ["Another programme", "Flow programme", "Flow programme"]
    by_topic = rows_of(staff_client.get(reverse(URL), {"topic": programme.topic.pk, "export": "paths"}))
    assert {row[0] for row in by_topic[1:]} == {"Flow programme"}  # "Other" has no topic: its path is not listed


def test_the_link_to_retire_or_redesign_keeps_the_path(staff_client, programme):
    page = staff_client.get(reverse(URL), {"path": programme.path.pk}).content.decode()
    link = f'{reverse("courses_outcomes_abandonment")}?path_id={programme.path.pk}'
    assert link in page
    assert staff_client.get(link).status_code == 200


@pytest.mark.parametrize("value", ["abc", "0", "-3", "1.5", "99999999999999999999999", "1 OR 1=1", "x" * 5000])
def test_a_bad_path_is_a_400_naming_the_field(staff_client, programme, value):
    response = staff_client.get(reverse(URL), {"path": value})
    assert response.status_code == 400
    assert "valid choice" in response.content.decode()
    answer = staff_client.get(API, {"path": value})
    assert answer.status_code == 400 and answer.json()["error"].startswith("path:")


def test_a_page_that_is_not_a_path_is_refused(staff_client, programme):
    assert staff_client.get(reverse(URL), {"path": programme.course.pk}).status_code == 400


@pytest.mark.parametrize(("value", "message"), [("abc", "whole number"), ("0", "items offered"),
                                                ("99999999999", "items offered"), ("1e3", "whole number")])
def test_the_measures_filters_read_the_path_id_bounded(value, message):
    with pytest.raises(FilterError) as refused:
        OutcomeFilters.from_query({"path_id": value})
    assert refused.value.field == "path_id" and message in str(refused.value)
    assert OutcomeFilters.from_query({"path_id": " 42 "}).path_id == 42


def test_the_api_narrows_to_a_path_and_answers_its_rows(staff_client, programme):
    answer = staff_client.get(API, {"path": programme.path.pk}).json()
    assert {e["offering"] for e in answer["editions"]} == {"Flow Metrics", "Flow Live"}
    latest = next(p for p in answer["paths"] if p["programme_year"] == 2026)
    assert (latest["path"], latest["path_id"], latest["reach"], latest["completions"], latest["cpd_hours"]) == (
        "Flow programme", programme.path.pk, 8, 1, "7.50")
    assert latest["mean_rating"] == pytest.approx(5)
    document = staff_client.get("/api/v1/openapi.json").json()
    path = next(p for p in document["paths"][API]["get"]["parameters"] if p["name"] == "path")
    assert path["schema"]["minimum"] == 1 and "PathAnswer" in document["components"]["schemas"]


def test_query_count_with_a_path_does_not_grow_with_paths_steps_or_members(staff_client, programme):
    def count(query) -> int:
        with CaptureQueriesContext(connection) as queries:
            assert staff_client.get(reverse(URL), query).status_code == 200
        return len(queries)

    before = [count({"path": programme.path.pk}), count({})]
    for n in range(3):
        course = factories.build_offering(title=f"Step {n}", modules=1, lessons_per_module=1,
                                          topics=[programme.topic])
        for _m in range(3):
            enrol(factories.MemberFactory(), course, 2025 + n % 2, completed=True)
        factories.build_learning_path([course, programme.other], title=f"Path {n}")
    after = [count({"path": programme.path.pk}), count({})]
    assert after == before and max(before) <= OUTCOMES_DASHBOARD_MAX_QUERIES, before
