"""Onboarding: who is in their first weeks, and the checklist of what helps them start.

A member is onboarding for ONBOARDING_PERIOD after joining, and again after signing in from a long absence
(ABSENCE_BEFORE_RETURNING: the site and the member have both moved on). The checklist's steps come from the packages
that own what each step is about, through the `onboarding_steps` hook (lms/extension_points.py): lms's profile and
time zone here, courses' orientation module and first webinar, mentoring's mentor. Each step decides "done" from
real rows in a fixed number of queries, so the checklist costs the same however much a member has done.
Each step's "done" is ONE rule, a Q over members each package offers through the `onboarding_done_rules` hook: the
checklist evaluates it for one member, `completed_onboarding` for a whole set in one query.

The checklist shows while the member is onboarding, until every step is done or they hide it; hiding lasts until
they next start onboarding (a return after a long absence shows it again).
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail import hooks

from . import generations
from .extension_points import ONBOARDING_DONE_RULES, ONBOARDING_STEPS
from .formatting import number_text
from .models import Member

ONBOARDING_PERIOD = timedelta(weeks=6)
ABSENCE_BEFORE_RETURNING = timedelta(days=180)


@dataclass(frozen=True)
class Step:
    """One thing a new member should do: whether it is done, where to do it and why it helps."""

    key: str
    label: str
    done: bool
    url: str  # a path on this site
    why: str


@dataclass(frozen=True)
class Checklist:
    steps: tuple[Step, ...]

    @property
    def done_count(self) -> int:
        return sum(step.done for step in self.steps)

    @property
    def complete(self) -> bool:
        return all(step.done for step in self.steps)

    @property
    def remaining(self) -> tuple[Step, ...]:
        return tuple(step for step in self.steps if not step.done)

    def progress_text(self) -> str:
        """"2 of 5 done", in the active language."""
        total = len(self.steps)
        return ngettext("%(done)s of %(total)s step done", "%(done)s of %(total)s steps done", total) % {
            "done": number_text(self.done_count, places=0), "total": number_text(total, places=0)}


def onboarding_since(member: Member) -> datetime:
    """When the member's current onboarding began: joining, or coming back after a long absence."""
    returned = member.returned_at
    return max(member.date_joined, returned) if returned is not None else member.date_joined


def is_onboarding(member: Member, now: datetime) -> bool:
    return now - onboarding_since(member) < ONBOARDING_PERIOD


def is_new(member: Member, now: datetime) -> bool:
    """In a first onboarding (joined lately, not back after an absence): greeted as welcome, not welcome back."""
    return member.returned_at is None and is_onboarding(member, now)


def is_hidden(member: Member) -> bool:
    """Hidden during this onboarding (a hide from an earlier one does not count)."""
    hidden = member.onboarding_hidden_at
    return hidden is not None and hidden >= onboarding_since(member)


# Every package's "done" flags for the member checklist() is building, read in one query before the packages' steps
# run: their `steps_done` then answers from it instead of a query each.
_known_done: ContextVar[dict[str, bool] | None] = ContextVar("onboarding_known_done", default=None)


def all_steps_done(member: Member) -> dict[str, bool]:
    """Every package's rules (the `onboarding_done_rules` hook) evaluated for one member, in one query."""
    offered: list[Callable[[], dict[str, Q]]] = hooks.get_hooks(ONBOARDING_DONE_RULES)
    return _evaluated(member, {key: rule for rules in offered for key, rule in rules().items()})


def checklist(member: Member, done: dict[str, bool] | None = None) -> Checklist:
    """Every package's steps for the member, in hook order; `done`, every rule's flag when already read."""
    offered: list[Callable[[Member], list[Step]]] = hooks.get_hooks(ONBOARDING_STEPS)
    token = _known_done.set(done if done is not None else all_steps_done(member))
    try:
        return Checklist(tuple(step for steps in offered for step in steps(member)))
    finally:
        _known_done.reset(token)


def completed_onboarding(members: QuerySet[Member]) -> set[int]:
    """Which of these members did every step of the checklist (as `checklist(member).complete` says): one query,
    however many members, so a report over cohorts costs the same for ten members or ten thousand."""
    offered: list[Callable[[], dict[str, Q]]] = hooks.get_hooks(ONBOARDING_DONE_RULES)
    rules = [rule for rules in offered for rule in rules().values()]
    return set(members.filter(*rules).order_by().values_list("pk", flat=True))


def steps_done(member: Member, rules: dict[str, Q]) -> dict[str, bool]:
    """A package's rules evaluated for one member (how each `onboarding_steps` decides "done"): no query inside
    checklist(), which read them all at once; one query otherwise."""
    known = _known_done.get()
    if known is not None and rules.keys() <= known.keys():
        return {key: known[key] for key in rules}
    return _evaluated(member, rules)


def _evaluated(member: Member, rules: dict[str, Q]) -> dict[str, bool]:
    flags = {key: ExpressionWrapper(rule, output_field=BooleanField()) for key, rule in rules.items()}
    row = Member.objects.filter(pk=member.pk).annotate(**flags).values(*flags).get()
    return {key: bool(row[key]) for key in flags}


def shown_checklist(member: Member, now: datetime) -> Checklist | None:
    """The checklist to show, or None: not onboarding, hidden, or all done. No query unless onboarding; one for
    a member who did every step (every rule read at once: a step is done exactly when its rule holds), and only
    the steps' own look-ups (the orientation module's page) besides for one who did not."""
    if not is_onboarding(member, now) or is_hidden(member):
        return None
    done = all_steps_done(member)
    if all(done.values()):
        return None
    found = checklist(member, done)
    return None if found.complete or not found.steps else found


def hide(member: Member, now: datetime) -> None:
    """The member hid the checklist; it stays hidden for the rest of this onboarding."""
    Member.objects.filter(pk=member.pk).update(onboarding_hidden_at=now)
    generations.renew_member(member.pk)  # an UPDATE sends no signal
    member.onboarding_hidden_at = now


def confirm_zone_and_languages(member: Member, now: datetime) -> None:
    """The member saved their profile, time zone and languages included: they are confirmed, not defaults."""
    Member.objects.filter(pk=member.pk).update(zone_confirmed_at=now)
    generations.renew_member(member.pk)  # an UPDATE sends no signal
    member.zone_confirmed_at = now


def note_sign_in(member: Member, now: datetime) -> None:
    """Called as a member signs in, before the sign-in is recorded: a member whose last sign-in was long ago is
    returning, and is onboarded again. A first sign-in is not a return (a new member is onboarding anyway)."""
    last = member.last_login
    if last is not None and now - last >= ABSENCE_BEFORE_RETURNING:
        Member.objects.filter(pk=member.pk).update(returned_at=now)
        generations.renew_member(member.pk)
        member.returned_at = now


def lms_done_rules() -> dict[str, Q]:
    """lms's steps' rules (the `onboarding_done_rules` hook): a profile with name, career stage, country and an
    interest; a time zone and languages the member confirmed (saved on the profile, not left at the defaults)."""
    interests = Member.interests.through.objects.filter(member_id=OuterRef("pk"))
    return {
        "profile": ~Q(first_name="") & ~Q(career_stage="") & ~Q(country="") & Q(Exists(interests)),
        "zone": Q(zone_confirmed_at__isnull=False) & ~Q(preferred_languages=[]),
    }


def lms_steps(member: Member) -> list[Step]:
    """lms's steps (the `onboarding_steps` hook, order 100), done by lms_done_rules. One query."""
    profile = reverse("lms:profile")
    done = steps_done(member, lms_done_rules())
    return [
        Step("profile", _("Complete your profile and topics of interest"), done["profile"], profile,
             _("Recommendations and mentors are matched on your career stage, country and interests.")),
        Step("zone", _("Confirm your time zone and languages"), done["zone"], profile + "#id_profile-time_zone",
             _("Event times are shown in your zone, and e-mails come in your language.")),
    ]
