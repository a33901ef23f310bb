"""The catalog's analyzers on a real Elasticsearch: the tokens each analyzer of `search/es_analysis.py` produces.

Runs against `ELASTICSEARCH_URL` (started by `make services` / `make test`): Elastic's minimal distribution with the
catalog-analysis plugin (search/elasticsearch_plugin/), or a full distribution, where analysis-common provides the
same filters. Each run creates its own index with `index_body()`'s analysis settings and deletes it afterwards.
"""

import os
import uuid

import pytest
from elasticsearch import BadRequestError, Elasticsearch

from search import es_analysis
from search.engines.elasticsearch import index_body


@pytest.fixture(scope="module")
def client():
    url = os.environ.get("ELASTICSEARCH_URL", "")
    if not url:
        pytest.fail("ELASTICSEARCH_URL is not set: these tests run on a real Elasticsearch. Start one with "
                    "`make services` and export the lines it prints (or run `make test`, which does both).",
                    pytrace=False)
    client = Elasticsearch(url, request_timeout=30)
    yield client
    client.close()


@pytest.fixture(scope="module")
def index(client):
    """A throwaway index with the catalog's analysis settings, named for this run alone."""
    name = f"test-analysis-{uuid.uuid4().hex}"
    client.indices.create(index=name, settings=index_body()["settings"])
    yield name
    client.indices.delete(index=name)


def tokens(client, index: str, analyzer, text: str) -> list[str]:
    answer = client.indices.analyze(index=index, analyzer=analyzer._name, text=text)
    return [token["token"] for token in answer["tokens"]]


def graph(client, index: str, analyzer, text: str) -> list[tuple[str, int, int]]:
    """Each token with its position and how many positions it spans (multi-word synonyms span several)."""
    answer = client.indices.analyze(index=index, analyzer=analyzer._name, text=text)
    return sorted((t["token"], t["position"], t.get("positionLength", 1)) for t in answer["tokens"])


# ------------------------------------------------------------------------------------------------ index analyzers


def test_folded_lowercases_and_folds_accents(client, index):
    assert tokens(client, index, es_analysis.folded, "Gestión Ética ÑANDÚ") == ["gestion", "etica", "nandu"]


def test_english_folds_then_stems_plurals_and_possessives(client, index):
    assert tokens(client, index, es_analysis.english, "Workshops") == ["workshop"]
    assert tokens(client, index, es_analysis.english, "the Researcher's Workshops") == ["the", "research", "workshop"]


def test_spanish_folds_then_stems_lightly(client, index):
    assert tokens(client, index, es_analysis.spanish, "Investigaciones") == ["investigacion"]
    assert tokens(client, index, es_analysis.spanish, "Gestión de proyectos") == ["gestion", "de", "proyect"]
    singular, plural = (tokens(client, index, es_analysis.spanish, word) for word in ("proyecto", "proyectos"))
    assert singular == plural


@pytest.mark.parametrize(("language", "forms"), [
    ("es", ("métricas", "metricas", "métrica")),
    ("fr", ("métriques", "metrique", "Métrique")),
    ("pt", ("métricas", "metricas", "métrica")),
    # Arabic: with and without the article, the alef's hamza, short vowels and tatweel, singular and plural.
    ("ar", ("الأخلاقيات", "أخلاقيات", "اخلاقيات", "الأخلاقيّات", "أخلاقيـات")),
])
def test_each_language_meets_its_singular_plural_and_unaccented_forms(client, index, language, forms):
    index_analyzer, search_analyzer = es_analysis.LANGUAGE_ANALYZERS[language]
    indexed = tokens(client, index, index_analyzer, forms[0])
    assert all(tokens(client, index, search_analyzer, form) == indexed for form in forms)


@pytest.mark.parametrize("text", ["L'atelier d'éthique", "l’atelier d’ethique", "atelier éthique", "ATELIER ETHIQUE"])
def test_french_takes_the_article_off_the_word_it_is_written_into(client, index, text):
    """The standard tokenizer keeps "l'atelier" as one token; without elision "atelier" would not find it."""
    french, french_search = es_analysis.LANGUAGE_ANALYZERS["fr"]
    indexed = tokens(client, index, french, "L'Atelier d'éthique")
    assert indexed == tokens(client, index, french, "atelier ethique") and len(indexed) == 2
    assert tokens(client, index, french_search, text) == indexed


def test_elision_takes_off_only_the_listed_articles(client):
    """"aujourd'hui" is one word, not an article and a word: only listed articles are taken off."""
    answer = client.indices.analyze(
        tokenizer="standard", filter=[{"type": "elision", "articles": ["l", "d"], "articles_case": True}],
        text="L'atelier aujourd'hui",
    )
    assert [token["token"] for token in answer["tokens"]] == ["atelier", "aujourd'hui"]


def test_elision_without_articles_is_refused_with_a_clear_error(client):
    with pytest.raises(BadRequestError, match="articles"):
        client.indices.analyze(tokenizer="standard", filter=[{"type": "elision"}], text="l'atelier")


def test_autocomplete_indexes_every_prefix_of_every_word(client, index):
    assert tokens(client, index, es_analysis.autocomplete, "Válue Ops") == [
        "v", "va", "val", "valu", "value", "o", "op", "ops",
    ]


def test_autocomplete_stops_at_the_longest_prefix(client, index):
    word = "interdisciplinariedades"  # 23 letters
    prefixes = tokens(client, index, es_analysis.autocomplete, word)
    assert prefixes == [word[:n] for n in range(1, es_analysis.AUTOCOMPLETE_MAX_GRAM + 1)]


def test_sortable_normalizer_keeps_one_lowercased_folded_term(client, index):
    answer = client.indices.analyze(index=index, normalizer=es_analysis.sortable._name, text="Ética en Gestión")
    assert [token["token"] for token in answer["tokens"]] == ["etica en gestion"]


# ----------------------------------------------------------------------------------------------- search analyzers


def test_english_search_expands_the_short_form_to_the_stemmed_phrase(client, index):
    assert graph(client, index, es_analysis.english_search, "VSM") == [
        ("manag", 2, 1), ("stream", 1, 1), ("valu", 0, 1), ("vsm", 0, 3),
    ]


def test_english_search_expansion_meets_the_indexed_phrase(client, index):
    indexed = tokens(client, index, es_analysis.english, "Value Stream Management")
    expanded = [token for token, _, _ in graph(client, index, es_analysis.english_search, "vsm")]
    assert set(indexed) <= set(expanded)


def test_english_search_maps_the_phrase_back_to_the_short_form(client, index):
    assert "vsm" in tokens(client, index, es_analysis.english_search, "value stream management")


def test_spanish_search_folds_the_query_before_the_rules_apply(client, index):
    expanded = tokens(client, index, es_analysis.spanish_search, "Gestión del flujo de valor")
    assert "vsm" in expanded
    assert "value" not in expanded  # English spellings belong to the English analyzer


def test_folded_search_expands_to_both_languages(client, index):
    expanded = tokens(client, index, es_analysis.folded_search, "vsm")
    assert {"value", "stream", "management", "gestion", "flujo", "flujos", "valor"} <= set(expanded)


def test_words_without_rules_pass_through_the_search_analyzers(client, index):
    assert tokens(client, index, es_analysis.folded_search, "Ética") == ["etica"]
    assert tokens(client, index, es_analysis.english_search, "workshops") == ["workshop"]
    assert tokens(client, index, es_analysis.spanish_search, "investigaciones") == ["investigacion"]


# ------------------------------------------------------------------------------------- the filters' own contracts


def test_synonym_rules_are_read_through_the_chain_before_them(client):
    """A rule written with accents and capitals still matches the folded tokens the chain produces."""
    answer = client.indices.analyze(
        tokenizer="standard",
        filter=["lowercase", "asciifolding", {"type": "synonym_graph", "synonyms": ["Gestión Ágil, agile management"]}],
        text="gestion agil",
    )
    assert {"agile", "management"} <= {token["token"] for token in answer["tokens"]}


def test_asciifolding_can_keep_the_original_beside_the_folded_form(client):
    answer = client.indices.analyze(
        tokenizer="standard", filter=[{"type": "asciifolding", "preserve_original": True}], text="gestión",
    )
    assert [token["token"] for token in answer["tokens"]] == ["gestion", "gestión"]


def test_an_unknown_stemmer_language_is_refused_with_a_clear_error(client):
    with pytest.raises(BadRequestError, match="(?i)klingon"):
        client.indices.analyze(tokenizer="standard", filter=[{"type": "stemmer", "language": "klingon"}], text="x")
