"""The catalog index the Elasticsearch engine creates: mapping, analysis and stored documents, read as data."""

import json
from dataclasses import fields
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from search.catalog import MAX_PAGE, MAX_PAGE_SIZE, CatalogQuery
from search.documents import CatalogDocument
from search.engines.elasticsearch import build_search_body, index_body, source_for
from search.es_analysis import synonym_rules

BODY = index_body()
PROPERTIES = BODY["mappings"]["properties"]
ANALYSIS = BODY["settings"]["analysis"]
BODY_HIGHLIGHT = build_search_body(CatalogQuery(text="kanban"), datetime(2025, 6, 2, tzinfo=UTC))["highlight"]


def analyzer_filters(name: str) -> list[dict | str]:
    """The analyzer's filter chain, each custom filter replaced by its definition."""
    return [ANALYSIS["filter"].get(f, f) for f in ANALYSIS["analyzer"][name]["filter"]]


def synonyms_of(analyzer_name: str) -> list[str]:
    return [rule for f in analyzer_filters(analyzer_name) if isinstance(f, dict) and f["type"] == "synonym_graph"
            for rule in f["synonyms"]]


def test_every_document_field_is_mapped_and_nothing_else_is_accepted():
    assert BODY["mappings"]["dynamic"] == "strict"
    assert {f.name for f in fields(CatalogDocument)} <= set(PROPERTIES)


@pytest.mark.parametrize("field", [
    "format", "topics", "level", "career_stages", "language", "access_level", "partners", "programme_year", "regions",
])
def test_facet_fields_are_keywords(field):
    assert PROPERTIES[field] == {"type": "keyword"}


def test_numbers_and_dates_are_typed():
    assert PROPERTIES["cpd_hours"]["type"] == "double"  # core, where scaled_float needs mapper-extras
    assert PROPERTIES["page_id"]["type"] == "long"
    for field in ("next_session_starts_at", "last_session_ends_at", "published_at"):
        assert PROPERTIES[field]["type"] == "date"


@pytest.mark.parametrize("field", ["title", "summary", "body", "topic_names", "all_text"])
def test_text_fields_have_a_stemmed_sub_field_per_catalog_language_with_accents_folded(field):
    mapping = PROPERTIES[field]
    assert mapping["type"] == "text"
    stemmers = {"en": "english", "es": "light_spanish", "fr": "light_french", "pt": "light_portuguese"}
    for language, stemmer in stemmers.items():
        sub_field = mapping["fields"][language]
        for analyzer_name in (sub_field["analyzer"], sub_field["search_analyzer"]):
            assert {"type": "stemmer", "language": stemmer} in analyzer_filters(analyzer_name), (field, language)
            assert "asciifolding" in analyzer_filters(analyzer_name)
    assert "asciifolding" in analyzer_filters(mapping["analyzer"])


def test_highlighted_fields_keep_word_offsets_in_their_postings_and_no_other_field_pays_for_them():
    highlighted = set(BODY_HIGHLIGHT["fields"])
    assert highlighted == {f"{field}{variant}" for field in ("title", "summary", "body")
                           for variant in ("", ".en", ".es", ".fr", ".pt", ".ar")}
    for name in highlighted:
        field, _, variant = name.partition(".")
        mapping = PROPERTIES[field]["fields"][variant] if variant else PROPERTIES[field]
        assert mapping["index_options"] == "offsets", name
    for field in ("topic_names", "all_text", "instructors"):
        assert "index_options" not in PROPERTIES[field]


def test_searchable_fields_feed_the_every_word_field():
    for field in ("title", "summary", "body", "topic_names", "instructors", "partner_names"):
        assert PROPERTIES[field]["copy_to"] == "all_text"


def test_jargon_synonyms_apply_when_searching_not_when_indexing():
    title = PROPERTIES["title"]
    assert synonyms_of(title["analyzer"]) == []
    english_rules = synonyms_of(title["fields"]["en"]["search_analyzer"])
    assert "vsm, value stream management" in english_rules
    assert "rcr, responsible conduct of research" in english_rules
    assert "wip, work in progress" in english_rules
    assert any(rule.startswith("dora,") for rule in english_rules)
    assert any(rule.startswith("okr,") and "objectives and key results" in rule for rule in english_rules)
    spanish_rules = synonyms_of(title["fields"]["es"]["search_analyzer"])
    assert any(rule.startswith("rcr,") and "conducta responsable en investigacion" in rule for rule in spanish_rules)
    assert not any("value stream management" in rule for rule in spanish_rules)
    neutral_rules = synonyms_of(title["search_analyzer"])
    assert any("value stream management" in rule and "gestion del flujo de valor" in rule for rule in neutral_rules)


def test_synonyms_are_folded_before_they_apply():
    chain = ANALYSIS["analyzer"]["catalog_spanish_search"]["filter"]
    assert chain.index("asciifolding") < chain.index("catalog_synonyms_es") < chain.index("catalog_spanish_stemmer")
    assert all(rule.isascii() for rule in synonym_rules(None))


def test_titles_autocomplete_by_word_prefixes_and_sort_without_case_or_accents():
    autocomplete = PROPERTIES["title"]["fields"]["autocomplete"]
    prefixes = [f for f in analyzer_filters(autocomplete["analyzer"]) if isinstance(f, dict)]
    assert prefixes == [{"type": "edge_ngram", "min_gram": 1, "max_gram": 20}]
    # What the learner typed is not cut into prefixes itself.
    assert not any(isinstance(f, dict) and f["type"] == "edge_ngram"
                   for f in analyzer_filters(autocomplete["search_analyzer"]))
    sort = PROPERTIES["title"]["fields"]["sort"]
    assert sort["type"] == "keyword"
    assert BODY["settings"]["analysis"]["normalizer"][sort["normalizer"]]["filter"] == ["lowercase", "asciifolding"]


def test_every_page_a_query_may_ask_for_fits_the_result_window():
    assert BODY["settings"]["max_result_window"] >= MAX_PAGE * MAX_PAGE_SIZE
    assert BODY["settings"]["number_of_shards"] == 1


def test_stored_document_is_json_with_facet_values_as_strings():
    document = CatalogDocument(
        page_id=7, url_path="/catalog/rcr/", title="Ética de la investigación", summary="RCR", body="",
        format="ethics_module", level="introductory", language="es", access_level="public",
        cpd_hours=Decimal("1.50"), programme_year=2025, topics=["ethics"], topic_names=["Ethics"],
        members_open_on=date(2025, 3, 1), next_session_starts_at=datetime(2025, 3, 2, 9, tzinfo=UTC),
    )
    source = source_for(document)
    assert json.loads(json.dumps(source)) == source
    assert source["cpd_hours"] == 1.5
    assert source["programme_year"] == "2025"
    assert source["members_open_on"] == "2025-03-01"
    assert source["next_session_starts_at"] == "2025-03-02T09:00:00+00:00"
    assert set(source) <= set(PROPERTIES)
