"""My learning's "Recommended for you" list, kept in the cache per member (the rule itself is recommendations.py).

Why this is safe: the list is a function of the member's own rows and of the catalog, read at a time. The key holds
every input, so a stale list is never read under it:

- the member: their generation (`lms.generations.member`), renewed whenever their member row, interests or groups (staff
  see everything), enrolments (and their history: completion is an UPDATE plus a history row), registrations or
  progress change;
- the catalog: one site-wide generation token bumped on any save, move or deletion of a page (offerings, their
  topics, prerequisites, instructors and translations are saved with their page), a page view restriction, a
  session, a topic, a locale, a site or a group;
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
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import get_language
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.signals import post_page_move

from cms.models import Topic
from lms import generations
from lms.models import Member

from .models import Offering, Session
from .recommendations import MAX_RECOMMENDATIONS, Recommendation, _sessions_open_for_registration, recommendations_for

DEFAULT_SECONDS = 3600
CATALOG_KEY = "recs:gen:catalog"


def cache_seconds() -> int:
    return int(getattr(settings, "MY_LEARNING_CACHE_SECONDS", DEFAULT_SECONDS))


def bump_catalog() -> None:
    generations.renew(CATALOG_KEY)


def catalog_generation() -> str:
    """The catalog's current generation, for other catalog-only answers kept in the cache (onboarding.py)."""
    return generations.current(CATALOG_KEY)[CATALOG_KEY]


def _next_registration_close(now: datetime) -> datetime | None:
    """When the next open session's registration closes (the recommendation rule's one sub-day time)."""
    return (_sessions_open_for_registration(now).annotate(closes=F("closes_at")).order_by("closes")
            .values_list("closes", flat=True).first())


def cached_recommendations(member, now: datetime) -> list[Recommendation]:
    """recommendations_for(member, now) with the default length, from the cache when nothing it reads changed."""
    seconds = cache_seconds()
    if seconds <= 0 or not getattr(member, "is_authenticated", False):
        return recommendations_for(member, now)
    found_generations = generations.current(generations.member(member.pk), CATALOG_KEY)
    member_generation, catalog = found_generations[generations.member(member.pk)], found_generations[CATALOG_KEY]
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


# ---------------------------------------------------------------------------------------------- what bumps them
# Connected when courses' app is ready (apps.py imports this module).

# Group: the staff group's name; Site: pages' addresses. The member's own rows renew their generation through
# cms.page_cache (member_rows.py registers courses' ones).
_CATALOG_MODELS = (Page, PageViewRestriction, Session, Topic, Locale, Group, Site)


@receiver(post_save, dispatch_uid="courses.recommendations_on_save")
@receiver(post_delete, dispatch_uid="courses.recommendations_on_delete")
def _on_write(sender, instance, **kwargs):
    """Every model's writes pass here (Page's subclasses are many): a type test, then a bump if it is an input."""
    if isinstance(instance, _CATALOG_MODELS):
        bump_catalog()


@receiver(post_page_move, dispatch_uid="courses.recommendations_on_move")
def _on_move(sender, **kwargs):
    bump_catalog()


@receiver(m2m_changed, sender=Member.interests.through, dispatch_uid="courses.recommendations_on_interests")
@receiver(m2m_changed, sender=Member.groups.through, dispatch_uid="courses.recommendations_on_groups")
def _on_member_links(sender, instance, action, reverse, pk_set, **kwargs):
    """A topic's or group's members were all taken off from its side: whom it held is gone, so every member's lists
    may change (a named member's own change renews their generation through cms.page_cache)."""
    if action.startswith("post_") and not pk_set and not isinstance(instance, Member):
        bump_catalog()


for _through in (Offering.topics.through, Offering.prerequisites.through, Offering.instructors.through):
    m2m_changed.connect(lambda **kwargs: bump_catalog() if kwargs["action"].startswith("post_") else None,
                        sender=_through, weak=False, dispatch_uid=f"courses.recommendations_on_{_through.__name__}")
