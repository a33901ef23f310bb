"""Every credential the platform issues, verified by the implementation outsiders use: Digital Bazaar's
`@digitalbazaar/vc` with the eddsa-jcs-2022 cryptosuite, under Node (tests/verifier), and checked against 1EdTech's
published OB 3.0 AchievementCredential JSON schema.

Certificates are issued through the real rules and rendered by the real task; the verifier downloads each
credential from the live server at the address written into it, resolves the issuer's did:web there, and reads the
revocation bit from the status list the site serves (itself verified by its own proof). Node is started once per
test with every credential of that test, not once per credential.
"""

from __future__ import annotations

import copy
import json
import shutil
import subprocess
import urllib.error
import urllib.request
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from certificates import issuance, signing
from certificates.cpd import credential as cpd_credential_rules
from certificates.cpd import cycles
from certificates.cpd.models import ExternalActivity
from certificates.models import AchievementKind, Certificate, RenderState, TemplateAssignment
from courses.events import attendance
from courses.learning import enrolment as enrolment_rules
from courses.learning import progress as progress_rules
from courses.models import Registration
from tests import factories
from tests.courses.events_admin_support import register
from tests.cpd import factories as cpd_factories

from .factories import CertificateTemplateFactory, default_template, issued_certificate

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("media_root")]

VERIFIER = Path(__file__).resolve().parents[1] / "verifier"
SCHEMA = Path(__file__).resolve().parent / "schemas" / "ob_v3p0_achievementcredential_schema.json"
NODE_BOUND_SECONDS = 600  # a safety stop for a hung verifier, not a speed check


# ---------------------------------------------------------------------------------------------- the harness


@pytest.fixture
def site(live_server, settings):
    """The live server is the site: every address the platform writes (credential ids, did:web, status list)
    names it, so the verifier resolves them there."""
    settings.WAGTAILADMIN_BASE_URL = live_server.url
    return live_server.url


def run_verifier(site: str, sources: list[str]) -> dict[str, dict]:
    """One Node run over every source (URL or file); its result for each, by source."""
    node = shutil.which("node")
    if node is None:
        pytest.fail("Node.js is not installed; `make test` needs node and npm (Debian: apt-get install nodejs npm).")
    if not (VERIFIER / "node_modules" / "@digitalbazaar" / "vc").is_dir():
        pytest.fail("The verifier's packages are missing: run `make install-test` (npm ci in tests/verifier).")
    completed = subprocess.run(  # noqa: S603 - fixed program and arguments
        [node, str(VERIFIER / "verify.mjs"), "--site", site, "--schema", str(SCHEMA), *sources],
        capture_output=True,
        text=True,
        timeout=NODE_BOUND_SECONDS,
        check=False,
    )
    assert completed.returncode in (0, 1), f"verifier exited {completed.returncode}: {completed.stderr}"
    results = json.loads(completed.stdout)["results"]
    assert [result["source"] for result in results] == sources
    return {result["source"]: result for result in results}


def download(url: str) -> dict:
    """What anyone fetching the address gets, over HTTP from the live server."""
    with urllib.request.urlopen(url, timeout=60) as response:  # noqa: S310 - the live server's http URL
        assert response.status == 200
        return json.loads(response.read())


def http_status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=60) as response:  # noqa: S310 - the live server's http URL
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def write(tmp_path: Path, name: str, document: dict) -> str:
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps(document))
    return str(path)


def assert_accepted(result: dict, *, revoked: bool = False, schema: bool = True) -> None:
    """Proof, validity period and status list all verified; the revocation bit as expected; the OB 3.0 schema
    satisfied (for Open Badges credentials)."""
    assert result["verified"] is True, result["errors"]
    assert result["errors"] == []
    if schema:
        assert result["schema"]["checked"] is True
        assert result["schema"]["valid"] is True, result["schema"]["errors"]
    assert result["status"]["checked"] is True, result
    assert result["status"]["revoked"] is revoked


# What a forger would change, each field by its path in the credential, and the value put there.
TAMPERINGS = {
    "name": (("credentialSubject", "name"), "Mallory Impostor"),
    "date": (("validFrom",), "2001-01-01T00:00:00Z"),
    "achievement": (("credentialSubject", "achievement", "name"), "Chief Surgeon"),
    "hours": (("credentialSubject", "creditsEarned"), 500),
}


def changed(credential: dict, path: tuple[str, ...], value) -> dict:
    """A copy of the credential with one field set to another value (the field must be there to change)."""
    document = copy.deepcopy(credential)
    parent = document
    for name in path[:-1]:
        parent = parent[name]
    assert parent[path[-1]] != value
    parent[path[-1]] = value
    return document


def only_proof(credential: dict) -> dict:
    proof = credential["proof"]
    return proof[0] if isinstance(proof, list) else proof


# ---------------------------------------------------------------------------------------------- issuing


def attended(member, event) -> Registration:
    """Registered through the rule and checked in by staff when the session started."""
    session = factories.sessions_of(event)[0]
    registration = register(member, session)
    attendance.check_in(registration, actor=factories.StaffFactory(), now=session.starts_at)
    return Registration.objects.get(pk=registration.pk)


def rendered(certificate: Certificate) -> Certificate:
    """The render task ran (eagerly, as each issuing transaction committed) and left a signed credential."""
    certificate.refresh_from_db()
    assert certificate.credential, (certificate.code, certificate.render_state, certificate.render_failure)
    return certificate


def course_certificate(member) -> Certificate:
    """A course completed lesson by lesson; the completion signal issued the certificate and the task rendered it."""
    default_template()  # a transactional test's flush removed the data migration's default
    return rendered(issued_certificate(member))


def ethics_certificate(member) -> Certificate:
    """An ethics/RCR module completed lesson by lesson with its attestation; its template makes it expire."""
    module = factories.build_ethics_module(modules=1, lessons_per_module=1)
    TemplateAssignment.objects.create(template=CertificateTemplateFactory(valid_for_months=36), offering=module)
    enrolment_rules.enrol(member, module)
    for lesson in factories.lessons_of(module):
        progress_rules.complete_lesson(member, lesson)
    progress_rules.sign_attestation(member, module, member.get_full_name())
    certificate = rendered(issuance.issue_for_completion(member.enrolments.get(offering=module).pk))
    assert certificate.achievement_kind == AchievementKind.ETHICS_MODULE and certificate.expires_at is not None
    return certificate


def attendance_certificate(member, event) -> Certificate:
    default_template()
    return rendered(issuance.issue_for_attendance(attended(member, event).pk))


def cpd_credential() -> Certificate:
    """A member's cycle met through approved activities; its CPD credential (not an offering: it carries the
    cycle's span as the subject's activity dates)."""
    default_template()
    member = cpd_factories.member_joined(timezone.localdate() - timedelta(days=90))
    practitioner = cpd_factories.scheme()
    for category, hours in (("general", "56"), ("ethics", "6")):
        cpd_factories.activity(member, hours=hours, category=category, status=ExternalActivity.Status.APPROVED)
    certificate = rendered(cpd_credential_rules.award(cycles.current_cycle(member, practitioner)))
    assert certificate.achievement_kind == AchievementKind.CPD_CYCLE
    assert "activityStartDate" in certificate.credential["credentialSubject"]
    return certificate


def programme_certificate(member) -> Certificate:
    """A learning path of one course, finished lesson by lesson: the path's completion issued the programme
    certificate (no CPD hours of its own) and the task rendered it."""
    default_template()
    course = factories.build_offering(title="Flow Metrics Fundamentals", modules=1, lessons_per_module=1)
    path = factories.build_learning_path([course], title="Value stream practitioner")
    enrolment_rules.enrol(member, course)
    for lesson in factories.lessons_of(course):
        progress_rules.complete_lesson(member, lesson)
    certificate = rendered(Certificate.objects.get(member=member, achievement_key=f"path:{path.pk}"))
    assert certificate.achievement_kind == AchievementKind.PROGRAMME
    return certificate


# ---------------------------------------------------------------------------------------------- the tests


def test_every_credential_shape_verifies_with_digital_bazaar_and_tampering_fails(site, staff, tmp_path):
    course = course_certificate(factories.MemberFactory())
    ethics = ethics_certificate(factories.MemberFactory())
    workshop = attendance_certificate(
        factories.MemberFactory(), factories.build_workshop(sessions=[factories.session_spec(-2)])
    )
    webinar = attendance_certificate(
        factories.MemberFactory(), factories.build_event(sessions=[factories.session_spec(-1)])
    )
    cpd_cycle = cpd_credential()
    programme = programme_certificate(factories.MemberFactory())
    revoked = course_certificate(factories.MemberFactory())
    issuance.revoke(revoked, "Issued in error", by=staff, notify=False)

    renamed_member = factories.MemberFactory()
    superseded = course_certificate(renamed_member)
    renamed_member.last_name = "Okafor-Smith"
    renamed_member.save()
    reissued = rendered(issuance.reissue(superseded, by=staff, reason="Name changed"))
    assert reissued.version == 2 and reissued.recipient_name != superseded.recipient_name

    withdrawn = course_certificate(factories.MemberFactory())
    withdrawn_credential = download(signing.credential_url(withdrawn.code))  # the copy its holder kept
    issuance.withdraw(withdrawn, by=staff)
    assert http_status(signing.credential_url(withdrawn.code)) == 410

    served = {
        name: signing.credential_url(certificate.code)
        for name, certificate in {
            "course": course,
            "ethics (expiring)": ethics,
            "workshop": workshop,
            "webinar": webinar,
            "CPD cycle": cpd_cycle,
            "programme": programme,
            "revoked": revoked,
            "re-issued": reissued,
            "superseded": superseded,
        }.items()
    }
    for url in served.values():
        credential = download(url)
        assert credential["id"] == url
        assert isinstance(credential["proof"], list) and len(credential["proof"]) == 1  # a set, as OB 3.0 asks
    status_list = signing.status_list_url()

    original = download(served["course"])
    tampered_files = {
        field: write(tmp_path, f"tampered-{field}", changed(original, path, value))
        for field, (path, value) in TAMPERINGS.items()
    }
    unshaped = copy.deepcopy(original)
    del unshaped["validFrom"]  # the schema requires it: shows the schema check is not a formality
    unshaped_file = write(tmp_path, "unshaped", unshaped)
    foreign = copy.deepcopy(original)
    foreign["issuer"]["id"] = "did:web:issuer.example"
    only_proof(foreign)["verificationMethod"] = "did:web:issuer.example#key-1"
    foreign_file = write(tmp_path, "foreign-issuer", foreign)
    withdrawn_file = write(tmp_path, "withdrawn", withdrawn_credential)

    results = run_verifier(
        site, [*served.values(), status_list, withdrawn_file, *tampered_files.values(), unshaped_file, foreign_file]
    )

    for name in ("course", "ethics (expiring)", "workshop", "webinar", "CPD cycle", "programme", "re-issued",
                 "superseded"):
        assert_accepted(results[served[name]])
    # Revoked and withdrawn: the signature still holds, and the status list says revoked.
    assert_accepted(results[served["revoked"]], revoked=True)
    assert_accepted(results[withdrawn_file], revoked=True)
    list_result = results[status_list]
    assert list_result["verified"] is True, list_result["errors"]
    assert list_result["schema"] == {"checked": False}  # a status list is not an AchievementCredential
    for field, path in tampered_files.items():
        assert results[path]["verified"] is False, f"a changed {field} was accepted"
        assert results[path]["errors"], field
        assert results[path]["schema"]["valid"] is True  # still well-formed: only the proof tells
    assert results[unshaped_file]["verified"] is False
    assert results[unshaped_file]["schema"]["valid"] is False
    assert any("validFrom" in error for error in results[unshaped_file]["schema"]["errors"])
    # An issuer on another host is not fetched (the verifier reaches only the site), and does not verify.
    assert results[foreign_file]["verified"] is False
    assert any("not a site under test" in error for error in results[foreign_file]["errors"])


def test_every_demo_credential_verifies_with_digital_bazaar(site, transactional_db):
    with transaction.atomic():  # one commit, as the demo_catalog fixture loads it, not one per page (much faster)
        call_command("load_demo", "courses", "--outside-debug", verbosity=0)
    call_command("load_demo", "certificates", "--outside-debug", verbosity=0)
    call_command("load_demo", "cpd", "--outside-debug", verbosity=0)  # carmen's met cycle: her CPD credential
    # The generated members' certificates are left pending while loading (certificates/demo/build.py): each is signed
    # and rendered on its holder's first download (tests/demo/test_certificates.py downloads one). Every other is made.
    issued = list(Certificate.objects.order_by("pk"))
    certificates = [certificate for certificate in issued if certificate.render_state != RenderState.PENDING]
    assert len(issued) - len(certificates) >= 100
    assert any(certificate.achievement_kind == AchievementKind.CPD_CYCLE for certificate in certificates)
    assert len(certificates) >= 4 and all(certificate.credential for certificate in certificates), [
        (certificate.code, certificate.render_state, certificate.render_failure) for certificate in certificates
    ]
    urls = {certificate.code: signing.credential_url(certificate.code) for certificate in certificates}

    results = run_verifier(site, [*urls.values(), signing.status_list_url()])

    for certificate in certificates:
        assert_accepted(results[urls[certificate.code]], revoked=certificate.revoked_at is not None)
    assert any(certificate.revoked_at is not None for certificate in certificates)
    assert results[signing.status_list_url()]["verified"] is True, results[signing.status_list_url()]["errors"]
