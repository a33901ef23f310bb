"""Property tests for reading a catalog query: whatever parameters arrive, the reader either builds a query within
its bounds or refuses with its own error naming what was wrong; nothing else escapes, nothing unbounded is kept."""

from __future__ import annotations

from decimal import Decimal

from django.utils.datastructures import MultiValueDict
from hypothesis import given, settings
from hypothesis import strategies as st

from search.catalog import (
    MAX_PAGE,
    MAX_PAGE_SIZE,
    MAX_QUERY_CHARS,
    SORTS,
    CatalogQuery,
    QueryRefused,
    read_query,
)
from search.facets import FACET_NAMES

ALLOWED = {"topic": {"flow-metrics", "ethics"}, "format": {"course", "webinar"}, "language": {"en", "es"}}
NAMES = ["q", "sort", "page", "page_size", "cpd_min", "cpd_max", *FACET_NAMES, "unknown"]
numberish = st.one_of(
    st.text(max_size=30),
    st.from_regex(r"[+-]?[0-9]{0,12}(\.[0-9]{0,6})?([eE][+-]?[0-9]{1,12})?", fullmatch=True),
    st.sampled_from(["NaN", "Infinity", "-0", "1_000", "\u0661\u0662", "1e999999999", "0x10"]),
)
values = st.lists(st.one_of(st.text(max_size=60), numberish, st.sampled_from(sorted(ALLOWED["topic"]))), max_size=4)
parameters = st.dictionaries(st.sampled_from(NAMES), values, max_size=len(NAMES))


@settings(max_examples=400, deadline=None)
@given(parameters)
def test_any_parameters_give_a_bounded_query_or_a_named_refusal(raw):
    try:
        query = read_query(MultiValueDict(raw), ALLOWED, ["public"])
    except QueryRefused as refused:
        assert str(refused)
        return
    assert isinstance(query, CatalogQuery)
    assert len(query.text) <= MAX_QUERY_CHARS and "\x00" not in query.text
    assert 1 <= query.page <= MAX_PAGE and 1 <= query.page_size <= MAX_PAGE_SIZE
    assert query.sort in SORTS
    for bound in (query.cpd_min, query.cpd_max):
        assert bound is None or (bound.is_finite() and Decimal(0) <= bound <= Decimal(1000))
    for facet, chosen in query.filters.items():
        assert facet in FACET_NAMES and len(chosen) == len(set(chosen))
