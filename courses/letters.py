"""The e-mails courses sends through the lms outbox: what each says and when it is moot; the outbox sends once."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.mail import EmailMultiAlternatives
from django.db.models import Q

from lms import outbox, site_address
from lms.letter_writing import compose

from . import digest
from .evaluations.letters import LETTERS as EVALUATION_LETTERS
from .events import registration_notices
from .models import Enrolment

COMPLETION = "courses.completion"
# A completion's own announcement normally sends it; the sweep steps in after this, for ones a lost task dropped.
COMPLETION_SWEEP_AFTER = timedelta(minutes=10)


def completion_email(enrolment: Enrolment) -> EmailMultiAlternatives:
    """Congratulations in the learner's language."""
    return compose(enrolment.member, "courses/email/completed",
                   {"enrolment": enrolment, "site_url": site_address.base_url()})


LETTERS = (
    outbox.Letter(
        name=COMPLETION, model="courses.Enrolment", sent_field="completion_notified_at",
        claim_field="completion_claimed_until", write=completion_email, owed=Q(completed_at__isnull=False),
        sweep_window=lambda now: Q(completed_at__lt=now - COMPLETION_SWEEP_AFTER),
        related=("member", "offering"),  # transactional: the member's own completion
    ),
    outbox.Letter(
        name=registration_notices.LETTER, model="courses.RegistrationNotice", sent_field="sent_at",
        claim_field="claimed_until", write=registration_notices.build_email, is_moot=registration_notices.is_moot,
        sweep_window=registration_notices.sweep_window, related=("registration__member", "registration__session"),
        sweep_order=("owed_at", "pk"), category=registration_notices.category,
        recipient=registration_notices.recipient,
    ),
    outbox.Letter(
        name=digest.LETTER, model="courses.Digest", sent_field="sent_at", claim_field="claimed_until",
        write=digest.build_email, owed=Q(item_count__gt=0), sweep_window=digest.sweep_window,
        is_moot=digest.is_moot, related=("member",), sweep_order=("owed_at", "pk"),
        category=digest.category, recipient=digest.recipient,  # the recommendations digest: optional
    ),
)


def outbox_letters() -> tuple[outbox.Letter[Any], ...]:
    """What this package offers through the `outbox_letters` hook (registered in wagtail_hooks.py)."""
    return LETTERS + EVALUATION_LETTERS
