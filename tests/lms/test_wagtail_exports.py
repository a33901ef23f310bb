"""Wagtail's own report CSVs go through lms/spreadsheets.py too (lms/wagtail_exports.py): an instructor's page
title starting with "=" reaches staff's spreadsheet as text, not as a formula."""

import csv
import io

import pytest

from lms.models import Member
from tests import factories

pytestmark = pytest.mark.django_db


def test_the_aging_pages_report_csv_neutralises_a_formula_title(client):
    offering = factories.build_offering(
        title='=HYPERLINK("http://evil.example","Open")', modules=1, lessons_per_module=1
    )
    offering.save_revision().publish()
    client.force_login(Member.objects.create_superuser("root@example.org", "correct horse battery"))

    response = client.get("/admin/reports/aging-pages/?export=csv")
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8")
    titles = [row[0] for row in csv.reader(io.StringIO(text, newline=""))]
    assert '\'=HYPERLINK("http://evil.example","Open")' in titles
    assert not any(title.startswith("=") for title in titles)
