"""The catalog API's part of the OpenAPI document (see lms/api_schema.py), built from the constants the code reads
and, for the facet parameters, from the facet definitions (`search/facets.py`)."""

from __future__ import annotations

from lms.api_schema import ERROR_SCHEMA as ERROR

from .catalog import MAX_PAGE, MAX_PAGE_SIZE, MAX_QUERY_CHARS, SORTS
from .facets import FACETS, Facet

FACET_COUNT = {
    "type": "object",
    "required": ["value", "label", "count", "selected"],
    "properties": {
        "value": {"type": "string"},
        "label": {"type": "string"},
        "count": {"type": "integer", "minimum": 0},
        "selected": {"type": "boolean"},
    },
}

RESULT = {
    "type": "object",
    "required": ["id", "title", "url", "format", "summary", "language", "level", "access_level", "cpd_hours"],
    "properties": {
        "id": {"type": "integer"},
        "title": {"type": "string"},
        "url": {"type": "string"},
        "format": {"type": "string", "enum": ["course", "ethics_module", "workshop", "webinar"]},
        "summary": {"type": "string"},
        "language": {"type": "string"},
        "level": {"type": "string"},
        "access_level": {"type": "string"},
        "cpd_hours": {"type": "string", "description": "A decimal number of hours."},
        "public_open_on": {"type": ["string", "null"], "format": "date"},
        "next_session_starts_at": {"type": ["string", "null"], "format": "date-time"},
        "highlight": {"type": "string", "description": "HTML: escaped text with <mark> around matched words."},
    },
}


def _facet_parameter(facet: Facet) -> dict:
    """A repeatable query parameter; a facet whose values are fixed lists them, others' values live in the data."""
    items: dict[str, object] = {"type": "string"}
    if facet.fixed_values:
        items["enum"] = list(facet.fixed_values)
    schema = {"type": "array", "items": items}
    return {
        "name": facet.name, "in": "query", "required": False, "style": "form", "explode": True, "schema": schema,
        "description": "Repeat to choose several values (any of them matches). Unknown values get a 400.",
    }


def catalog_paths() -> dict:
    search_parameters = [
        {"name": "q", "in": "query", "schema": {"type": "string", "maxLength": MAX_QUERY_CHARS},
         "description": "Words to find; typos are tolerated, query syntax characters are read as plain text."},
        *(_facet_parameter(facet) for facet in FACETS),
        {"name": "cpd_min", "in": "query", "schema": {"type": "number", "minimum": 0, "maximum": 1000}},
        {"name": "cpd_max", "in": "query", "schema": {"type": "number", "minimum": 0, "maximum": 1000}},
        {"name": "sort", "in": "query", "schema": {"type": "string", "enum": list(SORTS), "default": "relevance"}},
        {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE}},
        {"name": "page_size", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE}},
    ]
    return {
        "/api/v1/catalog/search": {
            "get": {
                "summary": "Search the catalog with facets",
                "description": "Only what the caller may see is returned or counted (signed-in members see "
                               "member-only offerings).",
                "parameters": search_parameters,
                "responses": {
                    "200": {"description": "Results, facet counts and the total.", "content": {
                        "application/json": {"schema": {
                            "type": "object",
                            "required": ["query", "total", "page", "page_size", "results", "facets",
                                         "reduced_mode"],
                            "properties": {
                                "query": {"type": "string"},
                                "corrected_query": {"type": "string"},
                                "reduced_mode": {
                                    "type": "boolean",
                                    "description": "True when the search service was unavailable and a simpler "
                                                   "one answered: the results are right, but typo tolerance, "
                                                   "synonyms and ranking may be weaker until it returns."},
                                "total": {"type": "integer", "minimum": 0},
                                "page": {"type": "integer"},
                                "page_size": {"type": "integer"},
                                "results": {"type": "array", "items": RESULT},
                                "facets": {"type": "object", "additionalProperties": {
                                    "type": "array", "items": FACET_COUNT}},
                            },
                        }}}},
                    "400": {"description": "A parameter could not be read; `error` says which and why.",
                            "content": {"application/json": {"schema": ERROR}}},
                },
            }
        },
        "/api/v1/catalog/autocomplete": {
            "get": {
                "summary": "Suggestions while typing, a few per format",
                "parameters": [{"name": "q", "in": "query", "required": True,
                                "schema": {"type": "string", "maxLength": 100}}],
                "responses": {
                    "200": {"description": "Suggestions (none for fewer than two characters).", "content": {
                        "application/json": {"schema": {
                            "type": "object", "required": ["suggestions"],
                            "properties": {"suggestions": {"type": "array", "items": {
                                "type": "object", "required": ["id", "title", "format", "url"],
                                "properties": {"id": {"type": "integer"}, "title": {"type": "string"},
                                               "format": {"type": "string"}, "url": {"type": "string"}},
                            }}},
                        }}}},
                    "400": {"description": "The text is too long.",
                            "content": {"application/json": {"schema": ERROR}}},
                },
            }
        },
    }
