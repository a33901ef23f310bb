"""What a rendered certificate PDF contains: names in every script the members use, embedded fonts, the
metadata and tags assistive technology reads, filled placeholders, and one page whatever the name's length."""

import unicodedata

import pytest
from django.conf import settings

from certificates.rendering import (
    CertificateRenderError,
    ImageData,
    Wording,
    render_certificate_pdf,
    sample_facts,
)
from tests.certificates.rendering_support import (
    design,
    facts,
    font_names,
    page_fonts,
    page_text,
    raster,
    read,
    structure_elements,
    without_spaces,
)

# The name, and the font family that must have drawn it (the first in the stylesheet's stack for its script).
NAMES = {
    "latin": ("Zoë Ångström-Núñez", "NotoSerif"),
    "cyrillic": ("Анна Ковалёва", "NotoSerif"),
    "greek": ("Σοφία Παπαδοπούλου", "NotoSerif"),
    "arabic": ("فاطمة الزهراء", "NotoNaskhArabic"),
    "hebrew": ("שרה כהן", "NotoSerifHebrew"),
    "devanagari": ("प्रिया शर्मा", "NotoSerifDevanagari"),
    "chinese": ("王小明", "NotoSerifCJK"),
    "japanese": ("山田花子", "NotoSerifCJK"),
    "korean": ("김민준", "NotoSerifCJKKR"),
}
RIGHT_TO_LEFT = {"arabic", "hebrew"}
NAME_BODY = "{{ member_name }} completed {{ achievement }}."


@pytest.fixture(scope="module")
def rendered():
    """One certificate per script, rendered once for the module (a render takes a fraction of a second)."""
    return {
        script: render_certificate_pdf(design(body=NAME_BODY), facts(recipient_name=name))
        for script, (name, _family) in NAMES.items()
    }


def name_lines(pdf: bytes, name: str) -> list[str]:
    return [line.strip() for line in page_text(pdf).splitlines() if line.strip() and line.strip()[0] in name]


@pytest.mark.parametrize("script", sorted(set(NAMES) - RIGHT_TO_LEFT - {"devanagari"}))
def test_left_to_right_names_come_out_exactly(rendered, script):
    name, _family = NAMES[script]
    assert name in name_lines(rendered[script], name)


@pytest.mark.parametrize("script", sorted(RIGHT_TO_LEFT))
def test_right_to_left_names_come_out_whole_and_in_order(rendered, script):
    # A PDF stores glyphs in visual (left-to-right) order; pypdf gives them back in logical order today, but an
    # extractor may also hand back the visual order, i.e. the letters reversed. Either is the name, correctly
    # drawn; anything else (a missing letter, a word out of place) is not.
    name, _family = NAMES[script]
    lines = name_lines(rendered[script], name)
    assert name in lines or name[::-1] in lines, lines


def test_devanagari_name_keeps_its_letters_in_order(rendered):
    # WeasyPrint maps each glyph to the text it first drew: the vowel sign "ा" is first seen alone in "या", so
    # in "र्मा", where shaping moves the repha after the syllable, the extracted text gets that sign twice
    # ("शार्मा"). The drawing is right (see the report); what a glyph map can promise is the consonants and
    # independent vowels, in order, so that is what is compared.
    name, _family = NAMES["devanagari"]

    def letters(text: str) -> str:
        return "".join(char for char in text if unicodedata.category(char).startswith("L"))

    (first_line, *_rest) = name_lines(rendered["devanagari"], name)
    assert letters(first_line) == letters(name)


@pytest.mark.parametrize("script", sorted(NAMES))
def test_each_script_is_drawn_with_a_font_made_for_it_and_the_font_is_embedded(rendered, script):
    _name, family = NAMES[script]
    pdf = rendered[script]
    assert any(font.startswith(family) for font in font_names(pdf)), font_names(pdf)
    for font in page_fonts(pdf):
        descriptor = font["descriptor"]
        assert "/FontFile2" in descriptor or "/FontFile3" in descriptor, font["name"]
        assert "+" in font["name"], "fonts are embedded as subsets"


def test_right_to_left_names_are_marked_so_in_the_html_and_east_asian_ones_get_their_language():
    from certificates.rendering import east_asian_language, writing_direction

    assert [writing_direction(NAMES[script][0]) for script in sorted(NAMES)] == [
        "rtl" if script in RIGHT_TO_LEFT else "ltr" for script in sorted(NAMES)
    ]
    assert east_asian_language("山田はなこ") == "ja"
    assert east_asian_language("김민준") == "ko"
    assert east_asian_language("王小明") is None


def test_the_document_has_title_language_tags_and_declares_pdf_a_3u(rendered):
    pdf = rendered["latin"]
    reader = read(pdf)
    catalog = reader.trailer["/Root"]
    assert reader.metadata.title == "Research Ethics Fundamentals – Zoë Ångström-Núñez"
    assert catalog["/Lang"] == "en"
    assert catalog["/MarkInfo"]["/Marked"].value is True
    assert "/StructTreeRoot" in catalog
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"].value is True
    xmp = catalog["/Metadata"].get_object().get_data().decode()
    assert 'pdfaid:part="3"' in xmp and 'pdfaid:conformance="U"' in xmp
    assert "/OutputIntents" in catalog


def test_headings_and_figures_with_alternative_text_are_in_the_structure_tree(rendered):
    elements = structure_elements(rendered["latin"])
    kinds = [str(element["/S"]) for element in elements]
    assert "/H1" in kinds
    alternative_texts = {str(element["/Alt"]) for element in elements if element["/S"] == "/Figure"}
    assert alternative_texts == {
        "Association logo",
        "Signature of María López",
        "J. O'Connor's signature",
        "QR code that opens this certificate's verification page",
    }


def test_the_language_of_the_document_follows_the_facts():
    spanish = Wording("es", "Certificado de finalización", "ha completado con éxito {{ achievement }}.")
    pdf = render_certificate_pdf(design(translations=(spanish,)), facts(language="es"))
    assert read(pdf).trailer["/Root"]["/Lang"] == "es"
    assert "5 de enero de 2025" in page_text(pdf)


def test_placeholders_are_filled_in_title_and_body():
    pdf = render_certificate_pdf(
        design(
            title="{{ achievement }} certificate",
            body=(
                "Awarded to {{ member_name }} by {{ issuer_name }} on {{ issue_date }}.\n\n"
                "{{ cpd_hours }} hours of {{ credit_type }}, valid until {{ expiry_date }}.\n"
                "Check it with code {{ verification_code }} at {{ verification_url }}"
            ),
        ),
        facts(),
    )
    text = page_text(pdf)
    assert "Research Ethics Fundamentals certificate" in text
    assert "Awarded to Zoë Ångström-Núñez by Example Association on 5 January 2025." in text
    assert "1.5 hours of Ethics credit, valid until 5 January 2028." in text
    assert "7K3Q-9F2M-XW4D-8HJT-2BNC" in text
    assert "https://learning.example.org/certificates/verify/7K3Q-9F2M-XW4D-8HJT-2BNC/" in without_spaces(text)
    assert "{{" not in text and "}}" not in text


def test_the_certificate_prints_the_facts_a_reader_needs_without_the_body_saying_them():
    pdf = render_certificate_pdf(design(body="For outstanding work."), facts())
    text = page_text(pdf)
    for expected in (
        "Certificate of Completion",
        "This certifies that",
        "Zoë Ångström-Núñez",
        "Research Ethics Fundamentals",  # printed on its own because the body does not name it
        "1.5 hours, Ethics credit",
        "5 January 2025",
        "5 January 2028",
        "Example Association".upper(),
        "7K3Q-9F2M-XW4D-8HJT-2BNC",
    ):
        assert expected in text, expected
    assert "https://learning.example.org/certificates/verify/7K3Q-9F2M-XW4D-8HJT-2BNC/" in without_spaces(text)


def test_markup_in_names_and_bodies_is_printed_as_text():
    pdf = render_certificate_pdf(
        design(body="<b>Bold</b> & {{ member_name }}"), facts(recipient_name="<img src=x> O'Brien & Sons")
    )
    text = page_text(pdf)
    assert "<b>Bold</b> & <img src=x> O'Brien & Sons" in text


@pytest.mark.parametrize(
    "name",
    [
        "W" * 200,  # no break opportunity at all: must still wrap, anywhere
        " ".join(["Maximiliana-Wilhelmina"] * 9),  # 200 characters of ordinary words
    ],
)
@pytest.mark.parametrize("orientation", ["landscape", "portrait"])
def test_a_very_long_name_shrinks_and_wraps_on_one_page(name, orientation):
    assert len(name) >= 200
    pdf = render_certificate_pdf(
        design(orientation=orientation, body="For outstanding work."), facts(recipient_name=name)
    )
    reader = read(pdf)
    assert len(reader.pages) == 1
    text = page_text(pdf)
    assert without_spaces(name) in without_spaces(text)
    # Wrapped, not overflowing: the name is spread over several lines, none of which holds all of it.
    name_lines = [line for line in text.splitlines() if line.strip() and without_spaces(line) in without_spaces(name)]
    assert len(name_lines) >= 2
    assert all(len(without_spaces(line)) < len(without_spaces(name)) for line in name_lines)


def image_sizes_inside(holder) -> list[tuple[int, int]]:
    """Sizes of the image XObjects in a pattern's or form's resources, however deeply nested."""
    sizes = []
    for reference in holder.get("/Resources", {}).get("/XObject", {}).values():
        xobject = reference.get_object()
        if xobject["/Subtype"] == "/Image":
            sizes.append((xobject["/Width"], xobject["/Height"]))
        else:
            sizes.extend(image_sizes_inside(xobject))
    return sizes


def test_images_of_every_supported_kind_are_embedded():
    pdf = render_certificate_pdf(
        design(
            logo=ImageData(raster("JPEG", (400, 160)), "image/jpeg", "Logo"),
            background=ImageData(raster("PNG", (600, 420), (230, 220, 190)), "image/png"),
        ),
        facts(),
    )
    page = read(pdf).pages[0]
    # The JPEG logo and the PNG and WebP signatures are drawn as images; the QR code is vector paths.
    assert sorted(image.image.size for image in page.images) == [(240, 90), (240, 90), (400, 160)]
    # The background is painted as a pattern; somewhere inside it is the picture.
    (pattern,) = (reference.get_object() for reference in page["/Resources"]["/Pattern"].values())
    assert image_sizes_inside(pattern) == [(600, 420)]


@pytest.mark.parametrize(("paper_size", "orientation", "size_pt"), [
    ("A4", "landscape", (841.9, 595.3)),
    ("A4", "portrait", (595.3, 841.9)),
    ("LETTER", "landscape", (792.0, 612.0)),
    ("LETTER", "portrait", (612.0, 792.0)),
])
def test_paper_size_and_orientation(paper_size, orientation, size_pt):
    pdf = render_certificate_pdf(design(paper_size=paper_size, orientation=orientation), facts())
    box = read(pdf).pages[0].mediabox
    assert (round(float(box.width), 1), round(float(box.height), 1)) == pytest.approx(size_pt, abs=0.2)


def test_a_light_accent_colour_still_renders():
    pdf = render_certificate_pdf(design(accent_colour="#F5D76E"), facts())
    assert "Certificate of Completion" in page_text(pdf)


def test_a_right_to_left_document_renders():
    arabic = Wording("ar", "شهادة إتمام", "أتمّ بنجاح {{ achievement }}.")
    pdf = render_certificate_pdf(design(translations=(arabic,)), facts(language="ar", recipient_name="فاطمة الزهراء"))
    assert read(pdf).trailer["/Root"]["/Lang"] == "ar"
    text = page_text(pdf)
    assert "فاطمة الزهراء" in text
    # The code and the address read left to right on a right-to-left page, their parts in order (a right-to-left
    # paragraph would move the address's slashes to its ends). The narrow address wraps: its lines are joined.
    lines = text.splitlines()
    assert "7K3Q-9F2M-XW4D-8HJT-2BNC" in lines
    address = "https://learning.example.org/certificates/verify/7K3Q-9F2M-XW4D-8HJT-2BNC/"
    first = next(n for n, line in enumerate(lines) if "learning.example.org" in line)
    assert "".join(lines[first:first + 2]) == address


def test_a_body_too_long_for_one_page_is_first_set_tighter_then_refused():
    paragraph = "The member took part in every session and completed all the assessed work. " * 3
    fits_when_tighter = render_certificate_pdf(design(body="\n\n".join([paragraph] * 6)), facts())
    assert len(read(fits_when_tighter).pages) == 1
    with pytest.raises(CertificateRenderError, match="does not fit on one page") as refused:
        render_certificate_pdf(design(body="\n\n".join([paragraph] * 40)), facts())
    assert refused.value.transient is False


def test_sample_facts_render_as_the_staff_preview(tmp_path):
    sample = sample_facts()
    assert sample.recipient_name and sample.verification_url.startswith(settings.WAGTAILADMIN_BASE_URL)
    pdf = render_certificate_pdf(design(), sample)
    (tmp_path / "preview.pdf").write_bytes(pdf)
    assert sample.recipient_name in page_text(pdf)
    assert sample_facts("es").placeholder_values()["cpd_hours"] == "1,5"
