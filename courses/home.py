"""The home page's courses panels (HOME_PANELS hooks, courses/wagtail_hooks.py): a member's own learning (the exact
lesson to continue, their next sessions with the join button when it is open, CPD hours this year), what is on for
everyone (upcoming events in the viewer's zone, featured and new offerings, the current campaign) and a member's
recommendations. Each reads the rules "My learning", the event pages and the catalog already use, in a fixed
number of queries; cms prints them without knowing courses exists.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.db.models import Case, F, Q, When
from django.http import HttpRequest
from django.utils import timezone, translation

from cms.models import Campaign
from cms.translated_snippets import originals, with_reader_words
from lms.access import visible_access_levels
from lms.roles import signed_in

from .catalog.listing import card_prefetches
from .dashboard import DashboardEntry, UpcomingRegistration, learning_dashboard
from .events.joining import joining_decision
from .events.session_times import attach_next_sessions, viewer_zone, with_next_session
from .models import EventPage, Offering
from .recommendations import member_languages, recommendations_for
from .translations import reader_locale

LEARNING_TEMPLATE = "courses/home/_learning.html"
WHATS_ON_TEMPLATE = "courses/home/_whats_on.html"
RECOMMENDATIONS_TEMPLATE = "courses/_dashboard_recommendations.html"

# How much each list shows: the home page points the way; "My learning" and the catalog hold the rest.
SHOWN_IN_PROGRESS = 2
SHOWN_SESSIONS = 3
SHOWN_CARDS = 3  # per row of cards: upcoming events, featured, new
SHOWN_RECOMMENDATIONS = 3


@dataclass(frozen=True)
class NextSession:
    """A registered session still to come, and whether its join button is open now (events/joining.py)."""

    upcoming: UpcomingRegistration
    may_join: bool


def learning_panel(request: HttpRequest) -> tuple[str, dict] | None:
    """Continue where you left off, next sessions and CPD this year: members only, from `learning_dashboard`."""
    member = request.user
    if not member.is_authenticated:
        return None
    today = timezone.localdate()
    summary = learning_dashboard(member, today)
    zone_name, now = viewer_zone(), timezone.now()
    sessions = [
        NextSession(entry, bool(joining_decision(entry.registration, entry.registration.session, zone_name, now)))
        for entry in summary.upcoming[:SHOWN_SESSIONS]
    ]
    resumable: list[DashboardEntry] = [entry for entry in summary.in_progress if entry.resume_lesson is not None]
    return LEARNING_TEMPLATE, {
        "continue_entries": resumable[:SHOWN_IN_PROGRESS],
        "more_in_progress": max(0, len(resumable) - SHOWN_IN_PROGRESS),
        "next_sessions": sessions,
        "more_sessions": max(0, len(summary.upcoming) - SHOWN_SESSIONS),
        "cpd_hours_this_year": summary.cpd_hours_this_year,
        "year": today.year,
    }


@dataclass
class WhatsOn:
    events: list[Any]  # Offering rows with `next_session` (session_times.attach_next_sessions)
    featured: list[Any]
    new: list[Any]
    campaign: Campaign | None


def whats_on(viewer, today: date | None = None) -> WhatsOn:
    """Upcoming events (soonest session first), featured offerings and the newest self-paced ones, among what the
    viewer may see, and the campaign running today: three id queries, one for the cards (with their images, topics
    and co-hosts) and one for the campaign, however large the catalog."""
    today = today or timezone.localdate()
    # The reader's locale only: every offering is there once (an alias or a translation, cms/locale_trees.py).
    visible = Offering.objects.live().filter(access_level__in=visible_access_levels(viewer), locale_id=reader_locale())
    events_query = Q(pk__in=EventPage.objects.values("pk"))
    with_sessions = with_next_session(visible)
    event_ids = list(
        with_sessions.filter(events_query, next_session_starts_at__isnull=False)
        .order_by("next_session_starts_at", "pk").values_list("pk", flat=True)[:SHOWN_CARDS]
    )
    # A featured event that is over is no longer an invitation; one already among the upcoming is not repeated.
    featured_ids = list(
        with_sessions.filter(featured=True).exclude(pk__in=event_ids)
        .exclude(events_query & Q(next_session_starts_at__isnull=True))
        .order_by(F("first_published_at").desc(nulls_last=True), "pk").values_list("pk", flat=True)[:SHOWN_CARDS]
    )
    # The newest in a language the viewer reads come first; others follow only when those are too few.
    in_viewer_language = Case(When(language__in=_languages_of(viewer), then=0), default=1)
    new_ids = list(
        visible.exclude(events_query).exclude(pk__in=featured_ids)
        .order_by(in_viewer_language, F("first_published_at").desc(nulls_last=True), "-pk")
        .values_list("pk", flat=True)[:SHOWN_CARDS]
    )
    cards = with_next_session(
        Offering.objects.filter(pk__in=[*event_ids, *featured_ids, *new_ids])
        .select_related("image").prefetch_related(*card_prefetches(), "image__renditions")
    )
    by_id = {offering.pk: offering for offering in attach_next_sessions(cards, viewer_zone())}
    # The original campaign (what offerings point at), its words in the reader's language (`shown_*`).
    campaign = (
        with_reader_words(originals(Campaign.objects.filter(starts_on__lte=today, ends_on__gte=today)),
                          "name", "summary", "image_alt_text")
        .select_related("image").order_by("ends_on", "name").first()
    )
    return WhatsOn(
        events=[by_id[pk] for pk in event_ids if pk in by_id],
        featured=[by_id[pk] for pk in featured_ids if pk in by_id],
        new=[by_id[pk] for pk in new_ids if pk in by_id],
        campaign=campaign,
    )


def _languages_of(viewer) -> list[str]:
    """A member's learning languages; for a visitor, the language the page is shown in."""
    if signed_in(viewer):
        return member_languages(viewer)
    return [translation.get_language() or settings.LANGUAGE_CODE]


def whats_on_panel(request: HttpRequest) -> tuple[str, dict] | None:
    """What is on, for visitors and members alike; None only when the catalog has nothing to show yet."""
    shown = whats_on(request.user)
    if not (shown.events or shown.featured or shown.new or shown.campaign):
        return None
    return WHATS_ON_TEMPLATE, {"whats_on": shown, "viewer_zone": viewer_zone()}


def recommendations_panel(request: HttpRequest) -> tuple[str, dict] | None:
    """The first few of the member's recommendations (courses/recommendations.py), each with its reason."""
    if not request.user.is_authenticated:
        return None
    suggestions = recommendations_for(request.user, timezone.now(), limit=SHOWN_RECOMMENDATIONS + 1)
    return RECOMMENDATIONS_TEMPLATE, {
        "recommendations": suggestions[:SHOWN_RECOMMENDATIONS], "panel_class": "home-panel home-panel-wide",
        "see_all": len(suggestions) > SHOWN_RECOMMENDATIONS,
    }
