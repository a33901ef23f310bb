"""Which row of a translated topic, partner or campaign things point at, and which one a reader is shown.

A snippet is translated (simple_translation's "Translate") into a row of its own per locale, sharing the
original's translation key. Everything operational points at the ORIGINAL: offerings' topics, co-hosts and
campaigns, members' interests, a partner's host accounts; a translation only carries words. The original is the
row created first among its translations (the lowest id), as a translation is always made from a row that exists.
Readers see the words of the translation in their language when there is one.
"""

from __future__ import annotations

from typing import TypeVar

from django.db.models import Exists, Model, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import translation
from wagtail.coreutils import get_supported_content_language_variant

M = TypeVar("M", bound=Model)


def reader_language() -> str:
    """The content language of the active interface language (Locale.language_code)."""
    return get_supported_content_language_variant(translation.get_language())


def originals(rows: QuerySet[M]) -> QuerySet[M]:
    """Only the originals among `rows` (one query, whatever their number)."""
    earlier = rows.model._default_manager.filter(translation_key=OuterRef("translation_key"), pk__lt=OuterRef("pk"))
    return rows.exclude(Exists(earlier))


def original_of(row: M) -> M:
    """The original of a snippet row (itself when it is the original): one query."""
    found = originals(type(row)._default_manager.filter(translation_key=row.translation_key)).first()  # type: ignore[attr-defined]
    return found or row


def with_reader_words(rows: QuerySet[M], *fields: str) -> QuerySet[M]:
    """`rows` with `shown_<field>` for each field: the translation's text in the reader's language, else the row's
    own. Computed inside the rows' own query (or their prefetch), so a whole list costs no query more."""
    model = rows.model
    language = reader_language()
    annotations = {}
    for name in fields:
        translated = model._default_manager.filter(
            translation_key=OuterRef("translation_key"), locale__language_code=language
        ).order_by("pk").values(name)[:1]
        annotations[f"shown_{name}"] = Coalesce(Subquery(translated), name)
    return rows.annotate(**annotations)


def in_reader_language(row: M) -> M:
    """The translation of one snippet row in the reader's language when there is one, else the row (one query)."""
    found = type(row)._default_manager.filter(
        translation_key=row.translation_key, locale__language_code=reader_language()  # type: ignore[attr-defined]
    ).first()
    return found or row
