"""Mentoring's activity for the engagement report (the `member_activity_sources` hook): asking for a mentor, a
proposal accepted by both (both sides were active), and a meeting logged (both sides met, on the day held)."""

from __future__ import annotations

from lms.extension_points import ActivitySource

from .models import MatchProposal, Meeting, MentorshipRequest


def activity_sources() -> list[ActivitySource]:
    accepted = MatchProposal.objects.filter(status=MatchProposal.Status.ACCEPTED)
    return [
        ActivitySource(MentorshipRequest.objects.all(), "mentee", "created_at"),
        ActivitySource(accepted, "mentee", "closed_at"),
        ActivitySource(accepted, "mentor", "closed_at"),
        ActivitySource(Meeting.objects.all(), "mentorship__mentee", "held_on"),
        ActivitySource(Meeting.objects.all(), "mentorship__mentor", "held_on"),
    ]
