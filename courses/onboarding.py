"""Courses' steps of a new member's onboarding checklist (the `onboarding_steps` hook, order 200; lms/onboarding.py
collects them): taking the orientation module, and registering for a first webinar. Two queries, whatever the
member has done (one, with every package's rules, inside lms's checklist; the module's address is cached).

The orientation module is the live course editors flagged `is_orientation` (on its original); started counts as done
(the checklist asks for a first look, the course itself asks for completion), in any orientation module there is.
Without one, the step is left out. "Done" is done_rules' one rule, for one member here or a set (lms/onboarding.py).
The step links to its page in the reader's language, found by the same query (every locale's tree holds a page of
it, a translation or an alias); the original stands in only where the reader's locale has none.
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.db.models import Case, Exists, OuterRef, Q, QuerySet, When
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from lms.languages import translated_address
from lms.models import Member
from lms.onboarding import Step, steps_done
from lms.original_rows import originals, reader_language

from .models import CoursePage, Enrolment, Registration
from .recommendation_cache import cache_seconds, catalog_generation

WEBINARS_PATH = "/catalog/?format=webinar"


def _orientation_originals() -> QuerySet[CoursePage]:
    return originals(CoursePage.objects.live().filter(is_orientation=True))


def done_rules() -> dict[str, Q]:
    """The steps' rules (the `onboarding_done_rules` hook): an active enrolment in any orientation module (true of
    everyone while there is none: the step is left out), and a webinar registered for (confirmed, waitlisted) or
    attended."""
    flagged = _orientation_originals()
    me = OuterRef("pk")
    started = Enrolment.objects.filter(member=me, is_active=True,
                                       offering__translation_key__in=flagged.values("translation_key"))
    Status = Registration.Status
    registered = Registration.objects.filter(member=me, session__event__webinarpage__isnull=False).filter(
        Q(status__in=[Status.CONFIRMED, Status.WAITLISTED]) | Q(attended=True))
    return {"orientation": Q(Exists(started)) | ~Q(Exists(flagged)), "webinar": Q(Exists(registered))}


def _orientation_path() -> str | None:
    """Where the orientation module is in the reader's language (None: there is none). A catalog-only answer, kept
    in the cache under the catalog's generation and the language (recommendation_cache.py: the content generation,
    which any write of a page renews, so a newly flagged, unflagged, moved or unpublished module shows at once)."""
    seconds = cache_seconds()
    language = reader_language()
    key = f"onboarding:orientation:{catalog_generation()}:{language}" if seconds > 0 else None
    found = cache.get(key) if key else None
    if found is not None:
        return found or None
    flagged = _orientation_originals()
    in_reader_language = Q(locale__language_code=language)
    orientation = (
        CoursePage.objects.live().filter(translation_key__in=flagged.values("translation_key"))
        .filter(in_reader_language | Q(pk__in=flagged.values("pk")))
        .annotate(elsewhere=Case(When(in_reader_language, then=0), default=1))
        .order_by("elsewhere", "path").first()
    )
    path = None
    if orientation is not None:
        parts = orientation.get_url_parts()
        path = parts[2] if parts is not None and parts[2] else "/"
    if key:
        cache.set(key, path or "", seconds)
    return path


def onboarding_steps(member: Member) -> list[Step]:
    path = _orientation_path()
    done = steps_done(member, done_rules())
    steps = []
    if path is not None:
        steps.append(Step("orientation", _("Take the orientation module"), done["orientation"], path,
                          _("A short course on how the association, its courses and its certificates work.")))
    webinars = translated_address(WEBINARS_PATH, get_language() or settings.LANGUAGE_CODE)  # the reader's catalog
    steps.append(Step("webinar", _("Register for a first webinar"), done["webinar"], webinars,
                      _("Webinars are live: you meet practitioners and can ask the speakers your questions.")))
    return steps
