"""The one reader of numbers from people and files: bounded before arithmetic, a specific refusal otherwise."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lms.bounded_numbers import MAX_TEXT_LENGTH, NumberRefused, read_decimal, read_whole

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("45", Decimal(45)),
        (" -1.5 ", Decimal("-1.5")),
        (".5", Decimal("0.5")),
        ("5.", Decimal(5)),
        ("2.5e3", Decimal(2500)),
        ("1E-999", Decimal("1E-999")),
        ("+7", Decimal(7)),
    ],
)
def test_decimals_as_people_write_them(text, expected):
    assert read_decimal(text, minimum=-10_000, maximum=10_000) == expected


@pytest.mark.parametrize(
    ("text", "code", "message"),
    [
        ("", "empty", "No number was given."),
        ("1e10000000", "exponent", "“1e10000000” has an exponent beyond 999."),
        ("1e999999999", "exponent", "“1e999999999” has an exponent beyond 999."),
        ("1e-1000", "exponent", "“1e-1000” has an exponent beyond 999."),
        ("1e400", "too_large", "“1e400” is more than 10000."),
        ("-10001", "too_small", "“-10001” is less than -10000."),
        ("NaN", "not_finite", "“NaN” is not a finite number."),
        ("-Infinity", "not_finite", "“-Infinity” is not a finite number."),
        ("sNaN", "not_finite", "“sNaN” is not a finite number."),
        ("1" * 31, "too_many_digits", f"“{'1' * 31}” has more than 30 digits."),
        ("0." + "0" * 30, "too_many_digits", f"“0.{'0' * 30}” has more than 30 digits."),
        ("1" * 41, "too_long", f"“{'1' * 40}…” is too long to be a number (at most 40 characters)."),
        ("12,5", "not_a_number", "“12,5” is not a number (write digits, with a decimal point if needed)."),
        ("٣", "not_a_number", "“٣” is not a number (write digits, with a decimal point if needed)."),
        ("1_000", "not_a_number", "“1_000” is not a number (write digits, with a decimal point if needed)."),
        (".", "not_a_number", "“.” is not a number (write digits, with a decimal point if needed)."),
        ("e5", "not_a_number", "“e5” is not a number (write digits, with a decimal point if needed)."),
    ],
)
def test_decimals_refused_with_the_reason(text, code, message):
    with pytest.raises(NumberRefused) as refused:
        read_decimal(text, minimum=-10_000, maximum=10_000)
    assert (refused.value.code, str(refused.value)) == (code, message)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("1.5", "not_whole"),
        ("1e3", "not_whole"),
        ("inf", "not_whole"),
        ("x", "not_a_number"),
        ("9" * 20, "too_many_digits"),
        ("101", "too_large"),
        ("-1", "too_small"),
    ],
)
def test_whole_numbers_refused_with_the_reason(text, code):
    with pytest.raises(NumberRefused) as refused:
        read_whole(text, minimum=0, maximum=100)
    assert refused.value.code == code


def test_whole_numbers_read_within_bounds():
    assert read_whole(" 0042 ", minimum=0, maximum=100) == 42
    assert read_whole(str(2**63 - 1), minimum=0, maximum=2**63 - 1) == 2**63 - 1


def test_the_message_translates_where_django_shows_it(settings):
    settings.LANGUAGE_CODE = "en"
    with pytest.raises(NumberRefused) as refused:
        read_decimal("NaN", minimum=0, maximum=1)
    assert refused.value.translated() == "“NaN” is not a finite number."


def test_the_module_needs_no_django():
    """The offline matching command reads its scores with it, without the project's settings."""
    completed = subprocess.run(  # noqa: S603  (our own interpreter, a fixed snippet)
        [
            sys.executable,
            "-c",
            "import sys, lms.bounded_numbers; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('django', 'celery', 'wagtail')))",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env={"PATH": "/usr/bin:/bin"},
    )
    assert completed.stdout.strip() == "[]"


NUMBERISH = st.one_of(
    st.text(max_size=80),
    st.from_regex(r"\s*[+-]?[0-9]{0,45}(\.[0-9]{0,45})?([eE][+-]?[0-9]{1,15})?\s*", fullmatch=True),
    st.sampled_from(["nan", "-inf", "Infinity", "1e999999999", "1e10000000", "-0", "0e-999"]),
)


@settings(max_examples=400, deadline=None)
@given(NUMBERISH, st.integers(-(10**6), 10**6), st.integers(0, 10**6))
def test_any_text_is_a_bounded_decimal_or_refused(text, low, span):
    try:
        value = read_decimal(text, minimum=low, maximum=low + span)
    except NumberRefused as refused:
        assert str(refused) and len(refused.text) <= MAX_TEXT_LENGTH + 1
        return
    assert value.is_finite() and low <= value <= low + span
    assert abs(value.adjusted()) <= 999 + 30


@settings(max_examples=300, deadline=None)
@given(NUMBERISH)
def test_any_text_is_a_bounded_whole_number_or_refused(text):
    try:
        value = read_whole(text, minimum=-(2**63), maximum=2**63 - 1)
    except NumberRefused:
        return
    assert isinstance(value, int) and -(2**63) <= value < 2**63
