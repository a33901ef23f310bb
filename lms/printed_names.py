"""What a name or title must be before the platform prints it on certificates, exports, e-mails and pages.

Text is normalised to Unicode NFC (one spelling for what looks the same), then refused if it holds a character
that changes how the rest prints or that no reader can see:

- control characters (Unicode category Cc: NUL, TAB, CR, LF, ESC...): they split lines in e-mails and CSV files and
  drive terminals;
- line and paragraph separators (U+2028, U+2029), for the same reason;
- bidi embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069): `Bob\\u202egnp.exe` prints as
  "Bobexe.png";
- every other format character (category Cf), the left-to-right and right-to-left marks (U+200E, U+200F) and the
  Arabic letter mark (U+061C) included. Marks cannot reverse a run of letters, but at the ends of a name they move
  neutral characters (digits, punctuation) across it wherever the name is not isolated (CSV, plain-text e-mail),
  and the platform never needs them: pages and certificates set each name's direction themselves;
- except the zero-width joiner and non-joiner (U+200D, U+200C) between two letters of the scripts that use them
  (Arabic, Persian, the Indic scripts and the others encoded after Cyrillic), where they choose a letter's form;
  in Latin, Greek and Cyrillic a joiner shows nothing and could only hide a difference;
- private-use characters, surrogates and noncharacters: no font prints them as the person meant;
- more than MAX_MARKS_PER_LETTER combining marks on one letter (real scripts stack at most four or five; a longer
  stack draws over the lines above and below);
- text with no letter or digit at all (only spaces, marks or invisible characters).

A leading "=", "+", "-" or "@" is allowed: names such as "-Ann" are rare but real, and titles may start with a
number sign; the spreadsheet writer (`lms/spreadsheets.py`) keeps such cells from running as formulas.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# A name part fits the Member columns (150, as Django's first_name and last_name): room for the longest real
# given or family names (several given names, compound family names) in any script.
MAX_NAME_LENGTH = 150
# Titles fit Wagtail's page title column.
MAX_TITLE_LENGTH = 255
# Vietnamese uses two marks per letter, Devanagari and Tibetan stacks four or five; Unicode's stream-safe format
# allows thirty, far more than any word prints.
MAX_MARKS_PER_LETTER = 8

BIDI_CONTROLS = frozenset(range(0x202A, 0x202F)) | frozenset(range(0x2066, 0x206A))
ZERO_WIDTH_JOINERS = frozenset((0x200C, 0x200D))
# Joiners are allowed between letters from here on: Hebrew, Arabic, Syriac, the Indic scripts, Southeast and East
# Asian scripts.
FIRST_JOINING_SCRIPT = 0x0590

_CONTROL_NAMES = {
    0x00: "NULL",
    0x09: "CHARACTER TABULATION",
    0x0A: "LINE FEED",
    0x0B: "LINE TABULATION",
    0x0C: "FORM FEED",
    0x0D: "CARRIAGE RETURN",
    0x1B: "ESCAPE",
    0x7F: "DELETE",
}

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def character_label(char: str) -> str:
    """U+XXXX and the character's Unicode name, as an error message names it."""
    code = ord(char)
    name = _CONTROL_NAMES.get(code) or unicodedata.name(char, "")
    return f"U+{code:04X} ({name})" if name else f"U+{code:04X}"


def _refused(message: StrOrPromise, char: str) -> ValidationError:
    return ValidationError(message, code="unprintable", params={"character": character_label(char)})


def _is_noncharacter(code: int) -> bool:
    return 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE


def _joins_letters(text: str, index: int) -> bool:
    """Whether the joiner at `index` sits inside a word of a script that uses joiners."""
    if index == 0 or index == len(text) - 1:
        return False
    before, after = text[index - 1], text[index + 1]
    return all(unicodedata.category(char)[0] in "LM" and ord(char) >= FIRST_JOINING_SCRIPT for char in (before, after))


def _check_character(text: str, index: int) -> None:
    char = text[index]
    code = ord(char)
    category = unicodedata.category(char)
    if category == "Cc" or category in ("Zl", "Zp"):
        raise _refused(_("Remove the control character %(character)s: it breaks lines or controls devices."), char)
    if code in BIDI_CONTROLS:
        raise _refused(
            _("Remove the character %(character)s: it makes the text print in a different order than it was typed."),
            char,
        )
    if code in ZERO_WIDTH_JOINERS:
        if not _joins_letters(text, index):
            raise _refused(
                _(
                    "Remove the invisible character %(character)s: it is allowed only between two letters of a "
                    "script that joins them (such as Arabic or Devanagari)."
                ),
                char,
            )
        return
    if category == "Cf":
        raise _refused(_("Remove the invisible character %(character)s: names and titles print without it."), char)
    if category in ("Co", "Cs") or _is_noncharacter(code):
        raise _refused(_("Remove the character %(character)s: it has no printable form."), char)


def printed_text(value: str, *, max_length: int = MAX_NAME_LENGTH) -> str:
    """The text in NFC with surrounding spaces removed, or a ValidationError naming what cannot be printed."""
    text = unicodedata.normalize("NFC", value).strip()
    if len(text) > max_length:
        raise ValidationError(
            _("Use at most %(limit)d characters (this has %(length)d)."),
            code="too_long",
            params={"limit": max_length, "length": len(text)},
        )
    marks = 0
    visible = False
    for index, char in enumerate(text):
        _check_character(text, index)
        category = unicodedata.category(char)
        if category[0] == "M":
            marks += 1
            if marks > MAX_MARKS_PER_LETTER:
                raise ValidationError(
                    _("Use at most %(limit)d accents or vowel signs on one letter."),
                    code="too_many_marks",
                    params={"limit": MAX_MARKS_PER_LETTER},
                )
        else:
            marks = 0
        visible = visible or category[0] in "LN"
    if text and not visible:
        raise ValidationError(_("Write at least one letter or digit."), code="invisible")
    return text


def printed_name(value: str) -> str:
    """A member's given or family name, as certificates, exports and e-mails print it."""
    return printed_text(value, max_length=MAX_NAME_LENGTH)


def printed_title(value: str) -> str:
    """An offering's, session's or certificate's title, as certificates, exports and e-mails print it."""
    return printed_text(value, max_length=MAX_TITLE_LENGTH)


def printed_field_errors(
    instance: object, fields: tuple[str, ...], check: Callable[[str], str] = printed_title
) -> dict[str, list[ValidationError]]:
    """For a model's clean(): each named text attribute is replaced by its NFC form, or its error is returned
    under the field's name, to merge into the ValidationError the model raises."""
    errors: dict[str, list[ValidationError]] = {}
    for field in fields:
        try:
            setattr(instance, field, check(getattr(instance, field) or ""))
        except ValidationError as error:
            errors[field] = error.error_list
    return errors


class PrintedNameFields:
    """Form mixin: first_name and last_name pass `printed_name` (whatever form class declares the fields)."""

    cleaned_data: dict[str, Any]  # supplied by the form class this is mixed into

    def clean_first_name(self) -> str:
        return printed_name(self.cleaned_data.get("first_name") or "")

    def clean_last_name(self) -> str:
        return printed_name(self.cleaned_data.get("last_name") or "")
