from django.apps import AppConfig


class CertificatesConfig(AppConfig):
    """Certificates: templates, issuance on completion and attendance, rendering, signing, revocation."""

    name = "certificates"
    verbose_name = "Certificates"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from lms import dashboard_panels

        from . import receivers
        from .dashboard import certificates_panel

        receivers.connect()
        dashboard_panels.register(certificates_panel)
