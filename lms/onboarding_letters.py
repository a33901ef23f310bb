"""The onboarding e-mail sequence: which letter is due when, what each says, and when it has become moot.

Each letter is counted from the start of the member's onboarding (lms/onboarding.py: joining, or returning after
a long absence): a welcome at once, "your next steps" on day 3 listing what is not done yet, and "a first webinar
and a mentor" on day 10. The beat job (lms.tasks.send_onboarding_letters) owes each one by writing a row
(`lms.OnboardingLetter`, one per member and kind: a unique constraint), and the outbox sends it once. A letter
whose steps are all done by the time it goes is moot. They are optional: the "Getting started" category, with
its switch on the preferences page and a one-click unsubscribe on each.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.core.mail import EmailMultiAlternatives
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Coalesce, Greatest
from django.urls import reverse
from django.utils import timezone, translation

from . import onboarding, outbox, site_address
from .letter_writing import compose
from .models import EmailCategory, Member, OnboardingLetter

Kind = OnboardingLetter.Kind
LETTER = "lms.onboarding"

# How long after the start of onboarding each letter is due, in the order they go.
SCHEDULE: tuple[tuple[str, timedelta], ...] = (
    (Kind.WELCOME, timedelta(0)),
    (Kind.NEXT_STEPS, timedelta(days=3)),
    (Kind.CONNECT, timedelta(days=10)),
)
# The steps the day-10 letter is about; it is moot once both are done (or neither applies to the member).
CONNECT_STEPS = frozenset({"webinar", "mentor"})
# At most this many letters of a kind are owed per run: the hourly job catches up on the rest next time.
BATCH = 1000
# A letter still unsent this long after it was owed is stale: the sweep leaves it.
SWEEP_LOOKBACK = timedelta(days=2)


def owe_due(now: datetime | None = None) -> int:
    """Owe every onboarding member each letter now due and not yet owed; returns how many were owed. Safe to run
    twice or at once on two workers: the unique constraint keeps one row per member and kind."""
    now = now or timezone.now()
    started = Greatest("date_joined", Coalesce("returned_at", "date_joined"))
    onboarding_members = Member.objects.filter(is_active=True).alias(started=started).filter(
        started__gt=now - onboarding.ONBOARDING_PERIOD)
    before = OnboardingLetter.objects.count()
    for kind, after in SCHEDULE:
        already = OnboardingLetter.objects.filter(member=OuterRef("pk"), kind=kind)
        due = list(onboarding_members.filter(started__lte=now - after).filter(~Exists(already))
                   .order_by("pk").values_list("pk", flat=True)[:BATCH])
        OnboardingLetter.objects.bulk_create(
            [OnboardingLetter(member_id=pk, kind=kind, owed_at=now) for pk in due], ignore_conflicts=True)
    return OnboardingLetter.objects.count() - before


def is_moot(letter: OnboardingLetter) -> bool:
    """Overtaken by events: the member left, or already did everything the letter would ask of them."""
    if not letter.member.is_active:
        return True
    if letter.kind == Kind.WELCOME:
        return False
    steps = onboarding.checklist(letter.member).remaining
    if letter.kind == Kind.CONNECT:
        steps = tuple(step for step in steps if step.key in CONNECT_STEPS)
    return not steps


def build_email(letter: OnboardingLetter) -> EmailMultiAlternatives:
    """The letter in the member's language, listing the steps still to do with their addresses."""
    member = letter.member
    with translation.override(member.interface_language()):
        remaining = onboarding.checklist(member).remaining
    if letter.kind == Kind.CONNECT:
        remaining = tuple(step for step in remaining if step.key in CONNECT_STEPS)
    steps = [{"label": step.label, "why": step.why, "url": site_address.absolute_url(step.url)} for step in remaining]
    return compose(member, f"lms/email/onboarding_{letter.kind}", {
        "steps": steps, "returning": member.returned_at is not None and member.returned_at > member.date_joined,
        "home_url": site_address.absolute_url("/"), "profile_url": site_address.absolute_url(reverse("lms:profile")),
    })


def sweep_window(now: datetime) -> Q:
    return Q(owed_at__gte=now - SWEEP_LOOKBACK)


def category(_letter: OnboardingLetter) -> str | None:
    return EmailCategory.ONBOARDING


def recipient(letter: OnboardingLetter) -> Member:
    return letter.member


LETTERS: tuple[outbox.Letter[Any], ...] = (
    outbox.Letter(
        name=LETTER, model="lms.OnboardingLetter", sent_field="sent_at", claim_field="claimed_until",
        write=build_email, is_moot=is_moot, sweep_window=sweep_window, related=("member",),
        sweep_order=("owed_at", "pk"), category=category, recipient=recipient,
    ),
)


def outbox_letters() -> tuple[outbox.Letter[Any], ...]:
    """What lms offers through the `outbox_letters` hook (registered in lms/wagtail_hooks.py)."""
    return LETTERS
