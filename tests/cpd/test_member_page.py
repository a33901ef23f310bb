"""The member's CPD page: the cycle and its progress, activities and the form to log one (with its evidence checks),
the evidence served to its member and staff only, and members with no scheme told why."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from certificates.cpd.evidence import MAX_EVIDENCE_BYTES
from certificates.cpd.models import ExternalActivity
from lms.models import MembershipTier
from tests import factories
from tests.test_one_date_format_per_page import assert_one_format, visible_text

from .factories import PDF_BYTES, PNG_BYTES, activity, member_joined, pdf_upload, scheme

pytestmark = pytest.mark.django_db
PAGE = "/cpd/"


def form_data(**changes):
    data = {"kind": "conference", "title": "Flow Summit 2026", "provider": "Flow Society",
            "date": (timezone.localdate() - timedelta(days=3)).isoformat(), "hours": "7.5", "category": "technical",
            "evidence": pdf_upload()}
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def member(client):
    scheme()
    joined = member_joined(timezone.localdate() - timedelta(days=400))
    client.force_login(joined)
    return joined


def test_the_page_shows_the_cycle_categories_and_what_remains(client, member):
    activity(member, hours="4", category="ethics", status=ExternalActivity.Status.APPROVED,
             day=timezone.localdate() - timedelta(days=10))
    response = client.get(PAGE)
    assert response.status_code == 200
    page = response.content.decode()
    assert "VSMC Practitioner CPD" in page
    assert "Ethics / responsible conduct of research" in page
    assert "2 CPD hours still needed" in page  # ethics: at least 6, 4 counted
    assert "<strong>56 CPD hours</strong> still needed by" in page
    assert "<progress" in page and "<table" in page


def test_a_member_with_no_scheme_is_told_why(client):
    client.force_login(factories.MemberFactory(membership_tier=MembershipTier.STUDENT))
    assert "No CPD scheme applies to your membership" in client.get(PAGE).content.decode()


def test_the_page_needs_a_sign_in(client):
    response = client.get(PAGE)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_logging_an_activity_with_a_pdf(client, member):
    response = client.post(PAGE, form_data())
    assert response.status_code == 303
    logged = ExternalActivity.objects.get(member=member)
    assert (logged.status, logged.hours, logged.category) == ("submitted", Decimal("7.5"), "technical")
    assert logged.evidence.name.startswith("cpd/evidence/") and logged.evidence.name.endswith(".pdf")
    assert "certificate" not in logged.evidence.name  # the member's file name is not kept
    page = client.get(PAGE).content.decode()
    assert "Flow Summit 2026" in page and "Awaiting review" in page


@pytest.mark.parametrize(("changes", "field", "message"), [
    ({"evidence": pdf_upload("notes.txt", b"just words", "text/plain")}, "evidence", "Upload a PDF, PNG or JPEG"),
    ({"evidence": pdf_upload("fake.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")}, "evidence",
     "its contents are not"),
    ({"evidence": pdf_upload("fake.png", PDF_BYTES, "image/png")}, "evidence", "its contents are not"),
    ({"evidence": pdf_upload("big.pdf", PDF_BYTES + b"0" * MAX_EVIDENCE_BYTES)}, "evidence", "at most 10 MB"),
    ({"evidence": pdf_upload("empty.pdf", b"")}, "evidence", "empty"),
    ({"evidence": None}, "evidence", "Attach the evidence"),
    ({"hours": "0"}, "hours", "at least a quarter of an hour"),
    ({"hours": "-3"}, "hours", "at least a quarter of an hour"),
    ({"hours": "250"}, "hours", "at most 200 hours"),
    ({"hours": "1e9"}, "hours", "at most 200 hours"),
    ({"hours": "1.23456"}, "hours", "two decimal places"),
    ({"hours": "lots"}, "hours", "as a number"),
    ({"date": (date.today() + timedelta(days=30)).isoformat()}, "date", "cannot be in the future"),
    ({"date": "1999-01-01"}, "date", "more than 10 years old"),
    ({"category": "astrology"}, "category", "valid choice"),
    ({"title": "Bob\u202egnp.exe"}, "title", "print in a different order"),
])
def test_bad_input_is_refused_field_by_field_and_keeps_what_was_typed(client, member, changes, field, message):
    response = client.post(PAGE, form_data(**changes))
    assert response.status_code == 400
    form = response.context["form"]
    assert message in " ".join(form.errors[field]), form.errors
    page = response.content.decode()
    if field != "title":
        assert 'value="Flow Summit 2026"' in page and 'value="Flow Society"' in page
    assert not ExternalActivity.objects.exists()


def test_a_png_is_evidence_too(client, member):
    assert client.post(PAGE, form_data(evidence=pdf_upload("scan.png", PNG_BYTES, "image/png"))).status_code == 303
    assert ExternalActivity.objects.get().evidence.name.endswith(".png")


def test_evidence_is_served_to_its_member_and_staff_only(client, member):
    logged = activity(member)
    url = reverse("cpd:evidence", args=[logged.pk])
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert "no-store" in response["Cache-Control"]
    client.force_login(factories.MemberFactory())
    assert client.get(url).status_code == 404
    client.force_login(factories.StaffFactory())
    assert client.get(url).status_code == 200
    client.logout()
    assert client.get(url).status_code == 302


def test_the_page_lists_rejections_with_their_reason(client, member):
    activity(member, status=ExternalActivity.Status.REJECTED, title="Book club")
    page = client.get(PAGE).content.decode()
    assert "Book club" in page and "Rejected" in page and "Reason: Not CPD" in page


def test_dates_and_hours_are_written_one_way(client, member):
    activity(member, hours="1", category="ethics", status=ExternalActivity.Status.APPROVED,
             day=timezone.localdate() - timedelta(days=2))
    text = visible_text(client.get(PAGE).content.decode())
    cycle = member.cpd_cycles.get()
    assert_one_format(text, cycle.last_day)  # the heading and "still needed by"
    assert "1 CPD hour," in text and "5 CPD hours still needed" in text
