from django.apps import AppConfig


class SearchConfig(AppConfig):
    """The catalog: its database index, the engines, and the receivers that keep the index true."""

    name = "search"
    verbose_name = "Catalog search"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import receivers

        receivers.connect()
