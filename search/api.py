"""The catalog API as a ninja router (mounted by lms.api through the `api_routers` hook in wagtail_hooks.py).

The query parameters are declared from the catalog's own bounds and facets for the document, but typed so ninja
accepts anything: `read_query` reads the request strictly, so each refusal is a 400 naming its parameter (ninja's
own validation would answer 422 in its words).
"""

from __future__ import annotations

from typing import Any, Literal

from django.http import JsonResponse
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from pydantic import Field, create_model
from wagtail.models import Locale

from courses.models import Offering
from lms.access import AccessLevel, visible_access_levels
from lms.api import ErrorAnswer, answers, get_and_head

from .catalog import MAX_CPD_HOURS, MAX_PAGE, MAX_PAGE_SIZE, MAX_QUERY_CHARS, PAGE_SIZE, SORTS, QueryRefused
from .documents import LEARNING_PATH, live_paths
from .engines import catalog_engine
from .facets import FACETS, Facet
from .views import facet_groups, run_search

AUTOCOMPLETE_MIN_CHARS = 2
AUTOCOMPLETE_MAX_CHARS = 100

router = Router(tags=["catalog"])


# ---------------------------------------------------------------------------------------------- answers


class FacetCount(Schema):
    value: str
    label: str
    count: int = Field(ge=0)
    selected: bool


class Result(Schema):
    id: int
    title: str
    url: str
    format: Literal["course", "ethics_module", "workshop", "webinar", "learning_path"]
    summary: str
    language: str
    level: str
    access_level: str
    cpd_hours: str = Field(description="A decimal number of hours.")
    public_open_on: str | None = Field(json_schema_extra={"format": "date"})
    next_session_starts_at: str | None = Field(json_schema_extra={"format": "date-time"})
    highlight: str = Field(description="HTML: escaped text with <mark> around matched words.")
    steps: int | None = Field(None, ge=0, description="A learning path's number of steps (null for an offering).")


class SearchAnswer(Schema):
    query: str
    corrected_query: str
    reduced_mode: bool = Field(
        description="True when the search service was unavailable and a simpler one answered: the results are "
                    "right, but typo tolerance, synonyms and ranking may be weaker until it returns.")
    total: int = Field(ge=0)
    page: int
    page_size: int
    results: list[Result]
    facets: dict[str, list[FacetCount]]


class Suggestion(Schema):
    id: int
    title: str
    format: str
    url: str


class Suggestions(Schema):
    suggestions: list[Suggestion]


# ---------------------------------------------------------------------------------------------- parameters


def _described(schema: dict, description: str = "") -> Any:
    """A query parameter ninja takes as it comes (read_query checks it) and the document describes by `schema`."""
    return Field(None, description=description or None, json_schema_extra=schema)


def _facet_parameter(facet: Facet) -> tuple[Any, Any]:
    """A repeatable parameter named as the facet; a facet whose values are fixed lists them, others' values live in
    the data (and an unknown one is a 400 naming it)."""
    items: dict[str, object] = {"type": "string"}
    if facet.fixed_values:
        items["enum"] = list(facet.fixed_values)
    schema = {"type": "array", "items": items}
    return Any, _described(
        schema, "Repeat to choose several values (any of them matches). Unknown values get a 400.")


CATALOG_PARAMETERS: dict[str, Any] = {
    "q": (Any, _described({"type": "string", "maxLength": MAX_QUERY_CHARS},
                          "Words to find; typos are tolerated, query syntax characters are read as plain text.")),
    **{facet.name: _facet_parameter(facet) for facet in FACETS},
    "cpd_min": (Any, _described({"type": "number", "minimum": 0, "maximum": MAX_CPD_HOURS})),
    "cpd_max": (Any, _described({"type": "number", "minimum": 0, "maximum": MAX_CPD_HOURS})),
    "sort": (Any, _described({"type": "string", "enum": list(SORTS), "default": "relevance"})),
    "page": (Any, _described({"type": "integer", "minimum": 1, "maximum": MAX_PAGE})),
    "page_size": (Any, _described({"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE,
                                   "default": PAGE_SIZE})),
}
CatalogParameters = create_model("CatalogParameters", __base__=Schema, **CATALOG_PARAMETERS)

AUTOCOMPLETE_PARAMETERS: dict[str, Any] = {
    "q": (Any, _described({"type": "string", "maxLength": AUTOCOMPLETE_MAX_CHARS},
                          "The text typed so far; absent or shorter than two characters, no suggestions.")),
}
AutocompleteParameters = create_model("AutocompleteParameters", __base__=Schema, **AUTOCOMPLETE_PARAMETERS)


def _json_error(message: str, status: int) -> JsonResponse:
    return JsonResponse({"error": message}, status=status)


# ---------------------------------------------------------------------------------------------- operations


def _path_result(page) -> dict:
    """A learning path as a result: no level, dates or access level of its own (its page is public, as catalogued);
    its language is its locale's, its hours its steps'."""
    progress = page.search_path["progress"]
    return {
        "id": page.pk, "title": page.title, "url": page.url, "format": LEARNING_PATH, "summary": page.summary,
        "language": page.locale.language_code, "level": "", "access_level": AccessLevel.PUBLIC.value,
        "cpd_hours": str(progress.cpd_hours), "public_open_on": None, "next_session_starts_at": None,
        "highlight": page.search_highlight, "steps": progress.total,
    }


@get_and_head(
    router, "/api/v1/catalog/search", url_name="catalog_search",
    summary="Search the catalog with facets",
    description="Only what the caller may see is returned or counted (signed-in members see member-only "
                f"offerings: {', '.join(AccessLevel.values)}).",
    response={200: SearchAnswer, 400: ErrorAnswer},
    openapi_extra=answers({200: "Results, facet counts and the total.",
                           400: "A parameter could not be read; `error` says which and why."}),
)
def catalog_search(request, parameters: Query[CatalogParameters]) -> JsonResponse:  # type: ignore[valid-type]
    try:
        query, answer, pages, vocabulary = run_search(request)
    except QueryRefused as refused:
        return _json_error(str(refused), 400)
    return JsonResponse({
        "query": query.text,
        "corrected_query": answer.corrected_text,
        "reduced_mode": answer.reduced_mode,
        "total": answer.total,
        "page": query.page,
        "page_size": query.page_size,
        "results": [
            _path_result(page) if hasattr(page, "search_path") else {
                "id": page.pk,
                "title": page.title,
                "url": page.url,
                "format": page.format,
                "summary": page.summary,
                "language": page.language,
                "level": page.level,
                "access_level": page.access_level,
                "cpd_hours": str(page.cpd_hours),
                "public_open_on": page.public_open_on.isoformat() if page.public_open_on else None,
                "next_session_starts_at": page.next_session.session.starts_at.isoformat()
                if page.next_session else None,
                "highlight": page.search_highlight,
                "steps": None,
            }
            for page in pages
        ],
        "facets": {group["name"]: group["options"] for group in facet_groups(answer, vocabulary)},
    })


@get_and_head(
    router, "/api/v1/catalog/autocomplete", url_name="catalog_autocomplete",
    summary="Suggestions while typing, a few per format",
    response={200: Suggestions, 400: ErrorAnswer},
    openapi_extra=answers({200: f"Suggestions (none for fewer than {AUTOCOMPLETE_MIN_CHARS} characters).",
                           400: "The text is too long."}),
)
def catalog_autocomplete(request, parameters: Query[AutocompleteParameters]) -> JsonResponse:  # type: ignore[valid-type]
    text = request.GET.get("q", "").replace("\x00", "").strip()
    if len(text) > AUTOCOMPLETE_MAX_CHARS:
        return _json_error(_("Type at most 100 characters for suggestions."), 400)
    if len(text) < AUTOCOMPLETE_MIN_CHARS:
        return JsonResponse({"suggestions": []})
    suggestions = catalog_engine().autocomplete(text, visible_access_levels(request.user),
                                                locale=Locale.get_active().language_code)
    # Only what is still live: the index may be a moment behind the pages.
    pages = {p.pk: p for p in Offering.objects.live().filter(pk__in=[s.page_id for s in suggestions])}
    pages |= {p.pk: p for p in live_paths([s.page_id for s in suggestions if s.page_id not in pages])}
    return JsonResponse(
        {"suggestions": [{"id": s.page_id, "title": s.title, "format": s.format, "url": pages[s.page_id].url}
                         for s in suggestions if s.page_id in pages]}
    )
