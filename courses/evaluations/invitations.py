"""Who is asked, once: an evaluation request per completion and per attended session, its invitation letter a day
later (windows.INVITATION_AFTER), and its follow-up letter when the 60-day window opens. The request is made at
the moment, so My learning offers the evaluation at once; the letters are owed by the hourly beat job, which sends
each invitation whose day has passed and owes the follow-ups, in bounded batches. The outbox sends each letter
once (a unique request per activity, a sent field per letter, the outbox's claim); the member's "Evaluations"
preference is read at send time, so a member who turned it off gets neither letter, yet can still answer from My
learning."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from lms import outbox

from ..models import Enrolment, EvaluationRequest, Registration
from .windows import evaluation_open, follow_up_open, follow_up_open_q, invitation_due_q

INVITATION = "courses.evaluation_invitation"
FOLLOW_UP = "courses.evaluation_follow_up"
# A follow-up's own announcement normally sends it; the sweep steps in after this for one a lost task dropped.
SWEEP_AFTER = timedelta(minutes=10)
# How many follow-ups one run of the beat job owes; the next run takes the rest.
FOLLOW_UP_BATCH = 500


def _owe(**fields) -> EvaluationRequest | None:
    """Create the activity's request, which owes its invitation from the day after (sent by `send_invitations`);
    None when it exists (owed once)."""
    try:
        with transaction.atomic():
            return EvaluationRequest.objects.create(**fields)
    except IntegrityError:
        return None


def ask_about_completion(enrolment: Enrolment) -> EvaluationRequest | None:
    offering = enrolment.offering
    if offering is None:  # deleted since: nothing left to evaluate
        return None
    return _owe(member_id=enrolment.member_id, offering_id=enrolment.offering_id,
                programme_year=offering.programme_year, enrolment=enrolment,
                title=enrolment.credited_title or offering.title,
                activity_at=enrolment.completed_at or timezone.now())


def ask_about_attendance(registration: Registration) -> EvaluationRequest | None:
    session = registration.session
    event = session.event
    return _owe(member_id=registration.member_id, offering_id=event.pk, programme_year=event.programme_year,
                registration=registration, title=registration.credited_title or session.title or event.title,
                activity_at=registration.attendance_recorded_at or timezone.now())


def owe_follow_ups(now: datetime | None = None) -> int:
    """Owe the follow-up of every request whose window is open and that owes none yet, up to FOLLOW_UP_BATCH; how
    many were owed. A conditional UPDATE per row: two racing runs owe each once."""
    now = now or timezone.now()
    due = list(EvaluationRequest.objects.filter(follow_up_open_q(now), follow_up_owed_at__isnull=True)
               .order_by("activity_at", "pk").values_list("pk", flat=True)[:FOLLOW_UP_BATCH])
    owed = 0
    for pk in due:
        if EvaluationRequest.objects.filter(pk=pk, follow_up_owed_at__isnull=True).update(follow_up_owed_at=now):
            outbox.announce(FOLLOW_UP, pk)
            owed += 1
    return owed


def send_invitations(now: datetime | None = None) -> int:
    """Enqueue the invitations now due (a day after the activity, the evaluation still open), oldest first, at most
    the outbox's SWEEP_BATCH a run; how many. The outbox's claim and sent field make each go once, however often
    this runs or a task is repeated."""
    return outbox.sweep([INVITATION], now)[INVITATION]


def invitation_is_moot(request: EvaluationRequest) -> bool:
    """Already answered, or the evaluation has closed."""
    return (not evaluation_open(request.activity_at, timezone.now())
            or EvaluationRequest.objects.filter(pk=request.pk, evaluation__isnull=False).exists())


def follow_up_is_moot(request: EvaluationRequest) -> bool:
    """Already answered, or the window has closed (90 days on)."""
    return (not follow_up_open(request.activity_at, timezone.now())
            or EvaluationRequest.objects.filter(pk=request.pk, follow_up__isnull=False).exists())


def invitation_sweep_window(now: datetime) -> Q:
    """The invitation's not-before: the outbox sends it only once it is due, never on the activity's moment."""
    return invitation_due_q(now)


def follow_up_sweep_window(now: datetime) -> Q:
    return Q(follow_up_owed_at__lt=now - SWEEP_AFTER) & follow_up_open_q(now)
