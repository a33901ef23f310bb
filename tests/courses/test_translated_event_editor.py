"""A translated event in the Wagtail editor: its sessions are the original's (courses/events/session_editing.py), so
the translation's edit page shows them read-only with a link to the original's, saving and publishing the translation
still works, session fields posted to it change nothing, and the original's editor edits sessions as before. The
real admin views, pages, locales and database."""

from __future__ import annotations

from datetime import time

import pytest
from django.urls import reverse

from cms.locale_trees import sync_locale_trees
from courses.catalog.setup import ensure_catalog
from courses.events.session_times import session_time
from courses.models import EventPage, Session, WebinarPage
from tests import factories
from tests.courses.events_admin_support import event_form
from tests.translating import page_in, translate

pytestmark = pytest.mark.django_db

SPANISH_TITLE = "Métricas de flujo en directo"
EDITOR_ZONE = "Asia/Tokyo"


@pytest.fixture
def event():
    """A webinar with two sessions (London and New York), in every locale's tree, translated into Spanish."""
    original = factories.build_event(sessions=[
        factories.session_spec(7, capacity=5),
        factories.session_spec(8, capacity=None, title="Americas edition", time_zone="America/New_York",
                               venue="Hall B, 1 Main Street"),
    ])
    sync_locale_trees()
    ensure_catalog()  # staff's rights in every locale's tree, as the site's set-up grants them
    translate(original, "es", title=SPANISH_TITLE, summary="Un resumen en español.")
    return original


@pytest.fixture
def editor(client):
    client.force_login(factories.StaffFactory(email="editor@example.org", time_zone=EDITOR_ZONE))
    return client


def edit_url(page) -> str:
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def every_session_of(event: EventPage) -> list[tuple]:
    """Each session row of every locale's page of the event, as stored: id, page, title, times, seats."""
    return list(Session.objects.filter(event__translation_key=event.translation_key).order_by("pk").values_list(
        "pk", "event_id", "title", "date", "start_time", "end_time", "starts_at", "capacity", "venue"))


def without_sessions(form: dict) -> dict:
    """What the translation's edit page posts: the page's fields, no session fields (the page has none)."""
    return {name: value for name, value in form.items() if not name.startswith("sessions-")}


def test_the_translation_shows_the_originals_sessions_read_only_with_a_link_to_them(editor, event):
    spanish = page_in(event, "es")
    copy = Session.objects.filter(event=spanish).order_by("starts_at").first()
    copy.title = "A stale copy"  # what a copy says is never shown: the original's sessions are
    copy.save()

    page = editor.get(edit_url(spanish)).content.decode()

    assert "Sessions are scheduled on the original page, in English; change them there." in page
    assert f'href="{edit_url(event)}"' in page
    for session in factories.sessions_of(event):
        shown = session_time(session, EDITOR_ZONE)
        assert str(shown.viewer) in page  # in the editor's zone, with the session's own alongside
        assert str(shown.own) in page
    assert "Americas edition" in page and "Hall B, 1 Main Street" in page
    assert "A stale copy" not in page
    assert "in your time zone (Asia/Tokyo)" in page
    assert 'name="sessions-' not in page and "sessions-TOTAL_FORMS" not in page  # nothing to edit, nothing to add
    assert 'id="id_sessions-ADD"' not in page and "Add session" not in page


def test_saving_and_publishing_the_translation_changes_its_words_and_no_session(editor, event):
    spanish = page_in(event, "es")
    before = every_session_of(event)

    published = editor.post(edit_url(spanish), without_sessions(event_form(
        spanish, title="Métricas de flujo, en vivo", summary="Otro resumen.", **{"action-publish": "1"})))

    assert published.status_code == 302, published.content.decode()[:3000]
    live = WebinarPage.objects.get(pk=spanish.pk)
    assert (live.title, live.summary, live.live, live.has_unpublished_changes) == (
        "Métricas de flujo, en vivo", "Otro resumen.", True, False)
    assert every_session_of(event) == before


def test_session_fields_posted_to_the_translation_change_nothing(editor, event):
    """A hand-made POST: the copies' rows changed, one deleted, one added. The page saves; no session changes."""
    spanish = page_in(event, "es")
    before = every_session_of(event)
    form = event_form(spanish, title="Métricas, otra vez", **{"action-publish": "1"})
    assert form["sessions-TOTAL_FORMS"] == "2"
    form.update({
        "sessions-0-date": "2030-01-02", "sessions-0-start_time": "06:00", "sessions-0-capacity": "999",
        "sessions-1-DELETE": "on",
        "sessions-TOTAL_FORMS": "3", "sessions-2-id": "", "sessions-2-title": "Added on the translation",
        "sessions-2-date": "2030-02-03", "sessions-2-start_time": "10:00", "sessions-2-end_time": "11:00",
        "sessions-2-end_date": "", "sessions-2-time_zone": "UTC", "sessions-2-capacity": "",
        "sessions-2-language": "", "sessions-2-joining_url": "https://meet.example.org/j/9", "sessions-2-venue": "",
    })

    posted = editor.post(edit_url(spanish), form)

    assert posted.status_code == 302, posted.content.decode()[:3000]
    assert WebinarPage.objects.get(pk=spanish.pk).title == "Métricas, otra vez"
    assert every_session_of(event) == before


def test_an_alias_is_not_edited_at_all(editor, event):
    french = page_in(event, "fr")
    before = every_session_of(event)

    assert editor.post(edit_url(french), event_form(french, **{"sessions-0-capacity": "999"})).status_code == 405
    assert every_session_of(event) == before


def test_the_originals_editor_still_edits_its_sessions(editor, event):
    page = editor.get(edit_url(event)).content.decode()
    assert 'name="sessions-0-date"' in page and 'id="id_sessions-ADD"' in page
    assert "Sessions are scheduled on the original page" not in page
    first, second = factories.sessions_of(event)

    saved = editor.post(edit_url(event), event_form(event, **{"sessions-0-start_time": "09:00",
                                                               "sessions-0-end_time": "10:30",
                                                               "action-publish": "1"}))

    assert saved.status_code == 302, saved.content.decode()[:3000]
    moved = Session.objects.get(pk=first.pk)
    assert (moved.start_time, moved.end_time, moved.schedule_version) == (time(9), time(10, 30), 1)
    assert Session.objects.get(pk=second.pk).starts_at == second.starts_at
