"""The transcript of a cycle: every credit entry with its counted and not-counted hours and the totals per category
against the requirement, as CSV (UTF-8, header row, no formula cells) and as a tagged PDF in the member's language;
only for the member whose cycle it is."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pypdf
import pytest
from django.utils import timezone

from certificates.cpd import cycles, transcript
from certificates.cpd.models import ExternalActivity
from certificates.cpd.transcript import safe_cell
from tests import factories

from .factories import activity, member_joined, scheme

pytestmark = pytest.mark.django_db
APPROVED = ExternalActivity.Status.APPROVED


@pytest.fixture
def cycle():
    member = member_joined(timezone.localdate() - timedelta(days=200), first_name="Ana", last_name="Reyes")
    practitioner = scheme()
    day = timezone.localdate() - timedelta(days=20)
    activity(member, hours="30", category="giving_back", day=day, status=APPROVED, title="Mentoring circle")
    activity(member, hours="4", category="ethics", day=day + timedelta(days=1), status=APPROVED,
             title="=HYPERLINK(\"http://evil.example\",\"click\")")
    activity(member, hours="9", category="general", day=day, status=ExternalActivity.Status.SUBMITTED,
             title="Still awaiting review")
    return cycles.current_cycle(member, practitioner)


def csv_rows(response) -> list[list[str]]:
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.reader(io.StringIO(body.removeprefix("\ufeff"))))


def test_the_csv_lists_every_entry_and_the_totals_against_the_requirement(client, cycle):
    client.force_login(cycle.member)

    response = client.get(f"/cpd/cycles/{cycle.pk}/transcript.csv")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    rows = csv_rows(response)
    assert rows[0] == ["Date", "Title", "Source", "Category", "Hours", "Counted", "Not counted", "Required"]
    day = (timezone.localdate() - timedelta(days=20)).isoformat()
    assert rows[1] == [day, "Mentoring circle", "Activity logged, approved by staff", "Giving back to the profession",
                       "30.00", "25.00", "5.00", ""]
    assert rows[2][1].startswith("'=HYPERLINK")  # a spreadsheet shows it as text, never runs it
    assert rows[2][5:7] == ["4.00", "0.00"]
    assert all("Still awaiting review" not in row for row in rows)  # only approved activities count
    totals = {row[1]: row for row in rows[3:]}
    assert totals["Total in Ethics / responsible conduct of research"][4:] == ["4.00", "4.00", "0.00", "6.00"]
    assert totals["Total in Giving back to the profession"][4:] == ["30.00", "25.00", "5.00", ""]
    assert totals["Total"][4:] == ["34.00", "29.00", "5.00", "60.00"]


@pytest.mark.parametrize("value, written", [
    ("=1+2", "'=1+2"), ("+1", "'+1"), ("-1", "'-1"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"),
    ("Flow = value", "Flow = value"), ("12.50", "12.50"),
])
def test_cells_that_look_like_formulas_are_written_as_text(value, written):
    assert safe_cell(value) == written


def test_the_pdf_is_tagged_and_in_the_members_language(client, cycle):
    cycle.member.site_language = "es"
    cycle.member.save()
    client.force_login(cycle.member)

    response = client.get(f"/cpd/cycles/{cycle.pk}/transcript.pdf", follow=True)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    assert "/StructTreeRoot" in reader.trailer["/Root"]
    assert reader.trailer["/Root"]["/Lang"] == "es"
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert "Ana Reyes" in text
    assert "Mentoring circle" in text
    assert "Transcripción de DPC: VSMC Practitioner CPD" in text
    assert "=HYPERLINK" in text  # printed as the member wrote it: a PDF runs nothing
    assert "Still awaiting review" not in text


def test_the_pdf_in_english_gives_totals_and_what_is_still_needed(client, cycle):
    client.force_login(cycle.member)

    text = " ".join(" ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(
        client.get(f"/cpd/cycles/{cycle.pk}/transcript.pdf").content)).pages).split())

    assert "CPD transcript: VSMC Practitioner CPD" in text
    assert "Totals by category" in text
    assert "Every credit entry" in text
    assert "31 CPD hours still needed" in text, text


def test_a_past_cycle_has_its_transcript_too(client, cycle):
    client.force_login(cycle.member)
    page = client.get("/cpd/").content.decode()
    assert f"/cpd/cycles/{cycle.pk}/transcript.pdf" in page
    assert f"/cpd/cycles/{cycle.pk}/transcript.csv" in page


@pytest.mark.parametrize("suffix", ["pdf", "csv"])
def test_someone_elses_transcript_does_not_exist_for_them(client, cycle, suffix):
    client.force_login(factories.MemberFactory())
    assert client.get(f"/cpd/cycles/{cycle.pk}/transcript.{suffix}").status_code == 404
    client.logout()
    assert client.get(f"/cpd/cycles/{cycle.pk}/transcript.{suffix}").status_code == 302


def test_the_listing_stops_at_its_bound_and_the_totals_still_count_everything(cycle, monkeypatch):
    monkeypatch.setattr(transcript, "MOST_ENTRIES", 1)

    made = transcript.transcript_of(cycle)

    assert len(made.entries) == 1 and made.left_out == 1
    assert made.progress.earned == 34
    text = " ".join(" ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(
        transcript.transcript_pdf(made, "Ana Reyes"))).pages).split())
    assert "One more entry is not listed; the totals count it." in text
