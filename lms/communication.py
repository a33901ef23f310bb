"""Which e-mails a member gets: the one rule the outbox asks before sending a letter that has a category.

A letter's category is stated in its `outbox.Letter` (None: transactional, always sent). A member turns categories
off on the preferences page or with one click in an e-mail (lms/unsubscribe.py); the recommendations digest is "off"
when its frequency is, so the page never shows a digest that is both off and weekly.
"""

from __future__ import annotations

from django.db import transaction

from .models import CommunicationPreferences, DigestFrequency, EmailCategory, Member

# Categories with a switch of their own: the preferences field that holds it.
_SWITCHES = {
    EmailCategory.REMINDERS: "reminders",
    EmailCategory.MENTORING: "mentoring",
    EmailCategory.CAMPAIGNS: "campaigns",
    EmailCategory.ONBOARDING: "onboarding",
    EmailCategory.RENEWALS: "renewals",
    EmailCategory.CPD: "cpd",
    EmailCategory.EVALUATIONS: "evaluations",
}


def preferences_of(member: Member) -> CommunicationPreferences:
    """The member's stored preferences, or the defaults (unsaved) when they never changed any."""
    stored = CommunicationPreferences.objects.filter(member=member).first()
    return stored if stored is not None else CommunicationPreferences(member=member)


def known(category: str) -> bool:
    return category in EmailCategory.values


def wants(member: Member, category: str) -> bool:
    """Whether the member still gets e-mails of this category (read at send time, so a change counts at once)."""
    preferences = preferences_of(member)
    if category == EmailCategory.RECOMMENDATIONS:
        return preferences.digest_frequency != DigestFrequency.OFF
    try:
        return bool(getattr(preferences, _SWITCHES[EmailCategory(category)]))
    except (KeyError, ValueError):
        raise ValueError(f"No e-mail category {category!r}") from None


def turn_off(member: Member, category: str) -> None:
    """Stop one category for the member at once; turning off what is already off changes nothing."""
    change: dict[str, object]
    if category == EmailCategory.RECOMMENDATIONS:
        change = {"digest_frequency": DigestFrequency.OFF}
    else:
        try:
            change = {_SWITCHES[EmailCategory(category)]: False}
        except (KeyError, ValueError):
            raise ValueError(f"No e-mail category {category!r}") from None
    with transaction.atomic():
        CommunicationPreferences.objects.update_or_create(member=member, defaults=change)


def digest_frequency(member: Member) -> str:
    """How often the member wants the recommendations digest (DigestFrequency; OFF when not at all)."""
    return preferences_of(member).digest_frequency
