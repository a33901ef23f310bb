"""The evaluation letters (through the lms outbox): the invitation a day after a completion or an attended session
and the follow-up 60 days on. Both are optional, in the "Evaluations" category with one-click unsubscribe. Their links
lead to pages behind sign-in: a link alone gives nobody access to an answer."""

from __future__ import annotations

from typing import Any

from django.core.mail import EmailMultiAlternatives
from django.db.models import Q

from lms import outbox, site_address
from lms.letter_writing import compose
from lms.models import EmailCategory, Member

from ..models import EvaluationRequest
from . import invitations


def _email(request: EvaluationRequest, *, follow_up: bool) -> EmailMultiAlternatives:
    """One template for both letters: they differ only in their subject, first paragraph and the page linked."""
    return compose(request.member, "courses/email/evaluation", {
        "request": request, "follow_up": follow_up, "site_url": site_address.base_url(),
        "answer_view": "courses:evaluation_follow_up" if follow_up else "courses:evaluation"})


def invitation_email(request: EvaluationRequest) -> EmailMultiAlternatives:
    return _email(request, follow_up=False)


def follow_up_email(request: EvaluationRequest) -> EmailMultiAlternatives:
    return _email(request, follow_up=True)


def _recipient(request: EvaluationRequest) -> Member:
    return request.member


def _category(_request: EvaluationRequest) -> str:
    return EmailCategory.EVALUATIONS


LETTERS: tuple[outbox.Letter[Any], ...] = (
    outbox.Letter(
        name=invitations.INVITATION, model="courses.EvaluationRequest", sent_field="invitation_sent_at",
        claim_field="invitation_claimed_until", write=invitation_email,
        sweep_window=invitations.invitation_sweep_window, is_moot=invitations.invitation_is_moot,
        related=("member",), sweep_order=("activity_at", "pk"), category=_category, recipient=_recipient,
    ),
    outbox.Letter(
        name=invitations.FOLLOW_UP, model="courses.EvaluationRequest", sent_field="follow_up_sent_at",
        claim_field="follow_up_claimed_until", write=follow_up_email, owed=Q(follow_up_owed_at__isnull=False),
        sweep_window=invitations.follow_up_sweep_window, is_moot=invitations.follow_up_is_moot,
        related=("member",), category=_category, recipient=_recipient,
    ),
)
