"""The outbox: every e-mail the site owes goes exactly once, through one claim, one task and one sweep.

A feature package describes each kind of e-mail as a `Letter` and offers its letters through the
`outbox_letters` Wagtail hook (lms/extension_points.py); lms knows letters only by name ("app_label.kind") and
the model label they live on, never by import.

Owing is data on the feature's own row: a row owes a letter while it matches `owed` and its `sent_field` is
empty. Sending takes a lease first: a conditional UPDATE sets `claim_field` to now + LEASE, so of two racing
runs only one gets the row. The send is recorded afterwards in `sent_field`. A failed send releases the lease
for the task's retry; a worker killed between claim and send leaves a lease that simply runs out, after which
the sweep sends the letter again. LEASE must outlast one send (an SMTP timeout), or a slow send and the sweep
could both send. A row that exists only to owe one letter inherits those columns from lms.models.OwedLetter
(`owed_at`, `sent_at`, `claimed_until`); a letter can also ride on a feature's own row under its own names (an
enrolment's completion notice).

A letter that is not transactional names its category (`category`, a function of the row, since one letter such
as a registration notice can be both a confirmation and a reminder) and its recipient. The outbox asks
lms/communication.py at send time: a member who turned the category off has the letter settled as moot, unsent;
one who did not gets it with RFC 8058's one-click unsubscribe (lms/unsubscribe.py `offer`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Generic, TypeVar

from django.apps import apps
from django.core.mail import EmailMultiAlternatives
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from wagtail import hooks

from lms import communication, unsubscribe
from lms.extension_points import OUTBOX_LETTERS
from lms.models import Member

LEASE = timedelta(minutes=10)
SWEEP_BATCH = 500

Row = TypeVar("Row", bound=models.Model)


def _anything(_now: datetime) -> Q:
    return Q()


def _never_moot(_row: models.Model) -> bool:
    return False


def transactional(_row: models.Model) -> str | None:
    """The default category: none, so the letter always goes and carries no unsubscribe link."""
    return None


@dataclass(frozen=True)
class Letter(Generic[Row]):
    """What a package says about one kind of e-mail: where it is owed, how it is written, when it is moot."""

    name: str  # "courses.completion": how announcements, the task and the sweep name it
    model: str  # "courses.Enrolment": the row that owes it
    sent_field: str  # when it went (or was found moot): set once, never cleared
    claim_field: str  # a sender's lease on it: until when another sender must keep off
    write: Callable[[Row], EmailMultiAlternatives]  # the message (lms.letter_writing.compose), in the member's language
    owed: Q = field(default_factory=Q)  # which rows owe it at all (conditions on the row's own columns)
    sweep_window: Callable[[datetime], Q] = _anything  # which owed rows the sweep (re)sends at a given time
    is_moot: Callable[[Row], bool] = _never_moot  # overtaken by events: settle without sending
    related: tuple[str, ...] = ()  # select_related for writing it
    sweep_order: tuple[str, ...] = ("pk",)
    on_sent: Callable[[Row], None] | None = None  # e.g. a line in the row's history
    # Which category of optional e-mail this row's letter is (lms.models.EmailCategory), or None when it is
    # transactional: always sent, never switchable. A letter that can have a category says who receives it.
    category: Callable[[Row], str | None] = transactional
    recipient: Callable[[Row], Member] | None = None  # whose preferences decide

    def __post_init__(self) -> None:
        if self.category is not transactional and self.recipient is None:
            raise ValueError(f"Letter {self.name!r} has a category, so it must say its recipient")

    def rows(self) -> models.QuerySet[Row]:
        model: type[Row] = apps.get_model(self.model)
        return model._default_manager.all()


def _letters() -> dict[str, Letter[Any]]:
    """Every package's letters by name, as the packages offer them through the hook."""
    found: dict[str, Letter[Any]] = {}
    for offered in hooks.get_hooks(OUTBOX_LETTERS):
        for each in offered():
            if each.name in found:
                raise ValueError(f"Two outbox letters are named {each.name!r}")
            found[each.name] = each
    return found


def letter(name: str) -> Letter[Any]:
    try:
        return _letters()[name]
    except KeyError:
        raise LookupError(f"No letter {name!r} is offered to the outbox") from None


def registered() -> list[str]:
    return sorted(_letters())


def owed(name: str, now: datetime | None = None) -> models.QuerySet[Any]:
    """Rows that owe the letter and that nobody holds a live lease on."""
    now = now or timezone.now()
    spec = letter(name)
    unclaimed = Q(**{f"{spec.claim_field}__isnull": True}) | Q(**{f"{spec.claim_field}__lte": now})
    return spec.rows().filter(spec.owed, unclaimed, **{f"{spec.sent_field}__isnull": True})


def claim(name: str, pk: int, now: datetime | None = None) -> bool:
    """Take the lease on one row's letter with a conditional UPDATE: of two racing claims only one wins."""
    now = now or timezone.now()
    spec = letter(name)
    return bool(owed(name, now).filter(pk=pk).update(**{spec.claim_field: now + LEASE}))


def release(name: str, pk: int) -> None:
    """Give the lease back after a failed send, so the retry (or the sweep) need not wait for it to run out."""
    spec = letter(name)
    spec.rows().filter(pk=pk, **{f"{spec.sent_field}__isnull": True}).update(**{spec.claim_field: None})


def _settle(spec: Letter[Any], pk: int) -> None:
    spec.rows().filter(pk=pk).update(**{spec.sent_field: timezone.now(), spec.claim_field: None})


def _optional(spec: Letter[Any], row: models.Model) -> tuple[Member, str] | None:
    """The member and category that decide whether this row's letter goes; None when it is transactional."""
    category = spec.category(row)
    if category is None or spec.recipient is None:
        return None
    return spec.recipient(row), category


def send(name: str, pk: int, now: datetime | None = None) -> bool:
    """Send one row's letter if it is still owed and nobody holds it; True when an e-mail went.

    A moot letter, or one whose category the member turned off, is settled without sending, so the sweep leaves
    it. A send that fails with OSError (the mail server) releases the lease and re-raises for the caller's retry.
    """
    if not claim(name, pk, now):
        return False
    spec = letter(name)
    row = spec.rows().select_related(*spec.related).get(pk=pk)
    if spec.is_moot(row):
        _settle(spec, pk)
        return False
    optional = _optional(spec, row)
    if optional is not None and not communication.wants(*optional):
        _settle(spec, pk)  # the member turned these off: moot, so the sweep leaves it too
        return False
    message = spec.write(row)
    if optional is not None:
        unsubscribe.offer(message, *optional)
    try:
        message.send()
    except OSError:
        release(name, pk)
        raise
    _settle(spec, pk)
    if spec.on_sent is not None:
        spec.on_sent(row)
    return True


def announce(name: str, pk: int) -> None:
    """Send the letter once the caller's transaction commits (at once outside one). A lost enqueue (broker
    down) is logged, not raised: the row still owes the letter and the sweep sends it."""
    letter(name)  # fail now on a misspelt name, not in a worker
    transaction.on_commit(lambda: _enqueue(name, pk), robust=True)


def sweep(names: Iterable[str] | None = None, now: datetime | None = None) -> dict[str, int]:
    """Enqueue every letter still owed inside its sweep window: ones a lost task dropped, a failed send left,
    or a dead worker's expired lease holds. Returns how many of each were enqueued."""
    now = now or timezone.now()
    counts = {}
    for name in names if names is not None else registered():
        spec = letter(name)
        pending = list(owed(name, now).filter(spec.sweep_window(now)).order_by(*spec.sweep_order)
                       .values_list("pk", flat=True)[:SWEEP_BATCH])
        for pk in pending:
            _enqueue(name, pk)
        counts[name] = len(pending)
    return counts


def _enqueue(name: str, pk: int) -> None:
    # The one place a letter meets the queue; imported here because the task module imports this one.
    from lms.tasks import send_letter

    send_letter.delay(name, pk)
