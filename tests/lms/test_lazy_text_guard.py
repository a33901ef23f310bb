"""Guard: no lazy translated text is interpolated (`%` or `.format`) outside a function body. Done at import time
(a class body, module level) it is translated once, in the import's language, and every page shows that language;
lms/lazy_text.interpolated fills it in when read. The check parses every module of the project."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SKIP = {".venv", "node_modules", ".git", "migrations"}
LAZY = {"gettext_lazy", "pgettext_lazy", "ngettext_lazy", "npgettext_lazy", "ugettext_lazy"}


def modules() -> list[Path]:
    return [path for path in ROOT.rglob("*.py") if not SKIP & set(path.relative_to(ROOT).parts)]


def lazy_names(tree: ast.Module) -> set[str]:
    """The names a module calls the lazy gettext functions by (`gettext_lazy as _`)."""
    names = set(LAZY)
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("django.utils.translation"):
            names |= {alias.asname or alias.name for alias in node.names if alias.name in LAZY}
    return names


def is_lazy_call(node: ast.AST, names: set[str]) -> bool:
    if not isinstance(node, ast.Call):
        return False
    func = node.func
    return (isinstance(func, ast.Name) and func.id in names) or (isinstance(func, ast.Attribute) and func.attr in LAZY)


def import_time_interpolations(tree: ast.Module) -> list[int]:
    """Lines where lazy text is interpolated outside any function body."""
    names, found = lazy_names(tree), []

    def visit(node: ast.AST) -> None:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            return  # runs when called, in the caller's language
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod) and is_lazy_call(node.left, names):
            found.append(node.lineno)
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format"
                and is_lazy_call(node.func.value, names)):
            found.append(node.lineno)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


def test_the_guard_finds_an_import_time_interpolation_and_allows_one_in_a_function():
    tree = ast.parse(
        "from django.utils.translation import gettext_lazy as _\n"
        "class Form:\n    help = _('At most %(n)d') % {'n': 1}\n"
        "LABEL = _('{n} hours').format(n=2)\n"
        "def read():\n    return _('At most %(n)d') % {'n': 1}\n")
    assert import_time_interpolations(tree) == [3, 4]


def test_no_lazy_text_is_interpolated_at_import_time():
    offenders = [f"{path.relative_to(ROOT)}:{line}" for path in modules()
                 for line in import_time_interpolations(ast.parse(path.read_text(encoding="utf-8")))]
    assert offenders == []
