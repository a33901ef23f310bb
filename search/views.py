"""The search page: read the request into a query, ask the engine, render what came back (the JSON twin is
search/api.py).

Results are drawn from the pages themselves (the engine returns ids), and only pages still live and visible
to the viewer are shown: an index a moment behind can never leak what the viewer may not see. A learning path among
them carries `search_path` (its card: the steps and CPD hours, courses/paths/listing.py).
"""

from __future__ import annotations

from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from wagtail.models import Locale

from courses.catalog.listing import card_prefetches
from courses.events.session_times import attach_next_sessions, viewer_zone, with_next_session
from courses.models import Offering
from courses.paths.listing import with_progress
from lms.access import visible_access_levels
from lms.pager import Pager

from .catalog import CatalogQuery, QueryRefused, SearchAnswer, read_query
from .documents import live_paths
from .engines import catalog_engine
from .facets import FACETS, facet_vocabulary


def run_search(request) -> tuple[CatalogQuery, SearchAnswer, list, dict]:
    """The query, the engine's answer, the result pages (offerings and paths) in the engine's order, and the facet
    vocabulary."""
    vocabulary = facet_vocabulary()
    visible = visible_access_levels(request.user)
    query = read_query(request.GET, {facet: set(values) for facet, values in vocabulary.items()}, visible,
                       locale=Locale.get_active().language_code)
    answer = catalog_engine().search(query)
    ids = [hit.page_id for hit in answer.hits]
    found = with_next_session(
        Offering.objects.live()
        .filter(pk__in=ids, access_level__in=visible)
        .select_related("image")  # each card's picture and its renditions, not a query per card
        .prefetch_related(*card_prefetches(), "image__renditions")
    ).specific()
    by_id = {page.pk: page for page in attach_next_sessions(found, viewer_zone())}
    paths = live_paths([pk for pk in ids if pk not in by_id], with_images=True)  # as catalogued: none private
    for entry in with_progress(paths):
        entry["page"].search_path = entry
        by_id[entry["page"].pk] = entry["page"]
    pages = []
    for hit in answer.hits:
        page = by_id.get(hit.page_id)
        if page is not None:
            page.search_highlight = hit.highlight
            pages.append(page)
    return query, answer, pages, vocabulary


def facet_groups(answer: SearchAnswer, vocabulary: dict) -> list[dict]:
    """One group per facet definition, in their order: the page's checkboxes and the API's `facets`."""
    return [
        {
            "name": facet.name,
            "label": facet.label,
            "options": [
                {"value": c.value, "label": vocabulary[facet.name].get(c.value, c.value), "count": c.count,
                 "selected": c.selected}
                for c in answer.facets.get(facet.name, [])
            ],
        }
        for facet in FACETS
    ]


@require_safe
def search_page(request) -> TemplateResponse:
    try:
        query, answer, pages, vocabulary = run_search(request)
    except QueryRefused as refused:
        return TemplateResponse(request, "search/search_page.html", {"error": str(refused), "text": ""}, status=400)
    last_page = max(1, -(-answer.total // query.page_size))
    params = request.GET.copy()
    params.pop("page", None)
    return TemplateResponse(
        request,
        "search/search_page.html",
        {
            "text": query.text,
            "query": query,
            "answer": answer,
            "results": pages,
            "facet_groups": facet_groups(answer, vocabulary),
            "pager": Pager(query.page, last_page, params.urlencode()),
            "sorts": [("relevance", _("Best match")), ("soonest", _("Soonest upcoming")), ("newest", _("Newest")),
                      ("title", _("Title"))],
            "viewer_zone": viewer_zone(),
        },
    )
