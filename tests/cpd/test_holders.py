"""Schemes for credential holders (certificates/cpd/applies.py): who a scheme applies to by tier and credential,
cycles counted from the day the credential was first earned (renewals keep the rhythm), a revoked holder's cycles
kept (shown among earlier schemes) but not rolled over, a later earner's first cycle starting that day, and the
check for many members a fixed number of queries."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models.sql import InsertQuery
from django.db.utils import ConnectionHandler
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from certificates import issuance, renewal
from certificates.cpd import applies, cycles
from certificates.cpd.models import CpdScheme, Cycle
from certificates.issuance import add_months
from certificates.models import Certificate, CertificateTemplate
from lms.models import MembershipTier
from tests import factories
from tests.certificates.renewal_support import expiring_template

from .factories import earn, holders_scheme, member_joined, scheme

pytestmark = pytest.mark.django_db


def names(member) -> list[str]:
    return [s.name for s in cycles.schemes_for(member)]


def test_a_scheme_applies_by_tier_by_credential_or_by_both():
    credential = expiring_template()
    scheme("Tier only", tiers=[MembershipTier.PROFESSIONAL])
    holders_scheme(credential, name="Credential only")
    holders_scheme(credential, tiers=[MembershipTier.PROFESSIONAL], name="Both")
    professional_holder = factories.MemberFactory(membership_tier=MembershipTier.PROFESSIONAL)
    student_holder = factories.MemberFactory(membership_tier=MembershipTier.STUDENT)
    for holder in (professional_holder, student_holder):
        earn(holder, credential, days_ago=30)
    professional = factories.MemberFactory(membership_tier=MembershipTier.PROFESSIONAL)

    assert names(professional_holder) == ["Both", "Credential only", "Tier only"]
    assert names(student_holder) == ["Credential only"]
    assert names(professional) == ["Tier only"]


def test_a_scheme_naming_neither_tiers_nor_credentials_is_refused():
    nothing = CpdScheme(name="For nobody", required_hours=10, cycle_months=12, tiers=[])
    with pytest.raises(ValidationError) as raised:
        nothing.full_clean()
    assert raised.value.message_dict["tiers"] == [
        "Choose at least one membership tier or credential the scheme applies to."]
    on_credential = CpdScheme(name="Anchored on nothing", required_hours=10, cycle_months=12,
                              tiers=[MembershipTier.PROFESSIONAL], anchor=CpdScheme.Anchor.CREDENTIAL)
    with pytest.raises(ValidationError) as raised:
        on_credential.full_clean()
    assert list(raised.value.message_dict) == ["anchor"]


def test_holding_means_current_not_revoked_or_withdrawn_and_renewable():
    credential = expiring_template()
    holders_scheme(credential)
    staff = factories.StaffFactory()
    standing, in_grace, lapsed, revoked, withdrawn = (factories.MemberFactory() for _ in range(5))
    earn(standing, credential, days_ago=10)
    grace = earn(in_grace, credential)
    Certificate.objects.filter(pk=grace.pk).update(expires_at=timezone.now() - renewal.GRACE + timedelta(days=1))
    gone = earn(lapsed, credential)
    Certificate.objects.filter(pk=gone.pk).update(expires_at=timezone.now() - renewal.GRACE - timedelta(days=1))
    issuance.revoke(earn(revoked, credential), "Issued in error", by=staff, notify=False)
    issuance.withdraw(earn(withdrawn, credential), by=staff)

    held = {member.pk: bool(names(member)) for member in (standing, in_grace, lapsed, revoked, withdrawn)}
    assert held == {standing.pk: True, in_grace.pk: True, lapsed.pk: False, revoked.pk: False,
                    withdrawn.pk: False}


def test_cycles_count_from_the_first_version_not_the_renewal_and_from_the_earliest_credential():
    credential, other = expiring_template(), expiring_template()
    practitioner = holders_scheme(credential, other, months=12)
    member = member_joined(timezone.localdate() - timedelta(days=2000))
    first = earn(member, credential, days_ago=700)
    earn(member, other, days_ago=100)
    renewed = renewal.renew(first.pk, timezone.now(), "a refresher")
    assert renewed is not None and renewed.version == 2

    earned_on = timezone.localdate(first.issued_at)
    assert cycles.anchor_of(member, practitioner) == earned_on
    cycle = cycles.current_cycle(member, practitioner)
    assert cycle.starts_on == add_months(earned_on, 12) and cycle.ends_on == add_months(earned_on, 24)


def test_a_revoked_holder_keeps_their_cycles_but_the_beat_job_does_not_roll_them_over(client):
    credential = expiring_template()
    practitioner = holders_scheme(credential, months=12)
    today = timezone.localdate()
    kept, revoked = factories.MemberFactory(), factories.MemberFactory()
    certificates = {member.pk: earn(member, credential, days_ago=400) for member in (kept, revoked)}
    for member in (kept, revoked):
        cycles.current_cycle(member, practitioner, today - timedelta(days=60))  # a cycle that ended 35 days ago
    issuance.revoke(certificates[revoked.pk], "Obtained by misrepresentation", by=factories.StaffFactory(),
                    notify=False)

    assert cycles.close_ended_cycles() == 2

    assert list(Cycle.objects.filter(member=kept).order_by("starts_on").values_list("status", flat=True)) == [
        "short", "open"]
    assert list(Cycle.objects.filter(member=revoked).values_list("status", flat=True)) == ["short"]
    assert cycles.schemes_for(revoked) == []
    client.force_login(revoked)
    page = client.get("/cpd/").content.decode()  # the scheme is only among the earlier ones (test_earlier.py)
    assert practitioner.name in page[page.index('id="earlier-heading"'):]
    assert Cycle.objects.filter(member=revoked).count() == 1  # reading the page made none either


def test_a_member_who_earns_the_credential_later_starts_their_first_cycle_that_day(client):
    credential = expiring_template()
    practitioner = holders_scheme(credential, months=24)
    member = member_joined(timezone.localdate() - timedelta(days=900))
    client.force_login(member)
    assert practitioner.name not in client.get("/cpd/").content.decode()

    certificate = earn(member, credential)

    [found] = cycles.cycles_of(member)
    assert found.anchor == found.current.starts_on == timezone.localdate(certificate.issued_at)
    assert found.current.ends_on == add_months(found.current.starts_on, 24)
    page = client.get("/cpd/").content.decode()
    assert practitioner.name in page and credential.name in page and "the day you first earned the credential" in page


def test_a_holder_who_earns_another_credential_after_a_gap_starts_afresh_from_it():
    old, new = expiring_template(), expiring_template()
    practitioner = holders_scheme(old, new, months=12)
    member = factories.MemberFactory()
    lost = earn(member, old, days_ago=800)
    first = cycles.current_cycle(member, practitioner, timezone.localdate() - timedelta(days=700))
    issuance.revoke(lost, "Issued in error", by=factories.StaffFactory(), notify=False)
    cycles.close_ended_cycles()
    regained = earn(member, new, days_ago=20)

    current = cycles.current_cycle(member, practitioner)

    assert current.starts_on == timezone.localdate(regained.issued_at) > first.ends_on
    assert Cycle.objects.filter(member=member).count() == 2  # nothing made for the months in between


def test_the_check_for_many_members_is_one_query_for_their_credentials():
    credential = expiring_template()
    holders_scheme(credential)
    scheme("Tier only", tiers=[MembershipTier.PROFESSIONAL])
    schemes = cycles.active_schemes()
    members = [factories.MemberFactory() for _ in range(12)]
    for member in members[::3]:
        earn(member, credential, days_ago=5)

    def queries(some) -> tuple[int, dict]:
        with CaptureQueriesContext(connection) as captured:
            found = applies.schemes_applying(some, schemes)
        return len(captured), found

    few, _found = queries(members[:2])
    many, found = queries(members)
    assert few == many == 1
    assert [len(found[m.pk]) for m in members] == [2, 1, 1] * 4


def test_the_beat_job_asks_who_still_holds_once_per_batch():
    credential = expiring_template()
    practitioner = holders_scheme(credential, months=12)
    today = timezone.localdate()
    members = [factories.MemberFactory() for _ in range(4)]
    for member in members:
        earn(member, credential, days_ago=400)
        cycles.current_cycle(member, practitioner, today - timedelta(days=60))
    with CaptureQueriesContext(connection) as captured:
        cycles.close_ended_cycles()
    asked = [q["sql"] for q in captured if 'FROM "certificates_certificate"' in q["sql"]
             and "revoked_at" in q["sql"] and "template_id\" IN" in q["sql"]]
    assert len(asked) == 1, asked
    assert Cycle.objects.filter(status=Cycle.Status.OPEN).count() == len(members)


def _insert(sqlite, *instances) -> None:
    """Rows written by Django's own SQL for SQLite, as `make run` writes them."""
    for instance in instances:
        query = InsertQuery(type(instance))
        query.insert_values(type(instance)._meta.local_concrete_fields, [instance])
        with sqlite.cursor() as cursor:
            for sql, params in query.get_compiler(connection=sqlite).as_sql():
                cursor.execute(sql, params)


def test_the_scheme_and_its_credentials_are_plain_tables_sqlite_holds(tmp_path):
    """`make run` serves SQLite: the scheme's credentials are a join table, made, written and read there."""
    through = CpdScheme._meta.get_field("credentials").remote_field.through
    sqlite = ConnectionHandler({"default": {"ENGINE": "django.db.backends.sqlite3",
                                            "NAME": str(tmp_path / "schemes.sqlite3")}})["default"]
    try:
        with sqlite.schema_editor() as editor:
            for model in (CertificateTemplate, CpdScheme):  # the scheme's join table with it
                editor.create_model(model)
        with sqlite.cursor() as cursor:  # the tables the template points at (offerings, images) are not made here
            cursor.execute("PRAGMA foreign_keys = OFF")
        template = CertificateTemplate(pk=7, name="Certified practitioner", title="Certificate", body="{{ name }}")
        holders = CpdScheme(pk=1, name="Holders", required_hours=30, cycle_months=24, tiers=["professional"],
                            anchor=CpdScheme.Anchor.CREDENTIAL)
        _insert(sqlite, template, holders, through(pk=1, cpdscheme_id=1, certificatetemplate_id=7))
        with sqlite.cursor() as cursor:
            cursor.execute("SELECT s.name, s.tiers, t.name FROM cpd_cpdscheme s JOIN cpd_cpdscheme_credentials c "
                           "ON c.cpdscheme_id = s.id JOIN certificates_certificatetemplate t "
                           "ON t.id = c.certificatetemplate_id")
            assert cursor.fetchall() == [("Holders", '["professional"]', "Certified practitioner")]
    finally:
        sqlite.close()


def test_the_api_and_the_page_say_what_each_scheme_applies_to_and_counts_from(client):
    credential = expiring_template()
    holders_scheme(credential, tiers=[MembershipTier.PROFESSIONAL], months=24)
    scheme("Practitioners", tiers=[MembershipTier.PROFESSIONAL, MembershipTier.INSTITUTIONAL], months=36)
    member = member_joined(timezone.localdate() - timedelta(days=500))
    certificate = earn(member, credential, days_ago=200)
    client.force_login(member)

    answer = client.get("/api/v1/me/cpd").json()

    by_name = {s["name"]: s for s in answer["schemes"]}
    assert by_name["Certified practitioner recertification"]["applies_to"] == {
        "tiers": ["professional"], "credentials": [credential.name]}
    assert by_name["Certified practitioner recertification"]["anchor"] == "credential"
    assert by_name["Certified practitioner recertification"]["anchored_on"] == timezone.localdate(
        certificate.issued_at).isoformat()
    assert by_name["Practitioners"]["applies_to"] == {"tiers": ["professional", "institutional"], "credentials": []}
    assert by_name["Practitioners"]["anchored_on"] == timezone.localdate(member.date_joined).isoformat()
    assert {c["scheme"] for c in answer["cycles"]} == set(by_name)
    document = client.get("/api/v1/openapi.json").json()
    assert {"tiers", "credentials"} <= set(document["components"]["schemas"]["AppliesToAnswer"]["properties"])
    page = client.get("/cpd/").content.decode()
    assert "the day you joined" in page and "the day you first earned the credential" in page
    assert "For holders of" in page and "Professional member" in page


def test_holding_is_read_at_the_moment_asked():
    credential = expiring_template()
    member = factories.MemberFactory()
    certificate = earn(member, credential, days_ago=3)
    later = certificate.expires_at + renewal.GRACE + timedelta(seconds=1)
    assert applies.credentials_held([member.pk], [credential.pk]) == {
        member.pk: {credential.pk: timezone.localdate(certificate.issued_at)}}
    assert applies.credentials_held([member.pk], [credential.pk], now=later) == {}
