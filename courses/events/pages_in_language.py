"""Which page of an event a member is sent to in their language: e-mails, reminders and calendars name and link
the event as its translation (or alias) in that language, while its sessions and registrations stay the original's
(courses/translations.py). A language with no live page of the event gets the original."""

from __future__ import annotations

from collections.abc import Iterable

from ..models import EventPage


def events_in_language(events: Iterable[EventPage], language: str) -> dict[object, EventPage]:
    """Each event's live page in `language` by translation key, in one query however many events (the locale
    comes with it, for the page's address)."""
    events = list(events)
    found = {
        page.translation_key: page
        for page in EventPage.objects.live().filter(
            translation_key__in={event.translation_key for event in events}, locale__language_code=language
        ).select_related("locale")
    }
    return {event.translation_key: found.get(event.translation_key, event) for event in events}


def event_in_language(event: EventPage, language: str) -> EventPage:
    """The event's live page in `language`, else the event itself."""
    return events_in_language([event], language)[event.translation_key]
