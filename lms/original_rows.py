"""Choices that offer only the original row of each translated topic, partner or campaign.

A translated snippet is a row per locale sharing one translation key (cms/translated_snippets.py); relations point at
the original, the row created first. Forms choosing topics, co-hosts or campaigns (the offering's promote and catalog
panels, a member's interests, a mentor's expertise) must offer each once, the original. These are `limit_choices_to`
callables, named by model label because lms imports no cms code.

A chosen row is shown in the reader's words (`with_reader_words`): the translation of its language when there is one,
computed in the same query. cms/translated_snippets.py, which reads rows for pages, uses the same two functions.
"""

from __future__ import annotations

from typing import TypeVar

from django.apps import apps
from django.db.models import Exists, Model, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.forms.models import ModelChoiceIterator
from django.utils import translation
from wagtail.coreutils import get_supported_content_language_variant

M = TypeVar("M", bound=Model)


def _originals(label: str) -> Q:
    model = apps.get_model(label)
    earlier = model._default_manager.filter(translation_key=OuterRef("translation_key"), pk__lt=OuterRef("pk"))
    return Q(~Exists(earlier))


def original_topics() -> Q:
    return _originals("cms.Topic")


def original_partners() -> Q:
    return _originals("cms.Partner")


def original_campaigns() -> Q:
    return _originals("cms.Campaign")


def reader_language() -> str:
    """The content language of the active interface language (Locale.language_code)."""
    return get_supported_content_language_variant(translation.get_language())


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
