"""The catalog in several languages, the same from every engine: a reader's locale holds each offering once (an
alias showing the original's words, or a translation), and each document is read in its own language's analysis,
so a Spanish translation is found by Spanish words with or without accents, in the singular or the plural."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.test import TestCase
from django.utils import translation
from wagtail.models import Locale

from cms.locale_trees import sync_locale_trees
from courses.models import CoursePage, Offering
from search.catalog import CatalogQuery, SearchAnswer
from tests import factories
from tests.contract.support import publish
from tests.translating import page_in, translate, translate_snippet

pytestmark = pytest.mark.django_db

SPANISH_TITLE = "Fundamentos de métricas de flujo"
FRENCH_TITLE = "L'atelier de cartographie des flux de valeur"  # the article written into the word it goes with
ARABIC_TITLE = "أساسيات مقاييس التدفق"


def reader_query(language: str, **fields) -> CatalogQuery:
    """What the search page asks for a visitor reading in `language` (its locale, as views read it)."""
    with translation.override(language):
        locale = Locale.get_active().language_code
    return CatalogQuery(locale=locale, page_size=100, **fields)


@pytest.fixture(scope="module")
def translated(engine, django_db_blocker):
    """Two English courses in every locale's tree; the first translated into Spanish and Arabic, the second into
    French and left an alias in Spanish.
    Built once per engine for the module (its tests only ask), rolled back after."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield translated_courses(TestCase.captureOnCommitCallbacks)
        transaction.set_rollback(True)


def translated_courses(capture) -> dict[str, Offering]:
    flow = factories.TopicFactory(name="Flow", slug="flow")
    course = {"modules": 1, "lessons_per_module": 1, "topics": [flow]}
    metrics = publish(factories.build_offering(title="Flow Metrics Fundamentals", **course), capture)
    mapping = publish(factories.build_offering(title="Value Stream Mapping", **course), capture)
    with capture(execute=True):
        sync_locale_trees()  # each alias made is catalogued for its locale's readers (search/receivers.py)
    with capture(execute=True):
        translate_snippet(flow, "es", name="Flujo")  # after the trees: the locales exist; its offerings reindexed
    with capture(execute=True):
        spanish = translate(metrics, "es", title=SPANISH_TITLE, summary="Medir el trabajo que fluye.", language="es")
        french = translate(mapping, "fr", title=FRENCH_TITLE, summary="Dessiner le flux de bout en bout.")
        arabic = translate(metrics, "ar", title=ARABIC_TITLE, summary="قياس العمل الذي يتدفق.")
    assert isinstance(spanish, CoursePage)
    return {"metrics": metrics, "mapping": mapping, "spanish": spanish, "mapping_es": page_in(mapping, "es"),
            "french": french, "arabic": arabic}


def found(answer: SearchAnswer) -> list[int]:
    return [hit.page_id for hit in answer.hits]


@pytest.mark.parametrize("text", ["métricas de flujo", "metricas", "métrica", "Métricas"])
def test_a_spanish_reader_finds_the_translation_by_its_words_however_accented_or_inflected(engine, translated, text):
    answer = engine.search(reader_query("es", text=text))
    assert found(answer) == [translated["spanish"].pk]
    assert "<mark>" in answer.hits[0].highlight


@pytest.mark.parametrize("text", ["atelier", "Atelier", "l'atelier", "L’atelier de cartographie", "cartographies"])
def test_a_french_reader_finds_a_word_written_with_its_article(engine, translated, text):
    """"L'atelier" is one token to a tokenizer; both engines take the article off, so "atelier" finds it."""
    assert found(engine.search(reader_query("fr", text=text))) == [translated["french"].pk]


@pytest.mark.parametrize("text", ["مقاييس", "المقاييس", "التدفق", "تدفق"])
def test_an_arabic_reader_finds_the_translation_with_or_without_the_article(engine, translated, text):
    assert found(engine.search(reader_query("ar", text=text))) == [translated["arabic"].pk]


def test_a_reader_finds_an_untranslated_offering_by_its_topics_name_in_their_language(engine, translated):
    """The alias of an English course tagged "Flow" is found by "flujo" from Spanish (the topic's Spanish name),
    beside the Spanish translation, whose title has the word."""
    answer = engine.search(reader_query("es", text="flujo"))
    assert set(found(answer)) == {translated["spanish"].pk, translated["mapping_es"].pk}
    assert found(engine.search(reader_query("en", text="flujo"))) == []


def test_the_english_alias_is_found_by_its_english_words_from_spanish(engine, translated):
    assert found(engine.search(reader_query("es", text="mapping"))) == [translated["mapping_es"].pk]


def test_an_english_reader_finds_the_original_once_not_the_translation(engine, translated):
    english = engine.search(reader_query("en", text="metrics"))
    assert found(english) == [translated["metrics"].pk]


@pytest.mark.parametrize("language", ["en", "es", "fr", "ar"])
def test_each_offering_is_listed_and_counted_once_per_locale(engine, translated, language):
    answer = engine.search(reader_query(language))
    assert answer.total == 2 and len(set(found(answer))) == 2
    assert {c.value: c.count for c in answer.facets["topic"]} == {"flow": 2}
    assert {c.value: c.count for c in answer.facets["format"]} == {"course": 2}
    languages = {c.value: c.count for c in answer.facets["language"]}
    assert languages == ({"en": 2} if language == "en" else {"en": 1, language: 1})
