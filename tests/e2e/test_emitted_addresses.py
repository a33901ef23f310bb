"""Every address the platform writes outside a request resolves where the site is served.

The base URL is the live server's own address (a random, non-default port), as `PORT=8765 make run` makes it. The
test collects every web address from what leaves the site (the certificate PDF's text and its QR code, decoded
from a rendered image by zbarimg; every e-mail; the .ics files; the share and LinkedIn links; the signed credential
with its issuer DID, status list and achievement; did.json) and fetches each from the live server as the person it
was written for: each must be on that base and answer 200.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import zoneinfo
from datetime import timedelta
from email.mime.base import MIMEBase
from pathlib import Path
from urllib.error import HTTPError
from urllib.parse import parse_qs, unquote, urlsplit
from urllib.request import HTTPRedirectHandler, Request, build_opener

import icalendar
import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone
from pypdf import PdfReader
from wagtail.models import Site

from certificates import issuance, sharing, signing, tasks
from certificates.models import Certificate
from cms.site_setup import ensure_site_address
from courses.events import registration as registration_rules
from courses.events import tasks as event_tasks
from courses.events.registration_notices import create_due_reminders
from mentoring import requests as request_rules
from tests import factories
from tests.certificates.factories import complete_course, default_template
from tests.mentoring.factories import mentee, mentor

pytestmark = [pytest.mark.django_db(transaction=True)]

WEB_ADDRESS = re.compile(r"https?://[^\s\"'<>()\[\]]+")
# Vocabularies a credential names by address (JSON-LD contexts, type definitions), and LinkedIn's form: not ours.
FOREIGN_HOSTS = {"www.w3.org", "w3id.org", "purl.imsglobal.org", "www.linkedin.com"}


class _NoRedirects(HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def fetch(url: str, session: str | None = None) -> tuple[int, bytes]:
    """GET from the live server as a visitor, or as the member whose session cookie is given; redirects are
    answers, not followed (a link that only redirects to the sign-in page does not take its reader anywhere)."""
    headers = {"Cookie": f"sessionid={session}"} if session else {}
    request = Request(url.split("#", 1)[0], headers=headers)  # noqa: S310 - http(s) on the live server only
    try:
        with build_opener(_NoRedirects).open(request, timeout=60) as response:  # noqa: S310 - the live server
            return response.status, response.read()
    except HTTPError as error:
        return error.code, error.read()


def addresses_in(text: str) -> list[str]:
    return [match.rstrip(".,;:") for match in WEB_ADDRESS.findall(text)]


def addresses_in_json(value) -> list[str]:
    if isinstance(value, dict):
        return [address for item in value.values() for address in addresses_in_json(item)]
    if isinstance(value, list):
        return [address for item in value for address in addresses_in_json(item)]
    return addresses_in(value) if isinstance(value, str) else []


def calendar_addresses(ics: bytes) -> tuple[list[str], list[str]]:
    """The web addresses of an .ics file's events (URL and description), and their UIDs."""
    calendar = icalendar.Calendar.from_ical(ics)
    addresses, uids = [], []
    for event in calendar.walk("VEVENT"):
        addresses.append(str(event["URL"]))
        addresses.extend(addresses_in(str(event.get("DESCRIPTION", ""))))
        uids.append(str(event["UID"]))
    return addresses, uids


def qr_code_text(pdf_path: Path, workdir: Path) -> str:
    """What a phone reads from the certificate: the first page drawn at 200 dpi, the QR code decoded by zbarimg."""
    for tool in ("pdftoppm", "zbarimg"):
        if shutil.which(tool) is None:
            pytest.fail(f"{tool} is missing: run `make system-deps` (Debian's poppler-utils and zbar-tools).")
    draw = ["pdftoppm", "-r", "200", "-png", "-singlefile", str(pdf_path), str(workdir / "page")]
    subprocess.run(draw, check=True)  # noqa: S603 - fixed arguments
    read = ["zbarimg", "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", str(workdir / "page.png")]
    decoded = subprocess.run(read, capture_output=True, text=True, check=True)  # noqa: S603 - fixed arguments
    return decoded.stdout.strip()


def session_of(member) -> str:
    client = Client()
    client.force_login(member)
    return client.cookies["sessionid"].value


def starts_in(delta: timedelta, time_zone: str = "Europe/London") -> dict:
    starts = (timezone.now() + delta).astimezone(zoneinfo.ZoneInfo(time_zone)).replace(second=0, microsecond=0)
    ends = starts + timedelta(hours=1)
    return factories.session_spec(
        date=starts.date(),
        start=starts.time(),
        end=ends.time(),
        end_date=ends.date() if ends.date() != starts.date() else None,
        time_zone=time_zone,
    )


@pytest.fixture
def served(live_server, settings, tmp_path):
    """The site's base URL set to where the live server answers, and the Wagtail Site moved there."""
    settings.WAGTAILADMIN_BASE_URL = live_server.url
    settings.MEDIA_ROOT = str(tmp_path / "media")
    Site.clear_site_root_paths_cache()
    ensure_site_address()
    yield live_server.url
    Site.clear_site_root_paths_cache()


class Checked:
    """Addresses seen, by where they came from; every one must be on the base URL and answer 200."""

    def __init__(self, base: str):
        self.base = base
        self.seen: list[tuple[str, str, str | None]] = []

    def add(self, source: str, addresses, session: str | None = None) -> None:
        addresses = list(addresses)
        assert addresses, f"{source}: no web address found"
        self.seen.extend((source, address, session) for address in addresses)

    def assert_all_resolve(self) -> None:
        failures = []
        for source, address, session in self.seen:
            if urlsplit(address).hostname in FOREIGN_HOSTS:
                continue
            if address == self.base:
                address += "/"  # the issuer's profile names the site itself
            if not address.startswith(self.base + "/"):
                failures.append(f"{source}: {address} is not on {self.base}")
                continue
            status, _ = fetch(address, session)
            if status != 200:
                failures.append(f"{source}: {address} answered {status}")
        assert failures == [], "\n".join(failures)


def test_every_address_the_platform_emits_resolves_on_the_served_base(served, tmp_path):
    base = served
    assert urlsplit(base).port not in (None, 80, 8000)
    checked = Checked(base)
    host = urlsplit(base).netloc
    default_template()
    staff = factories.StaffFactory()

    # A course completed: the completion e-mail, then the certificate (rendered, signed) and its e-mail.
    learner = factories.MemberFactory(email="holder@example.org", first_name="Ada", last_name="Byron")
    learner_session = session_of(learner)
    course = factories.build_offering(modules=1, lessons_per_module=1, title="Flow Metrics Fundamentals")
    complete_course(learner, course)
    certificate = Certificate.objects.get(member=learner)
    if certificate.render_state != "ready":
        assert tasks.render_certificate.delay(certificate.pk).get() == "ready"
    certificate.refresh_from_db()

    # The PDF: the address printed on it, and the one its QR code holds.
    pdf_path = Path(certificate.pdf.path)
    printed = addresses_in("".join(page.extract_text() for page in PdfReader(pdf_path).pages).replace("\n", ""))
    checked.add("PDF text", printed)
    qr = qr_code_text(pdf_path, tmp_path)
    assert qr == signing.verification_url(certificate.code), qr
    checked.add("QR code", [qr])

    # Share and LinkedIn links (LinkedIn's form carries the verification page as the credential's address).
    linkedin = sharing.linkedin_add_to_profile_url(certificate)
    checked.add(
        "share links",
        [
            sharing.share_url(certificate),
            sharing.pdf_url(certificate),
            sharing.credential_url(certificate),
            *parse_qs(urlsplit(linkedin).query)["certUrl"],
        ],
        learner_session,
    )  # checked after the revocation below, when only the holder may fetch the PDF

    # The credential as stored and as served: its id, issuer, status list and achievement.
    status, body = fetch(sharing.credential_url(certificate))
    assert status == 200
    credential = json.loads(body)
    assert credential["id"] == sharing.credential_url(certificate)
    issuer = credential["issuer"]["id"]
    assert issuer == f"did:web:{host.replace(':', '%3A')}"
    status_entry = credential["credentialStatus"]
    status_entry = status_entry[0] if isinstance(status_entry, list) else status_entry
    achievement_id = credential["credentialSubject"]["achievement"]["id"]
    assert achievement_id == f"{base}{course.url}"
    checked.add(
        "credential",
        [
            credential["id"],
            status_entry["statusListCredential"],
            achievement_id,
            *addresses_in_json(certificate.credential),
            *addresses_in_json(credential),
        ],
    )

    # did:web resolves (over http on the test server) to did.json, which names the same DID and its key.
    did_json_url = f"http://{unquote(issuer.removeprefix('did:web:'))}/.well-known/did.json"
    assert did_json_url == f"{base}/.well-known/did.json"
    status, body = fetch(did_json_url)
    document = json.loads(body)
    assert status == 200 and document["id"] == issuer
    assert all(method["id"].startswith(issuer + "#") for method in document["verificationMethod"])
    checked.add("did.json", [did_json_url, *addresses_in_json(document)])

    # The status list names itself at the address it is served from.
    status, body = fetch(status_entry["statusListCredential"])
    status_list = json.loads(body)
    assert status == 200 and status_list["id"] == status_entry["statusListCredential"]
    checked.add("status list", addresses_in_json(status_list))

    # An event: the registration e-mail and its .ics, the event's own .ics, then the day-before reminder.
    event = factories.build_event(title="Flow Clinic", sessions=[starts_in(timedelta(days=3))])
    [session] = factories.sessions_of(event)
    registration_rules.register(learner, session)
    status, event_ics = fetch(f"{base}{event.url}calendar/")
    assert status == 200
    addresses, uids = calendar_addresses(event_ics)
    checked.add("event .ics", addresses)
    assert uids == [f"session-{session.pk}@{host}"]
    create_due_reminders(session.starts_at - timedelta(hours=23))
    event_tasks.send_event_reminders()

    # Mentoring: a request e-mails the mentor a link to it.
    wanted = mentor(email="mentor@example.org")
    request_rules.request_mentor(mentee(email="mentee@example.org").member, wanted, "Please mentor me.")

    # Revoked: the holder is told, with the verification page.
    issuance.revoke(certificate, "Issued in error.", staff, notify=True)

    sessions = {learner.email: learner_session, wanted.member.email: session_of(wanted.member)}
    subjects = []
    for message in mail.outbox:
        [recipient] = message.to
        subjects.append(message.subject)
        checked.add(f"e-mail {message.subject!r}", addresses_in(message.body), sessions.get(recipient))
        for attachment in message.attachments:
            name, content = (
                (attachment.get_filename(), attachment.get_payload(decode=True))
                if isinstance(attachment, MIMEBase)
                else (attachment[0], attachment[1])
            )
            if name.endswith(".ics"):
                addresses, uids = calendar_addresses(content.encode() if isinstance(content, str) else content)
                checked.add(f"{name} of {message.subject!r}", addresses, sessions.get(recipient))
                assert all(uid.endswith(f"@{host}") for uid in uids)
    kinds = {
        "completion": "You completed Flow Metrics Fundamentals",
        "certificate issued": "Your certificate for Flow Metrics Fundamentals",
        "registration": "You are registered: Flow Clinic",
        "reminder": "Tomorrow: ",
        "revocation": "has been revoked",
        "mentoring": "asks you to be their mentor",
    }
    missing = [kind for kind, words in kinds.items() if not any(words in subject for subject in subjects)]
    assert missing == [], subjects

    checked.assert_all_resolve()
