"""What Elasticsearch does beyond the shared contract, on the same fixed catalog and the real server: the field's
jargon as synonyms (the database engine has none), and a rebuild that swaps the alias onto a new index."""

from __future__ import annotations

import pytest

from search import indexing
from tests.contract.support import LIVE_KEYS, MEMBER_ONLY_KEYS, engine_in_use, found

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def engine(contract_alias, django_db_setup, django_db_blocker):
    """Elasticsearch only (this module's tests have no database counterpart); the shared catalog is built in it."""
    with django_db_blocker.unblock(), engine_in_use("elasticsearch", contract_alias) as engine:
        yield engine


@pytest.mark.parametrize(("typed", "expected"), [
    ("wip", "flow_fundamentals"),  # its overview says "work in progress"
    ("trabajo en curso", "flow_fundamentals"),  # the Spanish for it
    ("vsm", "gestion"),  # "Gestión del flujo de valor"
    ("value stream management", "gestion"),
])
def test_jargon_finds_what_it_stands_for(engine, catalog, typed, expected):
    assert expected in found(catalog, engine.search(catalog.query(text=typed)))


def test_synonyms_never_widen_what_a_viewer_sees(engine, catalog):
    keys = set(found(catalog, engine.search(catalog.query(text="coi"))))  # "conflict of interest"
    assert "conflicts" not in keys
    member = engine.search(catalog.query(catalog.member, text="coi"))
    assert "conflicts" in found(catalog, member)


def test_a_rebuild_swaps_the_alias_onto_a_new_index(engine, catalog):
    client = engine.client
    before = set(client.indices.get_alias(name=engine.alias).body)
    assert len(before) == 1

    documents = [d for batch in indexing.document_batches(indexing.live_page_ids()) for d in batch]
    engine.rebuild(documents)

    after = set(client.indices.get_alias(name=engine.alias).body)
    assert len(after) == 1 and not after & before
    assert not any(client.indices.exists(index=old) for old in before)  # the old index is gone
    (new_index,) = after
    assert client.count(index=new_index)["count"] == len(LIVE_KEYS)
    assert engine.indexed_ids() == catalog.ids(*LIVE_KEYS)
    visitor = engine.search(catalog.query(page_size=100))
    assert visitor.total == len(LIVE_KEYS) - len(MEMBER_ONLY_KEYS)
