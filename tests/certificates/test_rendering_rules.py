"""The small decisions behind a certificate's look: values for placeholders, type size for long names, accent
contrast, writing direction and which scripts need a font."""

from datetime import date
from decimal import Decimal

import pytest

from certificates.rendering import (
    INK,
    MUTED_INK,
    CertificateRenderError,
    accent_use,
    contrast_ratio,
    name_size_step,
    scripts_in,
    scripts_without_font,
    visual_width,
    writing_direction,
)
from tests.certificates.rendering_support import facts


def test_placeholder_values_in_english():
    values = facts().placeholder_values()
    assert values == {
        "member_name": "Zoë Ångström-Núñez",
        "achievement": "Research Ethics Fundamentals",
        "issue_date": "5 January 2025",
        "expiry_date": "5 January 2028",
        "cpd_hours": "1.5",
        "credit_type": "Ethics credit",
        "verification_code": "7K3Q-9F2M-XW4D-8HJT-2BNC",
        "verification_url": "https://learning.example.org/certificates/verify/7K3Q-9F2M-XW4D-8HJT-2BNC/",
        "issuer_name": "Example Association",
    }


@pytest.mark.parametrize(
    ("language", "issue_date", "hours"),
    [("es", "5 de enero de 2025", "1,5"), ("de", "5. Januar 2025", "1,5"), ("ja", "2025年1月5日", "1.5")],
)
def test_dates_and_hours_follow_the_document_language(language, issue_date, hours):
    values = facts(language=language).placeholder_values()
    assert values["issue_date"] == issue_date
    assert values["cpd_hours"] == hours


@pytest.mark.parametrize(("hours", "printed"), [("2.00", "2"), ("0.25", "0.25"), ("100", "100"), ("0", "0")])
def test_hours_lose_trailing_zeros(hours, printed):
    assert facts(cpd_hours=Decimal(hours)).placeholder_values()["cpd_hours"] == printed


@pytest.mark.parametrize("hours", [Decimal("-1"), Decimal("NaN"), Decimal("Infinity")])
def test_impossible_hours_are_refused(hours):
    with pytest.raises(CertificateRenderError, match="CPD hours"):
        facts(cpd_hours=hours).placeholder_values()


def test_a_certificate_without_expiry_says_so():
    assert facts(expires_on=None).placeholder_values()["expiry_date"] == "no expiry date"
    assert facts(issued_on=date(2024, 2, 29)).placeholder_values()["issue_date"] == "29 February 2024"


def test_name_size_steps_down_as_names_grow():
    assert name_size_step("Ann Lee") == "xl"
    assert name_size_step("Maximiliana Wilhelmina von Hohenzollern") == "m"
    assert name_size_step("x" * 200) == "xs"
    # The same name needs a smaller step on a narrower (portrait) line.
    name = "Maximiliana Wilhelmina Hohenzollern"
    assert (name_size_step(name, line_width_mm=250), name_size_step(name, line_width_mm=160)) == ("l", "s")


def test_wide_characters_count_double_and_combining_marks_not_at_all():
    assert visual_width("王小明") == 6
    assert visual_width("Zoe\u0308") == 3
    assert visual_width("abc") == 3


@pytest.mark.parametrize(
    ("text", "direction"),
    [
        ("فاطمة الزهراء", "rtl"),
        ("שרה כהן", "rtl"),
        ("Sarah שרה כהן", "rtl"),
        ("Sarah Cohen שרה", "ltr"),
        ("王小明", "ltr"),
        ("12345", "ltr"),
    ],
)
def test_writing_direction_goes_with_most_letters(text, direction):
    assert writing_direction(text) == direction


def test_scripts_are_found_by_their_letters():
    assert set(scripts_in("Zoë Анна Σοφία فاطمة שרה प्रिया 王 山田はな 김 123 -")) == {
        "LATIN",
        "CYRILLIC",
        "GREEK",
        "ARABIC",
        "HEBREW",
        "DEVANAGARI",
        "CJK",
        "HIRAGANA",
        "HANGUL",
    }


def test_the_installed_fonts_cover_every_script_members_use():
    assert scripts_without_font("Zoë Анна Σοφία فاطمة שרה प्रिया 王小明 山田はなこ 김민준") == []


def test_contrast_ratio_follows_wcag():
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21)
    assert contrast_ratio("#ffffff", "#ffffff") == pytest.approx(1)
    assert contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)


def test_a_dark_accent_colours_title_and_labels():
    use = accent_use("#1f4e79")
    assert (use.decoration, use.title, use.labels) == ("#1f4e79", "#1f4e79", "#1f4e79")


def test_a_mid_accent_colours_the_large_title_but_not_the_small_labels():
    assert 3 <= contrast_ratio("#e0701a", "#ffffff") < 4.5  # about 3.2:1: enough for 18pt and larger only
    use = accent_use("#e0701a")
    assert (use.decoration, use.title, use.labels) == ("#e0701a", "#e0701a", MUTED_INK)


def test_an_accent_just_below_large_text_contrast_stays_off_the_title():
    assert contrast_ratio("#d9822b", "#ffffff") < 3  # about 2.9:1
    assert accent_use("#d9822b").title == INK


def test_a_light_accent_is_only_decoration():
    use = accent_use("#f5d76e")
    assert (use.decoration, use.title, use.labels) == ("#f5d76e", INK, MUTED_INK)
