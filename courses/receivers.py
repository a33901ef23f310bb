"""courses listens to its own announcements: it thanks the learner on completion (certificates listens to the
same signal, to issue), tells registrants when a session's time changes, notes a learning path finished by a
completion or an attendance (paths/completion.py), and tells the Learning Record Store of completions, attendance
and finished paths (learning_records.py). Connected in `apps.py`."""

from django.dispatch import receiver

from lms import outbox

from . import learning_records
from .letters import COMPLETION
from .signals import attendance_recorded, course_completed, path_completed, session_rescheduled


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


@receiver(course_completed, dispatch_uid="courses.learning_record_on_completion")
def learning_record_on_completion(sender, enrolment, offering, **kwargs):
    learning_records.completed(enrolment, offering)


@receiver(attendance_recorded, dispatch_uid="courses.learning_record_on_attendance")
def learning_record_on_attendance(sender, registration, event, **kwargs):
    learning_records.attended(registration, event)


@receiver(path_completed, dispatch_uid="courses.learning_record_on_path_completion")
def learning_record_on_path_completion(sender, member, path, **kwargs):
    learning_records.path_completed(member, path)
@receiver(course_completed, dispatch_uid="courses.evaluation_on_completion")
def ask_for_evaluation_on_completion(sender, enrolment, **kwargs):
    from .evaluations.invitations import ask_about_completion

    ask_about_completion(enrolment)


@receiver(attendance_recorded, dispatch_uid="courses.evaluation_on_attendance")
def ask_for_evaluation_on_attendance(sender, registration, **kwargs):
    from .evaluations.invitations import ask_about_attendance

    ask_about_attendance(registration)
