"""The e-mails CPD sends through the lms outbox (lms/outbox.py): cycle reminders, the cycle's outcome and an audit's
request for evidence. What each is owed for is decided in reminders.py and audits.py; here is what each says.

Reminders are optional (the member's "CPD cycle reminders" category, with one-click unsubscribe). The outcome is
transactional: it is the member's standing with the association, the record of a closed cycle that may be audited,
and a member who turned reminders off must still learn that a cycle closed short. The evidence request is
transactional too: an audit's demand with a due date.
"""

from __future__ import annotations

from typing import Any

from django.core.mail import EmailMultiAlternatives
from django.db.models import Q
from django.utils import timezone

from lms import outbox, site_address
from lms.letter_writing import compose
from lms.models import EmailCategory, Member

from . import audits, reminders
from .models import AuditCase, CycleLetter
from .progress import cycle_progress


def reminder_email(letter: CycleLetter) -> EmailMultiAlternatives:
    cycle = letter.cycle
    progress = cycle_progress(cycle, timezone.localdate())
    return compose(cycle.member, "cpd/email/reminder", {
        "cycle": cycle, "scheme": cycle.scheme, "progress": progress, "kind": letter.kind,
        "short_categories": [c for c in progress.categories if c.still_needed],
        "site_url": site_address.base_url()})


def outcome_email(letter: CycleLetter) -> EmailMultiAlternatives:
    cycle = letter.cycle
    return compose(cycle.member, "cpd/email/outcome", {
        "cycle": cycle, "scheme": cycle.scheme, "met": cycle.status == cycle.Status.MET,
        "site_url": site_address.base_url()})


def request_email(case: AuditCase) -> EmailMultiAlternatives:
    return compose(case.cycle.member, "cpd/email/audit_request", {
        "case": case, "cycle": case.cycle, "scheme": case.cycle.scheme, "site_url": site_address.base_url()})


def _member_of(letter: CycleLetter) -> Member:
    return letter.cycle.member


def _cpd_category(_letter: CycleLetter) -> str:
    return EmailCategory.CPD


LETTERS = (
    outbox.Letter(
        name=reminders.REMINDER, model="cpd.CycleLetter", sent_field="sent_at", claim_field="claimed_until",
        write=reminder_email, owed=Q(kind__in=reminders.REMINDER_KINDS), sweep_window=reminders.sweep_window,
        is_moot=reminders.reminder_is_moot, related=("cycle__member", "cycle__scheme"),
        category=_cpd_category, recipient=_member_of,
    ),
    outbox.Letter(
        name=reminders.OUTCOME, model="cpd.CycleLetter", sent_field="sent_at", claim_field="claimed_until",
        write=outcome_email, owed=Q(kind=CycleLetter.Kind.OUTCOME), sweep_window=reminders.sweep_window,
        related=("cycle__member", "cycle__scheme"),
    ),
    outbox.Letter(
        name=audits.REQUEST, model="cpd.AuditCase", sent_field="request_sent_at",
        claim_field="request_claimed_until", write=request_email, owed=Q(requested_at__isnull=False),
        sweep_window=audits.request_sweep_window, related=("cycle__member", "cycle__scheme"),
        on_sent=audits.record_request_sent,
    ),
)


def outbox_letters() -> tuple[outbox.Letter[Any], ...]:
    """What this package offers through the `outbox_letters` hook (registered in wagtail_hooks.py)."""
    return LETTERS
