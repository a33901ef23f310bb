"""What every package's demo shares: reading its content from YAML files into typed specs (refusing bad input by
file and entry), and the run `manage.py load_demo` hands each package's `demo.load`.

Each feature package keeps its demo content as data (`<package>/demo/content/<language>/*.yaml`), the specs it
reads them into and the builder that turns them into objects; this module is the one reader they share, so every
package's bad input gets the same kind of error: which file, which entry, which field, and what was wrong.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import time
from pathlib import Path
from typing import Any, TypeVar

import yaml

T = TypeVar("T")


class DemoError(Exception):
    """The demo cannot be loaded as asked; `load_demo` prints the message and changes nothing."""


class DemoContentError(DemoError, ValueError):
    """A demo content file that cannot be read as written; the message names the file and the entry."""


@dataclass(frozen=True)
class DemoRun:
    """What `load_demo` gives each package's `demo.load(run)`: where its summary goes, the command's styles, and
    how much to show (0: no progress display)."""

    write: Callable[[str], None]
    success: Callable[[str], str]
    verbosity: int = 1


def read_yaml(path: Path) -> Any:
    """The parsed document, or a DemoContentError naming the file (and the line, when YAML knows it)."""
    try:
        with path.open(encoding="utf-8") as stream:
            return yaml.safe_load(stream)
    except OSError as error:
        raise DemoContentError(f"{path}: cannot be read ({error.strerror}).") from error
    except yaml.YAMLError as error:
        raise DemoContentError(f"{path}: is not valid YAML: {error}") from error


def language_dirs(content_dir: Path) -> Iterator[tuple[str, Path]]:
    """Each language's folder under a package's content, in a stable (alphabetical) order."""
    for folder in sorted(content_dir.iterdir()):
        if folder.is_dir() and not folder.name.startswith(("_", ".")):
            yield folder.name, folder


def entries(path: Path, document: Any, key: str) -> list[tuple[str, Any]]:
    """The list under `key` in a file's mapping, each entry paired with where it is, for error messages."""
    if document is None:
        return []
    if not isinstance(document, dict):
        raise DemoContentError(f"{path}: expected a mapping at the top, found {type(document).__name__}.")
    items = document.get(key, [])
    if not isinstance(items, list):
        raise DemoContentError(f"{path}: {key!r} must be a list, found {type(items).__name__}.")
    return [(f"{path}: {key}[{number}]", item) for number, item in enumerate(items)]


def build(spec: type[T], value: Any, where: str) -> T:
    """A spec dataclass from a mapping: unknown or missing fields and values of the wrong type are refused, with
    `where` (file and entry) and the field's name in the message."""
    return _convert(spec, value, where)


def _convert(kind: Any, value: Any, where: str) -> Any:
    origin = typing.get_origin(kind)
    if dataclasses.is_dataclass(kind):
        return _dataclass(kind, value, where)
    if origin in (typing.Union, types.UnionType):
        options = typing.get_args(kind)
        if value is None and type(None) in options:
            return None
        errors = []
        for option in options:
            if option is type(None):
                continue
            try:
                return _convert(option, value, where)
            except DemoContentError as error:
                errors.append(str(error))
        raise DemoContentError(errors[-1] if errors else f"{where}: unexpected value {value!r}.")
    if origin is tuple:
        item_kind = typing.get_args(kind)[0]
        if not isinstance(value, list):
            raise DemoContentError(f"{where}: expected a list, found {value!r}.")
        return tuple(_convert(item_kind, item, f"{where}[{n}]") for n, item in enumerate(value))
    if origin is dict or kind is dict:
        if not isinstance(value, dict):
            raise DemoContentError(f"{where}: expected a mapping, found {value!r}.")
        return dict(value)
    if kind is time:
        return _time(value, where)
    if kind is Any:
        return value
    if kind is bool:
        if not isinstance(value, bool):
            raise DemoContentError(f"{where}: expected true or false, found {value!r}.")
        return value
    if kind is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise DemoContentError(f"{where}: expected a whole number, found {value!r}.")
        return value
    if kind is str:
        if not isinstance(value, str):
            raise DemoContentError(f"{where}: expected text, found {value!r} (quote it).")
        return value
    raise TypeError(f"{where}: no reader for {kind!r}")  # a spec's annotation, not the data, is wrong


def _dataclass(spec: Any, value: Any, where: str) -> Any:
    if not isinstance(value, dict):
        raise DemoContentError(f"{where}: expected a mapping of {spec.__name__} fields, found {value!r}.")
    where = _named(where, value)
    hints = typing.get_type_hints(spec)
    fields = {f.name: f for f in dataclasses.fields(spec) if f.init}
    unknown = sorted(set(value) - set(fields))
    if unknown:
        raise DemoContentError(f"{where}: unknown field(s) {', '.join(map(str, unknown))}; "
                               f"expected some of {', '.join(fields)}.")
    missing = [name for name, f in fields.items() if name not in value
               and f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING]
    if missing:
        raise DemoContentError(f"{where}: missing field(s) {', '.join(missing)}.")
    values = {name: _convert(hints[name], item, f"{where}, field {name!r}") for name, item in value.items()}
    return spec(**values)


def _named(where: str, value: dict) -> str:
    """An entry's key or name beside its position, so a message points at it in a long file."""
    for field_name in ("key", "slug", "name", "title", "email", "local"):
        if isinstance(value.get(field_name), str) and value[field_name]:
            return f"{where} ({value[field_name]})"
    return where


def _time(value: Any, where: str) -> time:
    """A wall-clock time written "HH:MM"."""
    if isinstance(value, str):
        try:
            return time.fromisoformat(value)
        except ValueError:
            pass
    raise DemoContentError(f"{where}: expected a time as \"HH:MM\", found {value!r}.")


def refuse(where: str, problem: str) -> typing.NoReturn:
    """Cross-reference checks (an unknown key, a duplicate) end here, in the same shape as the reader's errors."""
    raise DemoContentError(f"{where}: {problem}")
