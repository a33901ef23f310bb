from django.apps import AppConfig


class MentoringConfig(AppConfig):
    """Mentoring: profiles, the mentor directory, direct requests, matching rounds, relationships, feedback."""

    name = "mentoring"
    verbose_name = "Mentoring"
    default_auto_field = "django.db.models.BigAutoField"
