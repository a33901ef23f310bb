"""Which row of a translated page or snippet is its original, and choices that offer only originals.

A translated page, topic, partner or campaign is a row per locale sharing one translation key. The original is the
row created first among them that is not an alias (the lowest id): Wagtail records no source for a translation, but
a translation is always made from a row that exists, and an alias only mirrors its original. Everything operational
points at the original (enrolments, registrations, certificates; offerings' topics, co-hosts and campaigns; members'
interests); translations carry words. This module is the one place that rule is written; courses/translations.py
and cms/translated_snippets.py build on it.

The choice callables are `limit_choices_to` for forms choosing topics, co-hosts or campaigns (the offering's promote
and catalog panels, a member's interests, a mentor's expertise), which must offer each once; they name models by
label because lms imports no cms code.

A chosen row is shown in the reader's words (`with_reader_words`, `InReaderWords` for a form field's choices):
the translation in the reader's language when there is one, computed in the same query.
"""

from __future__ import annotations

from typing import TypeVar

from django.apps import apps
from django.conf import settings
from django.db.models import Exists, Model, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.forms.models import ModelChoiceIterator
from django.utils import translation
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page

M = TypeVar("M", bound=Model)


def _rows_of(model: type[Model]) -> QuerySet:
    """Every row the rule compares, aliases left out: a page is compared with every page (translations of one key
    share a type, and the base table needs no join), a snippet with its own model's rows."""
    if issubclass(model, Page):
        return Page.objects.filter(alias_of__isnull=True)
    return model._default_manager.all()


def earlier_originals(model: type[Model], key: object = None, pk: object = None) -> QuerySet:
    """Rows of `key` that are not aliases and came before `pk` (both the outer row's by default, for a subquery):
    a row with any is not the original."""
    return _rows_of(model).filter(translation_key=OuterRef("translation_key") if key is None else key,
                                  pk__lt=OuterRef("pk") if pk is None else pk)


def originals(rows: QuerySet[M]) -> QuerySet[M]:
    """Only the originals among `rows` (one query, whatever their number)."""
    if issubclass(rows.model, Page):
        rows = rows.filter(alias_of__isnull=True)
    return rows.exclude(Exists(earlier_originals(rows.model)))


def original_of(row: M) -> M:
    """The original of a translated page or snippet row (the row itself when it is the original), of the row's own
    type; one query, remembered on the row, which is then never a second copy of itself that would go stale."""
    found = row.__dict__.get("_original")
    if found is None:
        found = originals(type(row)._default_manager.filter(translation_key=row.translation_key)).first() or row  # type: ignore[attr-defined]
        if found.pk == row.pk:
            found = row
        row.__dict__["_original"] = found
    return found


def original_pk(model: type[Model], key) -> QuerySet:
    """The original's id for `key` (a value or an OuterRef), as a one-row subquery: the first row of that key that
    is not an alias, found by one index lookup, so a subquery per listed row stays cheap."""
    return _rows_of(model).filter(translation_key=key).order_by("pk").values("pk")[:1]


def _originals_of(label: str) -> Q:
    return Q(~Exists(earlier_originals(apps.get_model(label))))


def original_topics() -> Q:
    return _originals_of("cms.Topic")


def original_partners() -> Q:
    return _originals_of("cms.Partner")


def original_campaigns() -> Q:
    return _originals_of("cms.Campaign")


def reader_language() -> str | None:
    """The content language of the active interface language (a Locale's language_code); None when it has no
    content locale, so nothing is found in it and each row keeps its own words."""
    try:
        return get_supported_content_language_variant(translation.get_language() or settings.LANGUAGE_CODE)
    except LookupError:
        return None


def with_reader_words(rows: QuerySet[M], *fields: str) -> QuerySet[M]:
    """`rows` with `shown_<field>` for each field: the translation's text in the reader's language, else the row's
    own. Computed inside the rows' own query (or their prefetch), so a whole list costs no query more."""
    return rows.annotate(**{f"shown_{name}": reader_word(rows.model, name) for name in fields})


def reader_word(model: type[Model], name: str, through: str = "") -> Coalesce:
    """An expression for one field of a translated row in the reader's language, else the row's own: the row is the
    query's own, or the one reached `through` a relation ("topic__" from a member's interests, say)."""
    translated = model._default_manager.filter(
        translation_key=OuterRef(f"{through}translation_key"), locale__language_code=reader_language()
    ).order_by("pk").values(name)[:1]
    return Coalesce(Subquery(translated), f"{through}{name}")


class InReaderWords(ModelChoiceIterator):
    """A form field's choices (`field.iterator = InReaderWords`) labelled by their `name` in the reader's language,
    read when the form is shown (a field made at import time would otherwise fix one language) in the choices' own
    query; the values, and what the field accepts, stay the rows of its queryset."""

    def __init__(self, field):
        super().__init__(field)
        self.queryset = with_reader_words(self.queryset, "name")

    def choice(self, obj):
        return self.field.prepare_value(obj), obj.shown_name
