"""Certificate codes as anyone might type them: for any text, the reader answers a well-formed code or None, and
never anything else; every code it answers reads back to itself; every real code survives the ways people type."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from certificates.codes import ALPHABET, CODE_LENGTH, MAX_INPUT_LENGTH, group, normalise_code

GROUPED = re.compile(r"[0-9A-HJKMNP-TV-Z]{4}(?:-[0-9A-HJKMNP-TV-Z]{4}){4}")
SYMBOLS = st.text(alphabet=ALPHABET, min_size=CODE_LENGTH, max_size=CODE_LENGTH)
CODEISH = st.text(alphabet=ALPHABET + "ilo -_.\t\u00a0\u2013\u2014IOLU\x00\u202e\u0661", max_size=80)


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(max_size=200), CODEISH, st.binary(max_size=40).map(lambda b: b.decode("latin-1"))))
def test_any_text_is_a_well_formed_code_or_none(text):
    code = normalise_code(text)
    assert code is None or GROUPED.fullmatch(code)
    if code is not None:
        assert len(text) <= MAX_INPUT_LENGTH
        assert normalise_code(code) == code


@settings(max_examples=200, deadline=None)
@given(SYMBOLS, st.sampled_from(["-", " ", "", "  ", "\u2013"]), st.booleans(), st.sampled_from(["", " ", "\t"]))
def test_a_real_code_reads_back_however_it_is_typed(symbols, separator, lower, padding):
    code = group(symbols)
    typed = separator.join(symbols[i : i + 4] for i in range(0, CODE_LENGTH, 4))
    typed = padding + (typed.lower() if lower else typed) + padding
    assert normalise_code(typed) == code


@settings(max_examples=100, deadline=None)
@given(st.one_of(st.none(), st.integers(), st.binary(max_size=30), st.lists(st.text(max_size=5), max_size=3)))
def test_what_is_not_text_is_no_code(value):
    assert normalise_code(value) is None
