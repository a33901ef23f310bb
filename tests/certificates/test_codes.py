"""Verification codes: 100 random bits, grouped for reading aloud, and forgiving of how people type them."""

import re

import pytest

from certificates.codes import ALPHABET, new_verification_code, normalise_code

GROUPED = re.compile(r"[0-9A-HJKMNP-TV-Z]{4}(?:-[0-9A-HJKMNP-TV-Z]{4}){4}")


def test_a_new_code_is_twenty_crockford_symbols_in_five_groups():
    code = new_verification_code()
    assert GROUPED.fullmatch(code), code
    symbols = code.replace("-", "")
    assert len(symbols) == 20 and set(symbols) <= set(ALPHABET)
    assert len(ALPHABET) == 32 and not set("ILOU") & set(ALPHABET)  # 5 bits a symbol, 100 bits in all


def test_codes_do_not_repeat_and_use_the_whole_alphabet():
    codes = [new_verification_code() for _ in range(2000)]
    assert len(set(codes)) == len(codes)
    assert set("".join(codes).replace("-", "")) == set(ALPHABET)


@pytest.mark.parametrize(
    "typed",
    [
        "7K3Q-9F2M-XW4D-8HJT-2BNC",
        "7k3q-9f2m-xw4d-8hjt-2bnc",
        "7K3Q9F2MXW4D8HJT2BNC",
        " 7K3Q 9F2M XW4D 8HJT 2BNC ",
        "7K3Q–9F2M–XW4D–8HJT–2BNC",  # en dashes pasted from a document
    ],
)
def test_case_spaces_and_dashes_do_not_matter(typed):
    assert normalise_code(typed) == "7K3Q-9F2M-XW4D-8HJT-2BNC"


def test_letters_read_as_digits_are_taken_as_those_digits():
    assert normalise_code("IK3Q-9F2M-XW4D-8HJT-2BNC") == "1K3Q-9F2M-XW4D-8HJT-2BNC"
    assert normalise_code("lK3Q-9F2M-XW4D-8HJT-2BNO") == "1K3Q-9F2M-XW4D-8HJT-2BN0"


@pytest.mark.parametrize(
    "typed",
    ["", "   ", "7K3Q-9F2M-XW4D-8HJT", "7K3Q-9F2M-XW4D-8HJT-2BNC-1", "UK3Q-9F2M-XW4D-8HJT-2BNC",
     "7K3Q-9F2M-XW4D-8HJT-2BN*", "x" * 10_000, None, 12345],
)
def test_anything_else_is_not_a_code(typed):
    assert normalise_code(typed) is None
