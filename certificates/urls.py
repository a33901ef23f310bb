"""Public certificate pages (mounted before Wagtail's page tree). The JSON addresses (the API, the credential, the
status list and did.json) are the router in certificates/api.py."""

from django.urls import path

from . import views

app_name = "certificates"

urlpatterns = [
    path("certificates/verify/", views.verify_form, name="verify_form"),
    path("certificates/verify/<str:code>", views.verify_page, name="verify"),
    path("certificates/<str:code>/certificate.pdf", views.certificate_pdf, name="pdf"),
    path("certificates/<str:code>/", views.legacy_verify, name="legacy_verify"),
]
