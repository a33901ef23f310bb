from django.apps import AppConfig


class CpdConfig(AppConfig):
    """CPD: requirement schemes, members' cycles, external activities and their review, the member's CPD page.
    Part of the credentialing package; certificates, courses and mentoring never import it."""

    name = "certificates.cpd"
    label = "cpd"
    verbose_name = "CPD"
    default_auto_field = "django.db.models.BigAutoField"
