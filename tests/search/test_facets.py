"""The facet definitions are the one place a facet is described: every consumer follows them, so adding one
definition (and its document value) is enough."""

import typing
from dataclasses import fields

import pytest
from django.utils.datastructures import MultiValueDict

from lms.api import site_api
from search.catalog import QueryRefused, read_query
from search.documents import CatalogDocument
from search.engines.elasticsearch import index_body
from search.facets import FACET_NAMES, FACETS, FACETS_BY_NAME, STORED_FACETS, WHEN

DOCUMENT_TYPES = typing.get_type_hints(CatalogDocument)
MAPPED = index_body()["mappings"]["properties"]
SEARCH_OPERATION = site_api().get_openapi_schema()["paths"]["/api/v1/catalog/search"]["get"]
API_PARAMETERS = {p["name"]: p for p in SEARCH_OPERATION["parameters"]}


def test_names_are_unique_and_the_schedule_is_the_only_facet_not_stored():
    assert len(set(FACET_NAMES)) == len(FACETS) == len(FACETS_BY_NAME)
    assert [facet for facet in FACETS if not facet.stored] == [WHEN]
    assert WHEN.fixed_values == ("this_week", "this_month", "later", "past")


@pytest.mark.parametrize("facet", STORED_FACETS, ids=lambda facet: facet.name)
def test_a_stored_facet_reads_a_document_field_of_its_shape_and_is_mapped_as_a_keyword(facet):
    assert facet.field in {f.name for f in fields(CatalogDocument)}
    is_list = typing.get_origin(DOCUMENT_TYPES[facet.field]) is list
    assert is_list is facet.multi_valued
    assert MAPPED[facet.field] == {"type": "keyword"}


@pytest.mark.parametrize("facet", FACETS, ids=lambda facet: facet.name)
def test_every_facet_is_a_repeatable_api_parameter_listing_its_fixed_values(facet):
    parameter = API_PARAMETERS[facet.name]
    assert parameter["schema"]["type"] == "array" and parameter["explode"] is True
    assert parameter["schema"]["items"].get("enum", []) == list(facet.fixed_values)


@pytest.mark.parametrize("raw", ["+5", "-1", "0", "0000001", "1.0", "1e2", "\u0663", "10001"])
def test_page_numbers_are_plain_digits_without_sign_or_long_zero_padding(raw):
    with pytest.raises(QueryRefused, match="page"):
        read_query(MultiValueDict({"page": [raw]}), {}, ["public"])


def test_short_zero_padding_reads_as_the_number():
    query = read_query(MultiValueDict({"page": ["007"], "page_size": ["050"]}), {}, ["public"])
    assert (query.page, query.page_size) == (7, 50)
