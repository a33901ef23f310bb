"""A date shown twice on one page reads the same both times (lms/formatting.py): the access wording and the
facts list of a member-first offering or event, the verification page's status and facts. No ISO date in prose,
no American "Dec. 3, 2026" beside "3 December 2026"; CPD hours with the right plural."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from lms import formatting
from tests import factories
from tests.certificates.public_support import ready_certificate

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]

ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
AMERICAN_DATE = re.compile(r"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.? \d{1,2}, \d{4}\b")


def visible_text(html: str) -> str:
    """What a reader sees: markup, scripts and attribute values (machine-readable datetimes) left out."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def assert_one_format(text: str, day, times: int = 2) -> None:
    written = formatting.date_text(day, "en")
    assert text.count(written) >= times, (written, text)
    assert not ISO_DATE.search(text), ISO_DATE.search(text)
    assert not AMERICAN_DATE.search(text), AMERICAN_DATE.search(text)


def test_a_member_first_offering_page_writes_its_opening_date_one_way(client):
    today = timezone.localdate()
    opens = today + timedelta(days=7)
    offering = factories.build_offering(access_level="member_first", members_open_on=today - timedelta(days=1),
                                        public_open_on=opens, cpd_hours=1)
    client.force_login(factories.NonMemberFactory())

    text = visible_text(client.get(offering.url).content.decode())

    assert f"enrolment opens to everyone on {formatting.date_text(opens, 'en')}." in text
    assert_one_format(text, opens)
    assert "1 CPD hour" in text and "1 CPD hours" not in text


def test_a_member_first_event_page_writes_its_opening_date_one_way(client):
    opens = timezone.localdate() + timedelta(days=5)
    event = factories.build_event(access_level="member_first", public_open_on=opens,
                                  sessions=[factories.session_spec(20)], cpd_hours=2)
    client.force_login(factories.NonMemberFactory())

    text = visible_text(client.get(event.url).content.decode())

    assert f"registration opens to everyone on {formatting.date_text(opens, 'en')}." in text
    assert_one_format(text, opens)
    assert "2 CPD hours" in text


def test_the_verification_page_writes_the_issue_date_one_way(client):
    certificate = ready_certificate(factories.MemberFactory(), title="Members' Roundtable", cpd_hours=1)

    text = visible_text(client.get(f"/certificates/verify/{certificate.code}").content.decode())

    assert f"Issued on {formatting.date_text(certificate.issued_at, 'en', tz='UTC')}." in text
    assert_one_format(text, timezone.localtime(certificate.issued_at, timezone.get_fixed_timezone(0)).date())
