"""The arrows inside `courses` (see courses/__init__.py and docs/architecture.md), read from the source: a new import
that points the wrong way fails here, naming the file and the module it imported."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import courses

ROOT = Path(courses.__file__).parent

# What each part must not import, at any level of the file.
FORBIDDEN = {
    "learning": ("courses.events", "courses.catalog", "courses.paths", "courses.dashboard", "certificates", "mentoring",
                 "search"),
    "events": ("courses.catalog", "courses.paths", "courses.dashboard", "certificates", "mentoring", "search"),
    "catalog": ("courses.learning", "courses.paths", "courses.dashboard", "certificates", "mentoring", "search"),
    # Paths read the facts learning and events keep (their models), never their rules or views; and nothing in
    # learning, events or catalog imports paths (the catalog page reaches its paths' listing inside get_context).
    "paths": ("courses.learning", "courses.events", "courses.catalog", "courses.dashboard", "certificates",
              "mentoring", "search"),
}
# What the model modules may import when Django loads them; page routes reach views inside the method.
MODELS_MAY_LOAD = ("courses.models", "courses.signals", "courses.learning.blocks", "courses.events.blocks",
                   "courses.events.times", "courses.events.session_editing", "courses.paths.blocks",
                   "courses.paths.step_editing", "courses.original_parts")


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path, top_level_only: bool = False) -> list[str]:
    """Every module the file imports (relative imports resolved; `from x import y` counts x.y as well)."""
    tree = ast.parse(path.read_text())
    package = module_name(path) if path.name == "__init__.py" else module_name(path).rpartition(".")[0]
    nodes = tree.body if top_level_only else list(ast.walk(tree))
    found = []
    for node in nodes:
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join(anchor + ([base] if base else []))
            found.append(base)
            found += [f"{base}.{alias.name}" for alias in node.names]
    return found


def sources(part: str) -> list[Path]:
    return sorted((ROOT / part).rglob("*.py"))


@pytest.mark.parametrize("part", sorted(FORBIDDEN))
def test_each_part_imports_only_what_it_may(part):
    wrong = [
        f"{path.relative_to(ROOT.parent)} imports {name}"
        for path in sources(part)
        for name in imports(path)
        if any(name == banned or name.startswith(banned + ".") for banned in FORBIDDEN[part])
    ]
    assert wrong == []


def test_models_load_only_leaf_modules_of_the_parts():
    wrong = [
        f"{path.relative_to(ROOT.parent)} imports {name} when loaded"
        for path in sources("models")
        for name in imports(path, top_level_only=True)
        if name.startswith("courses") and not any(name == ok or name.startswith(ok + ".") for ok in MODELS_MAY_LOAD)
    ]
    assert wrong == []
