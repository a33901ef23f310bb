"""Mentoring's step of a new member's onboarding checklist (the `onboarding_steps` hook, order 300; lms/onboarding.py
collects it): finding a mentor. Done once the member has a mentor, or asked one who has not said no; members only
(mentoring is for them), so others have no such step. One query."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.access import members_or_staff
from lms.models import Member
from lms.onboarding import Step, steps_done

from .models import Mentorship, MentorshipRequest
from .privacy import may_use_mentoring

ASKED = (MentorshipRequest.Status.PENDING, MentorshipRequest.Status.ACCEPTED)


def done_rules() -> dict[str, Q]:
    """The step's rule (the `onboarding_done_rules` hook): a mentor, or a request not refused; true of those not
    asked the step (neither members nor staff, as may_use_mentoring says)."""
    me = OuterRef("pk")
    mentored = Exists(Mentorship.objects.filter(mentee=me))
    asked = Exists(MentorshipRequest.objects.filter(mentee=me, status__in=ASKED))
    return {"mentor": Q(mentored) | Q(asked) | ~members_or_staff(timezone.localdate())}


def onboarding_steps(member: Member) -> list[Step]:
    if not may_use_mentoring(member):
        return []
    done = steps_done(member, done_rules())["mentor"]
    return [Step("mentor", _("Find a mentor"), done, reverse("mentoring:directory"),
                 _("An experienced practitioner helps you choose what to learn and how to apply it."))]
