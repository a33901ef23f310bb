"""The e-mails registrants are owed: what is owed when, what each says, and when it has become moot.

A notice row is written in the same transaction as the change it reports (so a crash cannot lose it), then
the lms outbox sends it exactly once (`courses.letters` registers it). Reminders are owed by time: a day and
an hour before the start, in the member's own time zone and language, unless the member's seat was confirmed
inside that window (the confirmation said it all).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.core.mail import EmailMultiAlternatives
from django.db.models import F, Q
from django.utils import timezone, translation

from lms import outbox, site_address
from lms.letter_writing import compose
from lms.models import EmailCategory, Member

from ..models import Registration, RegistrationNotice, Session
from ..models.registration import REMINDER_KINDS
from .calendars import registrations_calendar
from .pages_in_language import event_in_language
from .times import span_in

Kind = RegistrationNotice.Kind
LETTER = "courses.registration_notice"

# (kind, how long before the start it is due)
REMINDER_LEADS: tuple[tuple[str, timedelta], ...] = (
    (Kind.REMINDER_24H, timedelta(hours=24)),
    (Kind.REMINDER_1H, timedelta(hours=1)),
)


def owe(registration: Registration, kind: str, session: Session) -> RegistrationNotice:
    """Record an e-mail owed (inside the caller's transaction) and send it once that transaction commits."""
    notice = RegistrationNotice.objects.create(registration=registration, kind=kind, for_starts_at=session.starts_at)
    outbox.announce(LETTER, notice.pk)
    return notice


def tell_registrants_of_new_time(session: Session) -> int:
    """Everyone holding a seat or a waitlist place is owed the session's new time (with an updated .ics)."""
    active = Registration.objects.filter(session=session).exclude(status=Registration.Status.CANCELLED)
    for registration in active:
        owe(registration, Kind.RESCHEDULED, session)
    return len(active)


def create_due_reminders(now: datetime | None = None) -> int:
    """Write the reminder notices that have fallen due; the unique constraint makes a second run add nothing."""
    now = now or timezone.now()
    created = 0
    for position, (kind, lead) in enumerate(REMINDER_LEADS):
        due = Registration.objects.filter(
            status=Registration.Status.CONFIRMED,
            session__event__live=True,
            session__in=Session.objects.of_originals(),  # registrations are only ever for these; never a copy's
            session__starts_at__gt=now,
            session__starts_at__lte=now + lead,
            confirmed_at__lte=F("session__starts_at") - lead,
        )
        # Skip a reminder once the next, closer one is due (the beat was down): one e-mail, not two at once.
        later = REMINDER_LEADS[position + 1:]
        if later:
            due = due.filter(session__starts_at__gt=now + later[0][1])
        notices = [
            RegistrationNotice(registration_id=pk, kind=kind, for_starts_at=starts_at, owed_at=now)
            for pk, starts_at in due.values_list("pk", "session__starts_at")
        ]
        before = RegistrationNotice.objects.filter(kind=kind).count()
        RegistrationNotice.objects.bulk_create(notices, ignore_conflicts=True)
        created += RegistrationNotice.objects.filter(kind=kind).count() - before
    return created


def sweep_window(now: datetime) -> Q:
    """The sweep sends notices about sessions that have not started (later, a reminder or confirmation is moot;
    so a notice whose send keeps failing stops being retried then)."""
    return Q(for_starts_at__gt=now)


def category(notice: RegistrationNotice) -> str | None:
    """Reminders are optional (the member may turn them off); news of their seat always goes."""
    return EmailCategory.REMINDERS if notice.kind in REMINDER_KINDS else None


def recipient(notice: RegistrationNotice) -> Member:
    return notice.registration.member


SEAT_NEWS = (Kind.CONFIRMED, Kind.WAITLISTED, Kind.PROMOTED, Kind.MOVED, Kind.RESCHEDULED)


def is_moot(notice: RegistrationNotice) -> bool:
    """Whether events overtook a notice before it went: news of a place since given up, or a reminder for a
    seat no longer held or a start time the session no longer has (it is owed fresh reminders instead)."""
    registration = notice.registration
    if notice.kind in REMINDER_KINDS:
        return (registration.status != Registration.Status.CONFIRMED
                or notice.for_starts_at != registration.session.starts_at)
    if notice.kind == Kind.RESCHEDULED and notice.for_starts_at != registration.session.starts_at:
        return True  # moved again since: the later notice tells the time that stands
    return notice.kind in SEAT_NEWS and registration.status == Registration.Status.CANCELLED


def build_email(notice: RegistrationNotice) -> EmailMultiAlternatives:
    """The e-mail for a notice, written in the member's language with times in their own zone; the event is named
    and linked as its page in that language (the session is the original's)."""
    registration = notice.registration
    member = registration.member
    session = registration.session
    language = member.interface_language()
    event = event_in_language(session.event.specific, language)
    context = {
        "notice": notice,
        "kind": notice.kind,
        "registration": registration,
        "session": session,
        "event": event,
        "member_time": span_in(session.starts_at, session.ends_at, member.time_zone),
        "event_time": span_in(session.starts_at, session.ends_at, session.time_zone),
        "event_url": site_address.page_url(event) or site_address.base_url() + "/",
        "site_url": site_address.base_url(),
        "waitlist_place": _waitlist_place(registration),
    }
    attachments = []
    if registration.status in (Registration.Status.CONFIRMED, Registration.Status.WAITLISTED) and notice.kind in (
        Kind.CONFIRMED, Kind.PROMOTED, Kind.MOVED, Kind.WAITLISTED, Kind.RESCHEDULED
    ):
        with translation.override(language):
            body = registrations_calendar([registration], event.title, {event.translation_key: event})
        attachments.append(("event.ics", body, "text/calendar"))
    return compose(member, "courses/email/registration", context, attachments=attachments)


def _waitlist_place(registration: Registration) -> int | None:
    from .registration import waitlist_position

    return waitlist_position(registration)
