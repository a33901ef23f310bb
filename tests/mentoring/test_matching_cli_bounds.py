"""The offline command against hostile files: numbers no arithmetic should touch, ids with control characters, and
output paths that are not regular files. Each is refused with the file, the row and the reason, exit status 2, and
nothing written; property tests cover any text in the number and id columns."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import unicodedata
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mentoring.matching.__main__ import main
from mentoring.matching.candidates import MAX_ABS_SCORE, MILLIONTHS
from mentoring.matching.files import MAX_CAPACITY, MAX_FILE_BYTES, FileRefused, read_capacities, read_edges, read_group

ROOT = Path(__file__).resolve().parents[2]
CAPACITY = "mentor,capacity\nM1,1\nM2,1\n"
EDGES = "mentee,mentor,score\na,M1,3.5\nb,M2,2\n"


def arguments(tmp_path: Path, edges: str = EDGES, capacity: str = CAPACITY, out: Path | None = None) -> list[str]:
    (tmp_path / "edges.csv").write_text(edges, encoding="utf-8", newline="")
    (tmp_path / "capacity.csv").write_text(capacity, encoding="utf-8", newline="")
    return [
        "--edges",
        str(tmp_path / "edges.csv"),
        "--capacity",
        str(tmp_path / "capacity.csv"),
        "--out",
        str(out or tmp_path / "matches.csv"),
    ]


def refused(tmp_path: Path, capsys, **files) -> str:
    out = tmp_path / "matches.csv"
    out.write_text("previous run\n")
    code = main(arguments(tmp_path, **files))
    captured = capsys.readouterr()
    assert (code, captured.out) == (2, "")
    assert out.read_text() == "previous run\n"
    return captured.err


def test_a_score_of_1e999999999_is_refused_with_exit_2_not_a_traceback(tmp_path):
    args = arguments(tmp_path, edges="mentee,mentor,score\na,M1,1e999999999\n")
    completed = subprocess.run(  # noqa: S603  (our own interpreter running our own module)
        [sys.executable, "-m", "mentoring.matching", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 2
    assert completed.stderr == (
        f"error: {tmp_path}/edges.csv, row 2: score '1e999999999' is not a usable number: "
        "“1e999999999” has an exponent beyond 999.\n"
    )
    assert not (tmp_path / "matches.csv").exists()


@pytest.mark.parametrize(
    ("edges", "capacity", "message"),
    [
        ("mentee,mentor,score\na,M1,-1e999999999\n", CAPACITY, "row 2: score '-1e999999999' is not a usable number"),
        ("mentee,mentor,score\na,M1,1e-99999999999\n", CAPACITY, "has an exponent beyond 999"),
        ("mentee,mentor,score\na,M1,1" + "0" * 40 + "\n", CAPACITY, "is too long to be a number"),
        ("mentee,mentor,score\na,M1,1e400\n", CAPACITY, "row 2: score '1e400' is outside -1,000,000 to 1,000,000"),
        ("mentee,mentor,score\na,M1,sNaN\n", CAPACITY, "score 'sNaN' is not a number"),
        ("mentee,mentor,score\na,M1,١\n", CAPACITY, "score '١' is not a number"),
        (
            EDGES,
            "mentor,capacity\nM1,1\nM2,1000001\n",
            "capacity.csv, row 3: capacity '1000001' is more than 1,000,000",
        ),
        (EDGES, "mentor,capacity\nM1," + "9" * 5000 + "\n", "capacity.csv, row 2: capacity '99999999"),
        (EDGES, "mentor,capacity\nM1,١\n", "capacity.csv, row 2: capacity '١' is not a whole number of 0 or more"),
    ],
)
def test_numbers_beyond_the_bounds_are_refused_before_any_arithmetic(tmp_path, capsys, edges, capacity, message):
    assert message in refused(tmp_path, capsys, edges=edges, capacity=capacity)


@pytest.mark.parametrize(
    ("edges", "capacity", "message"),
    [
        (
            "mentee,mentor,score\na\x00b,M1,1\n",
            CAPACITY,
            "edges.csv, row 2: mentee 'a\\x00b' has a control or invisible character (U+0000) at character 2",
        ),
        (
            EDGES,
            CAPACITY + "M3\x00,1\n",
            "capacity.csv, row 4: mentor 'M3\\x00' has a control or invisible character (U+0000) at character 3",
        ),
        ('mentee,mentor,score\n"a\nb",M1,1\n', CAPACITY, "row 3: mentee 'a\\nb' has a control or invisible character"),
        ("mentee,mentor,score\nx\x1b[2Jy,M1,1\n", CAPACITY, "(U+001B) at character 2"),
        ("mentee,mentor,score\nBob\u202egnp.exe,M1,1\n", CAPACITY, "(U+202E) at character 4"),
        (
            "mentee,mentor,score\n" + "a" * 201 + ",M1,1\n",
            CAPACITY,
            "row 2: mentee is 201 characters long (at most 200)",
        ),
    ],
)
def test_ids_with_control_characters_are_refused_at_file_row_and_column(tmp_path, capsys, edges, capacity, message):
    assert message in refused(tmp_path, capsys, edges=edges, capacity=capacity)


def test_the_fairness_file_refuses_control_characters_too(tmp_path):
    (tmp_path / "group.csv").write_text("mentee\na\x00\n")
    with pytest.raises(FileRefused, match=r"row 2: mentee 'a\\x00' has a control or invisible character"):
        read_group(tmp_path / "group.csv", {"a\x00", "a"})


# ------------------------------------------------------------------------------------------- the output path


def _run_into(tmp_path: Path, capsys, out: Path) -> str:
    code = main(arguments(tmp_path, out=out))
    captured = capsys.readouterr()
    assert (code, captured.out) == (2, "")
    return captured.err


def _character_device(tmp_path: Path) -> Path:
    """A null device of our own where we may make one (root), else /dev/null itself, which only root could replace:
    a regression must never be able to replace the machine's /dev/null (the unfixed command did, run as root)."""
    node = tmp_path / "null"
    try:
        os.mknod(node, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    except PermissionError:
        return Path("/dev/null")
    return node


def test_a_device_is_not_replaced(tmp_path, capsys):
    device = _character_device(tmp_path)
    before = os.stat(device)
    err = _run_into(tmp_path, capsys, device)
    assert err == (
        f"error: {device}: is a character device, not a regular file; give the path of a CSV file to "
        "replace or create\n"
    )
    after = os.stat(device)
    assert (after.st_ino, after.st_mode, after.st_rdev) == (before.st_ino, before.st_mode, before.st_rdev)


def test_a_fifo_is_not_replaced(tmp_path, capsys):
    fifo = tmp_path / "matches.csv"
    os.mkfifo(fifo)
    err = _run_into(tmp_path, capsys, fifo)
    assert err == (
        f"error: {fifo}: is a FIFO (named pipe), not a regular file; give the path of a CSV file to replace or create\n"
    )
    assert fifo.is_fifo()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".matches")] == []


def test_a_link_or_a_folder_is_not_replaced(tmp_path, capsys):
    target = tmp_path / "elsewhere.csv"
    target.write_text("keep\n")
    link = tmp_path / "matches.csv"
    link.symlink_to(target)
    assert "is a symbolic link, not a regular file" in _run_into(tmp_path, capsys, link)
    assert link.is_symlink() and target.read_text() == "keep\n"
    folder = tmp_path / "folder.csv"
    folder.mkdir()
    assert "is a folder, not a regular file" in _run_into(tmp_path, capsys, folder)


def test_a_regular_file_or_a_new_one_is_written(tmp_path, capsys):
    existing = tmp_path / "matches.csv"
    existing.write_text("previous run\n")
    assert main(arguments(tmp_path, out=existing)) == 0
    assert existing.read_text() == "mentee,mentor,score\na,M1,3.5\nb,M2,2\n"
    fresh = tmp_path / "fresh.csv"
    assert main(arguments(tmp_path, out=fresh)) == 0
    assert fresh.read_text() == existing.read_text()
    capsys.readouterr()


# ------------------------------------------------------------------------------------------- properties

CELL = st.one_of(
    st.text(max_size=30),
    st.from_regex(r"[+-]?[0-9]{0,45}(\.[0-9]{0,10})?([eE][+-]?[0-9]{1,12})?", fullmatch=True),
    st.sampled_from(["1e999999999", "-1e999999999", "NaN", "Infinity", "1000000", "-1000000.0000005", "a\x00"]),
)


def _csv_cell(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(CELL, CELL, CELL), max_size=6))
def test_any_edges_file_reads_as_bounded_scores_or_is_refused(tmp_path, rows):
    path = tmp_path / "edges.csv"
    path.write_text(
        "mentee,mentor,score\n" + "".join(",".join(map(_csv_cell, row)) + "\n" for row in rows),
        encoding="utf-8",
        newline="",
    )
    try:
        edges = read_edges(path)
    except FileRefused as refusal:
        assert refusal.reason and refusal.path == str(path)
        return
    limit = int(MAX_ABS_SCORE) * MILLIONTHS
    for _row, mentee, mentor, millionths in edges.rows:
        assert not any(unicodedata.category(c)[0] == "C" for c in mentee + mentor)
        assert -limit <= millionths <= limit
        assert Decimal(millionths) == millionths


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(CELL, CELL), max_size=6))
def test_any_capacity_file_reads_as_bounded_capacities_or_is_refused(tmp_path, rows):
    path = tmp_path / "capacity.csv"
    path.write_text(
        "mentor,capacity\n" + "".join(",".join(map(_csv_cell, row)) + "\n" for row in rows),
        encoding="utf-8",
        newline="",
    )
    try:
        capacities, _rows = read_capacities(path)
    except FileRefused as refusal:
        assert refusal.reason and refusal.path == str(path)
        return
    assert all(isinstance(value, int) and 0 <= value <= MAX_CAPACITY for value in capacities.values())


def test_an_input_file_larger_than_the_bound_is_refused_before_it_is_read_whole(tmp_path, capsys):
    out = tmp_path / "matches.csv"
    out.write_text("previous run\n")
    args = arguments(tmp_path, out=out)
    with (tmp_path / "edges.csv").open("ab") as edges:
        edges.truncate(MAX_FILE_BYTES + 1)  # sparse: costs no disk
    assert main(args) == 2
    assert "edges.csv: is larger than 64 MB" in capsys.readouterr().err
    assert out.read_text() == "previous run\n"
