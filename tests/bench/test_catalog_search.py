"""Smoke tests for the catalog benchmark (bench/catalog_search.py): its text oracle is sound, its seed builds a
valid catalog, and on a small one the project's answers agree with the ORM's. Nothing here is timed."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone

BENCH_DIR = Path(__file__).resolve().parents[2] / "bench"
sys.path.insert(0, str(BENCH_DIR))

import catalog_search  # noqa: E402  (bench/ is a folder of scripts, not a package)


@pytest.mark.django_db
def test_no_two_vocabulary_words_share_a_lexeme_in_any_catalog_text_search_configuration():
    """The check matches text by whole words; that equals a full-text match only if the words stay distinct (and
    are never dropped as stop words) in every configuration a query is read in."""
    with connection.cursor() as cursor:
        cursor.execute(r"SELECT cfgname FROM pg_ts_config WHERE cfgname LIKE 'catalog\_%' OR cfgname = 'simple'")
        configs = [name for (name,) in cursor.fetchall()]
        assert len(configs) > 5  # migration 0002's configurations are there
        lexemes: dict[str, set[str]] = {word: set() for word in catalog_search.VOCABULARY}
        for config in configs:
            cursor.execute(
                "SELECT w, array(SELECT lexeme FROM unnest(to_tsvector(%s::regconfig, w))) "
                "FROM unnest(%s::text[]) AS w",
                [config, list(catalog_search.VOCABULARY)],
            )
            for word, found in cursor.fetchall():
                assert found, f"{word!r} is a stop word in {config}"
                lexemes[word] |= set(found)
    owner: dict[str, str] = {}
    for word, found in lexemes.items():
        for lexeme in found:
            assert owner.setdefault(lexeme, word) == word, f"{word!r} and {owner[lexeme]!r} share {lexeme!r}"


def test_the_plan_and_the_queries_are_the_same_every_run():
    assert catalog_search.plan_offerings(40) == catalog_search.plan_offerings(40)
    plans = catalog_search.plan_offerings(400)
    assert {plan.format for plan in plans} == set(catalog_search.FORMAT_WEIGHTS)
    assert all(plan.sessions for plan in plans if plan.format in ("workshop", "webinar"))
    assert not any(plan.sessions for plan in plans if plan.format in ("course", "ethics_module"))
    words = set(catalog_search.VOCABULARY)
    assert all(set(plan.title.lower().split()) <= words for plan in plans)


@pytest.mark.django_db
def test_queries_have_text_and_three_filters_and_respect_the_viewer():
    queries = catalog_search.benchmark_queries(12)
    assert [q.describe() for q in queries] == [q.describe() for q in catalog_search.benchmark_queries(12)]
    for bench_query in queries:
        query = bench_query.query
        assert query.text and len(query.filters) == 3
        if bench_query.viewer == "non-member":
            assert "member_only" not in query.visible_access_levels
            assert "member_only" not in query.filters.get("access_level", ())


def test_a_seed_is_reused_only_when_it_is_the_same_catalog_and_recent():
    today = date(2026, 3, 1)
    label = catalog_search.seed_label(10_000, today)
    assert catalog_search.reusable_seed(label, 10_000, today)[0]
    assert catalog_search.reusable_seed(label, 10_000, today + timedelta(days=catalog_search.FRESH_FOR_DAYS))[0]
    assert not catalog_search.reusable_seed(label, 10_000, today + timedelta(days=catalog_search.FRESH_FOR_DAYS + 1))[0]
    assert not catalog_search.reusable_seed(label, 500, today)[0]
    assert not catalog_search.reusable_seed(None, 10_000, today)[0]
    assert not catalog_search.reusable_seed("some other comment", 10_000, today)[0]


@pytest.mark.django_db
def test_a_small_seeded_catalog_checks_out_and_every_engine_is_timed():
    from wagtail.models import Page

    from search.documents import documents_for, live_offerings
    from search.engines.database import DatabaseCatalogEngine

    facts = catalog_search.seed(80)
    assert facts["offerings"] == 80 and facts["sessions"] > 0
    assert not any(Page.find_problems())

    engine = DatabaseCatalogEngine()
    engine.rebuild(documents_for(live_offerings()))
    queries = catalog_search.benchmark_queries(8)
    orm = catalog_search.OrmCatalog(timezone.now())
    verdicts = catalog_search.check({"database engine": engine.search}, orm, queries, offerings=80)
    assert [(name, found) for name, passed, found in verdicts if not passed] == []
    assert sum(name.startswith("database engine: ") for name, _, _ in verdicts) == 4

    engines = {
        "database": lambda query: catalog_search.Counted.from_answer(engine.search(query)),
        "wagtail": catalog_search.wagtail_baseline(orm),
    }
    figures = catalog_search.time_engines(engines, queries[:3], rounds=1)
    assert set(figures) == {"database", "wagtail"}
    assert all(f["searches"] == 3 and f["p50_ms"] <= f["p95_ms"] for f in figures.values())


@pytest.mark.django_db
def test_the_orm_counts_see_what_the_engine_would_hide():
    """The check's own counting is not vacuous: a member-only offering is counted for members, not for others."""
    catalog_search.seed(30)
    member, non_member = catalog_search.benchmark_queries(2)
    orm = catalog_search.OrmCatalog(timezone.now())
    from courses.models import Offering

    everything = Offering.objects.live()
    member_counts = orm.counts("access_level", everything.filter(access_level__in=member.query.visible_access_levels))
    public_counts = orm.counts("access_level",
                               everything.filter(access_level__in=non_member.query.visible_access_levels))
    assert member_counts.get("member_only", 0) == everything.filter(access_level="member_only").count() > 0
    assert "member_only" not in public_counts


@pytest.mark.django_db
def test_every_engine_is_held_to_the_orm_and_a_wrong_answer_fails_only_that_engine():
    from search.documents import documents_for, live_offerings
    from search.engines.database import DatabaseCatalogEngine

    catalog_search.seed(40)
    engine = DatabaseCatalogEngine()
    engine.rebuild(documents_for(live_offerings()))

    def miscounting(query):
        answer = engine.search(query)
        return replace(answer, total=answer.total + 1)

    queries = catalog_search.benchmark_queries(4)
    verdicts = catalog_search.check({"right": engine.search, "wrong": miscounting},
                                    catalog_search.OrmCatalog(timezone.now()), queries, offerings=40)
    failed = [name for name, passed, _ in verdicts if not passed]
    assert failed == ["wrong: totals equal the ORM's (4 queries)"]


@pytest.mark.django_db
def test_elasticsearch_answers_are_checked_against_the_orm_on_its_own_alias(settings):
    """The benchmark's check on a real Elasticsearch (make test exports ELASTICSEARCH_URL)."""
    from search.documents import documents_for, live_offerings
    from search.engines.elasticsearch import ElasticsearchCatalogEngine

    url = os.environ.get("ELASTICSEARCH_URL", "")
    if not url:
        pytest.fail("ELASTICSEARCH_URL is not set: run `make services` (make test starts Elasticsearch itself)")
    catalog_search.seed(60)
    elasticsearch = ElasticsearchCatalogEngine(url, index_alias=f"lms-bench-catalog-test-{os.getpid()}")
    elasticsearch.rebuild(documents_for(live_offerings()))
    try:
        verdicts = catalog_search.check({"Elasticsearch": elasticsearch.search},
                                        catalog_search.OrmCatalog(timezone.now()),
                                        catalog_search.benchmark_queries(8), offerings=60)
    finally:
        aliased = elasticsearch.client.indices.get_alias(name=elasticsearch.alias).body
        elasticsearch.client.indices.delete(index=",".join(aliased))
    assert [(name, found) for name, passed, found in verdicts if not passed] == []
    assert sum(name.startswith("Elasticsearch: ") for name, _, _ in verdicts) == 4


def test_the_catalog_run_refuses_to_leave_elasticsearch_out():
    with pytest.raises(catalog_search.ElasticsearchMissing, match="make services"):
        catalog_search.require_elasticsearch("")
    assert catalog_search.require_elasticsearch("http://127.0.0.1:9200") == "http://127.0.0.1:9200"
    environment = {key: value for key, value in os.environ.items() if key != "ELASTICSEARCH_URL"}
    refused = subprocess.run([sys.executable, str(BENCH_DIR / "run.py"), "--only", "catalog"], env=environment,  # noqa: S603
                             capture_output=True, text=True, timeout=60, check=False)
    assert refused.returncode == 2
    assert "ELASTICSEARCH_URL is not set" in refused.stderr and "make services" in refused.stderr
    assert refused.stdout == ""  # nothing was started or seeded


def test_each_engine_is_set_against_its_own_target():
    figures = {"wagtail": {"p95_ms": 100.0}, "database": {"p95_ms": 25.0}, "elasticsearch": {"p95_ms": 25.0}}
    assert catalog_search.target_verdicts(figures) == [("database engine", 4.0, 3.0, True),
                                                       ("Elasticsearch", 4.0, 5.0, False)]
    with pytest.raises(ValueError, match="elasticsearch engine was not measured"):
        catalog_search.target_verdicts({"wagtail": {"p95_ms": 100.0}, "database": {"p95_ms": 25.0}})
