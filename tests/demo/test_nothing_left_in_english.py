"""Nothing of the site's own words reaches a reader of Spanish, French or Portuguese in English.

The learner's journey is walked through the real site with the demo loaded (pages as a visitor and as a member,
the e-mails the journey sends, a certificate's PDF), and every piece of text a person reads or hears (text between
tags, and the aria-label, title, alt, placeholder and value attributes) is compared with the English messages of
the site's catalogues and of the Django and allauth catalogues the site shows: a piece that is exactly an English
message whose translation differs was left unwrapped, frozen in English at import time, or never looked up.
Content authors write (demo course titles, lesson text) is not in any catalogue, so it never matches.
"""

from __future__ import annotations

import gettext
import re
import shutil
import subprocess  # noqa: S404 - pdftotext with a fixed argument list
from functools import cache
from html.parser import HTMLParser
from io import StringIO
from pathlib import Path

import allauth
import django
import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.test import TestCase, override_settings
from django.urls import reverse
from django.utils import translation

from certificates.demo.content import demo_content as certificate_demo
from certificates.models import Certificate, CertificateTemplate
from certificates.notices import ISSUED
from certificates.pdf_design import design_from_template
from certificates.rendering import render_certificate_pdf, sample_facts
from courses.models import LessonPage, Offering, WebinarPage
from lms import outbox
from lms.models import Member
from lms.tasks import send_letter

PACKAGES = ["lms", "cms", "courses", "certificates", "certificates/cpd", "mentoring", "search"]
TRANSLATED = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
READ_ATTRIBUTES = frozenset({"aria-label", "title", "alt", "placeholder", "aria-description"})
NOT_READ = frozenset({"script", "style", "template", "noscript"})
SAME_RUN = frozenset({"mark", "wbr"})
# Pieces that are English messages in some catalogue but are not words in a language: the site's name and the
# languages' own names in the switcher (each written in itself, on purpose, so a reader finds theirs).
NOT_WORDS = frozenset({"VSMC Learning", "English", "Español", "Français", "Português"})
COURSE = "flow-metrics-fundamentals"


def _catalogue_files(language: str) -> list[Path]:
    root = Path(settings.BASE_DIR)
    ours = [root / package / "locale" / language / "LC_MESSAGES" / "django.mo" for package in PACKAGES]
    # Django's and allauth's own messages; where a library has only regional variants of a language (allauth's
    # pt_BR and pt_PT), the variants still say which English messages it has, so they are read for those.
    libraries = [Path(django.__file__).parent / "conf" / "locale", Path(allauth.__file__).parent / "locale"]
    theirs = [path for library in libraries for path in sorted(library.glob(f"{language}*/LC_MESSAGES/django.mo"))
              if path.parent.parent.name.split("_")[0] == language]
    return [*ours, *theirs]


def _squeezed(text: str) -> str:
    return " ".join(text.split())


@cache
def untranslated_if_seen(language: str) -> dict[str, str]:
    """English message -> its translation, for every message of the catalogues whose translation differs."""
    found: dict[str, str] = {}
    for path in _catalogue_files(language):
        assert path.exists(), f"{path} is missing: run `make messages`"
        with open(path, "rb") as compiled:
            catalog = gettext.GNUTranslations(compiled)._catalog  # type: ignore[attr-defined]
        for key, translated in catalog.items():
            english = key[0] if isinstance(key, tuple) else key
            english = _squeezed(english.split("\x04")[-1])  # a context prefix is not part of the words
            if english and _squeezed(translated) != english and english not in NOT_WORDS:
                found.setdefault(english, _squeezed(translated))
    return found


class ReadText(HTMLParser):
    """The pieces of a page a person reads or a screen reader says: text between tags and the read attributes.
    A search result's highlighted words (<mark>) stay part of the sentence they were found in."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pieces: list[str] = []
        self._run: list[str] = []
        self._hidden_depth = 0

    def _end_run(self) -> None:
        if self._run:
            self.pieces.append("".join(self._run))
            self._run = []

    def handle_starttag(self, tag, attrs):
        if tag in SAME_RUN:
            return
        self._end_run()
        if tag in NOT_READ:
            self._hidden_depth += 1
        values = dict(attrs)
        for name, value in attrs:
            if value and name in READ_ATTRIBUTES:
                self.pieces.append(value)
        if tag == "input" and values.get("type") in {"submit", "button", "reset"} and values.get("value"):
            self.pieces.append(values["value"])

    def handle_endtag(self, tag):
        if tag in SAME_RUN:
            return
        self._end_run()
        if tag in NOT_READ and self._hidden_depth:
            self._hidden_depth -= 1

    def handle_data(self, data):
        if not self._hidden_depth:
            self._run.append(data)

    def close(self) -> None:
        super().close()
        self._end_run()


def read_pieces(html: str) -> list[str]:
    parser = ReadText()
    parser.feed(html)
    parser.close()
    return [_squeezed(piece) for piece in parser.pieces if piece.strip()]


def left_in_english(language: str, pieces: list[str]) -> list[str]:
    english = untranslated_if_seen(language)
    found = []
    for piece in pieces:
        # A label followed by its value (“Title: x”) is compared without the colon, as the message is written.
        for candidate in {piece, piece.rstrip(":").strip()}:
            if candidate in english:
                found.append(candidate)
    return sorted(set(found))


@pytest.fixture(scope="module")
def journey(demo_catalog, django_db_blocker, tmp_path_factory):
    """The demo's certificates and mentoring loaded once for the module on top of its catalog, and the catalog
    indexed for search; rolled back after."""
    media = tmp_path_factory.mktemp("media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=str(media)), transaction.atomic():
        with TestCase.captureOnCommitCallbacks(execute=True):
            call_command("load_demo", "certificates", "--outside-debug", stdout=StringIO())
        call_command("load_demo", "mentoring", "--outside-debug", stdout=StringIO())
        # The search page's results and facets come from the index, which the tests' database engine keeps.
        call_command("catalog_reindex", "--engine", "database", stdout=StringIO(), stderr=StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def learner(journey, db) -> Member:
    return Member.objects.get(email="learner@demo.vsmc.org")


def journey_pages(language: str, learner: Member) -> tuple[list[str], list[str]]:
    """The addresses read as a visitor, then those read signed in as the demo learner."""
    prefix = f"/{language}"
    course = Offering.objects.get(slug=COURSE, locale__language_code=settings.LANGUAGE_CODE)  # the original
    lesson = LessonPage.objects.descendant_of(course).live().order_by("path").first()
    webinar = WebinarPage.objects.live().order_by("path").first()
    certificate = Certificate.objects.filter(member=learner, revoked_at__isnull=True).order_by("pk").first()
    assert lesson and webinar and certificate
    with translation.override(language):
        verify = reverse("certificates:verify", args=[certificate.code])
        mentoring = reverse("mentoring:home")
        profile, preferences = reverse("lms:profile"), reverse("lms:preferences")
        dashboard, search = reverse("courses:dashboard"), reverse("search:page")
        sign_in, sign_up = reverse("account_login"), reverse("account_signup")
    visitor = [f"{prefix}/", f"{prefix}/catalog/", f"{prefix}{course.url}", f"{prefix}{webinar.url}",
               f"{search}?q=flow", f"{search}?q=flow&format=webinar&language=es", sign_in, sign_up, verify,
               f"{prefix}/no-such-page/"]
    member = [f"{prefix}/", f"{prefix}{course.url}", f"{prefix}{lesson.url}", f"{prefix}{webinar.url}", dashboard,
              profile, preferences, mentoring, f"{search}?q=value"]
    return visitor, member


def read_page(client, address: str) -> str:
    response = client.get(address, follow=True)
    assert response.status_code in {200, 404}, f"{address}: {response.status_code}"
    return response.content.decode()


def letter_pieces(message) -> list[str]:
    pieces = [_squeezed(message.subject)]
    pieces += [_squeezed(line) for line in message.body.splitlines() if line.strip()]
    for content, mimetype in getattr(message, "alternatives", []):
        if mimetype == "text/html":
            pieces += read_pieces(content)
    return pieces


def pdf_lines(pdf: bytes, tmp_path: Path) -> list[str]:
    program = shutil.which("pdftotext")
    assert program, "pdftotext is missing: install the Debian package poppler-utils (make system-deps does)"
    source = tmp_path / "certificate.pdf"
    source.write_bytes(pdf)
    text = subprocess.run([program, "-layout", str(source), "-"],  # noqa: S603 - fixed arguments
                          capture_output=True, check=True, text=True).stdout
    # -layout keeps a line's columns apart by runs of spaces; each run is a separate piece.
    return [_squeezed(piece) for line in text.splitlines() for piece in re.split(r"\s{2,}", line) if piece.strip()]


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_journey_reads_in_its_language(language, learner, client, tmp_path):
    Member.objects.filter(pk=learner.pk).update(site_language=language)
    learner.refresh_from_db()
    found: dict[str, list[str]] = {}

    visitor, member = journey_pages(language, learner)
    for address in visitor:
        found[f"page {address} (visitor)"] = left_in_english(language, read_pieces(read_page(client, address)))
    client.force_login(learner)
    for address in member:
        found[f"page {address} (member)"] = left_in_english(language, read_pieces(read_page(client, address)))
    client.logout()

    mail.outbox.clear()
    with translation.override(language):
        sign_up = reverse("account_signup")
    client.post(sign_up, {"email": f"new-{language}@example.org", "password1": "a long pass phrase 9",
                          "password2": "a long pass phrase 9", "first_name": "Ana", "last_name": "Reis"})
    assert mail.outbox, "signing up sends the confirmation e-mail"
    for message in mail.outbox:
        found[f"e-mail “{message.subject}”"] = left_in_english(language, letter_pieces(message))

    mail.outbox.clear()
    certificate = Certificate.objects.filter(member=learner, revoked_at__isnull=True).order_by("pk").first()
    # The demo announced it when it was loaded; owed again (as a fresh certificate is), it goes through the outbox.
    Certificate.objects.filter(pk=certificate.pk).update(**{outbox.letter(ISSUED).sent_field: None})
    assert send_letter.delay(ISSUED, certificate.pk).get() is True
    [issued] = mail.outbox
    found[f"e-mail “{issued.subject}”"] = left_in_english(language, letter_pieces(issued))

    template = CertificateTemplate.objects.get(name=certificate_demo().site_default.name)
    assert template and language in template.languages()
    pdf = render_certificate_pdf(design_from_template(template), sample_facts(language))
    found["certificate PDF"] = left_in_english(language, pdf_lines(pdf, tmp_path))

    english = untranslated_if_seen(language)
    left = {where: [f"“{text}” (should read “{english[text]}”)" for text in texts]
            for where, texts in found.items() if texts}
    assert not left, f"Left in English under /{language}/:\n" + "\n".join(
        f"  {where}: {', '.join(texts)}" for where, texts in left.items())


def test_the_comparison_finds_an_english_message():
    """The check can fail: an English message of the site's catalogue in a Spanish page is found."""
    assert left_in_english("es", read_pieces("<p>Sign in</p><a title='Catalog' href='/'>x</a>")) == [
        "Catalog", "Sign in"]
    assert left_in_english("es", read_pieces("<p><mark>Apply</mark> value stream mapping</p>")) == []

