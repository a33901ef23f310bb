"""The member's CPD page and the evidence of their activities (mounted at /cpd/ by lms/urls.py)."""

from django.urls import path

from lms import url_ids  # noqa: F401  (registers <id:...>)

from . import views

app_name = "cpd"

urlpatterns = [
    path("", views.cpd_page, name="page"),
    path("activities/<id:activity_id>/evidence/", views.evidence, name="evidence"),
    path("audits/<id:case_id>/answer/", views.answer_audit, name="answer_audit"),
    path("audits/evidence/<id:evidence_id>/", views.audit_evidence, name="audit_evidence"),
    path("cycles/<id:cycle_id>/transcript.pdf", views.transcript_pdf, name="transcript_pdf"),
    path("cycles/<id:cycle_id>/transcript.csv", views.transcript_csv, name="transcript_csv"),
    path("schemes/<id:scheme_id>/", views.scheme_page, name="scheme"),
]
