"""courses listens to its own announcements: it thanks the learner on completion (certificates listens to the
same signal, to issue) and tells registrants when a session's time changes. Connected in `apps.py`."""

from django.dispatch import receiver

from lms import outbox

from .letters import COMPLETION
from .signals import course_completed, session_rescheduled


@receiver(course_completed, dispatch_uid="courses.email_on_completion")
def email_learner_on_completion(sender, enrolment, **kwargs):
    outbox.announce(COMPLETION, enrolment.pk)


@receiver(session_rescheduled, dispatch_uid="courses.tell_registrants_of_new_time")
def tell_registrants_of_new_time(sender, session, **kwargs):
    from .events.registration_notices import tell_registrants_of_new_time

    tell_registrants_of_new_time(session)
