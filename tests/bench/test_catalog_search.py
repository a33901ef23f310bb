"""Smoke tests for the catalog benchmark (bench/catalog_search.py): its text oracle is sound, its seed builds a
valid catalog, and on a small one the project's answers agree with the ORM's. Nothing here is timed."""

from __future__ import annotations

import sys
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
    verdicts = catalog_search.check(engine.search, orm, queries, offerings=80)
    assert [(name, found) for name, passed, found in verdicts if not passed] == []

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
