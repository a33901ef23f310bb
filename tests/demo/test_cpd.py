"""The demo CPD `make run` loads after the catalog: the practitioner scheme, one member short near the end of their
cycle and one whose cycle is met, activities awaiting review with real evidence PDFs in their members' languages,
and a second run that changes nothing."""

from __future__ import annotations

import io
from datetime import timedelta
from html import escape
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from pypdf import PdfReader

from certificates.cpd import cycles
from certificates.cpd.demo.content import demo_content
from certificates.cpd.models import Audit, AuditCase, CpdScheme, Cycle, CycleLetter, ExternalActivity
from certificates.cpd.progress import cycle_progress
from courses.demo.content import demo_content as catalog_content
from lms.models import Member


@pytest.fixture
def loaded(demo_catalog, db, media_root):
    out = StringIO()
    call_command("load_demo", "cpd", "--outside-debug", stdout=out)
    return out.getvalue()


def member(key: str) -> Member:
    return Member.objects.get(email=catalog_content().account(key).email)


def test_the_demo_scheme_and_members_at_different_points(loaded, client):
    scheme = CpdScheme.objects.get(name=demo_content().scheme.name)
    assert scheme.required_hours == 60 and scheme.cycle_months == 36
    assert {(r.category, r.minimum_hours, r.maximum_hours) for r in scheme.rules.all()} == {
        ("ethics", 6, None), ("giving_back", None, 25)}
    today = timezone.localdate()

    short = cycles.current_cycle(member("learner"), scheme, today)
    result = cycle_progress(short, today)
    assert short.status == Cycle.Status.OPEN and short.ends_on - today < timedelta(days=90)
    assert not result.is_met and result.projected_shortfall > 0

    met = cycle_progress(cycles.current_cycle(member("reader_es"), scheme, today), today)
    assert met.is_met
    giving_back = next(c for c in met.categories if c.category == "giving_back")
    assert giving_back.not_counted == 5  # 30 given, 25 count

    client.force_login(member("learner"))
    page = client.get("/cpd/").content.decode()
    assert "Flow Summit Europe 2026" in page and "still needed by" in page
    assert "Scheme:" in loaded and "Awaiting review" in loaded


def test_activities_await_review_with_real_evidence_in_their_language(loaded):
    waiting = list(ExternalActivity.objects.filter(status=ExternalActivity.Status.SUBMITTED).select_related("member"))
    assert len(waiting) == sum(a.status == "submitted" for a in demo_content().activities) >= 3
    for activity in waiting:
        with activity.evidence.open("rb") as stored:
            text = PdfReader(io.BytesIO(stored.read())).pages[0].extract_text()
        assert activity.member.first_name in text
    spanish = next(a for a in waiting if a.member.email.startswith("carmen@"))
    with spanish.evidence.open("rb") as stored:
        assert "publicó" in PdfReader(io.BytesIO(stored.read())).pages[0].extract_text()
    rejected = ExternalActivity.objects.get(status=ExternalActivity.Status.REJECTED)
    assert rejected.reason and rejected.reviewer.email == catalog_content().email(demo_content().reviewer)


def test_an_audit_of_closed_cycles_with_one_member_asked_and_one_passed(loaded, mailoutbox):
    audit = Audit.objects.get()
    spec = demo_content().audit
    assert (audit.seed, audit.population) == (spec.seed, len(spec.accounts))
    statuses = sorted(audit.cases.values_list("status", flat=True))
    assert statuses == sorted([AuditCase.Status.REQUESTED, AuditCase.Status.PASSED]), statuses
    assert {a for a, in audit.trail.values_list("action")} >= {"drawn", "requested", "passed"}
    assert not CycleLetter.objects.exists()  # reminders and outcomes are the beat job's to owe
    assert "CPD audits" in loaded


def test_a_second_run_changes_nothing(loaded):
    before = ExternalActivity.objects.count()
    out = StringIO()
    call_command("load_demo", "cpd", "--outside-debug", stdout=out)
    assert "already loaded" in out.getvalue()
    assert ExternalActivity.objects.count() == before


def test_carmens_met_cycle_has_its_cpd_credential_and_its_pdf_renders(demo_catalog, db, media_root,
                                                                       django_capture_on_commit_callbacks):
    from certificates.cpd.credential import cycle_key
    from certificates.models import AchievementKind, Certificate, RenderState

    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", "certificates", "--outside-debug", stdout=StringIO())
    with django_capture_on_commit_callbacks(execute=True):
        out = StringIO()
        call_command("load_demo", "cpd", "--outside-debug", stdout=out)
    carmen = member("reader_es")
    cycle = Cycle.objects.get(member=carmen, status=Cycle.Status.OPEN)
    credential = Certificate.objects.get(member=carmen, achievement_key=cycle_key(cycle.pk))

    assert credential.achievement_kind == AchievementKind.CPD_CYCLE
    assert f"CPD credential issued: {credential.code}" in out.getvalue()
    assert credential.template.name == "VSMC CPD credential"
    assert credential.render_state == RenderState.READY, credential.render_failure
    with credential.pdf.open("rb") as handle:
        text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(handle.read())).pages)
    text = " ".join(text.split())
    assert "Carmen" in text and "VSMC Practitioner CPD" in text
    assert credential.credential["credentialSubject"]["activityStartDate"].startswith(cycle.starts_on.isoformat())


def test_a_holder_of_the_ethics_certificate_is_under_two_schemes_counted_from_two_days(demo_catalog, db, media_root,
                                                                                      client):
    call_command("load_demo", "certificates", "--outside-debug", stdout=StringIO())
    out = StringIO()
    call_command("load_demo", "cpd", "--outside-debug", stdout=out)
    spec, holder = demo_content().holders_scheme, demo_content().credential_holder
    joana = member(holder.account)
    holders = CpdScheme.objects.get(name=spec.name)
    assert holders.anchor == CpdScheme.Anchor.CREDENTIAL and holders.tiers == []
    assert [t.name for t in holders.credentials.all()] == list(spec.credentials)
    assert (holders.required_hours, holders.cycle_months) == (30, 24)

    found = {of.scheme.name: of for of in cycles.cycles_of(joana)}
    assert set(found) == {demo_content().scheme.name, spec.name}
    earned_on = timezone.localdate() - timedelta(days=holder.earned_days_ago)
    assert found[spec.name].anchor == found[spec.name].current.starts_on == earned_on
    assert found[demo_content().scheme.name].anchor == timezone.localdate(joana.date_joined) != earned_on
    assert f"For credential holders: {spec.name}" in out.getvalue()

    client.force_login(joana)
    response = client.get("/cpd/", follow=True)  # in her language
    page = response.content.decode()
    assert response.status_code == 200 and escape(spec.name) in page and "VSMC ethics / RCR certificate" in page
    assert "o dia em que obteve a credencial pela primeira vez" in page and "o dia em que se associou" in page


def test_without_the_demo_certificates_the_holders_scheme_is_not_made(loaded):
    assert not CpdScheme.objects.filter(name=demo_content().holders_scheme.name).exists()
    assert "load the demo certificates first" in loaded
