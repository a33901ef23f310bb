"""The project's own Wagtail hooks: where a package adds to what another shows, without either importing the other.

Each name is a hook registered with `wagtail.hooks.register(NAME, order=...)` in the adding package's
wagtail_hooks.py and read with `hooks.get_hooks(NAME)`, which returns the functions sorted by `order` (ties keep
the order Wagtail found the modules in, which is INSTALLED_APPS). So the order things appear in is stated where
they are added, and lms and courses name none of the packages that add to them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from wagtail import hooks

if TYPE_CHECKING:
    from .models import Member

# A function taking no arguments and returning the package's `ninja.Router`; lms.api mounts each at the site root
# (every operation states its full path). Used by certificates (order 100) and search (order 200).
API_ROUTERS = "api_routers"

# A panel on "My learning" (courses): a function taking the request and returning the template to include and
# its context, or None when it has nothing to show. Used by certificates (order 100), mentoring (order 200) and
# courses itself (order 300, the recommendations).
MY_LEARNING_PANELS = "my_learning_panels"

# A panel on the home page (cms): the same shape as a "My learning" panel. Each decides for itself whether it speaks
# to a visitor, a member or both (the request says who is looking). Used by lms (order 50, the onboarding
# checklist), courses (order 100: continue learning and next sessions; order 400: upcoming events, featured and new
# courses, the campaign; order 500: recommendations), certificates (order 200) and mentoring (order 300).
HOME_PANELS = "home_panels"

Panel = Callable[[HttpRequest], tuple[str, dict] | None]

# A panel on a learning path's page (courses): a function taking the request and the ORIGINAL path page and
# returning the template to include and its context, or None. Used by certificates (order 100, the programme
# certificate's download for its holder).
PATH_PAGE_PANELS = "path_page_panels"

# A step of a new or returning member's onboarding checklist (lms/onboarding.py): a function taking the member and
# returning the package's `onboarding.Step`s. Used by lms (profile, time zone and languages; order 100), courses
# (the orientation module and a first webinar; order 200) and mentoring (finding a mentor; order 300).
ONBOARDING_STEPS = "onboarding_steps"

# When each of a package's onboarding steps is done, as a rule over members (lms/onboarding.py): a function taking
# nothing and returning {step key: Q}, each Q true of a member who did the step OR is not asked it (a step a package
# leaves out for them). The package's `onboarding_steps` reads "done" through the same Q for one member, so the
# checklist and the set-wise "which of these members completed onboarding" (the engagement report) agree. Used by
# lms (order 100), courses (order 200) and mentoring (order 300), beside their `onboarding_steps`.
ONBOARDING_DONE_RULES = "onboarding_done_rules"

# The e-mails a package sends through the outbox (lms/outbox.py): a function taking nothing and returning the
# package's `outbox.Letter`s. Used by courses, certificates and mentoring; the order does not matter.
OUTBOX_LETTERS = "outbox_letters"

# CPD credit a package gives members (read by certificates/cpd): a function taking (member, start_date, end_date)
# and returning an iterable of `CpdCredit`, one per credited activity dated from start_date up to but not including
# end_date (in the site's time zone), with hours above zero. Used by courses (completions and attended sessions,
# the hours credited when they happened) and mentoring (mentors' meetings and completed relationships, which count
# only under schemes that say so: `CpdCredit.scheme_switch`); the order does not matter.
CPD_CREDIT_SOURCES = "cpd_credit_sources"


@dataclass(frozen=True)
class CpdCredit:
    """One credited activity, as plain data: `category` is a courses CpdCreditType value, `source_kind` names what
    gave it ("completion", "attendance", ...) and `source_id` is stable for that row, so nothing counts twice.
    `scheme_switch`, when set, names the scheme switch that must be on for the credit to count (certificates/cpd
    decides, per scheme: "mentoring" is `CpdScheme.counts_mentoring`)."""

    date: date
    hours: Decimal
    category: str
    title: str
    source_kind: str
    source_id: str
    scheme_switch: str = ""


def cpd_credit(member: Member, start: date, end: date) -> list[CpdCredit]:
    """Every package's CPD credit for the member dated in [start, end), one list."""
    sources: list[Callable[[Member, date, date], Iterable[CpdCredit]]] = hooks.get_hooks(CPD_CREDIT_SOURCES)
    return [credit for source in sources for credit in source(member, start, end)]


def my_learning_panels(request: HttpRequest) -> list[tuple[str, dict]]:
    """The (template, context) of every panel with something to show this member, in hook order."""
    return _shown(MY_LEARNING_PANELS, request)


def home_panels(request: HttpRequest) -> list[tuple[str, dict]]:
    """The (template, context) of every home page panel with something to show whoever is looking, in hook order."""
    return _shown(HOME_PANELS, request)


def path_page_panels(request: HttpRequest, path) -> list[tuple[str, dict]]:
    """The (template, context) of every panel with something to show on this path's page, in hook order."""
    panels: list[Callable[[HttpRequest, object], tuple[str, dict] | None]] = hooks.get_hooks(PATH_PAGE_PANELS)
    return [shown for panel in panels if (shown := panel(request, path)) is not None]


def rendered(panels: list[tuple[str, dict]], request: HttpRequest) -> list[SafeString]:
    """Each panel rendered with the request's context (the viewer, CSP nonce, language), ready to print."""
    return [render_to_string(template, context, request) for template, context in panels]


def _shown(name: str, request: HttpRequest) -> list[tuple[str, dict]]:
    panels: list[Panel] = hooks.get_hooks(name)
    return [shown for panel in panels if (shown := panel(request)) is not None]

# Who did something, for the engagement report (courses/outcomes/engagement.py): a function taking nothing and
# returning the package's `ActivitySource`s. Used by courses (enrolments, lesson completions, quiz attempts,
# registrations, attended sessions), mentoring (requests, accepted proposals, logged meetings, both sides) and
# certificates' CPD (external activities logged); the order does not matter.
MEMBER_ACTIVITY_SOURCES = "member_activity_sources"


@dataclass(frozen=True)
class ActivitySource:
    """Where one kind of activity lives, so the report can count it in the database with the others in one query:
    `rows` is a queryset of the activity (already narrowed to what counts), `member` the lookup path from a row to
    the member who was active, `at` the path to when (a date or datetime field)."""

    rows: QuerySet
    member: str
    at: str


def member_activity_sources() -> list[ActivitySource]:
    """Every package's activity sources, one list."""
    offered: list[Callable[[], Iterable[ActivitySource]]] = hooks.get_hooks(MEMBER_ACTIVITY_SOURCES)
    return [source for sources in offered for source in sources()]
