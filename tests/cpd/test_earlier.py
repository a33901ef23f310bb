"""Cycles of schemes that no longer apply to the member (a changed tier, a revoked credential) stay theirs to see:
cycles.earlier_of (one capped query), the "Earlier schemes" section of /cpd/, `applies_now: false` in
`GET /api/v1/me/cpd`, and their transcripts and CPD credential still served to them and to nobody else."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from certificates.cpd import credential, cycles
from certificates.cpd.api import MyCpdAnswer
from certificates.cpd.models import Cycle, ExternalActivity
from lms.formatting import date_text
from lms.models import MembershipTier
from tests import factories
from tests.certificates.factories import default_template

from .factories import activity, member_joined, scheme

pytestmark = pytest.mark.django_db
APPROVED = ExternalActivity.Status.APPROVED


def left_practitioner():
    """A professional member with a past met cycle (credential awarded) and an open one of the practitioner scheme,
    then moved to the student tier, which the scheme does not name; a second scheme still applies."""
    default_template()
    today = timezone.localdate()
    member = member_joined(today - timedelta(days=500))
    practitioner = scheme(months=12, required="10", ethics_min=None)
    still = scheme("Student CPD", months=12, tiers=[MembershipTier.STUDENT, MembershipTier.PROFESSIONAL])
    activity(member, hours="12", day=today - timedelta(days=400), status=APPROVED, title="Flow Summit")
    met = cycles.current_cycle(member, practitioner, today - timedelta(days=300))
    current = cycles.current_cycle(member, practitioner)
    met.refresh_from_db()
    assert met.status == Cycle.Status.MET and current.status == Cycle.Status.OPEN
    earned = credential.award(met, today=today)
    assert earned is not None
    member.membership_tier = MembershipTier.STUDENT
    member.save(update_fields=["membership_tier"])
    return member, practitioner, still, met, current, earned


def test_earlier_of_gives_the_cycles_of_schemes_that_no_longer_apply_newest_first(media_root):
    member, practitioner, still, met, current, _earned = left_practitioner()
    applying = cycles.cycles_of(member)
    assert [of.scheme for of in applying] == [still]

    with CaptureQueriesContext(connection) as queries:
        earlier = cycles.earlier_of(member, applying)
        assert [e.scheme.name for e in earlier] == [practitioner.name]  # the scheme came with the cycles
    assert len(queries) == 1
    assert earlier[0].cycles == [current, met]


def test_earlier_of_is_capped(media_root):
    member = member_joined(timezone.localdate() - timedelta(days=30))
    old = scheme(tiers=[MembershipTier.INSTITUTIONAL])
    day = timezone.localdate()
    for number in range(cycles.MOST_EARLIER_CYCLES + 3):
        start = day - timedelta(days=10 * (number + 1))
        Cycle.objects.create(member=member, scheme=old, starts_on=start, ends_on=start + timedelta(days=10),
                             status=Cycle.Status.SHORT, counted_hours=0, closed_at=timezone.now())
    [found] = cycles.earlier_of(member, [])
    assert len(found.cycles) == cycles.MOST_EARLIER_CYCLES
    assert found.cycles[0].starts_on == day - timedelta(days=10)


def test_the_cpd_page_shows_earlier_schemes_with_transcripts_and_the_credential(client, media_root):
    member, practitioner, _still, met, current, earned = left_practitioner()
    client.force_login(member)
    page = client.get("/cpd/").content.decode()

    assert "Earlier schemes" in page
    section = page[page.index('id="earlier-heading"'):page.index('id="activities-heading"')]
    assert f"<h3 id=\"earlier-{practitioner.pk}-heading\">{practitioner.name}</h3>" in section
    assert date_text(met.starts_on) in section and date_text(current.starts_on) in section
    assert "Met" in section and "In progress" in section
    for cycle in (met, current):
        assert reverse("cpd:transcript_pdf", args=[cycle.pk]) in section
        assert reverse("cpd:transcript_csv", args=[cycle.pk]) in section
    assert reverse("certificates:verify", args=[earned.code]) in section  # the met cycle's credential


def test_the_transcripts_of_earlier_cycles_are_the_members_alone(client, media_root):
    member, _practitioner, _still, met, current, _earned = left_practitioner()
    client.force_login(member)
    for cycle in (met, current):
        assert client.get(reverse("cpd:transcript_csv", args=[cycle.pk])).status_code == 200
        assert client.get(reverse("cpd:transcript_pdf", args=[cycle.pk])).status_code == 200
    client.force_login(factories.MemberFactory())
    assert client.get(reverse("cpd:transcript_csv", args=[met.pk])).status_code == 404


def test_the_api_marks_earlier_schemes_as_no_longer_applying(client, media_root):
    member, practitioner, still, met, current, _earned = left_practitioner()
    client.force_login(member)
    answer = client.get("/api/v1/me/cpd").json()
    MyCpdAnswer.model_validate(answer)  # what the OpenAPI document (made from these classes) promises
    by_name = {s["name"]: s for s in answer["schemes"]}
    assert by_name[still.name]["applies_now"] is True
    assert by_name[practitioner.name]["applies_now"] is False
    assert by_name[practitioner.name]["anchored_on"] is None
    earlier = [c for c in answer["cycles"] if c["scheme"] == practitioner.name]
    assert [(c["starts_on"], c["status"]) for c in earlier] == [
        (current.starts_on.isoformat(), "open"), (met.starts_on.isoformat(), "met")]
    assert earlier[1]["counted_at_close"] == "12.00"


def test_the_openapi_document_describes_applies_now(client):
    schemas = client.get("/api/v1/openapi.json").json()["components"]["schemas"]
    assert schemas["SchemeAnswer"]["properties"]["applies_now"]["type"] == "boolean"
    assert "applies_now" in schemas["SchemeAnswer"]["required"]
