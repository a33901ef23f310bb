"""Who gets a seat: register, cancel, the waitlist and its promotions, and staff changes to seats and people.

Every decision that counts seats runs inside a transaction holding the session's row lock, so concurrent
registrations queue up behind one another and a session is never overbooked. Every change is written to
`RegistrationChange`, and every e-mail owed is written to `RegistrationNotice` in the same transaction.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Count, F, Func, IntegerField, Max, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.access import can_see_offering, enrolment_decision
from lms.compiled_queries import CompiledQuery
from lms.refusal import Refused
from lms.roles import is_staff_member

from .. import learning_records
from ..learning.enrolment import describe_offerings, missing_prerequisites
from ..models import EventPage, Offering, Registration, RegistrationChange, RegistrationNotice, Session
from ..translations import in_reader_language
from . import registration_notices
from .times import moment_in, span_in

if TYPE_CHECKING:
    from lms.models import Member

Status = Registration.Status
Change = RegistrationChange.Kind
Notice = RegistrationNotice.Kind


class RegistrationRefused(Refused):
    """A registration change that is not allowed or not possible; the message says which and why."""


@dataclass(frozen=True)
class RegistrationOutcome:
    registration: Registration
    changed: bool
    message: str


def seats_left(capacity: int | None, confirmed: int) -> int | None:
    """The seat rule, written once for registering, promoting, moving and the pages: the seats a session still has
    when `confirmed` people hold one (None: it has no limit; never below 0, should a capacity be under the seats
    taken)."""
    return None if capacity is None else max(0, capacity - confirmed)


def has_free_seat(capacity: int | None, confirmed: int) -> bool:
    """Whether the next person placed gets a seat rather than a waitlist place."""
    return seats_left(capacity, confirmed) != 0


@dataclass(frozen=True)
class SessionAvailability:
    """Seats and state of one session at a moment, for pages and the admin."""

    session: Session
    confirmed: int
    waitlisted: int
    closes_at: datetime
    now: datetime

    @property
    def capacity(self) -> int | None:
        return self.session.capacity

    @property
    def seats_left(self) -> int | None:
        return seats_left(self.capacity, self.confirmed)

    @property
    def is_full(self) -> bool:
        return not has_free_seat(self.capacity, self.confirmed)

    @property
    def has_started(self) -> bool:
        return self.now >= self.session.starts_at

    @property
    def has_ended(self) -> bool:
        return self.now >= self.session.ends_at

    @property
    def is_closed(self) -> bool:
        return self.now >= self.closes_at


def registration_closes_at(session: Session, event: EventPage) -> datetime:
    """Registration closes the event's configured minutes before the session starts (never after)."""
    return session.starts_at - timedelta(minutes=event.registration_closes_minutes_before)


def session_availability(event: EventPage, sessions: Iterable[Session],
                         now: datetime | None = None) -> dict[int, SessionAvailability]:
    """Seat counts for several sessions in one query."""
    now = now or timezone.now()
    sessions = list(sessions)
    counts: dict[int, tuple[int, int]] = {
        row["session_id"]: (row["confirmed"], row["waitlisted"])
        for row in Registration.objects.filter(session__in=sessions)
        .values("session_id")
        .annotate(
            confirmed=Count("pk", filter=Q(status=Status.CONFIRMED)),
            waitlisted=Count("pk", filter=Q(status=Status.WAITLISTED)),
        )
    }
    return {
        s.pk: SessionAvailability(s, *counts.get(s.pk, (0, 0)), registration_closes_at(s, event), now)
        for s in sessions
    }


def waitlist_position(registration: Registration) -> int | None:
    """1 for the next person to be promoted; None when not on the waitlist."""
    if registration.status != Status.WAITLISTED:
        return None
    ahead = getattr(registration, "waitlisted_ahead", None)
    if ahead is None:
        ahead = Registration.objects.filter(session_id=registration.session_id, status=Status.WAITLISTED).filter(
            Q(queued_at__lt=registration.queued_at) | Q(queued_at=registration.queued_at, pk__lt=registration.pk)
        ).count()
    return ahead + 1


def with_waitlist_places(registrations: QuerySet[Registration]) -> QuerySet[Registration]:
    """Count, inside the list's own query, who is ahead of each row on its session's waitlist (the order
    `waitlist_position` reads), so a list of a member's registrations never queries per waitlisted row."""
    ahead = Registration.objects.filter(session_id=OuterRef("session_id"), status=Status.WAITLISTED).filter(
        Q(queued_at__lt=OuterRef("queued_at")) | Q(queued_at=OuterRef("queued_at"), pk__lt=OuterRef("pk"))
    )
    counted = ahead.order_by().annotate(n=Func(F("pk"), function="COUNT", output_field=IntegerField())).values("n")
    return registrations.annotate(waitlisted_ahead=Coalesce(Subquery(counted), Value(0)))


def session_label_for(member: Member, session: Session) -> str:
    """The session's time as this member reads it (their own zone)."""
    return str(span_in(session.starts_at, session.ends_at, getattr(member, "time_zone", "") or "UTC"))


# ------------------------------------------------------------------------------------------- locking


# Compiled once per thread (lms/compiled_queries.py): under the lock every registration of a session waits for
# the one before it, so the Python spent there is paid by the whole queue.
_LOCKED_SESSION: CompiledQuery[Session] = CompiledQuery(
    lambda pk: Session.objects.select_for_update().filter(pk=pk), pk=Session._meta.pk)


def _lock_session(session: Session) -> Session:
    locked = _LOCKED_SESSION.first(pk=session.pk)
    if locked is None:
        raise Session.DoesNotExist(f"Session {session.pk} no longer exists")
    return locked


def _confirmed_count(session: Session) -> int:
    return Registration.objects.filter(session=session, status=Status.CONFIRMED).count()


def _record(session: Session, kind: str, registration: Registration | None, actor: Member | None, now: datetime,
            detail: str = "") -> None:
    RegistrationChange.objects.create(
        session=session, registration=registration, kind=kind,
        actor=actor if getattr(actor, "pk", None) else None, detail=detail[:300], at=now,
    )


def _place(registration: Registration, confirmed: bool, now: datetime) -> None:
    """Give the registration its place: a seat, or the end of the waitlist."""
    registration.status = Status.CONFIRMED if confirmed else Status.WAITLISTED
    registration.queued_at = now
    registration.confirmed_at = now if confirmed else None
    registration.cancelled_at = None


def _promote_waitlisted(session: Session, now: datetime) -> list[Registration]:
    """Fill free seats from the head of the waitlist (caller holds the session lock). Never after the start."""
    if now >= session.starts_at:
        return []
    free = None if session.capacity is None else seats_left(session.capacity, _confirmed_count(session))
    if free == 0:
        return []
    waiting = Registration.objects.select_for_update().filter(session=session, status=Status.WAITLISTED)
    waiting = waiting.order_by("queued_at", "pk")
    promoted = list(waiting if free is None else waiting[:free])
    for registration in promoted:
        registration.status = Status.CONFIRMED
        registration.confirmed_at = now
        registration.save(update_fields=["status", "confirmed_at"])
        _record(session, Change.PROMOTED, registration, None, now)
        registration_notices.owe(registration, Notice.PROMOTED, session)
        learning_records.registered(registration)
    return promoted


# ------------------------------------------------------------------------------------------- members


def _missing_prerequisites(member: Member, event: EventPage, session: Session) -> list[Offering]:
    """Asked only of an event that names prerequisites: a session read for registering says whether it does
    (`SessionQuerySet.with_prerequisite_flag`); of a session read any other way the question is always asked."""
    if getattr(session, "event_has_prerequisites", True):
        return missing_prerequisites(member, event)
    return []


def _check_may_register(member: Member, event: EventPage, session: Session, now: datetime) -> None:
    if not event.live or session.event_id != event.pk:
        raise RegistrationRefused(_("This session is not open for registration."), status=404)
    # The access decision first: it tells a lapsed member their membership expired, not just "members only".
    decision = enrolment_decision(member, event, now)
    if not decision:
        raise RegistrationRefused(str(decision.reason))
    if not can_see_offering(member, event):
        raise RegistrationRefused(_("This event is for current members of the association."))
    missing = _missing_prerequisites(member, event, session)
    if missing:
        raise RegistrationRefused(
            _("Complete %(titles)s first; it is a prerequisite.") % {"titles": describe_offerings(member, missing)}
        )
    if now >= session.starts_at:
        raise RegistrationRefused(_("This session has already started; registration is closed."), status=409)
    closes_at = registration_closes_at(session, event)
    if now >= closes_at:
        raise RegistrationRefused(
            _("Registration for this session closed at %(time)s.")
            % {"time": moment_in(closes_at, getattr(member, "time_zone", "") or "UTC")},
            status=409,
        )


@dataclass(frozen=True)
class _Standing:
    """A session's line as one query reads it under the lock."""

    confirmed: int
    waitlisted: int
    last_queued_at: datetime | None  # the latest waitlist place's time
    mine: int | None  # the member's own registration, if they ever registered


def _line_of(session: Any, member: Any) -> QuerySet[Any, Any]:
    waiting = Q(status=Status.WAITLISTED)
    return (Registration.objects.filter(session_id=session).order_by().values("session_id")
            .annotate(confirmed=Count("pk", filter=Q(status=Status.CONFIRMED)), waitlisted=Count("pk", filter=waiting),
                      last_queued_at=Max("queued_at", filter=waiting), mine=Max("pk", filter=Q(member_id=member)))
            .values_list("confirmed", "waitlisted", "last_queued_at", "mine"))


_LINE = CompiledQuery(_line_of, session=Session._meta.pk, member=Registration._meta.get_field("member").target_field)


def _standing(session: Session, member: Member) -> _Standing:
    """Under the session's lock, in one query: seats taken, the waitlist, and the member's own registration."""
    found = _LINE.rows(session=session.pk, member=member.pk)
    return _Standing(*found[0]) if found else _Standing(0, 0, None, None)


def register(member: Member, session: Session, answers: list[dict[str, Any]] | None = None, now: datetime | None = None,
             *, page_read: EventPage | None = None) -> RegistrationOutcome:
    """Take a seat, or a place at the end of the waitlist when the seats are gone.

    Registering twice is refused with a message saying where the member already stands; registering again
    after cancelling reuses the old row (it goes to the back of the line). Every registration of a session waits
    for the one before it (the row lock), so the lock covers only the decision (one query reads the line) and the
    rows it writes; the learning record and the message come after the commit, the e-mail from the outbox's worker.
    `page_read` is the event's page the member registered on, in the language of its address: it names the event
    in the message (by default, the original's page in the active language is looked up).
    """
    checked_at = now or timezone.now()
    event = session.event.specific
    _check_may_register(member, event, session, checked_at)
    with transaction.atomic():
        session = _lock_session(session)
        session.event = event  # the page already in hand: what is owed below never loads it again
        # The place is timed once the lock is held: the waitlist order is then the order places were given.
        now = now or timezone.now()
        line = _standing(session, member)
        registration = None if line.mine is None else Registration.objects.select_for_update().get(pk=line.mine)
        if registration is not None and registration.is_active:
            if registration.status == Status.CONFIRMED:
                message = _("You are already registered for this session (%(when)s).")
            else:
                message = _("You are already on the waitlist for this session (%(when)s), at place %(place)s.")
            raise RegistrationRefused(
                message % {"when": session_label_for(member, session), "place": waitlist_position(registration)},
                status=409,
            )
        seat = has_free_seat(session.capacity, line.confirmed)
        if not seat and not event.has_waitlist:
            raise RegistrationRefused(
                _("This session is full and has no waitlist. Try another session, or watch for cancellations."),
                status=409,
            )
        returning = registration is not None
        if registration is None:
            registration = Registration(member=member, session=session, registered_at=now)
        registration.answers = answers or []
        _place(registration, seat, now)
        registration.save()
        _record(session, Change.REGISTERED if seat else Change.WAITLISTED, registration, member, now,
                _("registered again after cancelling") if returning else "")
        registration_notices.owe(registration, Notice.CONFIRMED if seat else Notice.WAITLISTED, session)
        # A new row placed after every waitlisted one (by time, then id) has them all ahead of it.
        behind_all = not returning and (line.last_queued_at is None or line.last_queued_at <= now)
        place = line.waitlisted + 1 if behind_all else None
    # Committed: the next registration is already being decided while this one tells its news.
    if seat:
        learning_records.registered(registration)
        # Named as the reader reads it (the translation under /es/...); the seat is the original's session.
        title = (page_read or in_reader_language(event)).title
        message = _("You are registered for %(event)s: %(when)s.") % {
            "event": title, "when": session_label_for(member, session)}
    else:
        message = _("This session is full, so you are on the waitlist at place %(place)s. We will e-mail you "
                    "if a seat opens up.") % {"place": place or waitlist_position(registration)}
    return RegistrationOutcome(registration, True, message)


def cancel(registration: Registration, actor: Member, now: datetime | None = None) -> RegistrationOutcome:
    """Give up a seat or a waitlist place (the member, or staff for them); the next person in line moves up."""
    now = now or timezone.now()
    if actor is None or (actor.pk != registration.member_id and not is_staff_member(actor)):
        raise RegistrationRefused(_("This registration is not yours to cancel."), status=403)
    with transaction.atomic():
        session = _lock_session(registration.session)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status == Status.CANCELLED:
            return RegistrationOutcome(registration, False, _("This registration was already cancelled."))
        if now >= session.starts_at:
            raise RegistrationRefused(_("This session has already started, so it can no longer be cancelled."),
                                      status=409)
        held_seat = registration.status == Status.CONFIRMED
        registration.status = Status.CANCELLED
        registration.cancelled_at = now
        registration.save(update_fields=["status", "cancelled_at"])
        by_staff = actor.pk != registration.member_id
        _record(session, Change.CANCELLED, registration, actor, now, _("cancelled by staff") if by_staff else "")
        registration_notices.owe(registration, Notice.CANCELLED, session)
        if held_seat:
            _promote_waitlisted(session, now)
    return RegistrationOutcome(registration, True, _("Your registration is cancelled."))


# ------------------------------------------------------------------------------------------- staff


def _require_staff(actor: Member) -> None:
    if not is_staff_member(actor):
        raise RegistrationRefused(_("Only staff can change seats or move people."), status=403)


def set_capacity(session: Session, capacity: int | None, actor: Member,
                 now: datetime | None = None) -> list[Registration]:
    """Change a session's seats (None: no limit); extra seats go to the waitlist in order. Returns the promoted."""
    _require_staff(actor)
    now = now or timezone.now()
    if capacity is not None and capacity < 0:
        raise RegistrationRefused(_("Capacity cannot be negative."), status=400)
    with transaction.atomic():
        session = _lock_session(session)
        confirmed = _confirmed_count(session)
        if capacity is not None and capacity < confirmed:
            raise RegistrationRefused(
                _("%(count)s people already hold seats; cancel or move some before lowering the capacity to "
                  "%(capacity)s.") % {"count": confirmed, "capacity": capacity},
                status=409,
            )
        before = session.capacity
        Session.objects.filter(pk=session.pk).update(capacity=capacity)
        session.capacity = capacity
        _record(session, Change.CAPACITY_CHANGED, None, actor, now,
                f"{'no limit' if before is None else before} → {'no limit' if capacity is None else capacity}")
        return _promote_waitlisted(session, now)


def move(registration: Registration, to_session: Session, actor: Member, *, waitlist_if_full: bool = False,
         now: datetime | None = None) -> RegistrationOutcome:
    """Move someone to another session of the same event; their old place goes to the next in line there."""
    _require_staff(actor)
    if to_session.event_id != registration.session.event_id:
        raise RegistrationRefused(_("People can only be moved between sessions of the same event."), status=400)
    if to_session.pk == registration.session_id:
        raise RegistrationRefused(_("They are already in that session."), status=409)
    with transaction.atomic():
        # Lock both sessions in a fixed order so two opposite moves cannot deadlock.
        locked = {s.pk: s for s in Session.objects.select_for_update().filter(
            pk__in=[registration.session_id, to_session.pk]).order_by("pk")}
        source, target = locked[registration.session_id], locked[to_session.pk]
        now = now or timezone.now()  # timed under the locks, like `register`, so the waitlist keeps lock order
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status == Status.CANCELLED:
            raise RegistrationRefused(_("A cancelled registration cannot be moved."), status=409)
        if now >= source.starts_at or now >= target.starts_at:
            raise RegistrationRefused(_("Sessions that have started cannot be changed."), status=409)
        existing = Registration.objects.select_for_update().filter(member_id=registration.member_id,
                                                                   session=target).first()
        if existing is not None and existing.is_active:
            raise RegistrationRefused(_("They are already registered for that session."), status=409)
        seat = target.capacity is None or has_free_seat(target.capacity, _confirmed_count(target))
        if not seat and not waitlist_if_full:
            raise RegistrationRefused(
                _("That session is full (%(capacity)s seats). Raise its capacity first, or move them onto its "
                  "waitlist.") % {"capacity": target.capacity},
                status=409,
            )
        held_seat = registration.status == Status.CONFIRMED
        registration.status = Status.CANCELLED
        registration.cancelled_at = now
        registration.save(update_fields=["status", "cancelled_at"])
        moved = existing or Registration(member_id=registration.member_id, session=target, registered_at=now)
        moved.answers = registration.answers
        _place(moved, seat, now)
        moved.save()
        _record(source, Change.MOVED_OUT, registration, actor, now, _("to %(session)s") % {"session": target.label})
        _record(target, Change.MOVED_IN, moved, actor, now,
                _("from %(session)s%(waitlist)s") % {"session": source.label,
                                                     "waitlist": "" if seat else _(", onto the waitlist")})
        registration_notices.owe(moved, Notice.MOVED, target)
        if held_seat:
            _promote_waitlisted(source, now)
    return RegistrationOutcome(moved, True, _("Moved to %(session)s.") % {"session": target.label})
