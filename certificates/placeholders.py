"""The placeholders a certificate's title and body may use, how to find mistakes in them, and how to fill them.

A body is plain text: `{{ name }}` (spaces optional) is the only syntax, so staff cannot reach template
tags or attributes, and a mistake is found by name at save time instead of printing on a member's certificate.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

PLACEHOLDERS: dict[str, StrOrPromise] = {
    "member_name": gettext_lazy("The member's name as printed"),
    "achievement": gettext_lazy("What the certificate is for: the course, workshop or webinar title"),
    "issue_date": gettext_lazy("The date the certificate was issued"),
    "expiry_date": gettext_lazy("The date the certificate expires, if it does"),
    "cpd_hours": gettext_lazy("The CPD hours awarded, e.g. 1.5"),
    "credit_type": gettext_lazy("The kind of CPD credit awarded"),
    "verification_code": gettext_lazy("The code anyone can use to check the certificate"),
    "verification_url": gettext_lazy("The web address of the certificate's verification page"),
    "issuer_name": gettext_lazy("The name of the organisation issuing the certificate"),
}

_OPEN, _CLOSE = "{{", "}}"
_NAME = re.compile(r"\s*([A-Za-z_][A-Za-z0-9_]*)\s*")
_OTHER_TEMPLATE_SYNTAX = re.compile(r"\{%.*?%\}|\{#.*?#\}|\{%|%\}", re.DOTALL)
_FRAGMENT_PREVIEW = 30


@dataclass(frozen=True)
class _Token:
    start: int
    end: int
    name: str | None  # None: the fragment is malformed
    fragment: str  # what to show staff


def _unclosed_fragment(text: str, start: int) -> str:
    """An opening `{{` with no closing: show it up to the end of its line or the next `{{`, kept short."""
    stops = [found for found in (text.find("\n", start), text.find(_OPEN, start + len(_OPEN))) if found != -1]
    fragment = text[start : min(stops, default=len(text))].rstrip()
    if len(fragment) > _FRAGMENT_PREVIEW:
        fragment = fragment[:_FRAGMENT_PREVIEW] + "…"
    return fragment


def _stray_fragment(text: str, end: int) -> str:
    """A closing `}}` with no opening: show it with what precedes it on its line, kept short."""
    line_start = text.rfind("\n", 0, end) + 1
    fragment = text[max(line_start, end - _FRAGMENT_PREVIEW) : end].lstrip()
    return fragment if end - line_start <= _FRAGMENT_PREVIEW else "…" + fragment


def _scan(text: str) -> Iterator[_Token]:
    """Every `{{ ... }}` in order, plus fragments that look like template syntax but are not a placeholder."""
    position = 0
    while True:
        start = text.find(_OPEN, position)
        segment_end = len(text) if start == -1 else start
        # A closing "}}" before any opening one is a stray half of a placeholder.
        stray = text.find(_CLOSE, position, segment_end)
        if stray != -1:
            yield _Token(stray, stray + len(_CLOSE), None, _stray_fragment(text, stray + len(_CLOSE)))
        if start == -1:
            return
        end = text.find(_CLOSE, start + len(_OPEN))
        reopened = text.find(_OPEN, start + len(_OPEN))
        if end == -1 or (reopened != -1 and reopened < end):
            yield _Token(start, start + len(_OPEN), None, _unclosed_fragment(text, start))
            position = start + len(_OPEN)
            continue
        match = _NAME.fullmatch(text, start + len(_OPEN), end)
        whole = text[start : end + len(_CLOSE)]
        yield _Token(start, end + len(_CLOSE), match.group(1) if match else None, whole)
        position = end + len(_CLOSE)


def unknown_placeholders(text: str) -> list[str]:
    """Names used in `text` that are not in PLACEHOLDERS, each once, in order of first use."""
    unknown: list[str] = []
    for token in _scan(text):
        if token.name is not None and token.name not in PLACEHOLDERS and token.name not in unknown:
            unknown.append(token.name)
    return unknown


def malformed_placeholders(text: str) -> list[str]:
    """Fragments that are not a well-formed `{{ name }}`: unclosed, empty, stray `}}`, filters, template tags."""
    fragments = [token.fragment for token in _scan(text) if token.name is None]
    fragments.extend(match.group(0) for match in _OTHER_TEMPLATE_SYNTAX.finditer(text))
    return fragments


def placeholder_problems(text: str) -> list[str]:
    """One sentence per problem, naming it, for a save-time form error or a render failure reason."""
    problems = [
        _("Unknown placeholder “{{ %(name)s }}”; the placeholders are: %(known)s.")
        % {"name": name, "known": ", ".join(PLACEHOLDERS)}
        for name in unknown_placeholders(text)
    ]
    problems.extend(
        _("“%(fragment)s” is not a placeholder; write placeholders as {{ name }}.") % {"fragment": fragment}
        for fragment in malformed_placeholders(text)
    )
    return problems


def fill_placeholders(text: str, values: Mapping[str, str]) -> str:
    """Put each value in place of its placeholder in one pass, so a value that itself contains `{{ ... }}`
    is printed as it is. Unknown and malformed fragments stay as written; check them first."""
    pieces: list[str] = []
    position = 0
    for token in _scan(text):
        if token.name is None or token.name not in PLACEHOLDERS:
            continue
        if token.name not in values:
            raise KeyError(f"No value given for the placeholder {token.name!r}")
        pieces.append(text[position : token.start])
        pieces.append(str(values[token.name]))
        position = token.end
    pieces.append(text[position:])
    return "".join(pieces)
