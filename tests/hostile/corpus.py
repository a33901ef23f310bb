"""Reads the hostile-input corpus: plain-text files in this folder, one case per line, so a new nasty input is one
line added, not code.

The format, kept tiny on purpose:

- a line is one case, read exactly as written except for escapes; blank lines and lines starting with `#` are
  skipped (write `\\#` or `\\@` for a case that starts with `#` or `@`, `@empty` for the empty string);
- escapes: `\\xNN`, `\\uNNNN`, `\\UNNNNNNNN` (any code point, lone surrogates included, so they reach JSON and form
  encoders as a Python str would), `\\n`, `\\r`, `\\t`, `\\s` (a space, for leading or trailing ones), `\\\\`;
- `@repeat <text> <count>`: the (escaped) text repeated count times, for the over-long inputs; `@repeat <text>
  <count> @then <more>` adds the (escaped) text after ` @then ` once at the end (a long cell followed by others);
- `@rows <count> <text>`: count lines, each the text with `{n}` replaced by the line's number (1-based), joined by
  `\\n`; used by the generated CSV files (`*.recipe`).

Generated cases are bounded: anything above MAX_CASE_BYTES (about 1 MB as UTF-8) is refused when the file is read,
so a typo in a count cannot make the suite allocate gigabytes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
MAX_CASE_BYTES = 1_100_000  # "about 1 MB": room for 50,000 short generated rows
MAX_COUNT = 1_000_000

_ESCAPE = re.compile(r"\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[nrts\\#@])")
_SIMPLE = {"n": "\n", "r": "\r", "t": "\t", "s": " ", "\\": "\\", "#": "#", "@": "@"}


class CorpusError(ValueError):
    """A corpus line that cannot be read (bad escape, bad directive, case too large)."""


@dataclass(frozen=True)
class Case:
    """One hostile input and where it came from, so a failure names the line to look at."""

    value: str
    source: str  # "strings.txt:12"

    def __str__(self) -> str:
        return self.source


def unescape(text: str) -> str:
    def replace(match: re.Match) -> str:
        token = match.group(1)
        if token[0] in "xuU":
            return chr(int(token[1:], 16))
        return _SIMPLE[token]

    leftover = _ESCAPE.sub("", text)
    if "\\" in leftover:
        raise CorpusError(f"unknown escape in {text!r}: write a backslash as \\\\")
    return _ESCAPE.sub(replace, text)


def _count(word: str, line: str) -> int:
    if not word.isdigit() or not 0 < int(word) <= MAX_COUNT:
        raise CorpusError(f"{line!r}: the count must be a whole number from 1 to {MAX_COUNT}")
    return int(word)


def read_line(line: str) -> str:
    """The case a corpus line stands for."""
    if line == "@empty":
        return ""
    if line.startswith("@repeat "):
        repeated, _, then = line[len("@repeat ") :].partition(" @then ")
        text, _, count = repeated.rpartition(" ")
        unit = unescape(text)
        _fits(len(unit.encode("utf-8", "surrogatepass")) * _count(count, line), line)
        value = unit * _count(count, line) + unescape(then)
    elif line.startswith("@rows "):
        count, _, text = line[len("@rows ") :].partition(" ")
        template = unescape(text)
        _fits((len(template.encode("utf-8", "surrogatepass")) + 8) * _count(count, line), line)
        value = "\n".join(template.replace("{n}", str(n)) for n in range(1, _count(count, line) + 1))
    elif line.startswith("@"):
        raise CorpusError(f"unknown directive {line!r} (known: @empty, @repeat, @rows)")
    else:
        value = unescape(line)
    _fits(len(value.encode("utf-8", "surrogatepass")), line)
    return value


def _fits(size: int, line: str) -> None:
    """Checked before a generated case is built, so an oversized count is refused without allocating it."""
    if size > MAX_CASE_BYTES:
        raise CorpusError(f"{line[:60]!r}... makes a case above {MAX_CASE_BYTES:,} bytes")


def cases(name: str) -> list[Case]:
    """Every case of one corpus file (e.g. "strings.txt"), in file order."""
    path = HERE / name
    found = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line or line.startswith("#"):
            continue
        found.append(Case(read_line(line), f"{name}:{number}"))
    return found


def recipe(path: Path) -> bytes:
    """A generated file: each corpus line of the recipe is one line of the file, written as UTF-8."""
    lines = [read_line(line) for line in path.read_text(encoding="utf-8").splitlines() if line and line[0] != "#"]
    data = "\n".join(lines).encode("utf-8") + b"\n"
    if len(data) > MAX_CASE_BYTES:
        raise CorpusError(f"{path.name} makes a file above {MAX_CASE_BYTES:,} bytes")
    return data


def files(folder: str) -> list[tuple[str, bytes]]:
    """Every file of a corpus folder as (name, bytes): raw files as they are, `*.recipe` files generated."""
    found = []
    for path in sorted((HERE / folder).iterdir()):
        if path.name.startswith(".") or path.name == "README.txt":
            continue
        if path.suffix == ".recipe":
            found.append((path.stem, recipe(path)))
        else:
            found.append((path.name, path.read_bytes()))
    return found


def sample(every: list[Case], stride: int, offset: int) -> list[Case]:
    """Every `stride`-th case starting at `offset`: different fields get different slices, so the whole corpus is
    replayed across a form while each field gets a bounded share."""
    return [case for index, case in enumerate(every) if index % stride == offset % stride]
