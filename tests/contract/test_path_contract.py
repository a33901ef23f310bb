"""Learning paths, the same from every engine: a path is found in its reader's locale by its title and by its steps'
topics (in the reader's words), in English and in a translation, told apart from offerings by its format, and is
gone from the index once unpublished. Loaded as production loads it: published pages, the receivers' refresh."""

from __future__ import annotations

import pytest
from django.utils import translation
from wagtail.models import Locale

from cms.locale_trees import sync_locale_trees
from search.catalog import CatalogQuery
from search.documents import LEARNING_PATH
from tests import factories
from tests.contract.support import publish
from tests.translating import page_in, translate, translate_snippet

pytestmark = pytest.mark.django_db

SPANISH_TITLE = "Practicante del flujo de valor"


def reader_query(language: str, **fields) -> CatalogQuery:
    """What the search page asks for a visitor reading in `language` (its locale, as views read it)."""
    with translation.override(language):
        locale = Locale.get_active().language_code
    return CatalogQuery(locale=locale, page_size=100, **fields)


@pytest.fixture
def programme(fresh_engine, django_capture_on_commit_callbacks):
    """A course tagged "Ethics" (in Spanish "Ética") and a path through it and another, in every locale's tree,
    the path translated into Spanish."""
    capture = django_capture_on_commit_callbacks
    ethics = factories.TopicFactory(name="Ethics", slug="ethics")
    lean = {"modules": 1, "lessons_per_module": 1}
    integrity = publish(factories.build_offering(title="Research Integrity", topics=[ethics], **lean), capture)
    kanban = publish(factories.build_offering(title="Kanban Basics", **lean), capture)
    path = publish(factories.build_learning_path([kanban, (integrity, [kanban])], title="Value stream practitioner",
                                                 publish=False), capture)
    with capture(execute=True):
        sync_locale_trees()
    with capture(execute=True):
        translate_snippet(ethics, "es", name="Ética")
    with capture(execute=True):
        spanish = translate(path, "es", title=SPANISH_TITLE, summary="Un programa de dos pasos.")
    return {"path": path, "spanish": spanish, "integrity": integrity, "integrity_es": page_in(integrity, "es")}


def found(engine, query: CatalogQuery) -> list[int]:
    return [hit.page_id for hit in engine.search(query).hits]


def test_a_path_is_found_by_its_title_and_its_steps_topic_in_english(fresh_engine, programme):
    path = programme["path"].pk

    assert found(fresh_engine, reader_query("en", text="practitioner")) == [path]
    assert set(found(fresh_engine, reader_query("en", text="ethics"))) == {path, programme["integrity"].pk}
    assert found(fresh_engine, reader_query("en", text="ethics", filters={"format": (LEARNING_PATH,)})) == [path]
    assert found(fresh_engine, reader_query("en", text="ethics", filters={"format": ("course",)})) == [
        programme["integrity"].pk]


def test_a_translated_path_is_found_by_its_own_title_and_its_topic_in_the_readers_words(fresh_engine, programme):
    spanish = programme["spanish"].pk

    assert found(fresh_engine, reader_query("es", text="practicante")) == [spanish]
    assert set(found(fresh_engine, reader_query("es", text="etica"))) == {spanish, programme["integrity_es"].pk}
    assert found(fresh_engine, reader_query("es", text="ética", filters={"format": (LEARNING_PATH,)})) == [spanish]
    assert found(fresh_engine, reader_query("en", text="practicante")) == []  # each locale finds its own page


def test_an_unpublished_path_is_no_longer_found(fresh_engine, programme, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        programme["spanish"].unpublish()
        programme["path"].unpublish()

    assert found(fresh_engine, reader_query("en", text="practitioner")) == []
    assert found(fresh_engine, reader_query("es", text="practicante")) == []
    assert found(fresh_engine, reader_query("es", text="etica")) == [programme["integrity_es"].pk]
    assert {programme["path"].pk, programme["spanish"].pk}.isdisjoint(fresh_engine.indexed_ids())
