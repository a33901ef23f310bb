"""Public certificate addresses (mounted before Wagtail's page tree). The status list, credential and did.json
paths are the ones `signing` writes into signed credentials, so they must not change."""

from django.urls import path

from . import views

app_name = "certificates"

urlpatterns = [
    path("certificates/verify/", views.verify_form, name="verify_form"),
    path("certificates/verify/<str:code>", views.verify_page, name="verify"),
    path("certificates/status/revocation.json", views.status_list, name="status_list"),
    path("certificates/<str:code>/credential.json", views.credential_json, name="credential"),
    path("certificates/<str:code>/certificate.pdf", views.certificate_pdf, name="pdf"),
    path("certificates/<str:code>/", views.legacy_verify, name="legacy_verify"),
    path(".well-known/did.json", views.did_document, name="did_document"),
    path("api/v1/certificates/verify", views.api_verify_credential, name="api_verify"),
    path("api/v1/certificates/<str:code>", views.api_certificate, name="api_certificate"),
]
