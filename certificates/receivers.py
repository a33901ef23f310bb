"""certificates listens to what `courses` announces: a completed offering, a recorded attendance or a completed
learning path (the programme certificate) asks for a certificate. The request is written down first (an outbox the
beat sweep reads), then the task is enqueued after the transaction commits, so the task always finds the committed
request and a lost task is retried later."""

from __future__ import annotations

import logging

from django.db import transaction

from courses.models import PathCompletion
from courses.signals import attendance_recorded, course_completed, path_completed

from .models import IssueRequest

logger = logging.getLogger(__name__)


def request_certificate(source: str, source_id: int) -> None:
    """Record the request once (a repeated announcement finds it) and enqueue the issue task after commit."""
    request, created = IssueRequest.objects.get_or_create(source=source, source_id=source_id)
    if not created and request.settled_at is not None:
        return
    transaction.on_commit(lambda: enqueue_issue(source, source_id), robust=True)


def enqueue_issue(source: str, source_id: int) -> None:
    from .tasks import issue_certificate

    issue_certificate.delay(source, source_id)


def on_course_completed(sender, enrolment, **kwargs) -> None:
    request_certificate(IssueRequest.Source.COMPLETION, enrolment.pk)


def on_attendance_recorded(sender, registration, **kwargs) -> None:
    request_certificate(IssueRequest.Source.ATTENDANCE, registration.pk)


def on_path_completed(sender, member, path, **kwargs) -> None:
    """The completion row courses recorded (once per member and path) is what the request names."""
    completion = PathCompletion.objects.filter(member=member, path=path).values_list("pk", flat=True).first()
    if completion is not None:
        request_certificate(IssueRequest.Source.PATH, completion)


def connect() -> None:
    course_completed.connect(on_course_completed, dispatch_uid="certificates.on_course_completed")
    attendance_recorded.connect(on_attendance_recorded, dispatch_uid="certificates.on_attendance_recorded")
    path_completed.connect(on_path_completed, dispatch_uid="certificates.on_path_completed")
