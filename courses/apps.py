"""The one Django app of the courses package: its label `courses` names every model, table and migration."""

from django.apps import AppConfig


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = "Courses and learning"

    def ready(self):
        from django.db.models.signals import post_migrate

        # Celery's autodiscovery looks only for courses.tasks; the events part keeps its own tasks module, so
        # importing it here registers its task in the worker (under the name the beat schedule uses).
        from courses import (
            member_rows,
            receivers,  # noqa: F401  (connects signal receivers)
        )
        from courses.catalog.setup import ensure_catalog
        from courses.events import tasks as event_tasks  # noqa: F401

        post_migrate.connect(ensure_catalog, sender=self)
        member_rows.register()
