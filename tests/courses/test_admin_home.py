"""The Wagtail admin's home shows instructors what they teach and partner hosts their co-hosted events, through the
real admin home: their own work with its counts, never anyone else's, in a bounded number of queries."""

from __future__ import annotations

import pytest
from django.urls import reverse
from wagtail.models import Workflow, WorkflowState

from courses.admin_home import MOST_ROWS, hosted_event_rows, teaching_rows
from courses.catalog.setup import STAFF_REVIEW_WORKFLOW
from courses.models import Registration
from tests import factories
from tests.courses.events_admin_support import register
from tests.courses.journeys import enrol, finish

pytestmark = pytest.mark.django_db
HOME = "/admin/"


def home_of(client, person) -> str:
    client.force_login(person)
    response = client.get(HOME)
    assert response.status_code == 200
    return response.content.decode()


def put_in_review(page, person) -> None:
    page.save_revision(user=person)
    Workflow.objects.get(name=STAFF_REVIEW_WORKFLOW).start(page, person)


# ------------------------------------------------------------------------------------------------ teaching


def test_an_instructor_sees_their_offerings_with_drafts_reviews_and_completion(client):
    teacher, other = factories.InstructorFactory(), factories.InstructorFactory()
    mine = factories.build_offering(title="Flow Metrics Fundamentals", instructors=[teacher], modules=1,
                                    lessons_per_module=2)
    factories.build_offering(title="Someone Else's Course", instructors=[other], modules=1, lessons_per_module=1)
    lessons = factories.lessons_of(mine)
    done, halfway = factories.MemberFactory(), factories.MemberFactory()
    enrol(done, mine)
    finish(done, lessons)
    enrol(halfway, mine)
    put_in_review(lessons[0], teacher)

    rows, total = teaching_rows(teacher)
    assert total == 1 and [r.offering.pk for r in rows] == [mine.pk]
    row = rows[0]
    assert (row.learners, row.completed, row.completion_percent, row.in_review) == (2, 1, 50, 1)
    assert row.drafts >= 1  # the lesson's revision in review is a change not yet published

    page = home_of(client, teacher)
    assert "What you teach" in page and "Flow Metrics Fundamentals" in page
    assert reverse("wagtailadmin_pages:edit", args=[mine.pk]) in page
    assert reverse("wagtailadmin_explore", args=[mine.pk]) in page
    assert "1 (50%)" in page
    assert "Someone Else" not in page
    assert "evaluation" not in page.lower()


def test_an_instructor_named_on_nothing_is_told_so_and_a_learner_sees_no_panel(client, learner):
    teacher = factories.InstructorFactory()
    factories.build_offering(title="Not Theirs", instructors=[factories.InstructorFactory()], modules=1,
                             lessons_per_module=1)
    page = home_of(client, teacher)
    assert "What you teach" in page and "not named as an instructor on any offering" in page
    assert "Not Theirs" not in page
    assert teaching_rows(learner) == ([], 0)


def test_an_event_counts_confirmed_registrations_and_attendance(client):
    teacher = factories.InstructorFactory()
    event = factories.build_event(title="Flow Metrics Live", instructors=[teacher])
    session = factories.sessions_of(event)[0]
    attended = register(factories.MemberFactory(), session)
    register(factories.MemberFactory(), session)
    Registration.objects.filter(pk=attended.pk).update(attended=True)
    [row] = teaching_rows(teacher)[0]
    assert (row.learners, row.completed, row.completion_percent) == (2, 1, 50)


def test_the_teaching_panel_is_a_few_queries_however_many_offerings(client, django_assert_max_num_queries):
    teacher = factories.InstructorFactory()
    for n in range(MOST_ROWS + 2):
        offering = factories.build_offering(title=f"Course {n}", instructors=[teacher], modules=1,
                                            lessons_per_module=1)
        enrol(factories.MemberFactory(), offering)
    with django_assert_max_num_queries(3):
        rows, total = teaching_rows(teacher)
    assert len(rows) == MOST_ROWS and total == MOST_ROWS + 2
    client.force_login(teacher)
    client.get(HOME)  # warm Wagtail's own caches (site, content types)
    with django_assert_max_num_queries(40):
        page = client.get(HOME).content.decode()
    assert "And 2 more offerings" in page


# ------------------------------------------------------------------------------------------------- hosting


def test_a_partner_host_sees_their_partners_events_with_registrations_and_no_others(client):
    ours, theirs = factories.PartnerFactory(name="Lean Institute"), factories.PartnerFactory(name="Flow University")
    host = factories.partner_host_for(ours)
    event = factories.build_event(title="Lean Webinar", co_hosts=[ours],
                                  sessions=[factories.session_spec(3, capacity=1)])
    factories.build_event(title="Flow University Webinar", co_hosts=[theirs])
    session = factories.sessions_of(event)[0]
    register(factories.MemberFactory(), session)
    register(factories.MemberFactory(), session)  # the one seat is taken: waitlisted

    rows, total = hosted_event_rows(host)
    assert total == 1 and len(rows) == 1
    row = rows[0]
    assert (row.event.pk, row.confirmed, row.waitlisted) == (event.pk, 1, 1)
    assert row.next_session_at == session.starts_at

    page = home_of(client, host)
    assert "Events your partner co-hosts" in page and "Lean Webinar: registrations" in page
    assert reverse("courses_events:registrations", args=[event.pk]) in page
    assert "Flow University Webinar" not in page
    assert client.get(row.registrations_url).status_code == 200  # the link is one the host may open


def test_a_partner_host_without_events_is_told_so_and_others_see_no_hosting_panel(client):
    host = factories.partner_host_for(factories.PartnerFactory())
    factories.build_event(title="Somebody's Webinar", co_hosts=[factories.PartnerFactory()])
    page = home_of(client, host)
    assert "Your partner co-hosts no events yet." in page and "Somebody" not in page
    staff_page = home_of(client, factories.StaffFactory())
    assert "Events your partner co-hosts" not in staff_page and "What you teach" not in staff_page


def test_the_hosting_panel_is_a_few_queries_however_many_events(django_assert_max_num_queries):
    partner = factories.PartnerFactory()
    host = factories.partner_host_for(partner)
    for n in range(MOST_ROWS + 1):
        event = factories.build_event(title=f"Webinar {n}", co_hosts=[partner])
        register(factories.MemberFactory(), factories.sessions_of(event)[0])
    with django_assert_max_num_queries(3):
        rows, total = hosted_event_rows(host)
    assert len(rows) == MOST_ROWS and total == MOST_ROWS + 1 and all(r.confirmed == 1 for r in rows)


def test_review_counts_only_the_offerings_own_tree(client):
    teacher = factories.InstructorFactory()
    a = factories.build_offering(title="Alpha", instructors=[teacher], modules=1, lessons_per_module=1)
    b = factories.build_offering(title="Beta", instructors=[teacher], modules=1, lessons_per_module=1)
    put_in_review(factories.lessons_of(b)[0], teacher)
    counts = {r.offering.pk: r.in_review for r in teaching_rows(teacher)[0]}
    assert counts == {a.pk: 0, b.pk: 1}
    assert WorkflowState.objects.filter(status=WorkflowState.STATUS_IN_PROGRESS).count() == 1
