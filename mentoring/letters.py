"""The e-mails mentoring sends through the lms outbox: what each says and when it is moot; the outbox sends once."""

from __future__ import annotations

from typing import Any

from lms import outbox

from . import notices

LETTERS = (
    outbox.Letter(
        name=notices.LETTER, model="mentoring.MentoringNotice", sent_field="sent_at", claim_field="claimed_until",
        write=notices.build_email, is_moot=notices.is_moot, sweep_window=notices.sweep_window,
        related=("member", "request__mentee", "request__mentor", "proposal__mentee", "proposal__mentor",
                 "proposal__round", "mentorship__mentee", "mentorship__mentor", "mentorship__round"),
        sweep_order=("owed_at", "pk"), category=notices.category, recipient=notices.recipient,
    ),
)


def outbox_letters() -> tuple[outbox.Letter[Any], ...]:
    """What this package offers through the `outbox_letters` hook (registered in wagtail_hooks.py)."""
    return LETTERS
