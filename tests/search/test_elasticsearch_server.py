"""Which Elasticsearch servers the engine accepts, how long it waits for one, and that the catalog needs nothing the
minimal distribution lacks (beyond the four filters of search/elasticsearch_plugin/)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from search.catalog import CatalogQuery
from search.engines.elasticsearch import (
    SUPPORTED_SERVER_VERSIONS,
    ElasticsearchCatalogEngine,
    UnsupportedElasticsearchServer,
    build_autocomplete_body,
    build_search_body,
    check_server_versions,
    index_body,
    is_supported_server_version,
)

from .elasticsearch_support import EVERY_FACET_SELECTED, NOW, drop_indices, elasticsearch_url, unique_alias, walk

# ------------------------------------------------------------------------------------------ supported versions


@pytest.mark.parametrize("version", ["8.19.0", "8.19.21", "8.19.99", "8.19.22-SNAPSHOT", " 8.19.21 "])
def test_8_19_servers_are_supported(version):
    assert is_supported_server_version(version)


@pytest.mark.parametrize("version", [
    "8.18.8", "8.0.0", "7.17.29", "9.0.0", "9.1.4", "10.0.0",  # other releases: untested, so refused
    "", "8.19", "8", "banana", "8.19.x", "v8.19.21", "8.19.21.1",  # unreadable
])
def test_other_versions_are_refused(version):
    assert not is_supported_server_version(version)


def test_a_cluster_is_refused_if_any_node_is_unsupported():
    check_server_versions(["8.19.21", "8.19.20"])  # a rolling upgrade inside the line is fine
    with pytest.raises(UnsupportedElasticsearchServer, match=r"Elasticsearch 9\.0\.1 is not supported.*8\.19\.0"):
        check_server_versions(["8.19.21", "9.0.1"])
    with pytest.raises(UnsupportedElasticsearchServer, match="no nodes"):
        check_server_versions([])


def test_the_claim_holds_on_the_real_server():
    """The server the tests run on is a supported one, and the engine accepts it before its first request."""
    engine = ElasticsearchCatalogEngine(elasticsearch_url(), index_alias=unique_alias("version"))
    versions = engine.server_versions()
    assert versions and all(is_supported_server_version(v) for v in versions)
    assert SUPPORTED_SERVER_VERSIONS[0] <= tuple(int(p) for p in versions[0].split("-")[0].split(".")) < (9,)
    assert engine.indexed_ids() == set()  # the first use reads and accepts the version
    assert engine._version_checked
    drop_indices(engine.client, engine.alias)


# ------------------------------------------------------------------------------------------------------ timeouts


def test_timeouts_come_from_settings(settings):
    settings.ELASTICSEARCH_CONNECT_TIMEOUT = 0.5
    settings.ELASTICSEARCH_TIMEOUT = 2
    engine = ElasticsearchCatalogEngine("http://127.0.0.1:9", index_alias="catalog")
    assert (engine.connect_timeout, engine.request_timeout) == (0.5, 2.0)
    settings.ELASTICSEARCH_CONNECT_TIMEOUT = 10  # never longer than the whole request may take
    assert ElasticsearchCatalogEngine("http://127.0.0.1:9").connect_timeout == 2.0


@pytest.mark.parametrize(("name", "value", "reason"), [
    ("ELASTICSEARCH_TIMEOUT", "soon", "must be a number of seconds"),
    ("ELASTICSEARCH_TIMEOUT", 0, "must be between 0.1 and 60 seconds"),
    ("ELASTICSEARCH_TIMEOUT", 600, "must be between 0.1 and 60 seconds"),
    ("ELASTICSEARCH_CONNECT_TIMEOUT", -1, "must be between 0.1 and 60 seconds"),
    ("ELASTICSEARCH_CONNECT_TIMEOUT", None, "must be a number of seconds"),
])
def test_unbounded_timeouts_are_refused(settings, name, value, reason):
    setattr(settings, name, value)
    with pytest.raises(ImproperlyConfigured, match=f"{name} {reason}"):
        ElasticsearchCatalogEngine("http://127.0.0.1:9")


# ------------------------------------------------------------------------------------- the minimal distribution

# What Elastic's minimal distribution has in its core (no analysis-common, no mapper-extras, no scripting),
# and what search/elasticsearch_plugin/ adds to it.
CORE_FIELD_TYPES = {"text", "keyword", "long", "double", "date", "boolean"}
CORE_TOKEN_FILTERS = {"lowercase"}
PLUGIN_TOKEN_FILTERS = {"asciifolding", "stemmer", "elision", "arabic_normalization", "synonym_graph", "edge_ngram"}


def test_the_index_needs_only_core_types_and_the_plugins_filters():
    body = index_body()
    analysis = body["settings"]["analysis"]
    field_types = {d["type"] for d in walk(body["mappings"]) if isinstance(d.get("type"), str)}
    assert field_types <= CORE_FIELD_TYPES
    custom = analysis["filter"]
    used = {name for chain in (*analysis["analyzer"].values(), *analysis["normalizer"].values())
            for name in chain["filter"]}
    kinds = {custom[name]["type"] if name in custom else name for name in used}
    assert kinds <= CORE_TOKEN_FILTERS | PLUGIN_TOKEN_FILTERS
    assert {a.get("tokenizer") for a in analysis["analyzer"].values()} == {"standard"}


@pytest.mark.parametrize("body", [
    build_search_body(CatalogQuery(text="ethics", filters=EVERY_FACET_SELECTED), NOW),
    build_search_body(CatalogQuery(sort="soonest"), NOW),
    build_autocomplete_body("val str", ["public"]),
], ids=["search", "sorted", "autocomplete"])
def test_no_request_needs_scripting(body):
    assert not any(key in d for d in walk(body) for key in ("script", "script_score", "scripted_metric"))
