"""When a member's cycle owes them a letter: a reminder 6, 3 and 1 month before it ends while it is short, and the
outcome once it has closed. Each is a `CycleLetter` row, unique per cycle and kind, so it is owed once however often
the beat job runs; the outbox sends it (letters.py) and, at send time, finds a reminder moot if the member has met
the cycle since, so a member who becomes met before a reminder goes gets none.

A member no longer under the cycle's scheme (applies.py: a revoked credential, a changed tier) is owed no reminder:
the cycle is kept as a record and the beat job closes it when it ends (cycles.close_ended_cycles) without starting
another. Its outcome letter is still owed then, as for every closed cycle: it reports the hours the member had.

A cycle first read with less time left than a threshold gets only the nearest threshold's reminder, not every one
it has passed: three letters in one day would say the same thing. The outcome is owed only for cycles closed in the
last OUTCOME_WINDOW, so a new deployment does not write to members about cycles that closed long ago.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta
from itertools import islice

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from lms import outbox

from . import applies
from .models import Cycle, CycleLetter
from .progress import add_months, cycle_progress

REMINDER = "cpd.cycle_reminder"
OUTCOME = "cpd.cycle_outcome"
# Months before the end, nearest first, and the letter each owes.
THRESHOLDS = ((1, CycleLetter.Kind.ONE_MONTH), (3, CycleLetter.Kind.THREE_MONTHS), (6, CycleLetter.Kind.SIX_MONTHS))
REMINDER_KINDS = [kind for _months, kind in THRESHOLDS]
OUTCOME_WINDOW = timedelta(days=30)
# A reminder's own announcement sends it; the sweep steps in after this for one a lost task dropped.
SWEEP_AFTER = timedelta(minutes=10)
# Open cycles read at once, and asked in one query which of their members are still under the scheme.
BATCH = 200


def reminder_due(cycle: Cycle, today: date) -> CycleLetter.Kind | None:
    """The nearest threshold the open cycle has passed, or None when none has (or it has ended)."""
    if cycle.ends_on <= today:
        return None
    for months, kind in THRESHOLDS:
        if add_months(cycle.ends_on, -months) <= today:
            return kind
    return None


def _owe(cycle: Cycle, kind: str) -> bool:
    """Create the letter's row and announce it; False when it was owed already (a unique row per cycle and kind)."""
    try:
        with transaction.atomic():
            letter = CycleLetter.objects.create(cycle=cycle, kind=kind)
    except IntegrityError:
        return False
    outbox.announce(OUTCOME if kind == CycleLetter.Kind.OUTCOME else REMINDER, letter.pk)
    return True


def _batches(cycles: Iterator[Cycle]) -> Iterator[list[Cycle]]:
    while batch := list(islice(cycles, BATCH)):
        yield batch


def _still_under_scheme(batch: list[Cycle], now: datetime) -> list[Cycle]:
    """The batch's cycles whose member the scheme still applies to (applies.py): one query for the whole batch."""
    held = applies.credentials_held({cycle.member_id for cycle in batch},
                                    applies.named_in({cycle.scheme_id: cycle.scheme for cycle in batch}.values()), now)
    return [cycle for cycle in batch if applies.applies_to(cycle.scheme, cycle.member, held.get(cycle.member_id, {}))]


def owe_cycle_letters(today: date | None = None, now: datetime | None = None) -> int:
    """Owe every reminder and outcome now due; how many were newly owed."""
    today, now = today or timezone.localdate(), now or timezone.now()
    owed = 0
    near_end = (Cycle.objects.filter(status=Cycle.Status.OPEN, ends_on__gt=today,
                                     ends_on__lte=add_months(today, THRESHOLDS[-1][0]), scheme__is_active=True)
                .select_related("member", "scheme").prefetch_related("letters", "scheme__rules", "scheme__credentials"))
    for batch in _batches(near_end.order_by("pk").iterator(chunk_size=BATCH)):
        for cycle in _still_under_scheme(batch, now):
            kind = reminder_due(cycle, today)
            if kind is None or any(letter.kind == kind for letter in cycle.letters.all()):
                continue
            if cycle_progress(cycle, today).is_met:
                continue
            owed += _owe(cycle, kind)
    closed = Cycle.objects.filter(~Q(status=Cycle.Status.OPEN), closed_at__gte=now - OUTCOME_WINDOW).exclude(
        letters__kind=CycleLetter.Kind.OUTCOME)
    for cycle in closed.order_by("pk").iterator(chunk_size=200):
        owed += _owe(cycle, CycleLetter.Kind.OUTCOME)
    return owed


def reminder_is_moot(letter: CycleLetter) -> bool:
    """Overtaken: the cycle has closed, its member has met it or left its scheme since the reminder was owed."""
    cycle = letter.cycle
    today = timezone.localdate()
    return (cycle.status != Cycle.Status.OPEN or cycle.ends_on <= today or cycle_progress(cycle, today).is_met
            or not _still_under_scheme([cycle], timezone.now()))


def sweep_window(now: datetime) -> Q:
    return Q(owed_at__lt=now - SWEEP_AFTER)
