"""The catalog's one search contract: what a query may ask, what an answer holds, and the engine interface.

Views, the API and the tests speak only this; the Elasticsearch and database engines each implement
`CatalogEngine`. Reading a request into a `CatalogQuery` is strict: an unknown facet value or an absurd page
is refused here with a reason (a 400), so no engine ever sees it. The facets themselves are defined in
`search/facets.py`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Protocol

from django.utils.translation import gettext as _

from lms.access import AccessLevel
from lms.bounded_numbers import NumberRefused, read_decimal, read_whole

from .documents import CatalogDocument
from .facets import FACETS

SORTS = ("relevance", "soonest", "newest", "title")
PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
MAX_QUERY_CHARS = 200  # longer text is refused: nobody types more into a search box
MAX_PAGE = 10_000
MAX_WHOLE_CHARS = 6  # a page number or size as typed: "0000001" is refused, as any seven characters are
MAX_CPD_HOURS = 1000  # the most CPD hours a catalog filter may ask for (cpd_min, cpd_max)


class QueryRefused(ValueError):
    """The request cannot be read as a catalog query; the message says which parameter and why."""


@dataclass(frozen=True)
class CatalogQuery:
    text: str = ""
    filters: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    cpd_min: Decimal | None = None
    cpd_max: Decimal | None = None
    sort: str = "relevance"
    page: int = 1
    page_size: int = PAGE_SIZE
    # Decided by lms.access for the viewer, never by the request: what the viewer may see at all.
    visible_access_levels: tuple[str, ...] = tuple(AccessLevel.values)
    # The reader's locale (decided by the address, /es/...): only its pages are searched, so each offering is
    # found once. "" searches every locale.
    locale: str = ""

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.page_size


@dataclass(frozen=True)
class FacetCount:
    value: str
    count: int
    selected: bool


@dataclass(frozen=True)
class Hit:
    page_id: int
    score: float
    highlight: str = ""  # a short HTML-escaped excerpt with <mark> around matched words


@dataclass
class SearchAnswer:
    total: int
    hits: list[Hit]
    # Each facet's counts ignore that facet's own selection and never count what the viewer may not see.
    facets: dict[str, list[FacetCount]]
    corrected_text: str = ""  # the query as the engine read it after fixing typos, when it did
    engine: str = ""
    # True when the configured engine could not answer and a simpler one did (Elasticsearch down: the database
    # engine answers), so pages and the API can say the catalog is in a reduced mode.
    reduced_mode: bool = False


@dataclass(frozen=True)
class Suggestion:
    page_id: int
    title: str
    format: str


class CatalogEngine(Protocol):
    name: str

    def search(self, query: CatalogQuery) -> SearchAnswer: ...

    def autocomplete(self, text: str, visible_access_levels: Sequence[str], per_format: int = 3,
                     locale: str = "") -> list[Suggestion]: ...

    def index(self, documents: Sequence[CatalogDocument]) -> None: ...

    def remove(self, page_ids: Sequence[int]) -> None: ...

    def indexed_ids(self) -> set[int]: ...

    def rebuild(self, documents: Sequence[CatalogDocument]) -> None:
        """Replace the whole index so readers never see it half built."""


# ------------------------------------------------------------------------------------------- reading a request


def _positive_int(name: str, raw: str, upper: int) -> int:
    """Plain ASCII digits (through the one bounded reader) from 1 to `upper`. The reader would also take a sign
    ("+5") and any run of leading zeros; a page number is written with neither, so those stay refused here."""
    refused = QueryRefused(_("“%(name)s” must be a whole number from 1 to %(upper)s.") % {"name": name, "upper": upper})
    if raw.startswith(("+", "-")) or len(raw) > MAX_WHOLE_CHARS:
        raise refused
    try:
        return read_whole(raw, minimum=1, maximum=upper)
    except NumberRefused as error:
        raise refused from error


def _decimal(name: str, raw: str) -> Decimal:
    """Hours as plain ASCII digits (through the one bounded reader), so `1_000` or other scripts' digits, which
    Decimal() alone would take, are refused by name rather than read as a number."""
    try:
        return read_decimal(raw, minimum=0, maximum=MAX_CPD_HOURS, max_digits=8)
    except NumberRefused as refused:
        if refused.code in {"too_large", "too_small"}:
            raise QueryRefused(_("“%(name)s” must be between 0 and %(most)s hours.")
                               % {"name": name, "most": MAX_CPD_HOURS}) from refused
        raise QueryRefused(_("“%(name)s” must be a number of hours.") % {"name": name}) from refused


def read_query(params: Mapping[str, Any], allowed_values: Mapping[str, set[str]],
               visible_levels: Sequence[str], locale: str = "") -> CatalogQuery:
    """A `CatalogQuery` from request parameters (a QueryDict or dict of lists), or `QueryRefused`.

    `allowed_values` lists, per facet, the values that exist (topics, partners, years...): anything else is
    refused by name rather than silently matching nothing.
    """
    def values(name: str) -> list[str]:
        raw = params.getlist(name) if hasattr(params, "getlist") else list(params.get(name, []))
        return [v.strip() for v in raw if isinstance(v, str) and v.strip()]

    text_values = values("q")
    text = " ".join(text_values[:1]).replace("\x00", "")
    if len(text) > MAX_QUERY_CHARS:
        raise QueryRefused(_("The search text is too long (at most %(max)s characters).") % {"max": MAX_QUERY_CHARS})
    filters: dict[str, tuple[str, ...]] = {}
    for facet in FACETS:
        chosen = values(facet.name)
        if not chosen:
            continue
        known = set(facet.fixed_values) or allowed_values.get(facet.name, set())
        unknown = [v for v in chosen if v not in known]
        if unknown:
            raise QueryRefused(
                _("Unknown %(facet)s: “%(value)s”.") % {"facet": facet.name.replace("_", " "), "value": unknown[0][:50]}
            )
        filters[facet.name] = tuple(dict.fromkeys(chosen))
    sort = (values("sort") or ["relevance"])[0]
    if sort not in SORTS:
        raise QueryRefused(_("Sort by one of: %(sorts)s.") % {"sorts": ", ".join(SORTS)})
    page = _positive_int("page", values("page")[0], MAX_PAGE) if values("page") else 1
    page_size = _positive_int("page_size", values("page_size")[0], MAX_PAGE_SIZE) if values("page_size") else PAGE_SIZE
    cpd_min = _decimal("cpd_min", values("cpd_min")[0]) if values("cpd_min") else None
    cpd_max = _decimal("cpd_max", values("cpd_max")[0]) if values("cpd_max") else None
    if cpd_min is not None and cpd_max is not None and cpd_min > cpd_max:
        raise QueryRefused(_("“cpd_min” cannot be more than “cpd_max”."))
    return CatalogQuery(text=text, filters=filters, cpd_min=cpd_min, cpd_max=cpd_max, sort=sort, page=page,
                        page_size=page_size, visible_access_levels=tuple(visible_levels), locale=locale)
