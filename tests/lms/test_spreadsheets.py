"""The one spreadsheet writer (lms/spreadsheets.py): formula-looking text is neutralised, numbers stay numbers."""

import csv
import io
from decimal import Decimal

import pytest

from lms.spreadsheets import SpreadsheetWriter, cell, text_cell


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("=1+1", "'=1+1"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("+44 20 7946 0000", "'+44 20 7946 0000"),
        ("-2+3", "'-2+3"),
        ('=HYPERLINK("http://evil.example","Click")', '\'=HYPERLINK("http://evil.example","Click")'),
        ("   =1+1", "'   =1+1"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("Plain", "Plain"),
        ("a=b", "a=b"),
        ("", ""),
        (None, ""),
    ],
)
def test_text_that_would_run_as_a_formula_gets_a_leading_quote(text, written):
    assert text_cell(text) == written
    assert cell(text) == written


def test_numbers_the_platform_writes_stay_numbers():
    assert cell(-3) == "-3"
    assert cell(Decimal("-1.25")) == "-1.25"
    assert cell(Decimal("1E+3")) == "1000"
    assert cell(2.5) == "2.5"
    assert cell("-3") == "'-3"  # the same digits typed by a person are text
    assert cell(True) == "True"


def test_rows_read_back_with_the_csv_module_as_neutralised_text():
    buffer = io.StringIO(newline="")
    writer = SpreadsheetWriter(buffer, lineterminator="\n")
    writer.writerow(["=1+1", "@SUM(A1)", "+1", "-1", -1, Decimal("0.5"), "Zoë"])
    writer.writerows([["line\nbreak", 7]])
    rows = list(csv.reader(io.StringIO(buffer.getvalue(), newline="")))
    assert rows == [["'=1+1", "'@SUM(A1)", "'+1", "'-1", "-1", "0.5", "Zoë"], ["line\nbreak", "7"]]
