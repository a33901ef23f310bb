"""What the onboarding tests share: a member who joined some days ago with nothing done, and asking for a mentor."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from lms.models import Member
from mentoring import requests as mentoring_requests
from mentoring.models import MenteeProfile, MentorshipRequest
from tests import factories
from tests.mentoring.factories import EVENINGS, mentor


def newcomer(days_ago: float = 2, **fields) -> Member:
    """A current member who joined `days_ago` days ago and filled in nothing beyond their name and language."""
    fields.setdefault("first_name", "Noor")
    fields.setdefault("career_stage", "")
    fields.setdefault("preferred_languages", ["en"])
    return factories.MemberFactory(date_joined=timezone.now() - timedelta(days=days_ago), **fields)


def ask_for_a_mentor(member: Member, message: str = "I lead a delivery team and want to learn flow metrics."
                     ) -> MentorshipRequest:
    """A mentee profile (the directory asks for one first) and a request to a new listed mentor."""
    MenteeProfile.objects.get_or_create(member=member, defaults={
        "goals": "Grow into a flow lead.", "languages": ["en"], "availability": EVENINGS})
    return mentoring_requests.request_mentor(member, mentor(), message)
