"""The programme planner's figures on known data, its page for staff, and a query count that does not grow."""

from __future__ import annotations

from datetime import time
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import Locale

from courses.events.programme_planner import programme_plan
from courses.events.times import span_in
from courses.models import CoursePage, EthicsModulePage, Session, WebinarPage, WorkshopPage
from tests import factories
from tests.translating import translate_snippet

pytestmark = pytest.mark.django_db

YEAR = timezone.localdate().year


def offering(page_class, year: int, topics, **kwargs):
    """A live offering of any format in a programme year, tagged with topics."""
    if page_class in (WebinarPage, WorkshopPage):
        kwargs.setdefault("sessions", [factories.session_spec(-30, venue="Hall 1")])
        return factories.build_event(page_class=page_class, programme_year=year, topics=topics, **kwargs)
    return factories.build_offering(page_class=page_class, programme_year=year, topics=topics, modules=0, **kwargs)


@pytest.fixture
def topics():
    names = ["Flow", "Ethics", "Kanban", "Lean", "Unused"]
    return {name: factories.TopicFactory(name=name, slug=name.lower()) for name in names}


@pytest.fixture
def catalogue(topics):
    flow, ethics, kanban, lean = topics["Flow"], topics["Ethics"], topics["Kanban"], topics["Lean"]
    offering(CoursePage, YEAR - 6, [flow], title="Old Flow")  # outside the matrix, still in the history
    offering(CoursePage, YEAR - 2, [flow], title="Flow 1")
    offering(WebinarPage, YEAR - 1, [flow, lean], title="Flow 2")
    offering(CoursePage, YEAR, [flow], title="Flow 3")
    offering(
        WorkshopPage, YEAR, [flow], title="Flow Live",
        sessions=[factories.session_spec(-2, venue="Hall 1", joining_url=""),
                  factories.session_spec(10, start=time(9), end=time(10), venue="Hall 1", joining_url=""),
                  factories.session_spec(3, start=time(14), end=time(15), venue="Hall 1", joining_url="",
                                         title="Afternoon run")],
    )
    offering(EthicsModulePage, YEAR - 3, [ethics], title="Ethics 1")
    offering(CoursePage, YEAR - 2, [kanban], title="Kanban 1")
    offering(CoursePage, YEAR + 1, [kanban], title="Kanban 2")
    offering(CoursePage, YEAR, [lean], title="Lean draft", publish=False)  # not live: not counted
    offering(CoursePage, YEAR, [], title="Untagged")


def test_matrix_counts_live_offerings_by_topic_year_and_format(catalogue):
    plan = programme_plan()
    assert plan.current_year == YEAR
    assert plan.years == [YEAR - 4, YEAR - 3, YEAR - 2, YEAR - 1, YEAR, YEAR + 1]
    rows = {p.topic.name: p for p in plan.topics}
    assert list(rows) == ["Ethics", "Flow", "Kanban", "Lean", "Unused"]
    flow = {cell.year: cell for cell in rows["Flow"].cells}
    assert flow[YEAR].total == 2 and flow[YEAR].by_format == {"Course": 1, "Workshop": 1}
    assert flow[YEAR - 1].by_format == {"Webinar": 1}
    assert flow[YEAR - 4].total == 0 and flow[YEAR + 1].total == 0
    assert [cell.total for cell in rows["Lean"].cells] == [0, 0, 0, 1, 0, 0]  # the draft is not counted
    assert rows["Ethics"].cells[1].by_format == {"Ethics / RCR module": 1}
    assert plan.untagged_offerings == 1


def test_years_offered_gaps_and_repeats(catalogue):
    rows = {p.topic.name: p for p in programme_plan().topics}
    assert rows["Flow"].years_offered == [YEAR - 6, YEAR - 2, YEAR - 1, YEAR]
    assert rows["Flow"].repeated_every_year and not rows["Flow"].not_offered_recently
    assert rows["Ethics"].last_offered_year == YEAR - 3 and rows["Ethics"].not_offered_recently
    # Last run two years ago counts as a gap, even though it is planned again next year.
    kanban = rows["Kanban"]
    assert (kanban.last_offered_year, kanban.next_planned_year) == (YEAR - 2, YEAR + 1)
    assert kanban.not_offered_recently and not kanban.repeated_every_year
    assert not rows["Lean"].not_offered_recently and not rows["Lean"].repeated_every_year
    assert rows["Unused"].years_offered == [] and rows["Unused"].not_offered_recently
    plan = programme_plan()
    assert [p.topic.name for p in plan.not_offered_recently] == ["Ethics", "Kanban", "Unused"]
    assert [p.topic.name for p in plan.repeated_every_year] == ["Flow"]


def test_upcoming_sessions_per_topic_in_the_readers_zone(catalogue):
    rows = {p.topic.name: p for p in programme_plan(zone_name="Asia/Tokyo").topics}
    upcoming = rows["Flow"].upcoming
    assert [u.session_title for u in upcoming] == ["Afternoon run", ""]  # soonest first; the past one is gone
    assert all(u.event_title == "Flow Live" and u.format_label == "Workshop" for u in upcoming)
    afternoon = Session.objects.get(title="Afternoon run")
    assert upcoming[0].starts_at == afternoon.starts_at
    assert upcoming[0].when == str(span_in(afternoon.starts_at, afternoon.ends_at, "Asia/Tokyo"))
    assert upcoming[0].when.endswith("JST")
    assert afternoon.starts_at.astimezone(ZoneInfo("Asia/Tokyo")).strftime("%H:%M") in upcoming[0].when
    assert rows["Kanban"].upcoming == [] and rows["Lean"].upcoming == []


def test_staff_read_the_planner_page(client, staff, catalogue):
    staff.time_zone = "Asia/Tokyo"
    staff.save()
    client.force_login(staff)
    response = client.get(reverse("courses_programme_planner"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<caption id=\"matrix-caption\"><h2>Topics by programme year</h2></caption>" in html
    assert '<th scope="row">Flow</th>' in html and f'<th scope="col">{YEAR}' in html
    assert "1 Course, 1 Workshop" in html
    assert "last offered in %d" % (YEAR - 3) in html and "never offered" in html
    assert "planned for %d" % (YEAR + 1) in html
    assert "Afternoon run" in html and "JST" in html
    assert "1 live offering has no topic" in html


def test_query_count_does_not_grow_with_topics_and_offerings(client, staff, topics, django_assert_max_num_queries):
    offering(WebinarPage, YEAR, [topics["Flow"]], title="Only one", sessions=[factories.session_spec(4)])
    client.force_login(staff)
    url = reverse("courses_programme_planner")
    client.get(url)  # warm caches (content types, site) so both measured requests start alike
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    small_plan_queries = _plan_queries()

    for n in range(12):
        topic = factories.TopicFactory(name=f"Extra {n}", slug=f"extra-{n}")
        offering(CoursePage, YEAR - n % 5, [topic, topics["Lean"]], title=f"Course {n}")
        offering(WebinarPage, YEAR + 1, [topic], title=f"Webinar {n}",
                 sessions=[factories.session_spec(5 + n), factories.session_spec(6 + n)])
    with django_assert_max_num_queries(len(small)):
        assert client.get(url).status_code == 200
    assert _plan_queries() == small_plan_queries


def _plan_queries() -> int:
    with CaptureQueriesContext(connection) as queries:
        programme_plan()
    return len(queries)


def test_plan_queries_are_few(django_assert_max_num_queries, catalogue):
    programme_plan()  # content types cached
    with django_assert_max_num_queries(4):
        plan = programme_plan()
    assert len(plan.topics) == 5


def test_topics_are_named_in_the_staff_members_language_and_planned_once(catalogue, topics):
    Locale.objects.get_or_create(language_code="es")
    translate_snippet(topics["Flow"], "es", name="Flujo")
    with translation.override("es"):
        plan = programme_plan()
    names = [row.topic.shown_name for row in plan.topics]
    assert names == sorted(names) and "Flujo" in names and "Flow" not in names
    assert len(names) == len(topics)
    assert next(row for row in plan.topics if row.topic.shown_name == "Flujo").topic.pk == topics["Flow"].pk
    with translation.override("en"):
        assert "Flow" in [row.topic.shown_name for row in programme_plan().topics]
