"""Certificate PDFs: plain data in, a tagged PDF/A-3u with embedded fonts out, or a reason staff can act on.

It takes dataclasses, not models, so the staff preview and the tests use it without a database; during a render
nothing is read from the network or the file system except the installed fonts.
"""

from __future__ import annotations

import base64
import contextlib
import io
import logging
import re
import shutil
import subprocess  # noqa: S404 -- fc-list, with a fixed argument list, tells whether a script has a font
import threading
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import segno
from defusedxml import ElementTree as SafeElementTree
from django.conf import settings
from django.template import Context, Engine
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from PIL import Image
from weasyprint import HTML
from weasyprint.urls import FatalURLFetchingError, URLFetcher

from lms import site_address
from lms.formatting import date_text

from .pdf_text_layer import name_text_layer
from .placeholders import fill_placeholders, placeholder_problems

logger = logging.getLogger(__name__)

TEMPLATE_ENGINE = Engine(dirs=[str(Path(__file__).resolve().parent / "templates")], autoescape=True)
PDF_VARIANT = "pdf/a-3u"

IMAGE_TYPES = {
    "image/png": "PNG",
    "image/jpeg": "JPEG",
    "image/webp": "WEBP",
    "image/svg+xml": "SVG",
}
PAPER_SIZES_MM = {"A4": (210.0, 297.0), "LETTER": (215.9, 279.4)}  # (short side, long side)
ORIENTATIONS = ("landscape", "portrait")
_ACCENT = re.compile(r"#[0-9A-Fa-f]{6}")
_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")
_WEB_ADDRESS = re.compile(r"https?://[^\s\"'<>]+")

PAGE_BACKGROUND = "#ffffff"
INK = "#1d232b"
MUTED_INK = "#4a525c"
LARGE_TEXT_CONTRAST = 3.0  # WCAG 2 AA for text of 18pt and more: the title
SMALL_TEXT_CONTRAST = 4.5  # WCAG 2 AA for body-size text: the labels of the facts

SHEET_MARGIN_MM = 8.0
FRAME_BORDERS_MM = 1.6 + 1.2 + 0.35  # outer rule + gap + inner rule, on each side


class CertificateRenderError(Exception):
    """A certificate that could not be rendered; `reason` is plain words for staff, `transient` says whether
    trying again later may succeed."""

    def __init__(self, reason: str, *, transient: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.transient = transient


@dataclass(frozen=True)
class ImageData:
    content: bytes
    mime_type: str  # image/png, image/jpeg, image/svg+xml, image/webp
    description: str = ""  # alt text


@dataclass(frozen=True)
class Signatory:
    name: str
    role: str
    signature: ImageData | None


@dataclass(frozen=True)
class Wording:
    """A template's title and body written in one language."""

    language: str
    title: str
    body: str


@dataclass(frozen=True)
class CertificateDesign:
    title: str  # may contain placeholders
    body: str  # may contain placeholders; plain text, blank lines separate paragraphs
    accent_colour: str  # "#RRGGBB"
    paper_size: str  # "A4" | "LETTER"
    orientation: str  # "landscape" | "portrait"
    logo: ImageData | None = None
    background: ImageData | None = None
    signatories: tuple[Signatory, ...] = ()
    language: str = "en"  # the language `title` and `body` are written in
    translations: tuple[Wording, ...] = ()  # the same words in other languages

    def wordings(self) -> tuple[Wording, ...]:
        return (Wording(self.language, self.title, self.body), *self.translations)

    def wording_in(self, language: str) -> Wording | None:
        """The words written in `language` (tags compared without case), or None."""
        return next((w for w in self.wordings() if w.language.lower() == language.lower()), None)


@dataclass(frozen=True)
class CertificateFacts:
    recipient_name: str
    achievement: str
    issued_on: date
    expires_on: date | None
    cpd_hours: Decimal
    credit_type: str  # human label
    verification_code: str  # e.g. "7K3Q-9F2M-XW4D-8HJT-2BNC"
    verification_url: str
    issuer_name: str
    language: str  # BCP 47 for the document, e.g. "en", "es"

    def placeholder_values(self) -> dict[str, str]:
        """The text each placeholder stands for, with dates and numbers written the document language's way."""
        _check_language(self.language)
        with translation.override(self.language):
            return {
                "member_name": self.recipient_name,
                "achievement": self.achievement,
                "issue_date": date_text(self.issued_on),
                "expiry_date": (
                    date_text(self.expires_on) if self.expires_on else _("no expiry date")
                ),
                "cpd_hours": _hours_text(self.cpd_hours),
                "credit_type": self.credit_type,
                "verification_code": self.verification_code,
                "verification_url": self.verification_url,
                "issuer_name": self.issuer_name,
            }


def _check_language(language: str) -> None:
    if not _LANGUAGE_TAG.fullmatch(language or ""):
        raise CertificateRenderError(
            _("“%(language)s” is not a language code; use one such as “en” or “es”.") % {"language": language}
        )


def _hours_text(hours: Decimal) -> str:
    """Hours without trailing zeros ("1.5", "2"), with the active language's decimal separator."""
    if not isinstance(hours, Decimal) or not hours.is_finite() or hours < 0:
        raise CertificateRenderError(_("The CPD hours “%(hours)s” are not a number of hours.") % {"hours": hours})
    return formats.number_format(hours.normalize())


def sample_facts(language: str = "en") -> CertificateFacts:
    """Made-up facts for the staff preview: a name with diacritics, so a missing accent shows at once."""
    _check_language(language)
    issued_on = timezone.localdate()
    code = "7K3Q-9F2M-XW4D-8HJT-2BNC"
    with translation.override(language):
        return CertificateFacts(
            recipient_name="Zoë Ångström-Núñez",
            achievement=_("Research Ethics and Integrity (sample)"),
            issued_on=issued_on,
            expires_on=issued_on + timedelta(days=3 * 365),
            cpd_hours=Decimal("1.5"),
            credit_type=_("Ethics credit"),
            verification_code=code,
            verification_url=site_address.absolute_url(f"/certificates/verify/{code}"),
            issuer_name=getattr(settings, "WAGTAIL_SITE_NAME", "") or _("The issuing organisation"),
            language=language,
        )


# ------------------------------------------------------------------------------------------ what may be fetched


class ExternalResourceRefused(ValueError):
    """The document asked for something that is not embedded in it."""


class DataURIOnlyFetcher(URLFetcher):
    """Serves only data: URIs, so a certificate can never make the server read a file or call a web address."""

    def __init__(self) -> None:
        super().__init__(allowed_protocols=("data",), allow_redirects=False, fail_on_errors=True)

    def fetch(self, url, headers=None):
        if not url.lower().startswith("data:"):
            raise ExternalResourceRefused(f"Only embedded (data:) resources may be used, not {url[:80]!r}")
        return super().fetch(url, headers)


# -------------------------------------------------------------------------------------------------- colours


def _relative_luminance(colour: str) -> float:
    channels = []
    for offset in (1, 3, 5):
        value = int(colour[offset : offset + 2], 16) / 255
        channels.append(value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4)
    red, green, blue = channels
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(colour: str, other: str) -> float:
    """WCAG 2 contrast ratio of two "#RRGGBB" colours, from 1 (none) to 21 (black on white)."""
    lighter, darker = sorted((_relative_luminance(colour), _relative_luminance(other)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@dataclass(frozen=True)
class AccentUse:
    """Where the accent colour may appear: rules and borders always; the title and the small labels only
    when the accent on the white page keeps WCAG AA contrast for text of their size."""

    decoration: str
    title: str
    labels: str


def accent_use(accent: str) -> AccentUse:
    ratio = contrast_ratio(accent, PAGE_BACKGROUND)
    return AccentUse(
        decoration=accent,
        title=accent if ratio >= LARGE_TEXT_CONTRAST else INK,
        labels=accent if ratio >= SMALL_TEXT_CONTRAST else MUTED_INK,
    )


# --------------------------------------------------------------------------------------------------- scripts


_SCRIPT_LABELS = {"CJK": "Han (Chinese characters)", "HANGUL": "Hangul", "HIRAGANA": "Hiragana", "KATAKANA": "Katakana"}
_NAME_STOP_WORDS = ("CAPITAL", "SMALL", "LETTER", "SYLLABLE", "IDEOGRAPH", "CHARACTER", "SIGN", "VOWEL", "LIGATURE")
_CJK_FONT_PACKAGE_SCRIPTS = frozenset(_SCRIPT_LABELS)


def _script_of(char: str) -> str | None:
    """The script of a letter, from its Unicode name ("ARABIC LETTER ALEF" -> "ARABIC"); None for non-letters."""
    if not unicodedata.category(char).startswith("L"):
        return None
    words = unicodedata.name(char, "").replace("-", " ").split()
    script: list[str] = []
    for word in words:
        if word in _NAME_STOP_WORDS or word.startswith(_NAME_STOP_WORDS):
            break
        script.append(word)
    if not script:
        return None
    return "CJK" if script[0] == "CJK" else " ".join(script)


def scripts_in(text: str) -> dict[str, str]:
    """Each script whose letters appear in `text`, with the first such letter."""
    found: dict[str, str] = {}
    for char in text:
        script = _script_of(char)
        if script and script not in found:
            found[script] = char
    return found


def writing_direction(text: str) -> str:
    """"rtl" when most strongly directional letters of `text` are right-to-left (Arabic, Hebrew), else "ltr"."""
    right_to_left = sum(1 for char in text if unicodedata.bidirectional(char) in ("R", "AL"))
    left_to_right = sum(1 for char in text if unicodedata.bidirectional(char) == "L")
    return "rtl" if right_to_left > left_to_right else "ltr"


def east_asian_language(text: str) -> str | None:
    """The language whose glyph forms suit a CJK name: kana means Japanese, Hangul Korean; None when unsure."""
    scripts = scripts_in(text)
    if "HIRAGANA" in scripts or "KATAKANA" in scripts:
        return "ja"
    if "HANGUL" in scripts:
        return "ko"
    return None


_scripts_with_font: set[str] = set()


def _font_covers(char: str) -> bool | None:
    """Whether any installed font has a glyph for `char`, asked of fontconfig; None when it cannot be asked."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return None
    try:
        found = subprocess.run(  # noqa: S603 -- fixed program, argument is a hexadecimal code point
            [fc_list, f":charset={ord(char):04x}", "family"], capture_output=True, check=True, timeout=20
        )
    except (OSError, subprocess.SubprocessError):
        logger.warning("fc-list could not be run; certificate fonts were not checked", exc_info=True)
        return None
    return bool(found.stdout.strip())


def scripts_without_font(text: str) -> list[str]:
    """Scripts in `text` that no installed font covers (each is then drawn as empty boxes); fontconfig is
    asked once per script, and only until a font is found, so installing fonts needs no restart."""
    missing = []
    for script, char in scripts_in(text).items():
        if script in _scripts_with_font:
            continue
        covered = _font_covers(char)
        if covered is None:
            return []
        if covered:
            _scripts_with_font.add(script)
        else:
            missing.append(script)
    return missing


def _missing_font_reason(script: str) -> str:
    label = _SCRIPT_LABELS.get(script, script.title())
    package = "fonts-noto-cjk" if script in _CJK_FONT_PACKAGE_SCRIPTS else "fonts-noto-core"
    return _("No installed font covers the %(script)s script; install %(package)s") % {
        "script": label,
        "package": package,
    }


def _character_without_font_reason(char: str, codepoint: int) -> str:
    script = _script_of(char)
    if script is not None:
        return _missing_font_reason(script)
    return _("No installed font has the character “%(char)s” (U+%(codepoint)04X); install a font that covers it") % {
        "char": char,
        "codepoint": codepoint,
    }


# ----------------------------------------------------------------------------------------------- long names


NAME_SIZE_STEPS = (("xl", 26), ("l", 36), ("m", 52), ("s", 84))  # (step, widest name in half-width units)
NAME_SIZE_SMALLEST = "xs"
_LANDSCAPE_LINE_MM = 250.0


def visual_width(text: str) -> int:
    """Width in half-width units: a CJK character counts two, a combining mark nothing, anything else one."""
    width = 0
    for char in text:
        if unicodedata.category(char) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def name_size_step(name: str, line_width_mm: float = _LANDSCAPE_LINE_MM) -> str:
    """The largest type size step at which `name` fits one line; very long names get the smallest and wrap."""
    width = visual_width(name) * _LANDSCAPE_LINE_MM / line_width_mm
    for step, widest in NAME_SIZE_STEPS:
        if width <= widest:
            return step
    return NAME_SIZE_SMALLEST


# ---------------------------------------------------------------------------------------------------- images


_SVG_NAMESPACE = "{http://www.w3.org/2000/svg}"
_CSS_REFERENCE = re.compile(r"""url\(\s*['"]?\s*([^'")\s]+)|@import\s+['"]([^'"]+)""", re.IGNORECASE)


def _is_embedded(reference: str) -> bool:
    return reference.startswith("#") or reference.lower().startswith("data:")


def _svg_outside_references(root) -> list[str]:
    """Links from an SVG to anything outside it (hrefs, CSS url() and @import); the renderer would refuse to
    fetch them, so they are named at once instead."""
    found = []
    for element in root.iter():
        for attribute, value in element.attrib.items():
            if attribute.rsplit("}", 1)[-1] == "href" and not _is_embedded(value.strip()):
                found.append(value.strip())
            found.extend(_css_outside_references(value))
        if isinstance(element.tag, str) and element.tag.rsplit("}", 1)[-1] == "style" and element.text:
            found.extend(_css_outside_references(element.text))
    return found


def _css_outside_references(css: str) -> list[str]:
    references = (first or second for first, second in _CSS_REFERENCE.findall(css))
    return [reference for reference in references if not _is_embedded(reference)]


def _checked_svg(content: bytes) -> str:
    root = SafeElementTree.fromstring(content)
    if root.tag != f"{_SVG_NAMESPACE}svg":
        raise ValueError(_("it is not an SVG drawing"))
    outside = _svg_outside_references(root)
    if outside:
        raise ValueError(
            _("it refers to a file outside itself (%(reference)s); embed every picture in the SVG")
            % {"reference": outside[0][:80]}
        )
    return "image/svg+xml"


def _checked_raster(content: bytes) -> str:
    """The MIME type of the format Pillow finds; the declared type may be wrong (a .png that is a JPEG)."""
    with Image.open(io.BytesIO(content)) as opened:
        detected = opened.format
        opened.verify()
    with Image.open(io.BytesIO(content)) as opened:
        opened.load()
    mime_type = next((mime for mime, name in IMAGE_TYPES.items() if name == detected), None)
    if mime_type is None:
        raise ValueError(_("it is a %(format)s file, not PNG, JPEG or WebP") % {"format": detected})
    return mime_type


def _image_data_uri(image: ImageData, failure: str) -> str:
    """A data: URI for an image known to decode, or CertificateRenderError starting with `failure`."""
    kind = IMAGE_TYPES.get((image.mime_type or "").lower())
    if kind is None:
        raise CertificateRenderError(
            _("%(failure)s: the type %(type)s is not supported; use PNG, JPEG, WebP or SVG.")
            % {"failure": failure, "type": image.mime_type or _("(none)")}
        )
    if not image.content:
        raise CertificateRenderError(_("%(failure)s: the file is empty.") % {"failure": failure})
    try:
        mime_type = _checked_svg(image.content) if kind == "SVG" else _checked_raster(image.content)
    except Exception as error:  # defusedxml and Pillow raise many kinds; none may escape as a server error
        raise CertificateRenderError(
            _("%(failure)s: %(error)s") % {"failure": failure, "error": str(error) or type(error).__name__}
        ) from error
    return f"data:{mime_type};base64,{base64.b64encode(image.content).decode('ascii')}"


def _qr_code_data_uri(url: str) -> str:
    try:
        return segno.make(url, error="m").svg_data_uri(border=0, dark=INK)
    except Exception as error:  # segno's DataOverflowError and kin
        raise CertificateRenderError(
            _("The QR code for the verification URL could not be made: %(error)s") % {"error": error}
        ) from error


# --------------------------------------------------------------------------------------------------- render


class _EngineErrors(logging.Handler):
    """WeasyPrint logs some failures instead of raising: an image it could not draw (error), a character no
    font has (a warning about a .notdef glyph). Collect this thread's, so such a render fails instead of
    quietly leaving a hole or an empty box in the certificate."""

    def __init__(self, image_labels: dict[str, str]) -> None:
        super().__init__(logging.WARNING)
        self.thread = threading.get_ident()
        self.image_labels = image_labels
        self.reasons: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.thread != self.thread:
            return
        args = record.args if isinstance(record.args, tuple) else ()
        if (isinstance(record.msg, str) and record.msg.startswith(".notdef glyph") and len(args) == 2
                and isinstance(args[0], str) and isinstance(args[1], int)):
            self.reasons.append(_character_without_font_reason(args[0], args[1]))
        elif record.levelno >= logging.ERROR:
            # Name images instead of quoting their data: URIs, which run to many kilobytes.
            message = _DATA_URI.sub(
                lambda uri: self.image_labels.get(uri.group(0), _("an embedded image")), record.getMessage()
            )
            self.reasons.append(_("The PDF could not be produced: %(error)s") % {"error": message})


_DATA_URI = re.compile(r"data:[^\s'\"]+")


@contextlib.contextmanager
def _collected_engine_errors(image_labels: dict[str, str]) -> Iterator[_EngineErrors]:
    engine_logger = logging.getLogger("weasyprint")
    if not engine_logger.isEnabledFor(logging.WARNING):
        # With a quieter logging set-up the .notdef warnings would never be made, and an empty box would pass.
        engine_logger.setLevel(logging.WARNING)
    handler = _EngineErrors(image_labels)
    engine_logger.addHandler(handler)
    try:
        yield handler
    finally:
        engine_logger.removeHandler(handler)


FIT_STEPS = ("regular", "compact", "tight")


def _check_design(design: CertificateDesign) -> None:
    if not _ACCENT.fullmatch(design.accent_colour or ""):
        raise CertificateRenderError(
            _("The accent colour “%(colour)s” is not a colour written as #RRGGBB, e.g. #1F4E79.")
            % {"colour": design.accent_colour}
        )
    if (design.paper_size or "").upper() not in PAPER_SIZES_MM:
        raise CertificateRenderError(
            _("The paper size “%(size)s” is not one of: %(sizes)s.")
            % {"size": design.paper_size, "sizes": ", ".join(PAPER_SIZES_MM)}
        )
    if design.orientation not in ORIENTATIONS:
        raise CertificateRenderError(
            _("The orientation “%(orientation)s” is not one of: %(orientations)s.")
            % {"orientation": design.orientation, "orientations": ", ".join(ORIENTATIONS)}
        )
    for wording in design.wordings():
        _check_language(wording.language)
        for part, label in ((wording.title, _("title")), (wording.body, _("body text"))):
            problems = placeholder_problems(part)
            if problems:
                raise CertificateRenderError(
                    _("The certificate %(part)s (%(language)s) has a problem: %(problems)s")
                    % {"part": label, "language": wording.language, "problems": " ".join(problems)}
                )
        if not wording.title.strip():
            raise CertificateRenderError(
                _("The certificate template has no title in %(language)s.") % {"language": wording.language}
            )


def _wording_for(design: CertificateDesign, language: str) -> Wording:
    """The words printed are in the document's language, so /Lang, dates and labels always match them; a
    template without wording in that language is refused rather than printed in another."""
    wording = design.wording_in(language)
    if wording is None:
        raise CertificateRenderError(
            _("The certificate template has no wording in “%(language)s” (it has: %(languages)s); add it to the "
              "template, then retry the render.")
            % {"language": language, "languages": ", ".join(w.language for w in design.wordings())}
        )
    return wording


def _check_facts(facts: CertificateFacts) -> None:
    _check_language(facts.language)
    if not facts.recipient_name.strip():
        raise CertificateRenderError(_("The certificate has no recipient name."))
    if not facts.achievement.strip():
        raise CertificateRenderError(_("The certificate does not say what it was awarded for."))
    if not _WEB_ADDRESS.fullmatch(facts.verification_url or ""):
        raise CertificateRenderError(
            _("The verification URL “%(url)s” is not a web address starting with https:// or http://.")
            % {"url": facts.verification_url}
        )


def _page_geometry(design: CertificateDesign) -> tuple[float, float]:
    short_side, long_side = PAPER_SIZES_MM[design.paper_size.upper()]
    return (long_side, short_side) if design.orientation == "landscape" else (short_side, long_side)


def _context(design: CertificateDesign, facts: CertificateFacts) -> dict:
    """Everything the template prints, filled and checked. Reasons for staff stay in the active language;
    the certificate's own words are in the document's language."""
    values = facts.placeholder_values()
    wording = _wording_for(design, facts.language)
    title = fill_placeholders(wording.title, values)
    body = fill_placeholders(wording.body, values)
    page_width, page_height = _page_geometry(design)
    inner_width = page_width - 2 * (SHEET_MARGIN_MM + FRAME_BORDERS_MM)
    inner_height = page_height - 2 * (SHEET_MARGIN_MM + FRAME_BORDERS_MM)

    logo_uri = _image_data_uri(design.logo, _("The logo image could not be read")) if design.logo else None
    background_uri = (
        _image_data_uri(design.background, _("The background image could not be read")) if design.background else None
    )
    signature_uris = [
        _image_data_uri(
            signatory.signature, _("The signature image of %(name)s could not be read") % {"name": signatory.name}
        )
        if signatory.signature
        else None
        for signatory in design.signatories
    ]
    qr_uri = _qr_code_data_uri(facts.verification_url)
    image_labels = {qr_uri: _("the QR code")}
    if logo_uri:
        image_labels[logo_uri] = _("the logo")
    if background_uri:
        image_labels[background_uri] = _("the background image")
    for signatory, signature_uri in zip(design.signatories, signature_uris, strict=True):
        if signature_uri:
            image_labels[signature_uri] = _("the signature of %(name)s") % {"name": signatory.name}

    name_line_mm = inner_width - 30
    with translation.override(facts.language):
        logo = (
            {"uri": logo_uri,
             "alt": design.logo.description or _("Logo of %(issuer)s") % {"issuer": facts.issuer_name}}
            if design.logo and logo_uri
            else None
        )
        signatories = [
            {
                "name": signatory.name,
                "role": signatory.role,
                "direction": writing_direction(signatory.name),
                "signature": (
                    {"uri": signature_uri,
                     "alt": signatory.signature.description or _("Signature of %(name)s") % {"name": signatory.name}}
                    if signatory.signature and signature_uri
                    else None
                ),
            }
            for signatory, signature_uri in zip(design.signatories, signature_uris, strict=True)
        ]
        return {
            **_document_words(facts, values),
            **_styling(design, page_width, page_height, inner_height),
            "title": title,
            "body": body,
            "logo": logo,
            "background_uri": background_uri,
            "signatories": signatories,
            "recipient_name": facts.recipient_name,
            "name_direction": writing_direction(facts.recipient_name),
            "name_language": east_asian_language(facts.recipient_name),
            "name_size": name_size_step(facts.recipient_name, name_line_mm),
            # Most bodies name the achievement; print it apart only when it would otherwise be missing.
            "show_achievement": facts.achievement not in body and facts.achievement not in title,
            "achievement": facts.achievement,
            "qr_uri": qr_uri,
            "image_labels": image_labels,
            "cjk_order": _cjk_order(facts.language),
            "verification_code": facts.verification_code,
            "verification_url": facts.verification_url,
            "issuer_name": facts.issuer_name,
        }


def _document_words(facts: CertificateFacts, values: dict[str, str]) -> dict:
    """The fixed words of the certificate, in the active (document) language."""
    issued = []
    if facts.cpd_hours > 0:
        hours_count = 1 if facts.cpd_hours == 1 else 2  # ngettext needs an int; 1.5 hours are plural
        issued.append(
            {
                "label": _("CPD credit"),
                "value": ngettext("%(hours)s hour, %(credit)s", "%(hours)s hours, %(credit)s", hours_count)
                % {"hours": values["cpd_hours"], "credit": facts.credit_type},
            }
        )
    issued.append({"label": _("Date of issue"), "value": values["issue_date"]})
    if facts.expires_on is not None:
        issued.append({"label": _("Valid until"), "value": values["expiry_date"]})
    return {
        "language": facts.language,
        "page_direction": "rtl" if translation.get_language_bidi() else "ltr",
        "document_title": _("%(achievement)s – %(name)s")
        % {"achievement": facts.achievement, "name": facts.recipient_name},
        "description": _("Certificate issued by %(issuer)s, verification code %(code)s")
        % {"issuer": facts.issuer_name, "code": facts.verification_code},
        "certifies_that": _("This certifies that"),
        "facts": issued,
        "qr_alt": _("QR code that opens this certificate's verification page"),
        "verify_label": _("Verify this certificate"),
    }


def _styling(design: CertificateDesign, page_width: float, page_height: float, inner_height: float) -> dict:
    """Sizes and colours for the stylesheet; the accent colours text only where it keeps WCAG contrast."""
    colours = accent_use(design.accent_colour.lower())
    return {
        "page_size": f"{page_width}mm {page_height}mm",
        "sheet_margin": SHEET_MARGIN_MM,
        "inner_min_height": f"{inner_height:.2f}mm",
        "signatory_share": f"{100 / max(len(design.signatories), 1):.3f}",
        "accent": colours.decoration,
        "title_colour": colours.title,
        "label_colour": colours.labels,
        "ink": INK,
        "muted_ink": MUTED_INK,
    }


def _cjk_order(language: str) -> str:
    """Which Noto CJK region comes first for Han-only text, so shared characters take the reader's forms."""
    primary = language.lower()
    if primary.startswith("ja"):
        return "JP"
    if primary.startswith("ko"):
        return "KR"
    if primary in ("zh-tw", "zh-hant", "zh-hk", "zh-mo") or primary.startswith("zh-hant"):
        return "TC"
    return "SC"


def _printed_text(context: dict) -> str:
    parts = [context["document_title"], context["title"], context["body"], context["recipient_name"]]
    parts += [context["issuer_name"], context["achievement"]]
    parts += [fact["value"] for fact in context["facts"]]
    parts += [signatory["name"] + " " + signatory["role"] for signatory in context["signatories"]]
    return "\n".join(parts)


def _render_options() -> dict:
    return {"pdf_variant": PDF_VARIANT, "pdf_tags": True, "pdf_identifier": True}


def render_certificate_pdf(design: CertificateDesign, facts: CertificateFacts) -> bytes:
    """The certificate as PDF bytes. Raises CertificateRenderError with a reason staff can act on."""
    _check_design(design)
    _check_facts(facts)
    context = _context(design, facts)
    missing = scripts_without_font(_printed_text(context))
    if missing:
        raise CertificateRenderError(_missing_font_reason(missing[0]))

    template = TEMPLATE_ENGINE.get_template("certificates/pdf/certificate.html")
    for fit in FIT_STEPS:
        html = template.render(Context({**context, "fit": fit}))
        try:
            with _collected_engine_errors(context["image_labels"]) as engine_errors:
                document = HTML(string=html, base_url=None, url_fetcher=DataURIOnlyFetcher()).render(
                    **_render_options()
                )
                if len(document.pages) > 1:
                    continue
                pdf = document.write_pdf(finisher=name_text_layer, **_render_options())
        except FatalURLFetchingError as error:
            raise CertificateRenderError(
                _("The certificate refers to a file that is not embedded in it: %(error)s")
                % {"error": error.__cause__ or error}
            ) from error
        except CertificateRenderError:
            raise
        except Exception as error:  # WeasyPrint, Pango and Pillow raise many kinds; staff need the reason
            raise CertificateRenderError(
                _("The PDF could not be produced: %(error)s") % {"error": f"{type(error).__name__}: {error}"}
            ) from error
        if engine_errors.reasons:
            raise CertificateRenderError(" ".join(dict.fromkeys(engine_errors.reasons)))
        return pdf
    raise CertificateRenderError(
        _("The certificate does not fit on one page; shorten the body text or the title, or remove a signatory.")
    )

