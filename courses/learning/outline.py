"""The course outline's HTML on the course page: rendered once per outline and kept in the cache, then joined with
one learner's progress on every request.

Why: the outline (one link per module and lesson, about 100 for a 10 x 10 course) was the largest part of the course
page's cost: a `{% pageurl %}` and a dozen template nodes per lesson (bench/README.md, "The course page and My
learning"). Only a few bits of it depend on the learner: each module's percentage and each lesson's state (done, not
started or optional, best quiz score). So the outline is rendered with a marker where each of those goes (the
"skeleton"), split at the markers and cached; a request fills the markers in from the progress it has already read
(`progress.offering_progress`), rendering each distinct lesson state once.

The cache key holds everything the skeleton is made from, so nothing is ever invalidated by hand: the modules' and
lessons' ids, titles, addresses and quiz / required flags as read for this request (a lesson published or
unpublished, a title translated, a lesson added or moved, a module unpublished all change them, and an outdated entry
is simply never read again until it expires), the offering's language, the site, the reader's language, whether the
learner is enrolled (the states are shown to enrolled learners only), and the templates' own source (a release that
changes them starts afresh), and the project's compiled translations (likewise for a release's corrected
translation). Entries expire after OUTLINE_CACHE_SECONDS (a day unless settings say otherwise; 0
turns the cache off, which the tests use for the uncached rendering the cached one must equal byte for byte).

The lesson page and the module page render the same template uncached (their outline marks the current lesson).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.cache import cache as django_cache
from django.template.loader import get_template, render_to_string
from django.utils import translation
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from wagtail.models import Site

if TYPE_CHECKING:
    from django.http import HttpRequest

    from .progress import LessonProgress, ModuleProgress, OfferingProgress

OUTLINE_TEMPLATE = "courses/_outline.html"
LESSON_STATE_TEMPLATE = "courses/_outline_lesson_state.html"
DEFAULT_CACHE_SECONDS = 24 * 60 * 60

# A marker cannot occur in page text: NUL is refused in every title (PostgreSQL cannot store it).
_MARKER = re.compile("\x00([ml])(\\d+)\x00")


def cache_seconds() -> int:
    return int(getattr(settings, "OUTLINE_CACHE_SECONDS", DEFAULT_CACHE_SECONDS))


# ---------------------------------------------------------------------------------------------- the learner's part


def lesson_state_html(lesson_progress: LessonProgress, memo: dict | None = None) -> SafeString:
    """A lesson's state as the outline shows it to an enrolled learner; `memo` renders each distinct state once."""
    state = (lesson_progress.done, lesson_progress.counts, lesson_progress.best_score)
    if memo is not None and state in memo:
        return memo[state]
    html = render_to_string(LESSON_STATE_TEMPLATE, {"lp": lesson_progress})
    if memo is not None:
        memo[state] = html
    return html


def module_percent_text(module_progress: ModuleProgress) -> str:
    """The percentage as `{{ p }}` would print it inside the template's blocktrans."""
    return str(conditional_escape(localize(module_progress.percent)))


# ---------------------------------------------------------------------------------------------- the skeleton


@dataclass
class _LessonSlot:
    """A lesson in the skeleton: the real lesson (links, title, flags), its state left as a marker."""

    lesson: Any
    counts: bool
    state_marker: SafeString


@dataclass
class _ModuleSlot:
    module: Any
    lessons: list[_LessonSlot]
    percent: SafeString


@dataclass
class _SkeletonProgress:
    offering: Any
    enrolment: bool
    modules: list[_ModuleSlot]


def _skeleton_of(progress: OfferingProgress) -> _SkeletonProgress:
    modules, lesson_number = [], 0
    for m, module_progress in enumerate(progress.modules):
        lessons = []
        for lp in module_progress.lessons:
            lessons.append(_LessonSlot(lp.lesson, lp.counts, SafeString(f"\x00l{lesson_number}\x00")))
            lesson_number += 1
        modules.append(_ModuleSlot(module_progress.module, lessons, SafeString(f"\x00m{m}\x00")))
    return _SkeletonProgress(progress.offering, bool(progress.enrolment), modules)


def _split(skeleton_html: str) -> list[str | tuple[str, int]]:
    """Text and ("m" | "l", n) slots, in order."""
    parts: list[str | tuple[str, int]] = []
    position = 0
    for found in _MARKER.finditer(skeleton_html):
        parts.append(skeleton_html[position:found.start()])
        parts.append((found.group(1), int(found.group(2))))
        position = found.end()
    parts.append(skeleton_html[position:])
    return parts


@cache
def _templates_fingerprint() -> str:
    """The outline templates' source, so a release that changes them never reads a skeleton made by the old ones."""
    digest = hashlib.sha256()
    for name in (OUTLINE_TEMPLATE, LESSON_STATE_TEMPLATE):
        digest.update(get_template(name).template.source.encode())  # type: ignore[attr-defined]
    return digest.hexdigest()[:16]


@cache
def _translations_fingerprint() -> str:
    """The project's compiled translations, so a release with a corrected translation never reads an old skeleton."""
    digest = hashlib.sha256()
    for path in sorted(Path(settings.BASE_DIR).glob("*/locale/*/LC_MESSAGES/django.mo")):
        digest.update(str(path.relative_to(settings.BASE_DIR)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def cache_key(request: HttpRequest, progress: OfferingProgress) -> str:
    """Everything the skeleton's HTML is made from (see the module's docstring)."""
    site = Site.find_for_request(request)
    digest = hashlib.sha256()
    parts: list[Any] = [
        _templates_fingerprint(), _translations_fingerprint(), site.pk if site else None, translation.get_language(),
        progress.offering.pk, progress.offering.language, bool(progress.enrolment),
    ]
    for module_progress in progress.modules:
        module = module_progress.module
        parts.append(("m", module.pk, module.title, module.url_path))
        for lp in module_progress.lessons:
            lesson = lp.lesson
            parts.append((lesson.pk, lesson.title, lesson.url_path, lesson.has_quiz, lp.counts))
    digest.update(repr(parts).encode())
    return f"courses:outline:{digest.hexdigest()}"


def outline_html(request: HttpRequest, progress: OfferingProgress) -> SafeString:
    """The outline of the course page for this learner: the cached skeleton with their progress filled in."""
    seconds = cache_seconds()
    if seconds <= 0:
        return render_to_string(OUTLINE_TEMPLATE, {"progress": progress}, request)
    key = cache_key(request, progress)
    parts = django_cache.get(key)
    if parts is None:
        skeleton = render_to_string(OUTLINE_TEMPLATE, {"progress": _skeleton_of(progress)}, request)
        parts = _split(skeleton)
        django_cache.set(key, parts, seconds)
    lessons = progress.lessons
    memo: dict = {}
    out = []
    for part in parts:
        if isinstance(part, str):
            out.append(part)
        elif part[0] == "m":
            out.append(module_percent_text(progress.modules[part[1]]))
        else:
            out.append(lesson_state_html(lessons[part[1]], memo))
    return mark_safe("".join(out))  # noqa: S308  # the template engine's output and escaped numbers
