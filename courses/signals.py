"""What `courses` announces; other packages (certificates, search) listen instead of being imported here."""

import logging

from django.dispatch import Signal

logger = logging.getLogger(__name__)

# Sent once per enrolment, after the transaction that recorded the completion commits.
# kwargs: enrolment, member, offering.
course_completed = Signal()

# Sent once per registration, after the transaction that first recorded its attendance commits.
# kwargs: registration, member, session, event (the specific workshop or webinar page), cpd_hours.
attendance_recorded = Signal()

# Sent inside the transaction that saved a session's new time (an edit published); kwargs: session.
session_rescheduled = Signal()


def announce(signal: Signal, sender, **kwargs) -> None:
    """Tell every listener; one failing listener must neither fail the request (already committed) nor stop
    the others, so failures are logged instead of raised."""
    for receiver, result in signal.send_robust(sender=sender, **kwargs):
        if isinstance(result, Exception):
            logger.error("%r failed on %s", receiver, ", ".join(f"{k}={v!r}" for k, v in kwargs.items()),
                         exc_info=result)

# Sent once per member and learning path, when the last of its steps is done (courses/paths/completion.py, after the
# completion or attendance that finished it committed); certificates listens, to issue the programme certificate.
# kwargs: member, path (the original LearningPathPage).
path_completed = Signal()
