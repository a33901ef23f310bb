"""My learning's "Recommended for you" list, kept in the cache per member (the rule itself is recommendations.py).

Why this is safe: the list is a function of the member's own rows and of the catalog, read at a time. The key holds
every input, so a stale list is never read under it:

- the member: their generation (`lms.generations.member`), renewed whenever their member row, interests or groups (staff
  see everything), enrolments (and their history: completion is an UPDATE plus a history row), registrations or
  progress change;
- the catalog: the site's content generation (cms/page_cache.py), renewed by every write of a table that is not
  one member's own: pages and their links, sessions, topics, locales, sites, groups, whatever wrote them;
- the time: the member's day (membership and enrolment dates are days) and the language active (the reasons are
  translated, the links are in the reader's language), and the entry holds until the next session's registration
  closes (an event drops out then; read against the `now` asked about, and it leaves the cache then too), so no
  time-dependent answer outlives its time.

The generations are `lms.generations` (random tokens, renewed at once and again on commit: see there why). Only the
member's own key holds their list (never readable by another member). MY_LEARNING_CACHE_SECONDS caps an entry's
life; 0 turns the cache off (the tests compare against the uncached page).
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.db.models import F
from django.utils import timezone
from django.utils.translation import get_language

from cms.page_cache import CONTENT
from lms import generations

from .recommendations import MAX_RECOMMENDATIONS, Recommendation, _sessions_open_for_registration, recommendations_for

DEFAULT_SECONDS = 3600


def cache_seconds() -> int:
    return int(getattr(settings, "MY_LEARNING_CACHE_SECONDS", DEFAULT_SECONDS))


def catalog_generation() -> str:
    """The catalog's current generation (the site's content generation), for other catalog-only answers kept in the
    cache (onboarding.py)."""
    return generations.current(CONTENT)[CONTENT]


def _next_registration_close(now: datetime) -> datetime | None:
    """When the next open session's registration closes (the recommendation rule's one sub-day time)."""
    return (_sessions_open_for_registration(now).annotate(closes=F("closes_at")).order_by("closes")
            .values_list("closes", flat=True).first())


def cached_recommendations(member, now: datetime) -> list[Recommendation]:
    """recommendations_for(member, now) with the default length, from the cache when nothing it reads changed."""
    seconds = cache_seconds()
    if seconds <= 0 or not getattr(member, "is_authenticated", False):
        return recommendations_for(member, now)
    found_generations = generations.current(generations.member(member.pk), CONTENT)
    member_generation, catalog = found_generations[generations.member(member.pk)], found_generations[CONTENT]
    key = ":".join(["recs", str(member.pk), member_generation, catalog, get_language() or "",
                    timezone.localdate(now).isoformat(), str(MAX_RECOMMENDATIONS)])
    found = cache.get(key)
    if found is not None and (found[0] is None or now < found[0]):
        return found[1]
    shown = recommendations_for(member, now)
    closes = _next_registration_close(now)
    if closes is not None:
        seconds = min(seconds, int((closes - now).total_seconds()))
    if seconds > 0:
        cache.set(key, (closes, shown), seconds)
    return shown
