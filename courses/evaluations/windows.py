"""When an activity's evaluation and its follow-up may be answered, and when each is asked for, counted from the
activity (completed or attended). The evaluation is open for 90 days from the activity, but its invitation goes a
day later: at the moment itself the member already gets the completion notice and the certificate, and a third
e-mail at once reads as noise. The follow-up asks whether it was applied at work, which takes time to show, so it
opens at 60 days and closes at 90 (after that the answer would be about something else)."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db.models import Q

EVALUATION_OPEN_FOR = timedelta(days=90)
INVITATION_AFTER = timedelta(days=1)
FOLLOW_UP_OPENS = timedelta(days=60)
FOLLOW_UP_CLOSES = timedelta(days=90)


def evaluation_open(activity_at: datetime, now: datetime) -> bool:
    return activity_at <= now < activity_at + EVALUATION_OPEN_FOR


def follow_up_open(activity_at: datetime, now: datetime) -> bool:
    return activity_at + FOLLOW_UP_OPENS <= now < activity_at + FOLLOW_UP_CLOSES


def evaluation_open_q(now: datetime) -> Q:
    """The requests whose evaluation is open, as a filter."""
    return Q(activity_at__lte=now, activity_at__gt=now - EVALUATION_OPEN_FOR)


def invitation_due_q(now: datetime) -> Q:
    """The requests whose invitation may go now: a day or more after the activity, the evaluation still open."""
    return Q(activity_at__lte=now - INVITATION_AFTER, activity_at__gt=now - EVALUATION_OPEN_FOR)


def follow_up_open_q(now: datetime) -> Q:
    return Q(activity_at__lte=now - FOLLOW_UP_OPENS, activity_at__gt=now - FOLLOW_UP_CLOSES)
