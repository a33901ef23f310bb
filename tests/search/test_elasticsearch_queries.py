"""The requests the Elasticsearch engine sends, read as dictionaries; and, with ELASTICSEARCH_URL set, a live run."""

from datetime import timedelta
from decimal import Decimal

import pytest

from lms.access import AccessLevel
from search.catalog import SORTS, CatalogQuery
from search.documents import CatalogDocument
from search.engines.elasticsearch import (
    CatalogEngineUnavailable,
    ElasticsearchCatalogEngine,
    build_autocomplete_body,
    build_search_body,
    corrections,
    index_body,
    read_autocomplete_response,
    read_search_response,
)
from search.facets import FACET_NAMES

from .elasticsearch_support import EVERY_FACET_SELECTED, NOW, drop_indices, elasticsearch_url, unique_alias, walk

PUBLIC_LEVELS = ("public", "member_first", "member_enhanced")
FIELD_OF = {
    "format": "format", "topic": "topics", "level": "level", "career_stage": "career_stages", "language": "language",
    "access_level": "access_level", "partner": "partners", "programme_year": "programme_year",
}


def terms_filters(node) -> dict[str, list]:
    return {field: values for d in walk(node) for field, values in d.get("terms", {}).items()}


def ranges(node) -> dict[str, list[dict]]:
    found: dict[str, list[dict]] = {}
    for d in walk(node):
        for field, bounds in d.get("range", {}).items():
            found.setdefault(field, []).append(bounds)
    return found


def text_queries(body) -> list[dict]:
    return [d["multi_match"] for d in walk(body["query"]) if "multi_match" in d]


def test_text_is_matched_as_written_and_ranks_title_and_topics_above_summary_above_body():
    body = build_search_body(CatalogQuery(text="ethcis"), NOW)
    clauses = text_queries(body)
    assert {c["query"] for c in clauses} == {"ethcis"}
    assert not any("fuzziness" in d for d in walk(body["query"]))  # typos are corrected first, never fuzzed
    every_word = [c for c in clauses if c["type"] == "most_fields"]
    assert all(c["operator"] == "and" for c in every_word)
    assert sorted(c["fields"] for c in every_word) == sorted(
        [["all_text"]] + [["all_text", f"all_text.{language}"] for language in ("en", "es", "fr", "pt", "ar")]
    )
    for ranked in (c for c in clauses if c["type"] == "best_fields"):
        boosts = dict(f.split("^") if "^" in f else (f, "1") for f in ranked["fields"])
        variants = {name[name.index("."):] if "." in name else "" for name in boosts}
        assert len(variants) in (1, 2)  # as written, and the branch's language
        for variant in variants:
            assert float(boosts[f"title{variant}"]) == float(boosts[f"topic_names{variant}"]) == 3
            assert float(boosts[f"summary{variant}"]) == 2
            assert float(boosts[f"body{variant}"]) == 1


def _branch_language(branch: dict) -> str | None:
    """The language a branch of the text query reads documents in (None: every other language's, as written)."""
    bool_query = branch["bool"]
    if "filter" in bool_query:
        return bool_query["filter"][0]["term"]["language"]
    assert bool_query["must_not"] == [{"terms": {"language": ["en", "es", "fr", "pt", "ar"]}}]
    return None


def test_each_document_is_read_in_its_own_languages_fields_only():
    text_query = build_search_body(CatalogQuery(text="métricas"), NOW)["query"]["bool"]["must"][0]
    branches = text_query["bool"]["must"][0]["bool"]["should"]
    for branch in branches:
        language = _branch_language(branch)
        fields = {f.split("^")[0] for c in text_queries({"query": branch}) for f in c["fields"]}
        sub_fields = {f.partition(".")[2] for f in fields} - {""}
        assert sub_fields == ({language} if language else set()), language
    assert sorted(map(str, (_branch_language(b) for b in branches))) == ["None", "ar", "en", "es", "fr", "pt"]


def test_text_asks_which_words_the_index_lacks_on_the_folded_every_word_field():
    suggest = build_search_body(CatalogQuery(text="Ethcis kanban"), NOW)["suggest"]["spelling"]
    assert suggest["text"] == "Ethcis kanban"
    term = suggest["term"]
    assert (term["field"], term["analyzer"], term["suggest_mode"]) == ("all_text", "catalog_folded", "missing")
    assert term["min_word_length"] == 4 and term["prefix_length"] == 0
    assert "suggest" not in build_search_body(CatalogQuery(text="kanban"), NOW, check_spelling=False)
    assert "suggest" not in build_search_body(CatalogQuery(), NOW)


def _suggested(**words: list[str]) -> dict:
    return {"suggest": {"spelling": [
        {"text": word, "offset": 0, "length": len(word), "options": [{"text": o, "score": 0.8, "freq": 3}
                                                                     for o in options]}
        for word, options in words.items()
    ]}}


def test_corrections_follow_the_database_engines_rules():
    # The nearest candidate within one edit (two from eight letters), shown with the other words as typed.
    assert corrections("Kanbna Basics", _suggested(kanbna=["kanban", "kanbans"], basics=[])) == "kanban Basics"
    assert corrections("ethcis", _suggested(ethcis=["ethics"])) == "ethics"
    assert corrections("retrospectvie", _suggested(retrospectvie=["retrospective"])) == "retrospective"
    # Too far, a stem the analyzers match anyway, a jargon word, or nothing missing: no correction at all.
    assert corrections("seminra", _suggested(seminra=["webinar"])) == ""
    assert corrections("modules", _suggested(modules=["module"])) == ""
    assert corrections("okrs", _suggested(okrs=["orks"])) == ""
    assert corrections("seminar", {"suggest": {"spelling": [{"text": "seminar", "options": []}]}}) == ""
    assert corrections("seminar", {}) == ""


def test_query_syntax_characters_are_plain_text():
    text = 'ethics" AND (rcr* OR title:vsm) \\'
    body = build_search_body(CatalogQuery(text=text), NOW)
    assert {c["query"] for c in text_queries(body)} == {text}
    kinds = {key for d in walk(body) for key in d}
    assert not kinds & {"query_string", "simple_query_string", "regexp", "wildcard", "script"}


def test_no_text_means_no_scoring_clause_and_no_highlight():
    body = build_search_body(CatalogQuery(), NOW)
    assert text_queries(body) == []
    assert "must" not in body["query"]["bool"]
    assert "highlight" not in body


@pytest.mark.parametrize("selected", [{}, EVERY_FACET_SELECTED])
def test_what_the_viewer_may_not_see_is_filtered_in_the_main_query(selected):
    body = build_search_body(CatalogQuery(text="rcr", filters=selected, visible_access_levels=PUBLIC_LEVELS), NOW)
    assert {"terms": {"access_level": list(PUBLIC_LEVELS)}} in body["query"]["bool"]["filter"]
    # Aggregations run on the main query's matches, so every count already excludes member-only offerings.
    assert "member_only" not in str(body["query"])


def test_access_filter_is_there_even_for_a_viewer_who_sees_everything():
    body = build_search_body(CatalogQuery(), NOW)
    assert {"terms": {"access_level": list(AccessLevel.values)}} in body["query"]["bool"]["filter"]


def test_selections_narrow_hits_through_the_post_filter_only():
    body = build_search_body(CatalogQuery(filters=EVERY_FACET_SELECTED), NOW)
    narrowed = terms_filters(body["post_filter"])
    assert narrowed == {FIELD_OF[f]: list(v) for f, v in EVERY_FACET_SELECTED.items() if f != "when"}
    assert "next_session_starts_at" in ranges(body["post_filter"])
    assert set(terms_filters(body["query"])) == {"access_level"}


def test_no_selection_means_no_post_filter_and_unfiltered_facets():
    body = build_search_body(CatalogQuery(text="vsm"), NOW)
    assert "post_filter" not in body
    for facet in FACET_NAMES:
        assert body["aggs"][f"facet_{facet}"]["filter"] == {"match_all": {}}


@pytest.mark.parametrize("facet", FACET_NAMES)
def test_each_facet_counts_with_every_other_selection_but_not_its_own(facet):
    body = build_search_body(CatalogQuery(filters=EVERY_FACET_SELECTED), NOW)
    counted_within = body["aggs"][f"facet_{facet}"]["filter"]
    expected = {FIELD_OF[f]: list(v) for f, v in EVERY_FACET_SELECTED.items() if f not in (facet, "when")}
    assert terms_filters(counted_within) == expected
    assert ("next_session_starts_at" in ranges(counted_within)) is (facet != "when")
    values = body["aggs"][f"facet_{facet}"]["aggs"]["values"]
    if facet == "when":
        assert list(values["filters"]["filters"]) == ["this_week", "this_month", "later", "past"]
    else:
        assert values["terms"]["field"] == FIELD_OF[facet]
        assert values["terms"]["size"] >= 100


def test_when_windows_are_relative_to_now():
    body = build_search_body(CatalogQuery(), NOW)
    windows = body["aggs"]["facet_when"]["aggs"]["values"]["filters"]["filters"]
    now, week, month = NOW.isoformat(), (NOW + timedelta(days=7)).isoformat(), (NOW + timedelta(days=30)).isoformat()
    still_on = {"gte": now}
    upcoming = {"last_session_ends_at": [still_on]}
    assert ranges(windows["this_week"]) == {**upcoming, "next_session_starts_at": [{"lt": week}]}
    assert ranges(windows["this_month"]) == {**upcoming, "next_session_starts_at": [{"lt": month}]}
    assert ranges(windows["later"]) == {**upcoming, "next_session_starts_at": [{"gte": month}]}
    assert ranges(windows["past"]) == {"last_session_ends_at": [{"lt": now}]}


def test_several_when_values_are_either_window():
    body = build_search_body(CatalogQuery(filters={"when": ("this_week", "past")}), NOW)
    either = body["post_filter"]["bool"]["filter"][0]["bool"]
    assert either["minimum_should_match"] == 1
    assert len(either["should"]) == 2


@pytest.mark.parametrize(("cpd_min", "cpd_max", "bounds"), [
    (Decimal("1.5"), Decimal("6"), {"gte": 1.5, "lte": 6.0}),
    (Decimal("2"), None, {"gte": 2.0}),
    (None, Decimal("0"), {"lte": 0.0}),
])
def test_cpd_range_narrows_hits_and_counts_alike(cpd_min, cpd_max, bounds):
    body = build_search_body(CatalogQuery(cpd_min=cpd_min, cpd_max=cpd_max), NOW)
    assert {"range": {"cpd_hours": bounds}} in body["query"]["bool"]["filter"]


def test_no_cpd_range_means_no_cpd_filter():
    assert "cpd_hours" not in ranges(build_search_body(CatalogQuery(), NOW))


FIRST_SORT_KEY = {
    "relevance": {"_score": "desc"},
    "soonest": {"next_session_starts_at": {"order": "asc", "missing": "_last"}},
    "newest": {"published_at": {"order": "desc", "missing": "_last"}},
    "title": {"title.sort": "asc"},
}


def test_every_sort_of_the_contract_is_covered():
    assert set(FIRST_SORT_KEY) == set(SORTS)


@pytest.mark.parametrize("sort", SORTS)
def test_each_sort_orders_by_its_key_and_breaks_ties_by_page(sort):
    body = build_search_body(CatalogQuery(sort=sort), NOW)
    assert body["sort"][0] == FIRST_SORT_KEY[sort]
    assert body["sort"][-1] == {"page_id": "asc"}


def test_a_page_past_ten_thousand_hits_is_addressed_directly_with_exact_totals():
    body = build_search_body(CatalogQuery(page=600, page_size=20), NOW)
    assert (body["from"], body["size"]) == (11_980, 20)
    assert body["track_total_hits"] is True
    assert index_body()["settings"]["max_result_window"] >= body["from"] + body["size"]


def test_first_page():
    body = build_search_body(CatalogQuery(page_size=50), NOW)
    assert (body["from"], body["size"]) == (0, 50)
    assert body["_source"] is False  # ids and excerpts only: cards render from the pages


def test_matches_are_marked_in_escaped_excerpts():
    highlight = build_search_body(CatalogQuery(text="rcr"), NOW)["highlight"]
    assert (highlight["pre_tags"], highlight["post_tags"], highlight["encoder"]) == (["<mark>"], ["</mark>"], "html")
    assert {"title", "summary", "body", "summary.en", "body.es", "title.fr", "body.pt"} <= set(highlight["fields"])
    assert highlight["fields"]["title"]["number_of_fragments"] == 0
    assert highlight["fields"]["body"]["number_of_fragments"] == 1


def test_answer_keeps_a_selected_value_with_no_matches_and_prefers_the_summary_excerpt():
    query = CatalogQuery(text="rcr", filters={"language": ("es", "fr")})
    response = {
        "hits": {"total": {"value": 1, "relation": "eq"}, "hits": [{
            "_id": "41", "_score": 2.5,
            "highlight": {"title": ["<mark>RCR</mark> basics"], "summary.en": ["About <mark>RCR</mark>"]},
        }]},
        "aggregations": {
            "facet_language": {"doc_count": 3, "values": {"buckets": [
                {"key": "en", "doc_count": 2}, {"key": "es", "doc_count": 1},
            ]}},
            "facet_when": {"doc_count": 1, "values": {"buckets": {
                "this_week": {"doc_count": 0}, "this_month": {"doc_count": 1}, "later": {"doc_count": 0},
                "past": {"doc_count": 0},
            }}},
        },
    }
    answer = read_search_response(query, response)
    assert answer.total == 1 and answer.engine == "elasticsearch"
    assert (answer.hits[0].page_id, answer.hits[0].score) == (41, 2.5)
    assert answer.hits[0].highlight == "About <mark>RCR</mark>"
    assert [(f.value, f.count, f.selected) for f in answer.facets["language"]] == [
        ("en", 2, False), ("es", 1, True), ("fr", 0, True),
    ]
    assert [(f.value, f.count) for f in answer.facets["when"]] == [("this_month", 1)]
    assert answer.facets["topic"] == []


def test_autocomplete_suggests_a_few_visible_titles_per_format():
    body = build_autocomplete_body("val str", PUBLIC_LEVELS, per_format=4)
    assert body["size"] == 0
    assert body["query"]["bool"]["filter"] == [{"terms": {"access_level": list(PUBLIC_LEVELS)}}]
    prefix = next(d["match"]["title.autocomplete"] for d in walk(body["query"]) if "title.autocomplete" in d.get(
        "match", {}))
    assert prefix["query"] == "val str" and prefix["operator"] == "and"
    formats = body["aggs"]["formats"]
    assert formats["terms"]["field"] == "format" and "order" not in formats["terms"]
    top = formats["aggs"]["top"]["top_hits"]
    assert top["size"] == 4 and top["track_scores"] is True
    assert set(top["_source"]["includes"]) == {"page_id", "title", "format"}
    assert not any("script" in d for d in walk(body))  # scripting is a module the minimal distribution lacks


def test_autocomplete_orders_formats_by_their_best_title_score():
    def bucket(format, *scored):
        hits = [{"_score": score, "_source": {"page_id": page_id, "title": f"T{page_id}", "format": format}}
                for page_id, score in scored]
        return {"key": format, "doc_count": 9, "top": {"hits": {"hits": hits}}}

    response = {"aggregations": {"formats": {"buckets": [
        bucket("course", (1, 2.0), (2, 1.0)), bucket("webinar", (3, 5.5)), bucket("workshop", (4, 2.0)),
    ]}}}
    suggestions = read_autocomplete_response(response)
    assert [(s.format, s.page_id) for s in suggestions] == [
        ("webinar", 3), ("course", 1), ("course", 2), ("workshop", 4)]  # equal best scores: by format name


def test_an_unreachable_cluster_is_reported_as_unavailable():
    # Port 9 (discard) has no Elasticsearch on it; the refused connection must not leak as a transport error.
    engine = ElasticsearchCatalogEngine("http://127.0.0.1:9", index_alias="catalog")
    with pytest.raises(CatalogEngineUnavailable):
        engine.search(CatalogQuery(text="ethics"))
    with pytest.raises(CatalogEngineUnavailable):
        engine.autocomplete("eth", PUBLIC_LEVELS)
    with pytest.raises(CatalogEngineUnavailable):
        engine.indexed_ids()


# ---------------------------------------------------------------------------------------------- live cluster


def _document(page_id: int, title: str, format: str, access_level: str = "public", **extra) -> CatalogDocument:
    values = {
        "url_path": f"/catalog/{page_id}/", "summary": "", "body": "", "level": "introductory", "language": "en",
        "cpd_hours": Decimal("1"), "programme_year": 2025, **extra,
    }
    return CatalogDocument(page_id=page_id, title=title, format=format, access_level=access_level, **values)


@pytest.fixture
def live_engine():
    engine = ElasticsearchCatalogEngine(elasticsearch_url(), index_alias=unique_alias("queries"))
    yield engine
    drop_indices(engine.client, engine.alias)


def test_live_rebuild_search_and_autocomplete(live_engine):
    documents = [
        _document(1, "Ethics in practice", "ethics_module", summary="Responsible conduct of research for everyone",
                  language="es"),
        _document(2, "Value stream management basics", "course", summary="Flow, WIP limits and metrics"),
        _document(3, "Ethics for members", "ethics_module", access_level="member_only"),
    ]
    live_engine.rebuild(documents)
    first_indices = set(live_engine.client.indices.get_alias(name=live_engine.alias).body)
    assert live_engine.indexed_ids() == {1, 2, 3}

    visitor = CatalogQuery(text="ethcis", visible_access_levels=PUBLIC_LEVELS)
    answer = live_engine.search(visitor)
    assert [hit.page_id for hit in answer.hits] == [1]
    assert "<mark>" in answer.hits[0].highlight
    assert {f.value: f.count for f in answer.facets["access_level"]} == {"public": 1}

    jargon = live_engine.search(CatalogQuery(text="VSM"))
    assert [hit.page_id for hit in jargon.hits] == [2]
    narrowed = live_engine.search(CatalogQuery(filters={"format": ("course",)}))
    assert narrowed.total == 1
    assert {f.value: f.count for f in narrowed.facets["format"]} == {"course": 1, "ethics_module": 2}

    suggestions = live_engine.autocomplete("eth", PUBLIC_LEVELS)
    assert [(s.page_id, s.format) for s in suggestions] == [(1, "ethics_module")]

    assert answer.corrected_text == "ethics"
    assert live_engine.search(CatalogQuery(text="ethics")).corrected_text == ""

    live_engine.remove([2])
    live_engine.index([_document(4, "Workshop on OKRs", "workshop")])
    assert live_engine.indexed_ids() == {1, 3, 4}

    live_engine.rebuild(documents[:1])
    assert live_engine.indexed_ids() == {1}
    assert not first_indices & set(live_engine.client.indices.get(index=f"{live_engine.alias}-*").body)


def test_live_a_real_word_never_matches_its_neighbours_and_a_typo_is_corrected(live_engine):
    live_engine.rebuild([
        _document(1, "Seminar skills", "workshop", body="<p>Planning a persona trial.</p><p>Capacity</p>"),
        _document(2, "Webinar skills", "webinar"),
        _document(3, "Facilitation", "course", body="Ready for the seminar"),
    ])
    seminar = live_engine.search(CatalogQuery(text="seminar"))
    assert sorted(hit.page_id for hit in seminar.hits) == [1, 3] and seminar.corrected_text == ""
    typo = live_engine.search(CatalogQuery(text="Semniar skills"))
    assert [hit.page_id for hit in typo.hits] == [1] and typo.corrected_text == "seminar skills"
    assert typo.hits[0].highlight.startswith("<mark>Seminar")  # the corrected word is the one marked
    # Nothing near enough: no correction, no hits.
    nothing = live_engine.search(CatalogQuery(text="zzyzx"))
    assert nothing.total == 0 and nothing.corrected_text == ""
