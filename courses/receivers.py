"""courses listens to its own announcements: it thanks the learner on completion (certificates listens to the
same signal, to issue), tells registrants when a session's time changes, and notes a learning path finished by a
completion or an attendance (paths/completion.py). Connected in `apps.py`."""

from django.dispatch import receiver

from lms import outbox

from .letters import COMPLETION
from .signals import attendance_recorded, course_completed, session_rescheduled


@receiver(course_completed, dispatch_uid="courses.email_on_completion")
def email_learner_on_completion(sender, enrolment, **kwargs):
    outbox.announce(COMPLETION, enrolment.pk)


@receiver(session_rescheduled, dispatch_uid="courses.tell_registrants_of_new_time")
def tell_registrants_of_new_time(sender, session, **kwargs):
    from .events.registration_notices import tell_registrants_of_new_time

    tell_registrants_of_new_time(session)


@receiver(course_completed, dispatch_uid="courses.paths_on_completion")
def note_path_progress_on_completion(sender, enrolment, member, **kwargs):
    from .paths.completion import note_progress

    note_progress(member, enrolment.offering_id)


@receiver(attendance_recorded, dispatch_uid="courses.paths_on_attendance")
def note_path_progress_on_attendance(sender, registration, member, **kwargs):
    from .paths.completion import note_progress

    note_progress(member, registration.session.event_id)


@receiver(course_completed, dispatch_uid="courses.evaluation_on_completion")
def ask_for_evaluation_on_completion(sender, enrolment, **kwargs):
    from .evaluations.invitations import ask_about_completion

    ask_about_completion(enrolment)


@receiver(attendance_recorded, dispatch_uid="courses.evaluation_on_attendance")
def ask_for_evaluation_on_attendance(sender, registration, **kwargs):
    from .evaluations.invitations import ask_about_attendance

    ask_about_attendance(registration)
