"""The catalog on Elasticsearch, through the 8.19 Python client's `elasticsearch.dsl`.

Supported servers: Elasticsearch 8.19.x (`SUPPORTED_SERVER_VERSIONS`; the tests run on 8.19.21). The engine reads
every node's version once, through the nodes info API, and refuses any other version with
`UnsupportedElasticsearchServer`: 9.x would answer the 8.19 client in compatibility mode, but it is not tested
here, so it is not claimed. The index needs only what Elastic's minimal distribution has plus four analysis
filters (asciifolding, stemmer, synonym_graph, edge_ngram) that search/elasticsearch_plugin/ provides there and
the full distribution has built in: no scripting, no mapper-extras.

Everything sent to the server is built by pure functions (`index_body`, `build_search_body`,
`build_autocomplete_body`, `source_for`) so the unit tests read it as dictionaries; `ElasticsearchCatalogEngine`
only sends those bodies and reads the answers. Any failure to reach or use the cluster surfaces as
`CatalogEngineUnavailable`, which the engine chooser catches to answer from the database instead.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import date, datetime
from typing import Any

import urllib3
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone
from elastic_transport import HttpHeaders, Urllib3HttpNode
from elastic_transport import TransportError as _TransportError
from elastic_transport._node import NodeApiResponse
from elastic_transport.client_utils import DEFAULT
from elasticsearch import ApiError, Elasticsearch
from elasticsearch.dsl import A, Boolean, Date, Document, Double, Index, Keyword, Long, MetaField, Q, Search, Text
from elasticsearch.dsl.query import Query
from elasticsearch.helpers import BulkIndexError, bulk, scan

from search import es_analysis
from search.catalog import MAX_PAGE, MAX_PAGE_SIZE, CatalogQuery, FacetCount, Hit, SearchAnswer, Suggestion
from search.documents import CatalogDocument
from search.engines import upcoming_windows
from search.engines.database import MIN_CORRECTABLE_LENGTH, WORD, correction_for, fold
from search.engines.database import words as fold_words
from search.facets import FACETS, FACETS_BY_NAME, STORED_FACETS

logger = logging.getLogger(__name__)

DEFAULT_ALIAS = "catalog"


class CatalogEngineUnavailable(RuntimeError):
    """Elasticsearch could not answer (down, timing out, refusing, or its index missing): use another engine."""


# ----------------------------------------------------------------------------------------------------- mapping

ALL_TEXT = "all_text"


def _multilingual(highlighted: bool = False, **options: Any) -> Text:
    """A text field read accent-folded as written, with a sub-field per stemmed catalog language (`title.es`...).

    Every document fills every sub-field, but a search reads each document through its own language's sub-field
    only (`_text_query`), so a Spanish word is stemmed as Spanish in a Spanish offering and never as English.
    A `highlighted` field stores each word's character offsets in its postings, so the unified highlighter reads
    where the matches are from the index instead of analysing the stored text again for every hit (which cost
    most of a search's time on long bodies)."""
    stored: dict[str, Any] = {"index_options": "offsets"} if highlighted else {}
    fields = {
        language: Text(analyzer=index_analyzer, search_analyzer=search_analyzer, **stored)
        for language, (index_analyzer, search_analyzer) in es_analysis.LANGUAGE_ANALYZERS.items()
    }
    fields.update(options.pop("fields", {}))
    return Text(analyzer=es_analysis.folded, search_analyzer=es_analysis.folded_search, fields=fields, **stored,
                **options)


class CatalogIndexDocument(Document):
    """The indexed form of `search.documents.CatalogDocument`; `dynamic: strict` refuses any unmapped field.

    Each facet's field is a keyword, mapped from the facet definitions (`search/facets.py`) just below."""

    page_id = Long()
    url_path = Keyword(index=False)
    title = _multilingual(
        highlighted=True,
        copy_to=ALL_TEXT,
        fields={
            "autocomplete": Text(analyzer=es_analysis.autocomplete, search_analyzer=es_analysis.folded),
            "sort": Keyword(normalizer=es_analysis.sortable),
        },
    )
    summary = _multilingual(highlighted=True, copy_to=ALL_TEXT)
    body = _multilingual(highlighted=True, copy_to=ALL_TEXT)
    topic_names = _multilingual(copy_to=ALL_TEXT)
    instructors = Text(analyzer=es_analysis.folded, search_analyzer=es_analysis.folded_search, copy_to=ALL_TEXT)
    partner_names = Text(analyzer=es_analysis.folded, search_analyzer=es_analysis.folded_search, copy_to=ALL_TEXT)
    # Every word of the offering in one field, so "all words must appear" can hold across title, body and topics.
    all_text = _multilingual()

    regions = Keyword()
    time_zones = Keyword()
    locale = Keyword()
    # A double, not `scaled_float` (mapper-extras, which the minimal distribution lacks): hours are quarter and
    # half hours (0.25, 1.5), exact in binary, and any decimal of up to 15 digits survives the round trip, so
    # a range bound parsed as a double compares exactly with the stored value (a `float` would round 0.1).
    cpd_hours = Double()
    members_open_on = Date()
    public_open_on = Date()
    next_session_starts_at = Date()
    last_session_ends_at = Date()
    seats_available = Boolean()
    published_at = Date()

    class Meta:
        dynamic = MetaField("strict")


# A facet value (a programme year "2025" too) is only ever matched and counted whole: never analysed, summed or
# ranged.
for _facet in STORED_FACETS:
    CatalogIndexDocument._doc_type.mapping.field(_facet.field, Keyword())


# Pagination: any page a `CatalogQuery` may ask for (MAX_PAGE pages of MAX_PAGE_SIZE) is one `from`/`size`
# request. The catalog holds thousands of offerings, not millions, and Elasticsearch sizes each shard's
# collector by min(from + size, documents in the shard), so a deep `from` costs at most a full pass over the
# catalog. `search_after` with a point in time would need every page before the one asked for (pages are
# addressed by number in links and the API), so it would cost more here, not less.
MAX_RESULT_WINDOW = MAX_PAGE * MAX_PAGE_SIZE

INDEX_SETTINGS = {
    "number_of_shards": 1,  # one shard: a small catalog, and term statistics (ranking) identical for every query
    "max_result_window": MAX_RESULT_WINDOW,
}


def index_body() -> dict:
    """Settings (analysis included) and mappings for a new catalog index: `indices.create(index=..., **body)`."""
    index = Index("catalog-template")
    index.settings(**INDEX_SETTINGS)
    index.mapping(CatalogIndexDocument._doc_type.mapping)
    return index.to_dict()


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def source_for(document: CatalogDocument) -> dict:
    """The JSON Elasticsearch stores for one offering."""
    source = {name: _jsonable(value) for name, value in document.as_dict().items()}
    source["cpd_hours"] = float(document.cpd_hours)
    for facet in STORED_FACETS:  # keyword values as text, as queries and counts read them
        values = facet.values_of(document)
        source[facet.field] = values if facet.multi_valued else (values[0] if values else None)
    return source


# --------------------------------------------------------------------------------------------------- searching

FACET_BUCKETS = 500  # more values than any facet has (topics are the longest list)
# Relevance: title and topic matches outrank summary, summary outranks body; each read folded and in the
# document's language.
TEXT_BOOSTS = {"title": 3, "topic_names": 3, "summary": 2, "body": 1}
NAME_FIELDS = ("instructors", "partner_names")
HIGHLIGHT_ORDER = ("summary", "body", "title")  # the excerpt shown: why it matched, beyond the title on the card
FORMAT_BUCKETS = 20  # more than the catalog's formats, so autocomplete never drops one


def _language_variants(field: str) -> list[str]:
    """The field as written and every language's sub-field (what highlights and excerpts read)."""
    return [field, *(f"{field}.{language}" for language in es_analysis.STEMMED_LANGUAGES)]


def _read_in(field: str, language: str | None) -> list[str]:
    """The field as written, and its sub-field for `language` (None: as written only)."""
    return [field, f"{field}.{language}"] if language else [field]


def when_filters(now: datetime) -> dict[str, Query]:
    """The `when` facet as range filters, on the windows every engine shares (`upcoming_windows`): upcoming by the
    next session's start while the last session has not ended; past by the last session's end."""
    upcoming = Q("range", last_session_ends_at={"gte": now.isoformat()})
    filters = {}
    for name, (start, before) in upcoming_windows(now).items():
        bounds = {}
        if start is not None:
            bounds["gte"] = start.isoformat()
        if before is not None:
            bounds["lt"] = before.isoformat()
        filters[name] = upcoming & Q("range", next_session_starts_at=bounds)
    filters["past"] = Q("range", last_session_ends_at={"lt": now.isoformat()})
    return filters


def _words_in_language(text: str, language: str | None) -> Query:
    """The text read in one language (None: as written only), for documents in that language: every word (as
    written, stemmed, or a jargon synonym) must appear somewhere; title and topic words rank first."""
    every_word_somewhere = Q(
        "multi_match", query=text, type="most_fields", fields=_read_in(ALL_TEXT, language), operator="and",
    )
    ranked_fields = [
        f"{variant}^{boost}" for field, boost in TEXT_BOOSTS.items() for variant in _read_in(field, language)
    ] + list(NAME_FIELDS)
    best_field = Q("multi_match", query=text, type="best_fields", fields=ranked_fields, tie_breaker=0.3)
    return Q("bool", must=[every_word_somewhere], should=[best_field])


def _text_query(text: str) -> Query:
    """Each document read in its own language: one branch per stemmed language, filtered to the documents in it
    (their `language`), and one reading every other language's documents as written (accent-folded).

    No fuzziness: a word the catalog holds means itself ("seminar" is not "webinar"), and a word it does not hold
    was corrected before this query was built (`corrections`). Every clause is `multi_match`: the text is analysed
    as words, so query-syntax characters are just text.
    """
    languages = list(es_analysis.STEMMED_LANGUAGES)
    branches = [
        Q("bool", filter=[Q("term", language=language)], must=[_words_in_language(text, language)])
        for language in languages
    ]
    branches.append(Q("bool", must_not=[Q("terms", language=languages)], must=[_words_in_language(text, None)]))
    exact_phrase = Q("multi_match", query=text, type="phrase", fields=["title^3", "summary^2"], boost=2)
    return Q("bool", must=[Q("bool", should=branches, minimum_should_match=1)], should=[exact_phrase])


def _selection_filters(query: CatalogQuery, now: datetime) -> dict[str, Query]:
    """One filter per facet the query selects (values of one facet OR-ed)."""
    selected: dict[str, Query] = {}
    for name, values in query.filters.items():
        if not values:
            continue
        facet = FACETS_BY_NAME[name]
        if facet.field is not None:
            selected[name] = Q("terms", **{facet.field: list(values)})
        else:
            windows = when_filters(now)
            selected[name] = Q("bool", should=[windows[value] for value in values], minimum_should_match=1)
    return selected


def _all_of(filters: Iterable[Query]) -> Query:
    filters = list(filters)
    return Q("bool", filter=filters) if filters else Q("match_all")


SORT_KEYS: dict[str, list] = {
    "relevance": [{"_score": "desc"}, {"published_at": {"order": "desc", "missing": "_last"}}],
    "soonest": [{"next_session_starts_at": {"order": "asc", "missing": "_last"}}, {"_score": "desc"}],
    "newest": [{"published_at": {"order": "desc", "missing": "_last"}}, {"_score": "desc"}],
    "title": [{"title.sort": "asc"}],
}
TIEBREAK: dict[str, Any] = {"page_id": "asc"}  # equal keys never reorder between pages


def build_search_body(query: CatalogQuery, now: datetime, check_spelling: bool = True) -> dict:
    """The `_search` request for a catalog query.

    Visibility and the CPD range sit in the main query, so nothing hidden is ever matched or counted. Facet
    selections are a `post_filter` (they narrow the hits), and each facet's counts come from a `filter`
    aggregation holding every *other* facet's selection, so a facet's own choice never shrinks its counts.
    With text (and `check_spelling`), the same request asks which of its words the index lacks, with the
    nearest indexed words (`SPELLING`), for `corrections` to read.
    """
    visible = [Q("terms", access_level=list(query.visible_access_levels))]
    if query.locale:
        visible.append(Q("term", locale=query.locale))
    if query.cpd_min is not None or query.cpd_max is not None:
        bounds = {}
        if query.cpd_min is not None:
            bounds["gte"] = float(query.cpd_min)
        if query.cpd_max is not None:
            bounds["lte"] = float(query.cpd_max)
        visible.append(Q("range", cpd_hours=bounds))
    text = query.text.strip()
    main = Q("bool", filter=visible, must=[_text_query(text)]) if text else Q("bool", filter=visible)

    search = Search().query(main).extra(track_total_hits=True, _source=False)
    selected = _selection_filters(query, now)
    if selected:
        search = search.post_filter(_all_of(selected.values()))

    for facet in FACETS:
        others = _all_of(q for name, q in selected.items() if name != facet.name)
        bucket = search.aggs.bucket(f"facet_{facet.name}", "filter", filter=others)
        if facet.stored:
            bucket.bucket("values", "terms", field=facet.field, size=FACET_BUCKETS)
        else:
            bucket.bucket("values", "filters", filters=when_filters(now))

    search = search.sort(*SORT_KEYS[query.sort], TIEBREAK)
    if text:
        search = search.highlight_options(pre_tags=["<mark>"], post_tags=["</mark>"], encoder="html")
        search = search.highlight(*_language_variants("title"), number_of_fragments=0)
        search = search.highlight(
            *_language_variants("summary"), *_language_variants("body"),
            fragment_size=160, number_of_fragments=1, no_match_size=0,
        )
        if check_spelling:
            search = search.suggest(SPELLING, text, term=SPELLING_OPTIONS)
    return search[query.offset: query.offset + query.page_size].to_dict()


# ---------------------------------------------------------------------------------------------------- typos

# Typos as the database engine corrects them: only a word the catalog does not hold is a typo, and it becomes the
# nearest word the catalog holds (`database.correction_for`: the same length and distance rules, and a word the
# stemmer matches anyway, "modules" for "module", is left alone). Elasticsearch's term suggester finds the
# candidates: in `missing` mode it answers only for words absent from the accent-folded every-word field.
SPELLING = "spelling"
SPELLING_OPTIONS = {
    "field": ALL_TEXT,
    "analyzer": es_analysis.folded._name,  # the words as indexed (folded), no synonym expansion
    "suggest_mode": "missing",
    "min_word_length": MIN_CORRECTABLE_LENGTH,
    "prefix_length": 0,  # a wrong first letter is a typo too ("kanban" for "canban")
    "max_edits": 2,
    "size": 10,
    "sort": "score",
}
# Words the jargon list knows are never typos: they match through the synonyms even where no offering says them.
JARGON_WORDS = frozenset(
    word for short, english, spanish in es_analysis.JARGON for phrase in (short, *english, *spanish)
    for word in fold_words(phrase)
)


def corrections(text: str, response: Mapping[str, Any]) -> str:
    """The text with each word the index lacks replaced by the indexed word it most likely meant, as the database
    engine shows it ("Showing results for …"); "" when nothing was corrected."""
    candidates: dict[str, list[str]] = {}
    for entry in response.get("suggest", {}).get(SPELLING, []):
        if entry.get("options"):
            candidates[entry["text"]] = [option["text"] for option in entry["options"]]
    if not candidates:
        return ""
    originals = WORD.findall(text)
    fixed = {}
    for original in originals:
        word = fold(original)
        if word not in fixed:
            fixed[word] = None if word in JARGON_WORDS else correction_for(word, candidates.get(word, []))
    if not any(fixed.values()):
        return ""
    return " ".join(fixed[fold(original)] or original for original in originals)


def _excerpt(highlight: Mapping[str, list[str]]) -> str:
    for field in HIGHLIGHT_ORDER:
        for variant in _language_variants(field):
            if highlight.get(variant):
                return " … ".join(highlight[variant])
    return ""


def read_search_response(query: CatalogQuery, response: Mapping[str, Any]) -> SearchAnswer:
    """A `SearchAnswer` from a `_search` response to `build_search_body(query, ...)`."""
    hits = [
        Hit(page_id=int(hit["_id"]), score=float(hit.get("_score") or 0.0),
            highlight=_excerpt(hit.get("highlight", {})))
        for hit in response["hits"]["hits"]
    ]
    facets: dict[str, list[FacetCount]] = {}
    aggregations = response.get("aggregations", {})
    for facet in FACETS:
        chosen = query.filters.get(facet.name, ())
        values = aggregations.get(f"facet_{facet.name}", {}).get("values", {})
        if facet.stored:
            counts = [(str(b["key"]), b["doc_count"]) for b in values.get("buckets", [])]
        else:  # the schedule's windows, in their fixed order
            buckets = values.get("buckets", {})
            counts = [(name, buckets.get(name, {}).get("doc_count", 0)) for name in facet.fixed_values]
        counts = [(value, count) for value, count in counts if count or value in chosen]
        seen = {value for value, _ in counts}
        counts += [(value, 0) for value in chosen if value not in seen]  # a selection stays visible at zero
        facets[facet.name] = [FacetCount(value=value, count=count, selected=value in chosen)
                              for value, count in counts]
    return SearchAnswer(
        total=response["hits"]["total"]["value"], hits=hits, facets=facets, engine=ElasticsearchCatalogEngine.name
    )


def build_autocomplete_body(text: str, visible_access_levels: Sequence[str], per_format: int = 3,
                            locale: str = "") -> dict:
    """Title-prefix suggestions, the best `per_format` of each format, formats ordered by their best match."""
    matches = Q(
        "bool",
        should=[
            Q("match", **{"title.autocomplete": {"query": text, "operator": "and", "boost": 2}}),
            Q("match", title={"query": text, "operator": "and", "fuzziness": "AUTO"}),
        ],
        minimum_should_match=1,
        filter=[Q("terms", access_level=list(visible_access_levels)),
                *([Q("term", locale=locale)] if locale else [])],
    )
    search = Search().query(matches).extra(size=0)
    # Every format (there are four) gets a bucket; `read_autocomplete_response` orders the formats by their best
    # hit's score. Ordering buckets by score on the server would need a script, and scripting is a module the
    # minimal distribution lacks.
    formats = search.aggs.bucket("formats", "terms", field="format", size=FORMAT_BUCKETS)
    formats.metric(
        "top", A("top_hits", size=per_format, _source={"includes": ["page_id", "title", "format"]},
                 sort=[{"_score": "desc"}, TIEBREAK], track_scores=True)
    )
    return search.to_dict()


def read_autocomplete_response(response: Mapping[str, Any]) -> list[Suggestion]:
    """Suggestions by format, the format with the best-scoring title first (ties by the format's name)."""
    buckets = response.get("aggregations", {}).get("formats", {}).get("buckets", [])

    def best_first(bucket: Mapping[str, Any]) -> tuple[float, str]:
        hits = bucket["top"]["hits"]["hits"]
        return (-max((float(hit.get("_score") or 0.0) for hit in hits), default=0.0), str(bucket["key"]))

    suggestions = []
    for bucket in sorted(buckets, key=best_first):
        for hit in bucket["top"]["hits"]["hits"]:
            source = hit["_source"]
            suggestions.append(
                Suggestion(page_id=int(source["page_id"]), title=source["title"], format=source["format"])
            )
    return suggestions


# ---------------------------------------------------------------------------------------------------- the engine

# Server versions this engine is built and tested for: 8.19.x (the test suite runs on 8.19.21), the minor of the
# 8.19 Python client it speaks through. The client would also talk to 9.x in compatibility mode, but nothing here
# tests 9.x, so it is refused rather than trusted; widen this only with a test run on the new version.
SUPPORTED_SERVER_VERSIONS = ((8, 19, 0), (9, 0, 0))  # [lowest, first refused)


class UnsupportedElasticsearchServer(RuntimeError):
    """The cluster answers, but runs a version this engine is not built for: a deployment error, never masked."""


def _version_tuple(version: str) -> tuple[int, int, int] | None:
    """(major, minor, patch) from a server version such as "8.19.21" or "8.19.0-SNAPSHOT"; None if unreadable."""
    match = re.fullmatch(r"(\d{1,4})\.(\d{1,4})\.(\d{1,4})(?:-[0-9A-Za-z.]+)?", version.strip())
    return (int(match[1]), int(match[2]), int(match[3])) if match else None


def is_supported_server_version(version: str) -> bool:
    """Is a node's version inside `SUPPORTED_SERVER_VERSIONS`?"""
    parsed = _version_tuple(version)
    lowest, refused = SUPPORTED_SERVER_VERSIONS
    return parsed is not None and lowest <= parsed < refused


def check_server_versions(versions: Iterable[str]) -> None:
    """Refuse a cluster unless every node runs a supported version (a rolling upgrade mixes versions)."""
    versions = sorted(set(versions))
    if not versions:
        raise UnsupportedElasticsearchServer("The Elasticsearch cluster reported no nodes.")
    unsupported = [version for version in versions if not is_supported_server_version(version)]
    if unsupported:
        lowest, refused = (".".join(map(str, v)) for v in SUPPORTED_SERVER_VERSIONS)
        raise UnsupportedElasticsearchServer(
            f"Elasticsearch {', '.join(unsupported)} is not supported: the catalog needs a server from {lowest} "
            f"up to (not including) {refused}."
        )


# Timeouts bound how long a page waits for a dead or frozen cluster before the database answers.
TIMEOUT_BOUNDS = (0.1, 60.0)  # seconds; outside this a setting is a mistake, refused when the engine is made


def _bounded_timeout(name: str, value: Any) -> float:
    try:
        seconds = float(value)
    except (TypeError, ValueError) as error:
        raise ImproperlyConfigured(f"{name} must be a number of seconds, not {value!r}.") from error
    low, high = TIMEOUT_BOUNDS
    if not low <= seconds <= high:
        raise ImproperlyConfigured(f"{name} must be between {low:g} and {high:g} seconds, not {seconds:g}.")
    return seconds


def configured_timeouts() -> tuple[float, float]:
    """(connect, request) seconds from ELASTICSEARCH_CONNECT_TIMEOUT and ELASTICSEARCH_TIMEOUT."""
    connect = _bounded_timeout("ELASTICSEARCH_CONNECT_TIMEOUT", getattr(settings, "ELASTICSEARCH_CONNECT_TIMEOUT", 1))
    request = _bounded_timeout("ELASTICSEARCH_TIMEOUT", getattr(settings, "ELASTICSEARCH_TIMEOUT", 5))
    return min(connect, request), request


def _node_class(connect_timeout: float) -> type[Urllib3HttpNode]:
    """The client's HTTP node, with a connect timeout of its own: the client's `request_timeout` alone would let
    a silent address (a dropped packet, no refusal) hold a connection attempt for the whole request time."""

    class BoundedConnectNode(Urllib3HttpNode):
        def perform_request(self, method: str, target: str, body: bytes | None = None,
                            headers: HttpHeaders | None = None, request_timeout: Any = DEFAULT) -> NodeApiResponse:
            if isinstance(request_timeout, int | float):
                request_timeout = urllib3.Timeout(connect=connect_timeout, read=request_timeout)
            return super().perform_request(method, target, body=body, headers=headers, request_timeout=request_timeout)

    return BoundedConnectNode


@contextmanager
def _unavailable_on_failure(action: str) -> Iterator[None]:
    try:
        yield
    except (_TransportError, ApiError, BulkIndexError) as error:
        raise CatalogEngineUnavailable(f"Elasticsearch could not {action}: {error}") from error


class ElasticsearchCatalogEngine:
    """`search.catalog.CatalogEngine` on an Elasticsearch 8 cluster; readers and writers use the alias only."""

    name = "elasticsearch"

    def __init__(self, url: str, index_alias: str | None = None, request_timeout: float | None = None,
                 connect_timeout: float | None = None) -> None:
        self.alias: str = index_alias or str(getattr(settings, "ELASTICSEARCH_INDEX_ALIAS", DEFAULT_ALIAS))
        configured_connect, configured_request = configured_timeouts()
        request_timeout = _bounded_timeout("request_timeout", request_timeout or configured_request)
        connect_timeout = min(request_timeout, _bounded_timeout("connect_timeout",
                                                                connect_timeout or configured_connect))
        self.request_timeout, self.connect_timeout = request_timeout, connect_timeout
        # No retries: one attempt costs at most the connect plus the request timeout, after which the page
        # answers from the database (and a write fails, so its task retries later).
        self.client = Elasticsearch(
            url, node_class=_node_class(connect_timeout), request_timeout=request_timeout, max_retries=0,
            retry_on_timeout=False,
        )
        self._version_checked = False

    def server_versions(self) -> list[str]:
        """Every node's version, from the nodes info API (the minimal distribution answers `GET /` with a 405)."""
        with _unavailable_on_failure("report its version"):
            info = self.client.nodes.info(node_id="_all", metric="_none", filter_path="nodes.*.version")
        return sorted(node["version"] for node in info.body.get("nodes", {}).values())

    def _check_version(self) -> None:
        """Refuse an unsupported cluster before its first use; once accepted, not asked again by this engine (an
        unreachable cluster is asked again next time, since it has not answered yet)."""
        if not self._version_checked:
            check_server_versions(self.server_versions())
            self._version_checked = True

    # ----------------------------------------------------------------------------------------------- reading

    def search(self, query: CatalogQuery) -> SearchAnswer:
        """One request; a second, on the corrected text, only when the first found a word the index lacks."""
        now = timezone.now()
        with _unavailable_on_failure("search the catalog"):
            self._check_version()
            response = self.client.search(index=self.alias, body=build_search_body(query, now)).body
            corrected_text = corrections(query.text, response) if query.text.strip() else ""
            if corrected_text:
                body = build_search_body(replace(query, text=corrected_text), now, check_spelling=False)
                response = self.client.search(index=self.alias, body=body).body
        answer = read_search_response(query, response)
        answer.corrected_text = corrected_text
        return answer

    def autocomplete(self, text: str, visible_access_levels: Sequence[str], per_format: int = 3,
                     locale: str = "") -> list[Suggestion]:
        if not text.strip():
            return []
        body = build_autocomplete_body(text.strip(), visible_access_levels, per_format, locale)
        with _unavailable_on_failure("suggest titles"):
            self._check_version()
            response = self.client.search(index=self.alias, body=body)
        return read_autocomplete_response(response.body)

    def indexed_ids(self) -> set[int]:
        with _unavailable_on_failure("list indexed offerings"):
            self._check_version()
            if not self.client.indices.exists_alias(name=self.alias):
                return set()
            hits = scan(self.client, index=self.alias, query={"query": {"match_all": {}}, "_source": False}, size=1000)
            return {int(hit["_id"]) for hit in hits}

    # ----------------------------------------------------------------------------------------------- writing

    def index(self, documents: Sequence[CatalogDocument]) -> None:
        if not documents:
            return
        with _unavailable_on_failure("index offerings"):
            self._check_version()
            self._ensure_alias()
            actions = ({"_index": self.alias, "_id": d.page_id, "_source": source_for(d)} for d in documents)
            bulk(self.client, actions, refresh="wait_for", max_retries=2)

    def remove(self, page_ids: Sequence[int]) -> None:
        if not page_ids:
            return
        with _unavailable_on_failure("remove offerings"):
            self._check_version()
            if not self.client.indices.exists_alias(name=self.alias):
                return  # nothing was ever indexed; never let a delete create an unmapped index
            actions = ({"_op_type": "delete", "_index": self.alias, "_id": page_id} for page_id in page_ids)
            bulk(self.client, actions, refresh="wait_for", ignore_status=404, max_retries=2)

    def rebuild(self, documents: Sequence[CatalogDocument]) -> None:
        """Load a new timestamped index, then move the alias to it in one atomic step and drop the old ones."""
        with _unavailable_on_failure("rebuild the catalog"):
            self._check_version()
            new_index = self._create_index()
            try:
                actions = ({"_index": new_index, "_id": d.page_id, "_source": source_for(d)} for d in documents)
                bulk(self.client, actions, chunk_size=500, max_retries=2)
                self.client.indices.refresh(index=new_index)
                previous = self._swap_alias_to(new_index)
            except Exception:
                self.client.indices.delete(index=new_index, ignore_unavailable=True)
                raise
            if previous:
                self.client.indices.delete(index=",".join(previous), ignore_unavailable=True)
        logger.info("Catalog index %s now serves %s (%d offerings)", new_index, self.alias, len(documents))

    def _create_index(self) -> str:
        name = f"{self.alias}-{timezone.now():%Y%m%d%H%M%S%f}"
        self.client.indices.create(index=name, **index_body())
        return name

    def _ensure_alias(self) -> None:
        """Writes go through the alias; with none yet, writing would create an unmapped index under its name."""
        if not self.client.indices.exists_alias(name=self.alias):
            self._swap_alias_to(self._create_index())

    def _swap_alias_to(self, new_index: str) -> list[str]:
        """Point the alias at `new_index` alone, atomically; returns the indices it left."""
        previous = []
        if self.client.indices.exists_alias(name=self.alias):
            previous = sorted(self.client.indices.get_alias(name=self.alias).body)
        actions: list[dict] = [{"add": {"index": new_index, "alias": self.alias, "is_write_index": True}}]
        actions += [{"remove": {"index": old, "alias": self.alias}} for old in previous]
        if not previous and self.client.indices.exists(index=self.alias):
            # A concrete index squats the alias's name (written before any alias existed): replace it.
            actions.append({"remove_index": {"index": self.alias}})
        self.client.indices.update_aliases(actions=actions)
        return previous
