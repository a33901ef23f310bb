"""The CSV files of the offline command: reading them with a precise reason for every refusal, writing atomically.

Files are UTF-8 (a byte-order mark is accepted), with any line endings; the first row is the header and counts as
row 1, and a row's number is its line in the file (as an editor shows it). Values are stripped of surrounding
spaces, extra columns are ignored and blank lines skipped. Refusals name the file, the row and the reason; nothing is
written unless everything was read. Numbers go through lms/bounded_numbers.py (digits, exponent and range checked
before any arithmetic); ids are printable text of bounded length; the output is a regular file or a new one, never a
device, FIFO, link or folder.
"""

from __future__ import annotations

import csv
import io
import os
import stat
import tempfile
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from lms.bounded_numbers import NumberRefused, read_decimal, read_whole
from lms.spreadsheets import SpreadsheetWriter

from .candidates import MAX_ABS_SCORE, CandidateError, Candidates, millionths_to_score, score_to_millionths
from .solver import MatchingResult

EDGE_COLUMNS = ("mentee", "mentor", "score")
CAPACITY_COLUMNS = ("mentor", "capacity")
FAIRNESS_COLUMNS = ("mentee",)
MAX_CAPACITY = 1_000_000
MAX_ID_LENGTH = 200
MAX_FILE_BYTES = 64 * 1024 * 1024  # about a million pairs; the whole file is read into memory before checking
_NOT_A_NUMBER = {"not_a_number", "not_finite", "not_whole"}
_OUTSIDE = {"too_large", "too_small"}
_FILE_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
               (stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISSOCK, "a socket"), (stat.S_ISLNK, "a symbolic link"))


class FileRefused(ValueError):
    """A file the command will not use: which file, which row (the header is row 1) and why."""

    def __init__(self, path: Path | str, reason: str, row: int | None = None):
        self.path, self.row, self.reason = str(path), row, reason
        where = f"{self.path}, row {row}" if row is not None else self.path
        super().__init__(f"{where}: {reason}")


@dataclass(frozen=True)
class EdgesFile:
    """edges.csv as read: (row number, mentee, mentor, score in millionths) per pair."""

    rows: tuple[tuple[int, str, str, int], ...]


def _rows(path: Path, columns: Sequence[str]) -> Iterator[tuple[int, dict[str, str]]]:
    """(row number, {column: stripped value}) for each non-blank data row, after checking the header."""
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise FileRefused(path, f"cannot be read ({error.strerror or error})") from error
    if len(raw) > MAX_FILE_BYTES:
        raise FileRefused(path, f"is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB; split the round")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        row = raw[: error.start].count(b"\n") + 1
        raise FileRefused(path, f"is not UTF-8 text (byte 0x{raw[error.start]:02x})", row) from error
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader, None)
        if header is None or not any(cell.strip() for cell in header):
            raise FileRefused(path, f"is empty; the first row must be the header {','.join(columns)}", 1)
        names = [cell.strip() for cell in header]
        missing = [column for column in columns if column not in names]
        if missing:
            raise FileRefused(
                path, f"missing column {', '.join(repr(m) for m in missing)} (the header has {', '.join(names)})", 1
            )
        position = {column: names.index(column) for column in columns}
        for cells in reader:
            row = reader.line_num
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) < len(names):
                raise FileRefused(path, f"{len(cells)} values but the header has {len(names)} columns", row)
            if len(cells) > len(names):
                raise FileRefused(path, f"{len(cells)} values but the header has only {len(names)} columns", row)
            yield row, {column: cells[index].strip() for column, index in position.items()}
    except csv.Error as error:
        raise FileRefused(path, f"is not valid CSV ({error})", reader.line_num) from error


def _id(path: Path, row: int, values: dict[str, str], column: str) -> str:
    """A non-empty id of printable text: a NUL, line break or bidi override would end up in matches.csv."""
    value = values[column]
    if not value:
        raise FileRefused(path, f"{column} is empty", row)
    if len(value) > MAX_ID_LENGTH:
        raise FileRefused(path, f"{column} is {len(value):,} characters long (at most {MAX_ID_LENGTH})", row)
    for position, character in enumerate(value, start=1):
        if unicodedata.category(character) in ("Cc", "Cf", "Cs", "Co", "Cn"):
            raise FileRefused(path, f"{column} {value!r} has a control or invisible character (U+{ord(character):04X}) "
                                    f"at character {position}; ids must be printable text", row)
    return value


def read_edges(path: Path) -> EdgesFile:
    """edges.csv: mentee,mentor,score; each pair once, each score a finite decimal within +-MAX_ABS_SCORE."""
    rows: list[tuple[int, str, str, int]] = []
    first_row: dict[tuple[str, str], int] = {}
    for row, values in _rows(path, EDGE_COLUMNS):
        mentee, mentor = _id(path, row, values, "mentee"), _id(path, row, values, "mentor")
        text = values["score"]
        if not text:
            raise FileRefused(path, "score is empty", row)
        try:
            millionths = score_to_millionths(read_decimal(text, minimum=-MAX_ABS_SCORE, maximum=MAX_ABS_SCORE))
        except NumberRefused as refused:
            limit = f"{MAX_ABS_SCORE:,}"
            if refused.code in _NOT_A_NUMBER:
                reason = f"score {text!r} is not a number (use digits and a decimal point)"
            elif refused.code in _OUTSIDE:
                reason = f"score {text!r} is outside -{limit} to {limit}"
            else:
                reason = f"score {refused.text!r} is not a usable number: {refused}"
            raise FileRefused(path, reason, row) from refused
        except CandidateError as error:
            raise FileRefused(path, f"score {text!r}: {error}", row) from error
        if (mentee, mentor) in first_row:
            raise FileRefused(path, f"pair ({mentee}, {mentor}) is already given in row {first_row[mentee, mentor]}",
                              row)
        first_row[mentee, mentor] = row
        rows.append((row, mentee, mentor, millionths))
    return EdgesFile(tuple(rows))


def read_capacities(path: Path) -> tuple[dict[str, int], dict[str, int]]:
    """capacity.csv: mentor,capacity; each mentor once, each capacity a whole number >= 0. Also each mentor's row."""
    capacities: dict[str, int] = {}
    first_row: dict[str, int] = {}
    for row, values in _rows(path, CAPACITY_COLUMNS):
        mentor = _id(path, row, values, "mentor")
        text = values["capacity"]
        try:
            capacity = read_whole(text, minimum=0, maximum=MAX_CAPACITY) if text else None
        except NumberRefused as refused:
            if refused.code == "too_large" or refused.code == "too_many_digits":
                raise FileRefused(path, f"capacity {refused.text!r} is more than {MAX_CAPACITY:,}", row) from refused
            capacity = None
        if capacity is None:
            raise FileRefused(path, f"capacity {text[:40]!r} is not a whole number of 0 or more", row)
        if mentor in first_row:
            raise FileRefused(path, f"mentor {mentor!r} is already given in row {first_row[mentor]}", row)
        first_row[mentor] = row
        capacities[mentor] = capacity
    return capacities, first_row


def read_group(path: Path, known_mentees: set[str]) -> list[str]:
    """under_represented.csv: mentee; each a mentee of edges.csv (the floor is computed over those mentees)."""
    mentees: list[str] = []
    first_row: dict[str, int] = {}
    for row, values in _rows(path, FAIRNESS_COLUMNS):
        mentee = _id(path, row, values, "mentee")
        if mentee in first_row:
            raise FileRefused(path, f"mentee {mentee!r} is already given in row {first_row[mentee]}", row)
        if mentee not in known_mentees:
            raise FileRefused(path, f"mentee {mentee!r} has no allowed pair in the edges file; rates are computed "
                                    f"over the mentees it names", row)
        first_row[mentee] = row
        mentees.append(mentee)
    return mentees


def candidates_from_files(edges_path: Path, capacity_path: Path) -> Candidates:
    """The allowed pairs of the two files; an edge whose mentor has no capacity row is refused at its row."""
    edges = read_edges(edges_path)
    capacities, _ = read_capacities(capacity_path)
    for row, _mentee, mentor, _score in edges.rows:
        if mentor not in capacities:
            raise FileRefused(edges_path, f"mentor {mentor!r} has no row in {capacity_path}", row)
    return Candidates.from_pairs(
        ((mentee, mentor, millionths_to_score(score)) for _row, mentee, mentor, score in edges.rows), capacities
    )


def check_output(path: Path) -> None:
    """Refuse an output path that is anything but a regular file or a new one in an existing folder.

    The result replaces the path atomically (a rename), which would just as well replace a device node, a FIFO or a
    link; run as root it replaced /dev/full. A link is refused rather than followed: name the file itself.
    """
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        if not path.resolve().parent.is_dir():
            raise FileRefused(path, "its folder does not exist") from None
        return
    except OSError as error:
        raise FileRefused(path, f"cannot be checked ({error.strerror or error})") from error
    if not stat.S_ISREG(mode):
        kind = next((name for test, name in _FILE_KINDS if test(mode)), "not a regular file")
        raise FileRefused(path, f"is {kind}, not a regular file; give the path of a CSV file to replace or create")


def write_matches(path: Path, result: MatchingResult) -> None:
    """matches.csv: mentee,mentor,score, written to a temporary file beside it and then renamed over it; an id a
    spreadsheet would read as a formula is written with a leading single quote (lms/spreadsheets.py)."""
    buffer = io.StringIO(newline="")
    writer = SpreadsheetWriter(buffer, lineterminator="\n")  # ids that look like formulas never run as one
    writer.writerow(EDGE_COLUMNS)
    for match in result.matches:
        writer.writerow((match.mentee, match.mentor, match.score))
    directory = path.resolve().parent
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(buffer.getvalue())
            out.flush()
            os.fsync(out.fileno())
        check_output(path)  # again, just before the rename: the path may have changed while the solver ran
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
