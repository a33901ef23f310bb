from django.apps import AppConfig


class CertificatesConfig(AppConfig):
    """Certificates: templates, issuance on completion and attendance, rendering, signing, revocation."""

    name = "certificates"
    verbose_name = "Certificates"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import receivers

        receivers.connect()
