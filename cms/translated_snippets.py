"""Which row of a translated topic, partner or campaign things point at, and which one a reader is shown.

A snippet is translated (simple_translation's "Translate") into a row of its own per locale, sharing the
original's translation key. Everything operational points at the ORIGINAL: offerings' topics, co-hosts and
campaigns, members' interests, a partner's host accounts; a translation only carries words. Which row is the original
is lms/original_rows.py's rule, the same for pages and snippets. Readers see the words of the translation in their
language when there is one.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from django.db.models import Model, QuerySet

# Defined with the forms' choices of original rows (lms imports no cms code), and used from here by cms and features.
from lms.original_rows import original_of, originals, reader_language, with_reader_words

__all__ = ["in_reader_language", "original_of", "originals", "reader_language", "shown_words", "with_reader_words"]

M = TypeVar("M", bound=Model)


def shown_words(rows: Iterable[M], *fields: str) -> Iterable[M]:
    """A page's related snippets (its topics, say) with the reader's words, as `with_reader_words` gives them; a
    preview's related rows are an in-memory list rather than a query, and keep their own words."""
    return with_reader_words(rows, *fields) if isinstance(rows, QuerySet) else rows


def in_reader_language(row: M) -> M:
    """The translation of one snippet row in the reader's language when there is one, else the row (one query)."""
    found = type(row)._default_manager.filter(
        translation_key=row.translation_key, locale__language_code=reader_language()  # type: ignore[attr-defined]
    ).first()
    return found or row
