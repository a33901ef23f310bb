"""The certificate batch's data, baseline, trigger and verdict, run by bench/run.py as separate processes with the
project's production settings in their environment:

    python bench/certificate_batch.py seed OUTPUT.json [--attendees N]
    python bench/certificate_batch.py baseline OUTPUT.json [--certificates N]
    python bench/certificate_batch.py record FACTS.json
    python bench/certificate_batch.py check FACTS.json [--output VERDICTS.json]

`seed` builds a published webinar whose one session ended yesterday, N members with a confirmed registration each,
and a site default certificate template with a logo and a signatory (images in the media storage).

`baseline` renders N certificates of that template the plain way, one `HTML(string=...).write_pdf()` each in this
one process (the same HTML and PDF options the project writes), and reports certificates per second.

`record` imports the session's attendance report (every member, the whole session) through
`courses.events.attendance.import_report`, as staff do; each credited registration announces its attendance, which
queues the issue task on the broker (CELERY_BROKER_URL), whose commit queues the render task: the real path.

`check` reads what the workers left and prints PASS or FAIL for each promise; it exits 1 if any fails.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import sys
import time
import unicodedata
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MEMBER_EMAIL = "attendee.{n:04d}@bench.example.org"
EVENT_TITLE = "Value Stream Mapping Live"
# Names as a member list has them: accents, apostrophes, hyphens; each ends in the member's own number.
FIRST_NAMES = ("Zoë", "Ngozi", "José", "Siobhán", "Łukasz", "Aoife", "Dmitri", "Mei", "Ana-María", "Björn")
LAST_NAMES = ("Ångström", "Eze", "O'Connor", "Núñez", "Kowalski", "Müller", "Okafor", "Lindqvist", "García", "Dubois")


def member_name(n: int) -> tuple[str, str]:
    return FIRST_NAMES[n % len(FIRST_NAMES)], f"{LAST_NAMES[(n // len(FIRST_NAMES)) % len(LAST_NAMES)]} {n:04d}"


def seed(attendees: int) -> dict:
    from django.utils import timezone

    from certificates.models import CertificateTemplate
    from courses.models import Registration
    from lms.models import Member, MembershipTier
    from tests import factories
    from tests.certificates.factories import add_signatory, make_image

    today = timezone.localdate()
    template = CertificateTemplate.objects.get(is_site_default=True)
    template.logo = make_image("Association logo", "logo.png")
    template.save()
    template.signatories.all().delete()
    add_signatory(template, "Dr Helena Vogt", "Director of Education")

    event = factories.build_event(
        title=EVENT_TITLE,
        sessions=[factories.session_spec(-1, capacity=attendees, joining_url="https://meet.example.org/j/bench")],
    )
    session = factories.sessions_of(event)[0]
    Member.objects.bulk_create(
        Member(
            email=MEMBER_EMAIL.format(n=n),
            first_name=member_name(n)[0],
            last_name=member_name(n)[1],
            membership_tier=MembershipTier.PROFESSIONAL,
            membership_expires_on=today + timedelta(days=365),
            time_zone="Europe/London",
        )
        for n in range(attendees)
    )
    members = Member.objects.filter(email__startswith="attendee.", email__endswith="@bench.example.org")
    now = timezone.now()
    Registration.objects.bulk_create(
        Registration(session=session, member=member, status=Registration.Status.CONFIRMED, confirmed_at=now)
        for member in members
    )
    return {
        "session_id": session.pk,
        "event_title": event.title,
        "attendees": attendees,
        "minutes": session.duration_minutes,
    }


def baseline(certificates: int) -> dict:
    """One WeasyPrint document per certificate, in this process: the floor the batch is measured against."""
    from django.template import Context
    from django.utils import timezone
    from weasyprint import HTML

    from certificates import rendering
    from certificates.models import CertificateTemplate
    from certificates.pdf_design import design_from_template
    from certificates.signing import verification_url

    design = design_from_template(CertificateTemplate.objects.get(is_site_default=True))
    template = rendering.TEMPLATE_ENGINE.get_template("certificates/pdf/certificate.html")
    documents = []
    for n in range(certificates):
        code = f"BASE-LINE-{n:04d}-XXXX-XXXX"
        facts = rendering.CertificateFacts(
            recipient_name=" ".join(member_name(n)),
            achievement=EVENT_TITLE,
            issued_on=timezone.localdate(),
            expires_on=None,
            cpd_hours=Decimal("1.50"),
            credit_type="CPD",
            verification_code=code,
            verification_url=verification_url(code),
            issuer_name="VSMC",
            language="en",
        )
        context = rendering._context(design, facts)
        documents.append(template.render(Context({**context, "fit": rendering.FIT_STEPS[0]})))
    HTML(string=documents[0], url_fetcher=rendering.DataURIOnlyFetcher()).write_pdf(**rendering._render_options())
    started, cpu_started = time.perf_counter(), time.process_time()
    sizes = []
    for html in documents:
        pdf = HTML(string=html, url_fetcher=rendering.DataURIOnlyFetcher()).write_pdf(**rendering._render_options())
        sizes.append(len(pdf))
    seconds = time.perf_counter() - started
    cpu_ms = 1000 * (time.process_time() - cpu_started) / certificates
    return {
        "certificates": certificates,
        "seconds": seconds,
        "per_second": certificates / seconds,
        "cpu_ms": cpu_ms,
        "mean_ms": 1000 * seconds / certificates,
        "mean_bytes": sum(sizes) / len(sizes),
    }


def record(facts: dict) -> dict:
    """The attendance report for the whole session, imported as staff import it."""
    from courses.events.attendance import import_report
    from courses.models import Session
    from tests import factories

    session = Session.objects.get(pk=facts["session_id"])
    staff = factories.StaffFactory(email="bench.staff@bench.example.org")
    lines = ["Email,Minutes"] + [f"{MEMBER_EMAIL.format(n=n)},{facts['minutes']}" for n in range(facts["attendees"])]
    started = time.perf_counter()
    report = import_report(session, "\n".join(lines).encode(), "attendance.csv", staff)
    return {
        "credited": len(report.credited),
        "problems": len(report.problems),
        "seconds": time.perf_counter() - started,
    }


def check(facts: dict) -> list[tuple[str, bool, str]]:
    """Each promise about the batch, with what was found."""
    from pypdf import PdfReader

    from certificates.models import Certificate, CertificateEvent, RenderState

    expected = facts["attendees"]
    rows = list(Certificate.objects.filter(achievement_title=EVENT_TITLE).select_related("member"))
    results: list[tuple[str, bool, str]] = []

    def verdict(name: str, passed: bool, found: str) -> None:
        results.append((name, passed, found))

    ready = [c for c in rows if c.render_state == RenderState.READY]
    verdict(f"{expected} certificates issued", len(rows) == expected, f"{len(rows)}")
    verdict(f"all {expected} READY", len(ready) == expected, f"{len(ready)} ready")
    wrong, one_page, digests = [], 0, set()
    for certificate in ready:
        with certificate.pdf.open("rb") as stored:
            content = stored.read()
        digests.add(hashlib.sha256(content).hexdigest())
        reader = PdfReader(io.BytesIO(content))
        one_page += len(reader.pages) == 1
        text = unicodedata.normalize("NFC", " ".join(page.extract_text() for page in reader.pages))
        if certificate.recipient_name not in text or certificate.code not in text:
            wrong.append(certificate.code)
    verdict(
        "each PDF's text has its own member's name and code",
        not wrong and bool(ready),
        f"{len(ready) - len(wrong)} of {len(ready)}" + (f"; e.g. {wrong[0]} lacks them" if wrong else ""),
    )
    verdict("each PDF has exactly one page", one_page == len(ready), f"{one_page} of {len(ready)}")
    verdict("each PDF distinct", len(digests) == len(ready), f"{len(digests)} distinct of {len(ready)}")
    rendered = CertificateEvent.objects.filter(certificate__in=rows, kind=CertificateEvent.Kind.RENDERED).count()
    verdict("each published once (one 'rendered' event each)", rendered == len(rows), f"{rendered}")
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    seeding = commands.add_parser("seed")
    seeding.add_argument("output", type=Path)
    seeding.add_argument("--attendees", type=int, default=500)
    measuring = commands.add_parser("baseline")
    measuring.add_argument("output", type=Path)
    measuring.add_argument("--certificates", type=int, default=40)
    recording = commands.add_parser("record")
    recording.add_argument("facts", type=Path)
    recording.add_argument("--output", type=Path, required=True)
    checking = commands.add_parser("check")
    checking.add_argument("facts", type=Path)
    checking.add_argument("--output", type=Path, help="also write the verdicts here as JSON")
    options = parser.parse_args()

    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    if options.command == "seed":
        started = time.perf_counter()
        facts = seed(options.attendees)
        facts["seconds"] = round(time.perf_counter() - started, 1)
        options.output.write_text(json.dumps(facts))
        return 0
    if options.command == "baseline":
        options.output.write_text(json.dumps(baseline(options.certificates)))
        return 0
    if options.command == "record":
        options.output.write_text(json.dumps(record(json.loads(options.facts.read_text()))))
        return 0
    results = check(json.loads(options.facts.read_text()))
    if options.output:
        options.output.write_text(json.dumps(results))
    for name, passed, found in results:
        print(f"    {'PASS' if passed else 'FAIL'}  {name} ({found})")
    return 0 if all(passed for _, passed, _ in results) else 1


if __name__ == "__main__":
    sys.exit(main())
