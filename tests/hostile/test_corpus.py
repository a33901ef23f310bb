"""The corpus reader: escapes, generated cases and the size bound, so a corpus line means what it says."""

from __future__ import annotations

import pytest

from tests.hostile import corpus


@pytest.mark.parametrize(
    ("line", "value"),
    [
        (r"Bob\x00Smith", "Bob\x00Smith"),
        (r"Bob\u202egnp.exe", "Bob\u202egnp.exe"),
        (r"\ud800", "\ud800"),
        (r"\U0001F600", "\U0001f600"),
        (r"a\r\nb\tc", "a\r\nb\tc"),
        (r"\s\sx\s", "  x "),
        (r"\\x00", "\\x00"),
        (r"\@SUM(A1)", "@SUM(A1)"),
        (r"\# not a comment", "# not a comment"),
        ("@empty", ""),
        ("@repeat ab 3", "ababab"),
        (r"@repeat \u0301 2 @then ,M1,1", "\u0301\u0301,M1,1"),
        ("@repeat a b 2", "a ba b"),
        ("@rows 3 m{n}@x.test,45", "m1@x.test,45\nm2@x.test,45\nm3@x.test,45"),
    ],
)
def test_each_line_reads_as_its_case(line, value):
    assert corpus.read_line(line) == value


@pytest.mark.parametrize(
    "line",
    [
        r"bad \q escape",
        "@unknown thing",
        "@repeat a 0",
        "@repeat a -1",
        "@repeat a lots",
        "@repeat a 2000000",
        "@repeat a 1000000 @then b" + "c" * 200_000,
        "@rows 1000000 ab",
    ],
)
def test_unreadable_or_oversized_lines_are_refused(line):
    with pytest.raises(corpus.CorpusError):
        corpus.read_line(line)


def test_every_corpus_file_reads_and_every_surface_has_cases():
    for name in ("strings.txt", "ids.txt", "codes.txt"):
        assert len(corpus.cases(name)) >= 20, name
    for folder in ("csv", "cli"):
        generated = [name for name, data in corpus.files(folder) if len(data) > 100_000]
        assert generated, f"{folder}: the generated large files are missing"
