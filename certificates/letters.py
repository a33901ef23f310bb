"""The e-mails certificates sends through the lms outbox: what each says and when it is owed; the outbox sends once."""

from __future__ import annotations

from typing import Any

from lms import outbox

from . import expiry_reminders, issuance, notices

# Both are transactional (the holder's own record), so neither names a category: they always go.
LETTERS = (
    outbox.Letter(
        name=notices.ISSUED, model="certificates.Certificate", sent_field="issued_notified_at",
        claim_field="issued_claimed_until", write=notices.issued_email, owed=notices.OWED_ISSUED,
        sweep_window=notices.issued_sweep_window, related=("member",), on_sent=notices.record_notified,
    ),
    outbox.Letter(
        name=issuance.REVOCATION_NOTICE, model="certificates.Certificate", sent_field="revocation_notified_at",
        claim_field="revocation_claimed_until", write=notices.revoked_email, owed=notices.OWED_REVOKED,
        sweep_window=notices.revoked_sweep_window, related=("member",), on_sent=notices.record_notified,
    ),
)


def outbox_letters() -> tuple[outbox.Letter[Any], ...]:
    """What this package offers through the `outbox_letters` hook (registered in wagtail_hooks.py): the two above,
    and the optional expiry reminders (certificates/expiry_reminders.py)."""
    return (*LETTERS, *expiry_reminders.LETTERS)
