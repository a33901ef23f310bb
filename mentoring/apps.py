from django.apps import AppConfig


class MentoringConfig(AppConfig):
    """Mentoring: profiles, the mentor directory, direct requests, matching rounds, relationships, feedback."""

    name = "mentoring"
    verbose_name = "Mentoring"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from lms import outbox

        from .letters import LETTERS

        outbox.register(*LETTERS)
