"""Mentoring's step of a new member's onboarding checklist (the `onboarding_steps` hook, order 300; lms/onboarding.py
collects it): finding a mentor. Done once the member has a mentor, or asked one who has not said no; members only
(mentoring is for them), so others have no such step. One query."""

from __future__ import annotations

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext as _

from lms.models import Member
from lms.onboarding import Step

from .models import Mentorship, MentorshipRequest
from .privacy import may_use_mentoring

ASKED = (MentorshipRequest.Status.PENDING, MentorshipRequest.Status.ACCEPTED)


def onboarding_steps(member: Member) -> list[Step]:
    if not may_use_mentoring(member):
        return []
    me = OuterRef("pk")
    mentored, asked = Member.objects.filter(pk=member.pk).annotate(
        mentored=Exists(Mentorship.objects.filter(mentee=me)),
        asked=Exists(MentorshipRequest.objects.filter(mentee=me, status__in=ASKED)),
    ).values_list("mentored", "asked").get()
    return [Step("mentor", _("Find a mentor"), mentored or asked, reverse("mentoring:directory"),
                 _("An experienced practitioner helps you choose what to learn and how to apply it."))]
