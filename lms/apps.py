from django.apps import AppConfig
from wagtail.users.apps import WagtailUsersAppConfig


class LmsConfig(AppConfig):
    """The app's own config; `default` because this module also holds (and imports) other AppConfig classes, and
    Django then picks none of them by itself, so `ready()` would silently never run."""

    default = True
    name = "lms"
    verbose_name = "Members and access"

    def ready(self):
        from django.db.models.signals import post_migrate

        from lms.roles import ensure_role_groups

        post_migrate.connect(ensure_role_groups, sender=self)


class MemberUsersAppConfig(WagtailUsersAppConfig):
    """Wagtail's users admin, with the membership fields staff maintain."""

    user_viewset = "lms.admin_users.MemberViewSet"
