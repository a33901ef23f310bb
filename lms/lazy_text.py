"""Translated text with values filled in when it is read, not when the module is imported.

`gettext_lazy("... %(limit)d ...") % {...}` in a class body or at module level translates the text at import time
(`%` on a lazy string evaluates it), freezing it in the language active then, usually English. `interpolated`
keeps it lazy: the translation and the `%` happen each time the text is turned into a string, in the language of
that request. tests/lms/test_lazy_text_guard.py fails on any lazy text interpolated outside a function body.
"""

from __future__ import annotations

from typing import Any

from django.utils.functional import Promise, lazy


def _fill(text: str | Promise, values: dict[str, Any]) -> str:
    return str(text) % values


interpolated = lazy(_fill, str)
"""`interpolated(gettext_lazy("At most %(limit)d."), {"limit": 24})`: a lazy string, translated when read."""
