"""The member's name reads back from the certificate exactly as written, in every script, with the two kinds of
reader there are: those that honour /ActualText (poppler's pdftotext, like screen readers and Acrobat) and those that
read glyph by glyph through the fonts' ToUnicode maps (pypdf)."""

import shutil
import subprocess  # noqa: S404 -- pdftotext with a fixed argument list
import unicodedata

import pytest
from pypdf.generic import ContentStream

from certificates.rendering import render_certificate_pdf
from tests.certificates.rendering_support import design, facts, read

NAMES = {
    # Devanagari: the short-i sign (ि) is drawn before its consonant; "लिली" used to read "लिलिी" (the consonant ल
    # took the meaning "लि" from its first appearance), and pdftotext split "निधि" into "नि धि".
    "devanagari": "निधि शर्मा",
    "devanagari-short-i": "किरण",
    "devanagari-repeated-consonant": "लिली",
    "devanagari-conjuncts": "सिद्धार्थ त्रिपाठी",
    "devanagari-long": "अदिति कुमारी लिली सिद्धार्थ शर्मा वर्मा त्रिपाठी मिश्रा श्रीवास्तव चतुर्वेदी द्विवेदी त्रिवेदी",
    # Other scripts that draw vowel signs before (or around) their consonant.
    "bengali": "কিরণ লিলি",
    "tamil": "கிருத்திகா கொக்கு",
    "latin": "Zoë Ångström-Núñez",
    "arabic": "فاطمة الزهراء",
    "cjk": "山田花子",
}


@pytest.fixture(scope="module")
def certificates() -> dict[str, bytes]:
    return {key: render_certificate_pdf(design(), facts(recipient_name=name)) for key, name in NAMES.items()}


def _lines(text: str) -> list[str]:
    """Lines as a person reads them: NFC, without the bidi controls pdftotext wraps right-to-left lines in."""
    text = "".join(char for char in unicodedata.normalize("NFC", text) if unicodedata.category(char) != "Cf")
    return [line.strip() for line in text.splitlines() if line.strip()]


def _pdftotext(pdf: bytes, tmp_path) -> str:
    program = shutil.which("pdftotext")
    if program is None:
        pytest.fail("pdftotext is missing: install the Debian package poppler-utils (make system-deps does)")
    path = tmp_path / "certificate.pdf"
    path.write_bytes(pdf)
    extracted = subprocess.run([program, str(path), "-"], capture_output=True, text=True, check=True)  # noqa: S603
    assert extracted.stderr == ""  # e.g. "Illegal entry in bfchar block in ToUnicode CMap" for a too long entry
    return extracted.stdout


@pytest.mark.parametrize("key", NAMES)
def test_pdftotext_reads_the_name_as_written(certificates, key, tmp_path):
    assert NAMES[key] in _lines(_pdftotext(certificates[key], tmp_path))


@pytest.mark.parametrize("key", NAMES)
def test_pypdf_reads_the_name_as_written(certificates, key):
    assert NAMES[key] in _lines(read(certificates[key]).pages[0].extract_text())


@pytest.mark.parametrize("key", [key for key in NAMES if key != "arabic"])
def test_the_names_marked_content_carries_it_as_actual_text(certificates, key):
    """What screen readers and pdftotext read: the run drawing the name says what it is written as."""
    reader = read(certificates[key])
    page = reader.pages[0]
    actual_texts = [
        str(operands[1]["/ActualText"])
        for operands, operator in ContentStream(page.get_contents(), reader).operations
        if operator == b"BDC" and "/ActualText" in operands[1]
    ]
    assert actual_texts == [NAMES[key]]


def test_right_to_left_names_are_left_to_the_readers_bidi(certificates):
    """pdftotext puts a right-to-left line back in reading order itself; a logical /ActualText would come out
    backwards, so Arabic is left as drawn (and reads right, above)."""
    reader = read(certificates["arabic"])
    operations = ContentStream(reader.pages[0].get_contents(), reader).operations
    assert not [operands for operands, operator in operations if operator == b"BDC" and "/ActualText" in operands[1]]


def test_only_the_name_changes_other_text_reads_as_before(certificates, tmp_path):
    lines = _lines(_pdftotext(certificates["devanagari-repeated-consonant"], tmp_path))
    assert "This certifies that" in lines
    assert "has successfully completed Research Ethics Fundamentals" in lines
