"""Reminders before a certificate expires: which are due, what they say, and when one has become moot.

A standing certificate (current, not revoked or withdrawn) is reminded 90, 30 and 7 days before its `expires_at`.
The beat job (`certificates.tasks.send_expiry_reminders`) owes each by writing an `ExpiryReminder` row, unique per
certificate version and threshold, and the outbox sends it once. A job that runs late owes only the nearest
threshold (a certificate 20 days from expiry that never heard gets the 30-day reminder, not the 90 as well).
A renewal makes a new version, so the old one's reminders become moot and the new one's start afresh. They are
optional: the "Certificate renewal reminders" category, with its switch and one-click unsubscribe.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.core.mail import EmailMultiAlternatives
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone, translation

from courses.translations import in_reader_language
from lms import outbox, site_address
from lms.letter_writing import compose
from lms.models import EmailCategory, Member

from . import renewal, signing
from .models import Certificate, ExpiryReminder

LETTER = "certificates.expiry_reminder"
# Days before the expiry each reminder is due, nearest first (the order they are owed in one run).
THRESHOLDS = (7, 30, 90)
# At most this many reminders of a threshold are owed per run: the next run catches up.
BATCH = 1000
# A reminder still unsent this long after it was owed is stale: the sweep leaves it.
SWEEP_LOOKBACK = timedelta(days=2)


def owe_due(now: datetime | None = None) -> int:
    """Owe every standing certificate the nearest reminder now due that neither it nor a nearer one was owed;
    how many were owed. Safe to run twice or at once: the unique constraint keeps one row per threshold."""
    now = now or timezone.now()
    standing = Certificate.objects.filter(renewal.STANDING, member__is_active=True, expires_at__gt=now)
    owed = 0
    for days in THRESHOLDS:
        nearer_or_same = ExpiryReminder.objects.filter(certificate=OuterRef("pk"), days_before__lte=days)
        due = list(standing.filter(expires_at__lte=now + timedelta(days=days)).filter(~Exists(nearer_or_same))
                   .order_by("expires_at", "pk").values_list("pk", flat=True)[:BATCH])
        made = ExpiryReminder.objects.bulk_create(
            [ExpiryReminder(certificate_id=pk, days_before=days, owed_at=now) for pk in due], ignore_conflicts=True)
        owed += len(made)
    return owed


def is_moot(reminder: ExpiryReminder) -> bool:
    """Renewed (replaced), revoked, withdrawn or already expired, or the holder left: nothing to remind of."""
    certificate = reminder.certificate
    return (not renewal.is_standing(certificate) or certificate.expires_at is None
            or certificate.expires_at <= timezone.now() or not _holder(reminder).is_active)


def _holder(reminder: ExpiryReminder) -> Member:
    member = reminder.certificate.member
    if member is None:  # pragma: no cover - a withdrawn certificate is moot before it is written
        raise ValueError(f"Certificate {reminder.certificate_id} has no member to remind")
    return member


def build_email(reminder: ExpiryReminder) -> EmailMultiAlternatives:
    """The reminder in the member's language: which certificate, when it expires, and how to renew it."""
    certificate = reminder.certificate
    member = _holder(reminder)
    route = renewal.route_of(certificate.template)
    refresher = route.refresher
    spent = refresher is not None and refresher.pk in renewal.spent_refreshers(member.pk, [refresher])
    with translation.override(member.interface_language()):  # the addresses of the pages in their language
        refresher_url = (site_address.page_url(in_reader_language(refresher)) or ""
                         if refresher is not None and not spent else "")
        cpd_url = site_address.absolute_url(reverse("cpd:page")) if route.by_cpd_cycle else ""
        dashboard_url = site_address.absolute_url(reverse("courses:dashboard")) + "#certificates"
    return compose(member, "certificates/email/expiry_reminder", {
        "certificate": certificate,
        "days_before": reminder.days_before,
        "refresher_title": refresher.title if refresher is not None else "",
        "refresher_spent": spent,
        "refresher_url": refresher_url,
        "cpd_url": cpd_url,
        "grace_days": renewal.GRACE.days,
        "verification_url": signing.verification_url(certificate.code),
        "dashboard_url": dashboard_url,
    })


def sweep_window(now: datetime) -> Q:
    return Q(owed_at__gte=now - SWEEP_LOOKBACK)


def category(_reminder: ExpiryReminder) -> str | None:
    return EmailCategory.RENEWALS


LETTERS: tuple[outbox.Letter[Any], ...] = (
    outbox.Letter(
        name=LETTER, model="certificates.ExpiryReminder", sent_field="sent_at", claim_field="claimed_until",
        write=build_email, is_moot=is_moot, sweep_window=sweep_window,
        related=("certificate__member", "certificate__template"), sweep_order=("owed_at", "pk"),
        category=category, recipient=_holder,
    ),
)
