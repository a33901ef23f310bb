"""Who may enrol in what, and the enrol / withdraw / re-enrol transitions (history always kept)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.access import can_see_offering, enrolment_decision, sees_everything
from lms.refusal import Refused
from lms.roles import signed_in

from .. import learning_records
from ..models import Enrolment, EnrolmentEvent, Offering
from ..translations import original_of

if TYPE_CHECKING:
    from lms.access import Viewer
    from lms.models import Member


class EnrolmentRefused(Refused):
    """Enrolment (or leaving) is not allowed now."""


@dataclass(frozen=True)
class EnrolmentOutcome:
    enrolment: Enrolment
    changed: bool
    message: str


def published_prerequisites(offering: Offering) -> list[Offering]:
    return list(offering.prerequisites.live())


def missing_prerequisites(member: Member, offering: Offering, required: list[Offering] | None = None) -> list[Offering]:
    """Published prerequisite offerings this member has not completed (an unpublished one cannot be taken).
    `required`: `published_prerequisites(offering)` when the caller has already read them."""
    if required is None:
        required = published_prerequisites(offering)
    if not required:
        return []
    # By translation key: a prerequisite may name any translation of an offering, completed on its original.
    completed = set(
        Enrolment.objects.filter(
            member=member, offering__translation_key__in=[p.translation_key for p in required],
            completed_at__isnull=False,
        ).values_list("offering__translation_key", flat=True)
    )
    return [p for p in required if p.translation_key not in completed]


def describe_offerings(viewer: Viewer, offerings: list[Offering]) -> str:
    """Titles for a message, without naming what the viewer may not see."""
    return ", ".join(p.title if can_see_offering(viewer, p) else str(_("an offering for members")) for p in offerings)


def studies_without_enrolling(user: Viewer, offering: Offering) -> bool:
    """Staff, and instructors named on the offering, read its lessons (published or not) without enrolling."""
    if not signed_in(user):
        return False
    return sees_everything(user) or offering.instructors.filter(pk=user.pk).exists()


def enrol(member: Member, offering: Offering, now: datetime | None = None) -> EnrolmentOutcome:
    """Enrol, or re-enrol after withdrawing; enrolling twice is a harmless no-op. The enrolment is on the original
    offering whichever translation the member read (`read`); the messages name the one they read."""
    read, offering = offering, original_of(offering)
    now = now or timezone.now()
    if offering.takes_registrations:
        raise EnrolmentRefused(_("Events take registrations for a session, not enrolments."), status=404)
    if not offering.live:
        raise EnrolmentRefused(_("This offering is not open for enrolment."), status=404)
    decision = enrolment_decision(member, offering, now)
    if not decision:
        raise EnrolmentRefused(str(decision.reason))
    missing = missing_prerequisites(member, offering)
    if missing:
        raise EnrolmentRefused(
            _("Complete %(titles)s first; it is a prerequisite.") % {"titles": describe_offerings(member, missing)}
        )
    with transaction.atomic():
        # get_or_create survives a concurrent duplicate: the unique constraint rejects it and it re-reads.
        enrolment, created = Enrolment.objects.get_or_create(
            member=member, offering=offering, defaults={"enrolled_at": now}
        )
        if created:
            EnrolmentEvent.objects.create(enrolment=enrolment, kind=EnrolmentEvent.Kind.ENROLLED, at=now)
            learning_records.enrolled(enrolment)
            return EnrolmentOutcome(enrolment, True, _("You are enrolled in %(title)s.") % {"title": read.title})
        enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
        if enrolment.is_active:
            message = _("You were already enrolled in %(title)s.") % {"title": read.title}
            return EnrolmentOutcome(enrolment, False, message)
        enrolment.is_active = True
        enrolment.withdrawn_at = None
        enrolment.save(update_fields=["is_active", "withdrawn_at"])
        EnrolmentEvent.objects.create(enrolment=enrolment, kind=EnrolmentEvent.Kind.RE_ENROLLED, at=now)
        return EnrolmentOutcome(
            enrolment, True, _("Welcome back: you are enrolled in %(title)s again, with your progress kept.")
            % {"title": read.title},
        )


def withdraw(member: Member, offering: Offering, now: datetime | None = None) -> EnrolmentOutcome:
    """Leave an offering (its original, whichever translation was read); progress is kept for a later
    re-enrolment. Completed offerings stay on the record."""
    read, offering = offering, original_of(offering)
    now = now or timezone.now()
    with transaction.atomic():
        enrolment = Enrolment.objects.select_for_update().filter(member=member, offering=offering).first()
        if enrolment is None:
            raise EnrolmentRefused(_("You are not enrolled in %(title)s.") % {"title": read.title}, status=409)
        if enrolment.completed_at:
            raise EnrolmentRefused(
                _("You completed %(title)s; it stays on your record.") % {"title": read.title}, status=409
            )
        if not enrolment.is_active:
            return EnrolmentOutcome(enrolment, False, _("You had already left %(title)s.") % {"title": read.title})
        enrolment.is_active = False
        enrolment.withdrawn_at = now
        enrolment.save(update_fields=["is_active", "withdrawn_at"])
        EnrolmentEvent.objects.create(enrolment=enrolment, kind=EnrolmentEvent.Kind.WITHDREW, at=now)
    return EnrolmentOutcome(
        enrolment, True, _("You left %(title)s. Your progress is kept if you enrol again.") % {"title": read.title}
    )


def enrolment_in(member: Member, offering: Offering) -> Enrolment | None:
    """The member's enrolment in the offering, from any of its translations, with the translation key of the
    lesson they opened last (`last_lesson_key`), so each translation finds its own page for it; one query.
    Only originals carry enrolments, so matching by key finds the one row."""
    if not getattr(member, "is_authenticated", False):
        return None
    return (
        Enrolment.objects.filter(member=member, offering__translation_key=offering.translation_key)
        .annotate(last_lesson_key=F("last_lesson__translation_key")).first()
    )


def active_enrolment(member: Member, offering: Offering) -> Enrolment | None:
    enrolment = enrolment_in(member, offering)
    return enrolment if enrolment is not None and enrolment.is_active else None
