"""The database engine's own rules: reading words, correcting typos, excerpts, the stored entry, query counts."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from django.db import connection

from courses.models import WebinarPage
from lms.access import AccessLevel
from search import indexing
from search.catalog import CatalogQuery
from search.documents import documents_for, live_offerings
from search.engines.database import (
    correction_for,
    edit_distance,
    python_excerpt,
    text_search_config,
    word_stream,
    words,
)
from search.models import CatalogEntry, CatalogFacetValue, CatalogTerm
from tests import factories
from tests.search.lean import LEAN

# ------------------------------------------------------------------------------------------- plain functions


def test_words_are_folded_and_syntax_is_a_separator():
    assert words('Ética: "Conduct" (RCR*) \\ naïve_x') == ["etica", "conduct", "rcr", "naive_x"]
    assert words('"\\:(*') == []
    assert word_stream("Flow Metrics", "Ética") == " flow metrics etica "


@pytest.mark.parametrize(
    ("a", "b", "distance"),
    [("ethcis", "ethics", 1), ("kanbna", "kanban", 1), ("kitten", "sitting", 3), ("flow", "flow", 0), ("", "ab", 2)],
)
def test_edit_distance_counts_a_swap_as_one_edit(a, b, distance):
    assert edit_distance(a, b) == distance


def test_correction_picks_the_nearest_indexed_word():
    assert correction_for("ethcis", ["ethos", "ethics", "ethernet"]) == "ethics"
    assert correction_for("kanbna", ["kanban", "banana"]) == "kanban"


def test_no_correction_for_known_short_stemmed_or_distant_words():
    assert correction_for("ethics", ["ethics", "ethic"]) is None  # known
    assert correction_for("modules", ["module"]) is None  # the stemmer matches it anyway
    assert correction_for("tdd", ["tda"]) is None  # too short to guess
    assert correction_for("quantum", ["kanban"]) is None  # nothing near enough


def test_text_search_configuration_per_language():
    assert text_search_config("es") == "catalog_spanish"
    assert text_search_config("en") == "catalog_english"
    assert text_search_config("ja") == "catalog_simple"


def test_python_excerpt_escapes_and_marks():
    excerpt = python_excerpt("Use <b>boards</b> & limit WIP on Kanban boards.", ["boards", "kanban"])
    assert excerpt == ("Use &lt;b&gt;<mark>boards</mark>&lt;/b&gt; &amp; limit WIP on <mark>Kanban</mark> "
                       "<mark>boards</mark>.")
    assert python_excerpt("nothing here", ["kanban"]) == ""
    assert python_excerpt("An ethical question.", ["ethics"]) == "An <mark>ethical</mark> question."
    long_text = " ".join(f"w{n}" for n in range(100)) + " kanban " + " ".join(f"v{n}" for n in range(100))
    assert python_excerpt(long_text, ["kanban"]).startswith("… w90 ")
    assert python_excerpt(long_text, ["kanban"]).endswith(" v18 …")  # thirty words in all


# ------------------------------------------------------------------------------------------------ with pages


def query(**fields) -> CatalogQuery:
    return CatalogQuery(**fields)


@pytest.mark.django_db
def test_typos_are_corrected_and_said(engine):
    ethics = factories.build_ethics_module(title="Research Ethics Essentials", **LEAN)
    kanban = factories.build_offering(title="Kanban Basics", **LEAN)
    indexing.refresh([ethics.pk, kanban.pk])

    answer = engine.search(query(text="Ethcis"))
    assert [h.page_id for h in answer.hits] == [ethics.pk]
    assert answer.corrected_text == "ethics"
    assert engine.search(query(text="kanbna basics")).corrected_text == "kanban basics"
    assert engine.search(query(text="kanban basics")).corrected_text == ""
    assert engine.search(query(text="Kanban")).engine == "database"


@pytest.mark.django_db
def test_highlights_are_escaped_with_marks(engine):
    page = factories.build_offering(title="Boards", **LEAN)
    page.summary = 'Kanban & <script>alert("x")</script> WIP limits.'
    page.save_revision().publish()
    indexing.refresh([page.pk])

    highlight = engine.search(query(text="kanban")).hits[0].highlight
    assert highlight.startswith("<mark>Kanban</mark> &amp; ")
    assert "<script>" not in highlight and "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in highlight
    assert engine.search(query()).hits[0].highlight == ""  # no text, nothing to mark


@pytest.mark.django_db
def test_an_entry_stores_what_ranking_and_counting_need(engine):
    topic = factories.TopicFactory(name="Responsible Conduct", slug="rcr")
    page = factories.build_ethics_module(title="Ética y conducta", language="es", topics=[topic], **LEAN)
    indexing.refresh([page.pk])

    entry = CatalogEntry.objects.get(pk=page.pk)
    assert entry.text_search_config == "catalog_spanish"
    assert entry.text_a == " etica y conducta responsible conduct "
    assert bool(entry.search_vector) == (connection.vendor == "postgresql")  # the weighted vector, PostgreSQL only
    assert set(CatalogFacetValue.objects.filter(entry=entry).values_list("facet", "value")) == {
        ("format", "ethics_module"), ("level", "introductory"), ("language", "es"), ("access_level", "public"),
        ("programme_year", "2026"), ("topic", "rcr"),
    }
    assert {"etica", "conducta", "responsible"} <= set(CatalogTerm.objects.values_list("word", flat=True))
    assert "y" not in set(CatalogTerm.objects.values_list("word", flat=True))  # too short to correct towards


@pytest.mark.django_db
def test_a_search_is_a_few_queries_whatever_is_asked(engine, django_assert_max_num_queries):
    for n in range(6):
        factories.build_offering(title=f"Kanban Course {n}", cpd_hours=n, **LEAN)
    factories.build_event(title="Kanban Live", page_class=WebinarPage)
    indexing.reconcile()

    with django_assert_max_num_queries(3):
        engine.search(query())
    busy = query(text="kanbna course", filters={"format": ("course", "webinar"), "topic": ("none",),
                                                "when": ("this_week",), "programme_year": ("2026",)},
                 cpd_min=Decimal(1), sort="soonest", page=3, page_size=2)
    for page in (1, 3, 500):
        with django_assert_max_num_queries(4):
            engine.search(replace(busy, page=page))
    with django_assert_max_num_queries(1):
        engine.autocomplete("kan", list(AccessLevel.values))


@pytest.mark.django_db
def test_rebuild_replaces_everything_and_stale_ids_compare_fingerprints(engine):
    old = factories.build_offering(title="Old Course", **LEAN)
    new = factories.build_offering(title="New Course", **LEAN)
    engine.index(documents_for(live_offerings([old.pk])))
    assert engine.indexed_ids() == {old.pk}

    documents = documents_for(live_offerings([new.pk]))
    engine.rebuild(documents)
    assert engine.indexed_ids() == {new.pk}
    assert "old" not in set(CatalogTerm.objects.values_list("word", flat=True))
    assert engine.stale_ids(documents) == set()
    assert engine.stale_ids([replace(documents[0], title="New Course, renamed")]) == {new.pk}


@pytest.mark.django_db
def test_index_and_remove_are_safe_to_repeat(engine):
    page = factories.build_offering(title="Repeatable", **LEAN)
    documents = documents_for(live_offerings([page.pk]))
    engine.index(documents)
    engine.index(documents)
    assert CatalogEntry.objects.count() == 1
    assert CatalogFacetValue.objects.filter(entry_id=page.pk, facet="format").count() == 1
    engine.remove([page.pk])
    engine.remove([page.pk])
    engine.index([])
    assert engine.indexed_ids() == set()


@pytest.mark.django_db
def test_unknown_values_reached_directly_match_nothing(engine):
    page = factories.build_offering(title="Plain", **LEAN)
    indexing.refresh([page.pk])
    assert engine.search(query(filters={"programme_year": ("twenty",)})).total == 0
    assert engine.search(query(filters={"when": ("someday",)})).total == 0
    assert engine.search(query(filters={"colour": ("red",)})).total == 1  # not a facet: ignored
