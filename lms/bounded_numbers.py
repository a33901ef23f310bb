"""Numbers read from people and files, bounded before any arithmetic touches them.

Python's Decimal and int accept text whose cost grows with what it says rather than with its length: turning
`1e10000000` into an int takes minutes, `abs()` of `1e999999999` raises decimal.Overflow. Every number typed by a
person or read from an uploaded or local file goes through this module first, which checks the text itself (its
length, its digits, its exponent) and then the value's range, so callers only ever do arithmetic on small numbers.

Plain standard library on purpose: the offline matching command (mentoring/matching/) uses it without Django.
Messages are English templates marked for translation; Django callers show `error.translated()`.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TypeVar

N = TypeVar("N", int, Decimal)  # the kinds of number read here

MAX_TEXT_LENGTH = 40  # characters of a number as written, signs and exponent included
MAX_DIGITS = 30  # digits before the exponent
MAX_EXPONENT = 999  # |exponent| as written; far beyond any bound a caller sets, far below anything costly
MAX_WHOLE_DIGITS = 19  # a whole number fits a signed 64-bit column with these

_DECIMAL = re.compile(r"([+-]?)([0-9]*)(?:\.([0-9]*))?(?:[eE]([+-]?[0-9]+))?")
_WHOLE = re.compile(r"[+-]?[0-9]+")
_NOT_FINITE = re.compile(r"[+-]?(nan|snan|inf|infinity)", re.IGNORECASE)


def gettext_noop(message: str) -> str:
    """Marks a message for extraction (makemessages looks for this name); it is translated where it is shown."""
    return message


MESSAGES = {
    "empty": gettext_noop("No number was given."),
    "too_long": gettext_noop("“%(text)s” is too long to be a number (at most %(limit)s characters)."),
    "not_finite": gettext_noop("“%(text)s” is not a finite number."),
    "not_a_number": gettext_noop("“%(text)s” is not a number (write digits, with a decimal point if needed)."),
    "not_whole": gettext_noop("“%(text)s” is not a whole number."),
    "too_many_digits": gettext_noop("“%(text)s” has more than %(limit)s digits."),
    "exponent": gettext_noop("“%(text)s” has an exponent beyond %(limit)s."),
    "too_large": gettext_noop("“%(text)s” is more than %(limit)s."),
    "too_small": gettext_noop("“%(text)s” is less than %(limit)s."),
}


class NumberRefused(ValueError):
    """Text that is not a number within the caller's bounds; `code` says which check refused it."""

    def __init__(self, code: str, text: str, limit: object = None):
        self.code = code
        self.text = text if len(text) <= MAX_TEXT_LENGTH else text[:MAX_TEXT_LENGTH] + "…"
        self.limit = limit
        super().__init__(self.template % self.params)

    @property
    def template(self) -> str:
        return MESSAGES[self.code]

    @property
    def params(self) -> dict[str, object]:
        return {"text": self.text, "limit": self.limit}

    def translated(self) -> str:
        """The message in the active language (for Django views and forms)."""
        from django.utils.translation import gettext

        return gettext(self.template) % self.params


def _checked_text(text: str) -> str:
    if not isinstance(text, str):
        raise TypeError("bounded numbers are read from text")
    stripped = text.strip()
    if not stripped:
        raise NumberRefused("empty", stripped)
    if len(stripped) > MAX_TEXT_LENGTH:
        raise NumberRefused("too_long", stripped, MAX_TEXT_LENGTH)
    return stripped


def read_decimal(text: str, *, minimum: Decimal | int, maximum: Decimal | int, max_digits: int = MAX_DIGITS) -> Decimal:
    """A finite Decimal within [minimum, maximum] from text such as `45`, `-1.5`, `.5` or `2.5e3`.

    Refuses NaN, infinities, more than `max_digits` digits and exponents beyond +-MAX_EXPONENT before building the
    Decimal, so no step costs more than the (bounded) length of the text.
    """
    stripped = _checked_text(text)
    if _NOT_FINITE.fullmatch(stripped):
        raise NumberRefused("not_finite", stripped)
    match = _DECIMAL.fullmatch(stripped)
    if not match or not (match[2] or match[3]):
        raise NumberRefused("not_a_number", stripped)
    digits = len(match[2]) + len(match[3] or "")
    if digits > max_digits:
        raise NumberRefused("too_many_digits", stripped, max_digits)
    if match[4] is not None and abs(int(match[4])) > MAX_EXPONENT:
        raise NumberRefused("exponent", stripped, MAX_EXPONENT)
    return _within(Decimal(stripped), stripped, Decimal(minimum), Decimal(maximum))


def read_whole(text: str, *, minimum: int, maximum: int) -> int:
    """An int within [minimum, maximum] from plain digits (an optional sign, no decimal point or exponent)."""
    stripped = _checked_text(text)
    if not _WHOLE.fullmatch(stripped):
        if _NOT_FINITE.fullmatch(stripped) or _DECIMAL.fullmatch(stripped):
            raise NumberRefused("not_whole", stripped)
        raise NumberRefused("not_a_number", stripped)
    if len(stripped.lstrip("+-").lstrip("0")) > MAX_WHOLE_DIGITS:
        raise NumberRefused("too_many_digits", stripped, MAX_WHOLE_DIGITS)
    return _within(int(stripped), stripped, minimum, maximum)


def _within(value: N, text: str, minimum: N, maximum: N) -> N:
    if value > maximum:
        raise NumberRefused("too_large", text, maximum)
    if value < minimum:
        raise NumberRefused("too_small", text, minimum)
    return value
