from django.apps import AppConfig


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = "Courses and learning"

    def ready(self):
        from django.db.models.signals import post_migrate

        from courses import receivers  # noqa: F401  (connects signal receivers)
        from courses.catalog.setup import ensure_catalog

        post_migrate.connect(ensure_catalog, sender=self)
