"""Every file in tests/hostile/cli/ through `python -m mentoring.matching`, run as staff would (a subprocess): the
command ends with 0 (used) or 2 (refused, with a message naming the file, and the row when the problem is in one),
never with a Python traceback, writes nothing when it refuses, and finishes within the hang guard."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.hostile import corpus
from tests.hostile.replay import BOUND_SECONDS, within_bound

ROOT = Path(__file__).resolve().parents[2]
GOOD = {
    "edges": "mentee,mentor,score\na,M1,3\nb,M2,1.5\n",
    "capacity": "mentor,capacity\nM1,1\nM2,1\n",
}
# Known findings, each routed to the module that owns the fix; strict, so the fix turns this list red until the
# entry is removed.
KNOWN: dict[str, str] = {}
CASES = [
    pytest.param(
        name, data, id=name, marks=[pytest.mark.xfail(strict=True, reason=KNOWN[name])] if name in KNOWN else []
    )
    for name, data in corpus.files("cli")
]


@pytest.mark.parametrize(("name", "data"), CASES)
def test_the_matching_command_refuses_or_uses_each_hostile_file(tmp_path, name: str, data: bytes):
    role = name.split("-")[0]
    assert role in ("edges", "capacity", "fairness"), f"{name}: start the name with edges-, capacity- or fairness-"
    paths = {}
    for option in ("edges", "capacity", "fairness"):
        if option == role:
            paths[option] = tmp_path / name
            paths[option].write_bytes(data)
        elif option in GOOD:
            paths[option] = tmp_path / f"good-{option}.csv"
            paths[option].write_text(GOOD[option], encoding="utf-8")
    out = tmp_path / "matches.csv"
    arguments = [item for option, path in paths.items() for item in (f"--{option}", str(path))]
    completed = within_bound(
        lambda: subprocess.run(  # noqa: S603  (our own interpreter running our own module)
            [sys.executable, "-m", "mentoring.matching", *arguments, "--out", str(out)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            errors="replace",
            check=False,
            timeout=BOUND_SECONDS * 3,
        ),
        f"python -m mentoring.matching with {name}",
    )
    assert "Traceback" not in completed.stderr, completed.stderr[-2000:]
    assert completed.returncode in (0, 2), f"exit {completed.returncode}: {completed.stderr[-2000:]}"
    if completed.returncode == 2:
        assert str(paths[role]) in completed.stderr, f"the refusal does not name the file: {completed.stderr}"
        assert not out.exists(), "a refused run wrote its output"
    else:
        assert completed.stderr == ""
        assert out.read_text(encoding="utf-8").startswith("mentee,mentor,score\n")
