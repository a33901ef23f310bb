from django.apps import AppConfig


class CertificatesConfig(AppConfig):
    """Certificates: templates, issuance on completion and attendance, rendering, signing, revocation."""

    name = "certificates"
    verbose_name = "Certificates"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from lms import api_schema

        from . import receivers
        from .openapi import certificate_paths

        receivers.connect()
        api_schema.register(certificate_paths)
