"""The recommendations digest: which offerings go into a member's digest, when one is due, and what it says.

A digest covers a period that has ended (a week from Monday, or a calendar month, in the site's time zone) and is
owed on the first beat run after it. It holds the offerings first published in that period, and since the
member's previous digest (so nothing is offered twice), that match one of the member's interests and that
`courses.recommendations` would suggest to them now: that rule's exclusions (already taken or taught, closed or
past events, not open to them) are reused, not re-derived. At most MAX_ITEMS, best match first. A period with
nothing new for the member is recorded with no items and owes no e-mail.

Owing is a `Digest` row, unique per member, frequency and period; the lms outbox sends its letter once (category
RECOMMENDATIONS, so a member who turned the digest off after it was owed gets nothing, and the letter carries
one-click unsubscribe). Selection runs again when the letter is written, so the e-mail says what holds at send
time; a digest whose offerings have all gone since is moot.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Exists, Max, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils import timezone, translation

from lms import outbox, site_address
from lms.letter_writing import compose
from lms.models import CommunicationPreferences, EmailCategory, Member

from .models import Digest
from .recommendations import INTEREST, Recommendation, suggestions

LETTER = "courses.digest"
MAX_ITEMS = 8  # a digest is read in a minute; the catalog is for the rest
BATCH = 200  # members owed digests per frequency per beat run; the next run takes the rest
# The sweep re-sends a digest a lost task dropped for this long; an older one is stale news.
SWEEP_FOR = timedelta(days=3)


@dataclass(frozen=True)
class Period:
    frequency: str
    start: date  # first day
    end: date  # first day of the next period (exclusive)

    @property
    def starts_at(self) -> datetime:
        return _midnight(self.start)

    @property
    def ends_at(self) -> datetime:
        return _midnight(self.end)

    @property
    def last_day(self) -> date:
        return self.end - timedelta(days=1)


def _midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def last_ended_period(frequency: str, now: datetime) -> Period:
    """The most recent whole week (Monday to Sunday) or calendar month before `now`, in the site's zone."""
    today = timezone.localdate(now)
    if frequency == Digest.Frequency.WEEKLY:
        this_monday = today - timedelta(days=today.weekday())
        return Period(frequency, this_monday - timedelta(days=7), this_monday)
    if frequency == Digest.Frequency.MONTHLY:
        first = today.replace(day=1)
        return Period(frequency, (first - timedelta(days=1)).replace(day=1), first)
    raise ValueError(f"No digest is sent {str(frequency)!r}")


def _default_frequency() -> str:
    return str(CommunicationPreferences._meta.get_field("digest_frequency").get_default())


def due_members(period: Period, limit: int = BATCH) -> QuerySet[Member]:
    """Active members who want the digest at this period's frequency, have interests to match, and have no
    digest for the period yet (one query). A member who never saved preferences has the default frequency."""
    wants = Q(communication_preferences__digest_frequency=period.frequency)
    if period.frequency == _default_frequency():
        wants |= Q(communication_preferences__isnull=True)
    has_interests = Member.interests.through.objects.filter(member_id=OuterRef("pk"))
    owed_already = Digest.objects.filter(member_id=OuterRef("pk"), frequency=period.frequency,
                                         period_start=period.start)
    return (Member.objects.filter(wants, is_active=True)
            .filter(Exists(has_interests)).exclude(Exists(owed_already)).order_by("pk")[:limit])


def window(member: Member, period: Period) -> tuple[datetime, datetime]:
    """[since, until): the period, starting no earlier than where the member's previous digest ended."""
    previous = Digest.objects.filter(member=member).aggregate(until=Max("until"))["until"]
    since = max(period.starts_at, previous) if previous is not None else period.starts_at
    return since, period.ends_at


def picks(member: Member, since: datetime, until: datetime, now: datetime) -> list[Recommendation]:
    """The digest's offerings: new in [since, until), matching an interest, suggestible now; best first."""
    if since >= until:
        return []
    return suggestions(member, now, limit=MAX_ITEMS, reasons=(INTEREST,), first_published=(since, until))


def owe(member: Member, period: Period, now: datetime) -> Digest | None:
    """Record the member's digest for the period once, and announce its letter when something matched.
    Returns the new row, or None when another run recorded it first."""
    since, until = window(member, period)
    found = picks(member, since, until, now)
    with transaction.atomic():
        digest, created = Digest.objects.get_or_create(
            member=member, frequency=period.frequency, period_start=period.start,
            defaults={"since": since, "until": until, "item_count": len(found), "owed_at": now})
        if created and found:
            outbox.announce(LETTER, digest.pk)
    return digest if created else None


def owe_due(now: datetime | None = None) -> int:
    """Owe every due member their digest for the period that last ended; the number owed with something in it."""
    now = now or timezone.now()
    owed = 0
    for frequency in (Digest.Frequency.WEEKLY, Digest.Frequency.MONTHLY):
        period = last_ended_period(frequency, now)
        for member in due_members(period):
            digest = owe(member, period, now)
            owed += bool(digest is not None and digest.item_count)
    return owed


# ------------------------------------------------------------------------------------------- the letter


def category(_digest: Digest) -> str:
    return EmailCategory.RECOMMENDATIONS


def recipient(digest: Digest) -> Member:
    return digest.member


def sweep_window(now: datetime) -> Q:
    return Q(owed_at__gt=now - SWEEP_FOR)


def _current_picks(digest: Digest) -> list[Recommendation]:
    with translation.override(digest.member.interface_language()):  # each reason in the member's language
        return picks(digest.member, digest.since, digest.until, timezone.now())


def is_moot(digest: Digest) -> bool:
    """Everything in it was taken, closed or withdrawn since it was owed (or the member left): nothing to say."""
    return not digest.member.is_active or not _current_picks(digest)


def build_email(digest: Digest) -> EmailMultiAlternatives:
    """The digest in the member's language: each offering's title, format, why it matches and its address."""
    period = Period(digest.frequency, digest.period_start, timezone.localdate(digest.until))
    items = [
        {"title": pick.title, "format_label": pick.format_label, "reason": pick.reason,
         "url": site_address.absolute_url(pick.url) if pick.url.startswith("/") else pick.url}
        for pick in _current_picks(digest)
    ]
    return compose(digest.member, "courses/email/digest", {
        "weekly": digest.frequency == Digest.Frequency.WEEKLY,
        "first_day": period.start, "last_day": period.last_day, "items": items,
        "catalog_url": site_address.base_url() + "/",
        "preferences_url": site_address.absolute_url(reverse("lms:preferences")),
        "interests_url": site_address.absolute_url(reverse("lms:profile")),
    })

