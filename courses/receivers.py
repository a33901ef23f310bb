"""courses listens to its own announcement to thank the learner; certificates will listen to the same one."""

from django.dispatch import receiver

from .signals import course_completed


@receiver(course_completed, dispatch_uid="courses.email_on_completion")
def email_learner_on_completion(sender, enrolment, **kwargs):
    from .tasks import send_completion_email

    send_completion_email.delay(enrolment.pk)
