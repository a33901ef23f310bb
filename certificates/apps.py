from django.apps import AppConfig


class CertificatesConfig(AppConfig):
    """Certificates: templates, issuance on completion and attendance, rendering, signing, revocation."""

    name = "certificates"
    verbose_name = "Certificates"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import receivers
        from .site_defaults import ensure_default_template

        receivers.connect()
        post_migrate.connect(ensure_default_template, sender=self)
