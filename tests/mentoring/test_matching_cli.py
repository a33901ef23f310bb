"""The offline command: `python -m mentoring.matching`, its output, its summary and every refusal (file, row,
reason, exit status 2, nothing written)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from mentoring.matching.__main__ import main

ROOT = Path(__file__).resolve().parents[2]
CAPACITY = "mentor,capacity\nM1,1\nM2,1\n"
EDGES = "mentee,mentor,score\na,M1,3.5\nb,M1,2\nb,M2,-1\nc,M2,0.25\n"


@pytest.fixture
def files(tmp_path):
    def write(edges: str | bytes = EDGES, capacity: str | bytes = CAPACITY, fairness: str | None = None):
        paths = {}
        for name, content in (("edges.csv", edges), ("capacity.csv", capacity), ("group.csv", fairness)):
            if content is None:
                continue
            path = tmp_path / name
            path.write_bytes(content if isinstance(content, bytes) else content.encode())
            paths[name] = path
        arguments = ["--edges", str(paths["edges.csv"]), "--capacity", str(paths["capacity.csv"]),
                     "--out", str(tmp_path / "matches.csv")]
        if "group.csv" in paths:
            arguments += ["--fairness", str(paths["group.csv"])]
        return arguments

    return write


def run(arguments, capsys) -> tuple[int, str, str]:
    code = main(arguments)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_the_command_writes_the_optimum_and_a_summary(tmp_path):
    edges = tmp_path / "edges.csv"
    edges.write_text(EDGES)
    capacity = tmp_path / "capacity.csv"
    capacity.write_text(CAPACITY)
    out = tmp_path / "matches.csv"
    completed = subprocess.run(  # noqa: S603  (our own interpreter running our own module)
        [sys.executable, "-m", "mentoring.matching", "--edges", str(edges), "--capacity", str(capacity),
         "--out", str(out)],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert out.read_text() == "mentee,mentor,score\na,M1,3.5\nc,M2,0.25\n"
    assert completed.stdout == (f"Matched 2 of 3 mentees (66.7%), total score 3.75, 1 unmatched; wrote {out}.\n")
    assert completed.stderr == ""


def test_bom_crlf_spaces_blank_lines_and_extra_columns_are_accepted(files, capsys, tmp_path):
    edges = "\ufeffnote , mentee,mentor ,score\r\nx, a , M1 ,3.5\r\n\r\ny,b,M2,1.0000004\r\n"
    code, out, err = run(files(edges=edges.encode("utf-8")), capsys)
    assert (code, err) == (0, "")
    assert (tmp_path / "matches.csv").read_text() == "mentee,mentor,score\na,M1,3.5\nb,M2,1\n"


def test_the_fairness_file_switches_the_floor_on(files, capsys, tmp_path):
    edges = "mentee,mentor,score\no1,M1,10\no2,M2,10\nu1,M1,1\nu2,M2,2\n"
    code, out, _ = run(files(edges=edges, fairness="mentee\nu1\nu2\n"), capsys)
    assert code == 0
    assert (tmp_path / "matches.csv").read_text() == "mentee,mentor,score\no1,M1,10\nu2,M2,2\n"
    assert out.endswith("Under-represented: 1 of 2 matched (50.0%), others 1 of 2 (50.0%); the floor bound the "
                        "result (score given up: 8).\n")


@pytest.mark.parametrize(
    ("edges", "capacity", "fairness", "message"),
    [
        ("mentee,mentor,points\na,M1,1\n", CAPACITY, None,
         "edges.csv, row 1: missing column 'score' (the header has mentee, mentor, points)"),
        ("", CAPACITY, None, "edges.csv, row 1: is empty; the first row must be the header mentee,mentor,score"),
        ("mentee,mentor,score\na,M1,1\n,M2,1\n", CAPACITY, None, "edges.csv, row 3: mentee is empty"),
        ("mentee,mentor,score\na,M1,1\nb, ,1\n", CAPACITY, None, "edges.csv, row 3: mentor is empty"),
        ("mentee,mentor,score\na,M1,lots\n", CAPACITY, None,
         "edges.csv, row 2: score 'lots' is not a number (use digits and a decimal point)"),
        ("mentee,mentor,score\na,M1,NaN\n", CAPACITY, None,
         "edges.csv, row 2: score 'NaN' is not a number (use digits and a decimal point)"),
        ("mentee,mentor,score\na,M1,inf\n", CAPACITY, None,
         "edges.csv, row 2: score 'inf' is not a number (use digits and a decimal point)"),
        ("mentee,mentor,score\na,M1,\n", CAPACITY, None, "edges.csv, row 2: score is empty"),
        ("mentee,mentor,score\na,M1,1e7\n", CAPACITY, None,
         "edges.csv, row 2: score '1e7' is outside -1,000,000 to 1,000,000"),
        ("mentee,mentor,score\na,M1,1\nb,M1,2\na,M1,3\n", CAPACITY, None,
         "edges.csv, row 4: pair (a, M1) is already given in row 2"),
        ("mentee,mentor,score\na,M1,1,9\n", CAPACITY, None,
         "edges.csv, row 2: 4 values but the header has only 3 columns"),
        ("mentee,mentor,score\na,M1\n", CAPACITY, None, "edges.csv, row 2: 2 values but the header has 3 columns"),
        ("mentee,mentor,score\na,M1,\"1\n", CAPACITY, None, "edges.csv, row 2: is not valid CSV"),
        ("mentee,mentor,score\na,M3,1\n", CAPACITY, None, "edges.csv, row 2: mentor 'M3' has no row in"),
        (EDGES, "mentor,capacity\nM1,1\nM2,1.5\n", None,
         "capacity.csv, row 3: capacity '1.5' is not a whole number of 0 or more"),
        (EDGES, "mentor,capacity\nM1,-1\n", None,
         "capacity.csv, row 2: capacity '-1' is not a whole number of 0 or more"),
        (EDGES, "mentor,capacity\nM1,\n", None, "capacity.csv, row 2: capacity '' is not a whole number of 0 or more"),
        (EDGES, "mentor,capacity\nM1,1\nM2,2\nM1,3\n", None,
         "capacity.csv, row 4: mentor 'M1' is already given in row 2"),
        (EDGES, "mentor\nM1\n", None, "capacity.csv, row 1: missing column 'capacity' (the header has mentor)"),
        (EDGES, CAPACITY, "mentee\na\nzed\n",
         "group.csv, row 3: mentee 'zed' has no allowed pair in the edges file"),
        (EDGES, CAPACITY, "mentee\na\na\n", "group.csv, row 3: mentee 'a' is already given in row 2"),
        (EDGES, CAPACITY, "who\na\n", "group.csv, row 1: missing column 'mentee' (the header has who)"),
    ],
)
def test_malformed_files_are_refused_with_file_row_and_reason(files, capsys, tmp_path, edges, capacity, fairness,
                                                              message):
    out = tmp_path / "matches.csv"
    out.write_text("previous run\n")
    code, stdout, err = run(files(edges=edges, capacity=capacity, fairness=fairness), capsys)
    assert code == 2
    assert stdout == ""
    assert err.startswith(f"error: {tmp_path}/")
    assert message in err
    assert out.read_text() == "previous run\n"  # nothing written
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".matches")] == []


def test_text_that_is_not_utf8_is_refused_at_its_row(files, capsys):
    code, _, err = run(files(edges=b"mentee,mentor,score\na,M1,1\nb\xe9,M1,2\n"), capsys)
    assert code == 2
    assert "edges.csv, row 3: is not UTF-8 text (byte 0xe9)" in err


def test_missing_input_and_output_folders_are_refused(files, capsys, tmp_path):
    arguments = files()
    arguments[1] = str(tmp_path / "nowhere.csv")
    code, _, err = run(arguments, capsys)
    assert code == 2 and f"error: {tmp_path}/nowhere.csv: cannot be read (No such file or directory)" in err
    arguments = files()
    arguments[-1] = str(tmp_path / "missing" / "matches.csv")
    code, _, err = run(arguments, capsys)
    assert code == 2 and "matches.csv: its folder does not exist" in err


def test_a_file_with_no_allowed_pair_writes_an_empty_result_and_says_why(files, capsys, tmp_path):
    code, out, _ = run(files(edges="mentee,mentor,score\n"), capsys)
    assert code == 0
    assert (tmp_path / "matches.csv").read_text() == "mentee,mentor,score\n"
    assert "Matched 0 of 0 mentees (n/a)" in out and "There are no mentees in the round." in out


def test_usage_errors_exit_2(capsys):
    with pytest.raises(SystemExit) as exited:
        main(["--edges", "e.csv"])
    assert exited.value.code == 2
    assert "the following arguments are required: --capacity, --out" in capsys.readouterr().err


def test_the_engine_and_its_command_import_no_django():
    """Staff run the command offline, without the project's settings; the Django side builds on the engine."""
    completed = subprocess.run(  # noqa: S603  (our own interpreter, a fixed snippet)
        [sys.executable, "-c", "import sys, mentoring.matching, mentoring.matching.__main__; "
         "print(sorted(m for m in sys.modules if m.split('.')[0] in ('django', 'wagtail')))"],
        cwd=ROOT, capture_output=True, text=True, check=True, env={"PATH": "/usr/bin:/bin"},
    )
    assert completed.stdout.strip() == "[]"
