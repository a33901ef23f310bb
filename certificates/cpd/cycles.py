"""Which schemes a member is under, and their cycles: made, rolled over and closed here and nowhere else.

Cycles are anchored on the member's own date (the day they joined, or the day they first earned the scheme's
credential: applies.py decides, with who is under a scheme): cycle k runs from anchor + k x length to
anchor + (k+1) x length months, so month ends never drift. A member's first cycle of a
scheme is the one holding the day it is first read (no earlier cycles are invented); reading later rolls forward
by itself, making every cycle up to today's, each starting where the last ended, and closes those that have ended.
The beat job (`tasks.close_ended_cycles`) closes ended cycles of members nobody reads, and starts the next only for
members still under the scheme. A member who comes under a scheme again after a gap longer than a cycle (who
earned its credential again, their anchor now after their last cycle's end) starts afresh from the new anchor:
the time they were not under it gets no cycles.

Making cycles locks the member's row first, so two requests rolling the same member over at once make each cycle
once; the database's unique (member, scheme, starts_on) is the last guard.
"""

from __future__ import annotations

from datetime import date
from itertools import islice
from typing import NamedTuple

from django.db import transaction
from django.utils import timezone

from certificates import renewal
from lms.models import Member

from . import applies
from .models import CpdScheme, Cycle
from .progress import add_months, cycle_progress

# A member away for longer than this many cycles gets the missing ones made over several reads, not one.
MOST_CYCLES_PER_READ = 24
# The most cycles of schemes that no longer apply the member is shown (newest first): a bound, not a page.
MOST_EARLIER_CYCLES = 50
# Ended cycles the beat job closes before asking, in one query, which of their members are still under the scheme.
BATCH = 200


def active_schemes() -> list[CpdScheme]:
    """The active schemes with their rules and credentials (three queries for the few schemes)."""
    return list(CpdScheme.objects.filter(is_active=True).prefetch_related("rules", "credentials")
                .order_by("name", "pk"))


def schemes_for(member: Member) -> list[CpdScheme]:
    """The active schemes that apply to the member (applies.py), with their rules."""
    return applies.schemes_applying([member], active_schemes())[member.pk]


def anchor_of(member: Member, scheme: CpdScheme) -> date:
    """The day the member's cycles of the scheme count from; ValueError if they hold none of its credentials."""
    held: applies.Held = {}
    if scheme.anchor == CpdScheme.Anchor.CREDENTIAL:
        held = applies.credentials_held([member.pk], applies.credential_ids(scheme)).get(member.pk, {})
    anchor = applies.anchor_of(scheme, member, held)
    if anchor is None:
        raise ValueError(f"Member {member.pk} holds none of the credentials of CPD scheme {scheme.pk}.")
    return anchor


def _index(anchor: date, months: int, day: date) -> int:
    """k of the cycle holding `day`: the largest k with anchor + k x months <= day (0 before the anchor)."""
    elapsed = (day.year - anchor.year) * 12 + day.month - anchor.month
    k = max(elapsed // months, 0)
    while k > 0 and add_months(anchor, k * months) > day:
        k -= 1
    while add_months(anchor, (k + 1) * months) <= day:
        k += 1
    return k


def _boundary_after(anchor: date, months: int, day: date) -> date:
    """The first cycle boundary (anchor + k x months) after `day`."""
    return add_months(anchor, (_index(anchor, months, day) + 1) * months)


def cycle_bounds(anchor: date, months: int, today: date) -> tuple[date, date]:
    """The cycle holding `today` (the first, if today is before the anchor)."""
    k = _index(anchor, months, today)
    return add_months(anchor, k * months), add_months(anchor, (k + 1) * months)


def current_cycle(member: Member, scheme: CpdScheme, today: date | None = None, anchor: date | None = None) -> Cycle:
    """The member's cycle of the scheme holding today, making and closing cycles as time has moved on. `anchor`,
    when the caller knows it (applies.anchor_of), saves looking it up again."""
    today = today or timezone.localdate()
    latest = Cycle.objects.filter(member=member, scheme=scheme).order_by("-starts_on").first()
    if latest is None or latest.ends_on <= today:
        latest = _roll_forward(member, scheme, today, anchor or anchor_of(member, scheme))
    for ended in Cycle.objects.filter(member=member, scheme=scheme, status=Cycle.Status.OPEN, ends_on__lte=today):
        close(ended, today)
    latest.scheme, latest.member = scheme, member  # already loaded: the page reads both
    return latest


def _roll_forward(member: Member, scheme: CpdScheme, today: date, anchor: date) -> Cycle:
    with transaction.atomic():
        Member.objects.select_for_update().filter(pk=member.pk).first()
        latest = Cycle.objects.filter(member=member, scheme=scheme).order_by("-starts_on").first()
        if latest is None or anchor >= latest.ends_on:  # the first cycle, or a fresh start after a gap
            starts_on, ends_on = cycle_bounds(anchor, scheme.cycle_months, today)
            return Cycle.objects.create(member=member, scheme=scheme, starts_on=starts_on, ends_on=ends_on)
        for _made in range(MOST_CYCLES_PER_READ):
            if latest.ends_on > today:
                break
            starts_on = latest.ends_on
            latest = Cycle.objects.create(member=member, scheme=scheme, starts_on=starts_on,
                                          ends_on=_boundary_after(anchor, scheme.cycle_months, starts_on))
        return latest


def close(cycle: Cycle, today: date | None = None) -> bool:
    """Record an ended cycle as met or short with the hours it counted, once (a conditional update: closing twice,
    or two workers at once, changes nothing the second time). Whether this call closed it."""
    today = today or timezone.localdate()
    if cycle.ends_on > today:
        return False
    result = cycle_progress(cycle, today)
    status = Cycle.Status.MET if result.is_met else Cycle.Status.SHORT
    closed = bool(Cycle.objects.filter(pk=cycle.pk, status=Cycle.Status.OPEN).update(
        status=status, counted_hours=result.counted, closed_at=timezone.now()))
    if closed and status == Cycle.Status.MET:
        renewal.renew_for_met_cycle(cycle.member_id, cycle.ends_on)  # certificates renewed by a met cycle
        from .tasks import issue_cpd_credential  # the CPD credential, unless reaching the requirement issued it

        transaction.on_commit(lambda: issue_cpd_credential.delay(cycle.pk), robust=True)
    return closed


def close_ended_cycles(today: date | None = None) -> int:
    """Close every open cycle that has ended and start the next for members still under its scheme (applies.py:
    one query per batch of members, whatever its size); how many closed."""
    today = today or timezone.localdate()
    schemes = {scheme.pk: scheme for scheme in active_schemes()}
    named = applies.named_in(schemes.values())
    closed = 0
    ended = Cycle.objects.filter(status=Cycle.Status.OPEN, ends_on__lte=today).select_related("member", "scheme")
    rows = ended.order_by("pk").iterator(chunk_size=BATCH)
    while batch := list(islice(rows, BATCH)):
        for cycle in batch:
            closed += close(cycle, today)
        # After closing: a met cycle may have just renewed the credential it keeps up.
        held = applies.credentials_held({cycle.member_id for cycle in batch}, named)
        for cycle in batch:
            scheme = schemes.get(cycle.scheme_id)  # None: the scheme is inactive now
            of_member = held.get(cycle.member_id, {})
            anchor = applies.anchor_of(scheme, cycle.member, of_member) if scheme is not None else None
            if scheme is not None and anchor is not None and applies.applies_to(scheme, cycle.member, of_member):
                current_cycle(cycle.member, scheme, today, anchor=anchor)
    return closed


class SchemeCycles(NamedTuple):
    """A scheme the member is under, the day their cycles of it count from, its current cycle and past ones."""

    scheme: CpdScheme
    anchor: date
    current: Cycle
    past: list[Cycle]


def cycles_of(member: Member, today: date | None = None) -> list[SchemeCycles]:
    """For each scheme the member is under: its current cycle and the past ones, newest first."""
    today = today or timezone.localdate()
    schemes = active_schemes()
    held = applies.credentials_held([member.pk], applies.named_in(schemes)).get(member.pk, {})
    found = []
    for scheme in schemes:
        anchor = applies.anchor_of(scheme, member, held)
        if anchor is None or not applies.applies_to(scheme, member, held):
            continue
        current = current_cycle(member, scheme, today, anchor=anchor)
        past = list(Cycle.objects.filter(member=member, scheme=scheme, starts_on__lt=current.starts_on)
                    .order_by("-starts_on")[:50])
        found.append(SchemeCycles(scheme, anchor, current, past))
    return found


class EarlierScheme(NamedTuple):
    """A scheme that no longer applies to the member (a revoked credential, a changed tier, an inactive scheme) and
    their cycles of it, newest first: kept as records, so still theirs to see."""

    scheme: CpdScheme
    cycles: list[Cycle]


def earlier_of(member: Member, applying: list[SchemeCycles]) -> list[EarlierScheme]:
    """The member's cycles of every scheme not in `applying` (cycles_of's answer), grouped by scheme in the order
    of their newest cycle: one query, capped at MOST_EARLIER_CYCLES, each cycle's scheme loaded with it."""
    rows = (Cycle.objects.filter(member=member).exclude(scheme_id__in=[of.scheme.pk for of in applying])
            .select_related("scheme").order_by("-starts_on", "-pk")[:MOST_EARLIER_CYCLES])
    grouped: dict[int, EarlierScheme] = {}
    for cycle in rows:
        cycle.member = member
        grouped.setdefault(cycle.scheme_id, EarlierScheme(cycle.scheme, [])).cycles.append(cycle)
    return list(grouped.values())
