"""The one access rule: who may see an offering, see its member blocks, and enrol in it, and when.

Pages, listings, enrolment, search and the API all ask this module; none re-implements it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Protocol, TypeAlias

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .formatting import date_text
from .models import Member, MembershipTier
from .roles import STAFF, is_staff_member

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser
    from django_stubs_ext import StrOrPromise



# Whoever is looking: a member, an anonymous visitor, an author's preview stand-in, or nobody at all (a task).
Viewer: TypeAlias = "Member | AnonymousUser | PreviewLearner | None"


class AccessLevel(models.TextChoices):
    PUBLIC = "public", _("Public: open to everyone")
    MEMBER_FIRST = "member_first", _("Member-first: members enrol early, everyone later")
    MEMBER_ENHANCED = "member_enhanced", _("Member-enhanced: public, with some blocks for members only")
    MEMBER_ONLY = "member_only", _("Member-only")


class Gated(Protocol):
    """What the rule needs to know of an offering."""

    access_level: str
    members_open_on: date | None
    public_open_on: date | None


@dataclass(frozen=True)
class AccessDecision:
    allowed: bool
    reason: StrOrPromise = ""
    opens_on: date | None = None

    def __bool__(self) -> bool:
        return self.allowed


def is_member(viewer: Viewer, on: date | None = None) -> bool:
    """A signed-in person whose paid membership is current on the day; an expired one is a non-member."""
    if isinstance(viewer, PreviewLearner):
        return viewer.has_current_membership(on)
    return isinstance(viewer, Member) and viewer.has_current_membership(on)


def sees_everything(viewer: Viewer) -> bool:
    """Staff and superusers see every offering (they run the catalog), whatever its level."""
    return not isinstance(viewer, PreviewLearner) and is_staff_member(viewer)


def members_or_staff(on: date) -> models.Q:
    """is_member or sees_everything as a rule over members, for questions asked of many at once (onboarding's
    set-wise completion); the same tier, expiry and staff tests as the two functions above."""
    current = ~models.Q(membership_tier=MembershipTier.NON_MEMBER) & (
        models.Q(membership_expires_on__isnull=True) | models.Q(membership_expires_on__gte=on))
    staff = models.Q(is_superuser=True) | models.Q(is_staff=True) | models.Q(
        models.Exists(Member.groups.through.objects.filter(member_id=models.OuterRef("pk"), group__name=STAFF)))
    return current | staff


def can_see_offering(viewer: Viewer, offering: Gated, on: date | None = None) -> bool:
    """Member-only offerings are invisible to non-members; everything else is visible to all."""
    if offering.access_level != AccessLevel.MEMBER_ONLY:
        return True
    return is_member(viewer, on) or sees_everything(viewer)


def can_see_member_blocks(viewer: Viewer, offering: Gated, on: date | None = None) -> bool:
    """Members-only blocks (member-enhanced pages) show to members, and to staff who author them."""
    return is_member(viewer, on) or sees_everything(viewer)


def visible_access_levels(viewer: Viewer, on: date | None = None) -> list[str]:
    """The access levels a viewer may list, for filtering querysets and search results."""
    if is_member(viewer, on) or sees_everything(viewer):
        return list(AccessLevel.values)
    return [level for level in AccessLevel.values if level != AccessLevel.MEMBER_ONLY]


def enrolment_opens_on(viewer: Viewer, offering: Gated, on: date | None = None) -> date | None:
    """The first day this viewer may enrol (None: no date restriction)."""
    if offering.access_level == AccessLevel.MEMBER_FIRST:
        if is_member(viewer, on):
            return offering.members_open_on
        return offering.public_open_on or offering.members_open_on
    # Every other level opens to everyone it admits on the one date: members are never let in later than others.
    return offering.members_open_on


# The same decision reads "enrol" for courses and "register" for events (offerings that take registrations).
_WORDING = {
    False: {
        "sign_in": _("Sign in or create a free account to enrol."),
        "members_only": _("This offering is for current members of the association."),
        "expired": _("Your membership expired on %(date)s; renew it to enrol."),
        "members_first": _("Members enrol first; enrolment opens to everyone on %(date)s."),
        "opens": _("Enrolment opens on %(date)s."),
    },
    True: {
        "sign_in": _("Sign in or create a free account to register."),
        "members_only": _("This event is for current members of the association."),
        "expired": _("Your membership expired on %(date)s; renew it to register."),
        "members_first": _("Members register first; registration opens to everyone on %(date)s."),
        "opens": _("Registration opens on %(date)s."),
    },
}


def enrolment_decision(viewer: Viewer, offering: Gated, now: datetime | None = None) -> AccessDecision:
    """May this viewer enrol (or, for an event, register) today? Says why not, and from when, so pages can explain."""
    wording = _WORDING[bool(getattr(offering, "takes_registrations", False))]
    today = timezone.localdate(now) if now else timezone.localdate()
    if not isinstance(viewer, Member | PreviewLearner):
        return AccessDecision(False, wording["sign_in"])
    level = offering.access_level
    if level == AccessLevel.MEMBER_ONLY and not is_member(viewer, today):
        reason: StrOrPromise = wording["members_only"]
        expired_on = viewer.membership_expires_on
        if expired_on and expired_on < today:
            reason = wording["expired"] % {"date": date_text(expired_on)}
        return AccessDecision(False, reason)
    opens_on = enrolment_opens_on(viewer, offering, today)
    if opens_on and today < opens_on:
        if level == AccessLevel.MEMBER_FIRST and not is_member(viewer, today):
            reason = wording["members_first"]
        else:
            reason = wording["opens"]
        return AccessDecision(False, reason % {"date": date_text(opens_on)}, opens_on)
    return AccessDecision(True)


@dataclass(frozen=True)
class PreviewLearner:
    """Stands in for a learner when an author previews a page: a member, or (mode 'public') a non-member."""

    member: bool
    is_authenticated: bool = True
    is_staff: bool = False
    is_superuser: bool = False
    membership_expires_on: date | None = None
    pk: None = None

    def has_current_membership(self, on: date | None = None) -> bool:
        return self.member
