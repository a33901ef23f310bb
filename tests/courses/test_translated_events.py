"""A workshop or webinar read in another language (its translation or alias, cms/locale_trees.py): the sessions
registered for, counted, reminded of and put in calendars are the original's, whichever page was used; e-mails
and calendars speak the member's language and link to the event's page in it. Real pages, locales and database."""

from __future__ import annotations

from datetime import timedelta

import icalendar
import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cms.locale_trees import sync_locale_trees
from courses.admin_home import hosted_event_rows, teaching_rows
from courses.events import registration as registration_rules
from courses.events.programme_planner import programme_plan
from courses.events.registration_access import events_managed_by
from courses.events.registration_notices import create_due_reminders
from courses.home import whats_on
from courses.models import CalendarFeed, EventPage, Registration, RegistrationNotice, Session
from tests import factories
from tests.factories import MemberFactory, build_event, session_spec, sessions_of
from tests.translating import page_in, translate

pytestmark = pytest.mark.django_db

SPANISH_TITLE = "Métricas de flujo en directo"


@pytest.fixture
def event():
    """A webinar with two sessions, in every locale's tree, translated into Spanish (French and Portuguese: aliases)."""
    original = build_event(sessions=[session_spec(7, capacity=5), session_spec(8, capacity=5, title="Asia edition")])
    sync_locale_trees()
    translate(original, "es", title=SPANISH_TITLE, summary="Un resumen en español.")
    return original


@pytest.fixture
def spanish_member():
    return MemberFactory(email="lucia@example.org", first_name="Lucía", site_language="es", time_zone="Europe/Madrid")


def copies_of(event: EventPage) -> list[Session]:
    """The sessions Wagtail copied onto the event's aliases and translations (which nothing may use)."""
    return list(Session.objects.filter(event__translation_key=event.translation_key).exclude(event=event))


def parse(body: bytes) -> list:
    return list(icalendar.Calendar.from_ical(body).walk("VEVENT"))


# ------------------------------------------------------------------------------------------- register, cancel, join


def test_registering_on_the_spanish_page_takes_the_original_session_once(client, event, spanish_member, staff):
    first, second = sessions_of(event)
    other_locales = len(settings.WAGTAIL_CONTENT_LANGUAGES) - 1
    assert len(copies_of(event)) == 2 * other_locales, "every other locale has copies of both sessions"
    spanish = page_in(event, "es")
    assert spanish.url.startswith("/es/")
    client.force_login(spanish_member)

    page = client.get(spanish.url).content.decode()
    assert SPANISH_TITLE in page
    assert f'id="session-{first.pk}"' in page and f'id="session-{second.pk}"' in page
    assert not any(f'id="session-{copy.pk}"' in page for copy in copies_of(event))

    answer = client.post(f"{spanish.url}register/", {"session": str(second.pk)})
    assert answer.status_code == 303 and answer.headers["Location"] == spanish.url
    registration = Registration.objects.get(member=spanish_member)
    assert registration.session_id == second.pk and registration.status == Registration.Status.CONFIRMED

    # The French alias shows the same registration and will not take a second one for the same session.
    french = page_in(event, "fr")
    assert "cancel/%d/" % registration.pk in client.get(french.url).content.decode()
    again = client.post(f"{french.url}register/", {"session": str(second.pk)})
    assert again.status_code == 409
    assert Registration.objects.filter(member=spanish_member).count() == 1

    # The registrations admin, reached from the original or from the translation, lists the member once.
    client.force_login(staff)
    for page_id in (event.pk, spanish.pk):
        listing = client.get(reverse("courses_events:registrations", args=[page_id])).content.decode()
        assert listing.count("lucia@example.org") == 1

    # Cancelling from the Spanish page gives up the original session's seat.
    client.force_login(spanish_member)
    client.post(f"{spanish.url}cancel/{registration.pk}/", {"confirm": "yes"})
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CANCELLED


def test_a_session_id_from_an_alias_is_refused_cleanly(client, event, spanish_member):
    spanish, french = page_in(event, "es"), page_in(event, "fr")
    forged = Session.objects.filter(event=french).first()
    client.force_login(spanish_member)

    answer = client.post(f"{spanish.url}register/", {"session": str(forged.pk)})
    assert answer.status_code == 400
    assert f"Elija una de las sesiones de «{SPANISH_TITLE}»; la sesión enviada no es una de ellas." in \
        answer.content.decode()
    assert client.post(f"{french.url}register/", {"session": str(forged.pk)}).status_code == 400
    assert client.get(f"{spanish.url}join/{forged.pk}/").status_code == 404
    assert not Registration.objects.exists()


# ------------------------------------------------------------------------------------------- counted once


def test_the_planner_reminders_and_panels_count_each_session_once_with_every_locale_synced(staff):
    topic = factories.TopicFactory(name="Flow", slug="flow")
    partner = factories.PartnerFactory(name="Lean Partners")
    soon = timezone.now() + timedelta(hours=23, minutes=30)
    event = build_event(title="Flow Clinic", topics=[topic], co_hosts=[partner], instructors=[staff], sessions=[
        session_spec(date=soon.date(), start=soon.time().replace(second=0, microsecond=0),
                     end=(soon + timedelta(hours=1)).time().replace(second=0, microsecond=0),
                     end_date=(soon + timedelta(hours=1)).date(), time_zone="UTC"),
    ])
    sync_locale_trees()
    locales = len(settings.WAGTAIL_CONTENT_LANGUAGES)
    assert Session.objects.count() == locales and Session.objects.of_originals().count() == 1
    registration_rules.register(staff, sessions_of(event)[0], now=timezone.now() - timedelta(days=2))

    plan = next(p for p in programme_plan().topics if p.topic == topic)
    assert [s.event_id for s in plan.upcoming] == [event.pk]
    assert sum(cell.total for cell in plan.cells) == 1

    assert create_due_reminders() == 1
    assert RegistrationNotice.objects.filter(kind=RegistrationNotice.Kind.REMINDER_24H).count() == 1

    assert list(events_managed_by(staff)) == [EventPage.objects.get(pk=event.pk)]
    rows, total = teaching_rows(staff)
    assert [row.offering.pk for row in rows] == [event.pk] and total == 1
    host = factories.partner_host_for(partner)
    hosted, total = hosted_event_rows(host)
    assert [(row.event.pk, row.confirmed) for row in hosted] == [(event.pk, 1)] and total == 1


def test_the_spanish_home_page_lists_the_event_once_with_the_originals_next_session(event):
    from django.utils import translation

    with translation.override("es"):
        shown = whats_on(MemberFactory())
    assert [card.pk for card in shown.events] == [page_in(event, "es").pk]
    assert shown.events[0].title == SPANISH_TITLE
    assert shown.events[0].next_session.session.starts_at == sessions_of(event)[0].starts_at


# ------------------------------------------------------------------------------------------- in the member's language


def test_a_spanish_members_confirmation_is_spanish_and_links_to_the_spanish_page(
    client, event, spanish_member, mailoutbox, django_capture_on_commit_callbacks
):
    spanish = page_in(event, "es")
    client.force_login(spanish_member)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"{spanish.url}register/", {"session": str(sessions_of(event)[0].pk)})

    [message] = mailoutbox
    assert message.subject == f"Se ha inscrito: {SPANISH_TITLE}"
    assert f"http://testserver{spanish.url}" in message.body or spanish.url in message.body
    assert "/es/" in next(line for line in message.body.splitlines() if spanish.url in line)
    [(name, body, _mime)] = message.attachments
    [vevent] = parse(body)
    assert str(vevent["SUMMARY"]) == SPANISH_TITLE
    assert spanish.url in str(vevent["URL"])
    assert "enlace" in str(vevent["DESCRIPTION"])  # the online note, in Spanish
    assert str(vevent["UID"]).startswith(f"session-{sessions_of(event)[0].pk}@")


def test_the_spanish_pages_calendar_is_spanish_with_the_originals_sessions(client, event):
    spanish = page_in(event, "es")
    vevents = parse(client.get(f"{spanish.url}calendar/").content)
    assert sorted(str(v["UID"]).split("@")[0] for v in vevents) == sorted(
        f"session-{s.pk}" for s in sessions_of(event))
    assert {str(v["SUMMARY"]) for v in vevents} == {SPANISH_TITLE, f"{SPANISH_TITLE}: Asia edition"}
    assert all("enlace" in str(v["DESCRIPTION"]) and spanish.url in str(v["URL"]) for v in vevents)


def test_a_spanish_members_feed_names_events_in_spanish_in_constant_queries(client, spanish_member):
    events = [build_event(title=f"Webinar {n}") for n in range(3)]
    sync_locale_trees()
    translate(events[0], "es", title="Seminario web cero")
    registration_rules.register(spanish_member, sessions_of(events[0])[0])
    feed = CalendarFeed.objects.create(member=spanish_member)
    url = reverse("events:calendar_feed", args=[feed.token])

    client.get(url)  # warm the per-process caches (site root paths, content types)
    with CaptureQueriesContext(connection) as one:
        body = client.get(url).content
    [vevent] = parse(body)
    assert str(vevent["SUMMARY"]) == "Seminario web cero" and "/es/" in str(vevent["URL"])

    for other in events[1:]:
        registration_rules.register(spanish_member, sessions_of(other)[0])
    with CaptureQueriesContext(connection) as three:
        body = client.get(url).content
    summaries = sorted(str(v["SUMMARY"]) for v in parse(body))
    assert summaries == ["Seminario web cero", "Webinar 1", "Webinar 2"]
    assert len(three) == len(one)


def test_the_spanish_event_page_makes_as_many_queries_for_five_sessions_as_for_one(client, spanish_member):
    small = build_event(title="Webinar with one", sessions=[session_spec(7)])
    large = build_event(title="Webinar with five", sessions=[session_spec(7 + n) for n in range(5)])
    sync_locale_trees()
    client.force_login(spanish_member)

    def spanish_page_queries(event) -> int:
        spanish = page_in(event, "es")
        registration_rules.register(spanish_member, sessions_of(event)[0])
        client.get(spanish.url)  # warm the per-process caches (site root paths, content types)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(spanish.url).status_code == 200
        return len(queries)

    assert spanish_page_queries(large) == spanish_page_queries(small)
