"""Which page a request is for, and what the shell around it reads, at a fixed cost of one or two queries.

Wagtail's own serving pays, on every page: the Site for the host (a query), the active Locale (a query), two
queries per level of the page tree (each child by slug, then its specific row), the page's ancestors and their
view restrictions (two queries), the site identity (a query). Here:

- **the shell** of a host (its Site with the root page, its SiteIdentity, the ids of restricted pages) and of a host
  in a language (the locale's home page as Wagtail's `.localized` picks it, its ancestors, the footer's pages) are
  read once per `site_structure.STRUCTURE` generation and kept in the cache; `SiteShellMiddleware` puts them on the
  request before any view or context processor asks Wagtail for them (not in the admin, which shows no shell);
- **routing** reads every page on the path below the locale's home page in one query (by the `url_path`s the path's
  prefixes would have), walks them exactly as Wagtail's `Page.route` would (a child by slug; a `RoutablePageMixin`
  page claims a sub-path it resolves before its children), and fetches only the page served as its specific type.
  A page type with a `route()` of its own is handed the rest of the path, as Wagtail would. Both reads are kept
  under the `STRUCTURE` generation too: the pages on a path that is a page's own address, and the page served by
  its id, so a page's address served again costs no query, and neither does a sub-route of it (an event's
  `register/`), which is walked from the entry of the page's own address;
- **view restrictions** are checked by Wagtail's own hook only when some page on the path (or above the home page)
  has one, which the shell knows without a query.
"""

import hashlib
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.db.models import Subquery, Value
from django.db.models.functions import Coalesce
from django.http import Http404, HttpRequest, HttpResponse
from django.http.request import split_domain_port
from django.urls import reverse
from django.utils import translation
from wagtail import hooks
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.url_routing import RouteResult
from wagtail.views import serve_chain
from wagtail.wagtail_hooks import check_view_restrictions

from cms import site_structure
from cms.models import SiteIdentity
from cms.translated_snippets import reader_language
from lms import generations as lms_generations

MAX_PATH_COMPONENTS = 32  # deeper addresses go to Wagtail's own routing (no page tree here is near that deep)
MAX_HOST_LENGTH = 253
CACHE_SECONDS = 24 * 3600


@dataclass
class HostShell:
    """What every page on one host reads that no one person's request changes."""

    site: Site | None
    identity: SiteIdentity | None = None
    restricted_page_ids: frozenset[int] = frozenset()


@dataclass
class LanguageShell:
    """The same host in one language: where its page tree starts and the footer's pages."""

    language: str | None
    home: Page | None = None
    home_ancestor_ids: tuple[int, ...] = ()
    home_ancestors_aliased: bool = False
    footer_pages: list[Page] = field(default_factory=list)


def _host_and_port(request: HttpRequest) -> tuple[str, int | str] | None:
    """The host as Site matching reads it, or None when it is not one we serve (then nothing is cached for it)."""
    try:
        request.get_host()  # ALLOWED_HOSTS: a made-up Host header must not make cache entries
    except DisallowedHost:
        return None
    hostname = split_domain_port(request._get_raw_host())[0]  # type: ignore[attr-defined]  # as Wagtail reads it
    if not hostname or len(hostname) > MAX_HOST_LENGTH:
        return None
    return hostname, request.get_port()


def _read_host_shell(request: HttpRequest) -> HostShell:
    site = Site._find_for_request(request)
    if site is None:
        return HostShell(site=None)
    return HostShell(
        site=site,
        identity=SiteIdentity.for_site(site),
        restricted_page_ids=frozenset(PageViewRestriction.objects.values_list("page_id", flat=True)),
    )


def footer_pages_of(site: Site, language: str | None) -> list[Page]:
    """The live children marked "show in menus" (about, code of conduct, privacy, ...) that no one restricted of the
    home page in the reader's language (its translation or alias in that locale, else the site's own home page), in
    the order editors gave them in the page tree. One query: titles and addresses are on the base page."""
    root = site.root_page
    reader_home = Page.objects.filter(
        translation_key=root.translation_key, locale__language_code=language, depth=root.depth
    ).order_by().values("path")[:1]
    home_path = Coalesce(Subquery(reader_home), Value(root.path))
    pages = Page.objects.filter(depth=root.depth + 1, path__startswith=home_path)
    return list(pages.live().in_menu().filter(view_restrictions__isnull=True).order_by("path"))


def _read_language_shell(site: Site) -> LanguageShell:
    language = reader_language()
    home = site.root_page.localized  # Wagtail's own choice: the live translation in the active locale, else the root
    ancestors = list(home.get_ancestors().values_list("id", "alias_of_id"))
    return LanguageShell(
        language=language,
        home=home,
        home_ancestor_ids=tuple(pk for pk, _ in ancestors),
        home_ancestors_aliased=any(alias for _, alias in ancestors) or home.alias_of_id is not None,
        footer_pages=footer_pages_of(site, language),
    )


def attach_shell(request: HttpRequest) -> None:
    """Puts the host's and language's shells on the request, once (from `SiteShellMiddleware`, or in the admin when
    something there asks for the site identity): one cache round trip for the generations, one for both shells (a
    miss reads and stores). Hands Wagtail the Site and SiteIdentity, so neither its routing nor its settings context
    processor queries them. Keyed by the structure generation, the host and port, and the active language: all
    that the shells are read from."""
    if getattr(request, "_shell_attached", False):
        return
    request._shell_attached = True  # type: ignore[attr-defined]
    generations = lms_generations.current(site_structure.STRUCTURE, site_structure.ADMIN_ACCESS)
    request._site_generations = generations  # type: ignore[attr-defined]
    host = _host_and_port(request)
    if host is None:
        return
    prefix = f"cms:shell:{generations[site_structure.STRUCTURE]}:{host[0]}:{host[1]}"
    host_key, language_key = prefix, f"{prefix}:{translation.get_language()}"
    found = cache.get_many([host_key, language_key])
    shell = found.get(host_key)
    if shell is None:
        shell = _read_host_shell(request)
        cache.set(host_key, shell, CACHE_SECONDS)
    request._wagtail_site = shell.site  # type: ignore[attr-defined]
    request.host_shell = shell  # type: ignore[attr-defined]
    if shell.site is None:
        return
    if shell.identity is not None:
        shell.identity._request = request
        setattr(request, SiteIdentity.get_cache_attr_name(), shell.identity)
    language_shell = found.get(language_key)
    if language_shell is None:
        language_shell = _read_language_shell(shell.site)
        cache.set(language_key, language_shell, CACHE_SECONDS)
    request.language_shell = language_shell  # type: ignore[attr-defined]


class SiteShellMiddleware:
    """Attaches the shells (`attach_shell`) before the view, so whatever asks Wagtail for the request's Site (a page's
    URL, the settings context processor) finds it on the request; not for the Wagtail admin or the JSON API, which
    show no shell."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = reverse("wagtailadmin_home")

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if not request.path_info.startswith(self.admin_prefix) and "api" not in (match.namespaces if match else ()):
            attach_shell(request)


@dataclass
class _Row:
    pk: int
    content_type_id: int
    live: bool
    depth: int
    alias_of_id: int | None


_ROW_FIELDS = ("pk", "content_type_id", "live", "depth", "alias_of_id")


def _specific(request: HttpRequest, row: _Row, model: type[Page]) -> Page:
    """The page served, as its specific type: kept per structure generation (every save of a page renews it), so the
    page's own rows are read once, not on every request. Keyed by the page's id: as many entries as pages."""
    generation = getattr(request, "_site_generations", {}).get(site_structure.STRUCTURE)
    if generation is None:
        return model._default_manager.get(pk=row.pk)
    key = f"cms:specific:{generation}:{row.pk}"
    page = cache.get(key)
    if page is None:
        page = model._default_manager.get(pk=row.pk)
        cache.set(key, page, CACHE_SECONDS)
    return page


@dataclass
class Routed:
    """A route, and the ids of the pages from the home page down to the page served when the walk saw them all."""

    result: RouteResult
    path_ids: tuple[int, ...] | None
    path_aliased: bool


class _Incomplete(Exception):
    """The walk needs a page below the ones a kept entry holds: read the whole path instead."""


def _path_keys(request: HttpRequest, home: Page, candidates: list[str]) -> list[str] | None:
    generation = getattr(request, "_site_generations", {}).get(site_structure.STRUCTURE)
    if generation is None:
        return None
    return [f"cms:route:{generation}:{home.pk}:{hashlib.sha256(c.encode()).hexdigest()}" for c in candidates]


def _path_rows(request: HttpRequest, home: Page, candidates: list[str], kept: bool = True) -> tuple[list[tuple], int]:
    """The pages below `home` at the addresses the path's prefixes would have, and how many of the prefixes they
    answer for: one query, or none when a page's address on the path is kept.

    An entry is kept per structure generation under a page's own address and holds every page from the home page down
    to it (as many entries as pages, whatever paths are made up). The longest prefix kept answers: enough for the page
    itself or a sub-route of it (a routable page claims a sub-path before its children), and the walk asks for the
    whole path (`kept=False`) should it need a page below."""
    if not candidates:  # the home page itself
        return [], 0
    keys = _path_keys(request, home, candidates)
    if keys is not None and kept:
        found = cache.get_many(keys)
        for answered in range(len(candidates), 0, -1):
            if keys[answered - 1] in found:
                return found[keys[answered - 1]], answered
    rows = list(
        Page.objects.filter(
            path__startswith=home.path,
            depth__gt=home.depth,
            depth__lte=home.depth + len(candidates),
            url_path__in=candidates,
        )
        .order_by()
        .values_list(*_ROW_FIELDS)
    )
    depths = sorted(_Row(*values).depth for values in rows)
    if keys is not None and rows and depths == list(range(home.depth + 1, home.depth + len(rows) + 1)):
        cache.set(keys[len(rows) - 1], rows, CACHE_SECONDS)  # the deepest page's own address
    return rows, len(candidates)


def _walk(request: HttpRequest, home: Page, components: list[str]) -> Routed:
    """Wagtail's routing from `home` down `components`, with every default-routed level read in one query (none when
    the path's pages are kept)."""
    try:
        return _walk_rows(request, home, components, kept=True)
    except _Incomplete:
        return _walk_rows(request, home, components, kept=False)


def _walk_rows(request: HttpRequest, home: Page, components: list[str], kept: bool) -> Routed:
    candidates = [home.url_path + "".join(f"{c}/" for c in components[:k]) for k in range(1, len(components) + 1)]
    rows, answered = _path_rows(request, home, candidates, kept)
    by_depth: dict[int, _Row] = {}
    for values in rows:
        row = _Row(*values)
        if row.depth in by_depth:
            raise _Ambiguous  # two pages with one address: leave it to Wagtail
        by_depth[row.depth] = row
    node = _Row(home.pk, home.content_type_id, home.live, home.depth, home.alias_of_id)
    rest = components
    seen: list[_Row] = [node]
    while True:
        found = ContentType.objects.get_for_id(node.content_type_id).model_class()
        if found is None or not issubclass(found, Page):
            raise _Ambiguous
        model: type[Page] = found
        route = model.route
        if route is RoutablePageMixin.route:
            if node.live:
                try:
                    match = model.get_resolver().resolve("/" + "".join(f"{c}/" for c in rest))
                except Http404:
                    pass
                else:
                    page = _specific(request, node, model)
                    match.func = match.func.__get__(page, type(page))
                    request.routable_resolver_match = match  # type: ignore[attr-defined]
                    view, args, kwargs = match
                    return _routed(RouteResult(page, args=(view, args, kwargs)), seen)
        elif route is not Page.route:
            # A route of the page type's own: it decides the rest, as under Wagtail (its pages below are unseen).
            return Routed(_specific(request, node, model).route(request, rest), None, True)
        if not rest:
            if node.live:
                return _routed(RouteResult(_specific(request, node, model)), seen)
            raise Http404
        child = by_depth.get(node.depth + 1)
        if child is None:
            if node.depth - home.depth >= answered:
                raise _Incomplete  # below the pages kept: there may be one
            raise Http404
        node, rest = child, rest[1:]
        seen.append(node)


def _routed(result: RouteResult, seen: list[_Row]) -> Routed:
    return Routed(result, tuple(row.pk for row in seen), any(row.alias_of_id for row in seen))


class _Ambiguous(Exception):
    """Something this walk does not reproduce exactly: Wagtail routes the request instead."""


def route(request: HttpRequest, path: str) -> Routed | None:
    """The page, args and kwargs Wagtail's `Page.route_for_request` would give (None for a 404), remembered on the
    request where Wagtail keeps it, so anything asking Wagtail again gets the same answer without a query."""
    attach_shell(request)
    language_shell = getattr(request, "language_shell", None)
    components = [component for component in path.split("/") if component]
    routed: Routed | None
    if language_shell is None or language_shell.home is None or len(components) > MAX_PATH_COMPONENTS:
        result = Page.route_for_request(request, path)
        return None if result is None else Routed(result, None, True)
    try:
        routed = _walk(request, language_shell.home, components)
    except Http404:
        routed = None
    except _Ambiguous:
        result = Page.route_for_request(request, path)
        routed = None if result is None else Routed(result, None, True)
    request._wagtail_route_for_request = None if routed is None else routed.result  # type: ignore[attr-defined]
    return routed


def _restrictions_checked_only_where_they_may_apply(request: HttpRequest, routed: Routed):
    """Wagtail's `check_view_restrictions` hook, skipped when the shell shows that no page on the path is restricted
    (no restriction anywhere, or none on the home page's ancestors and the path walked, and no alias among them whose
    original might be)."""

    def wrap(callback):
        wagtail_check = check_view_restrictions(callback)

        def inner(page, request, serve_args, serve_kwargs):
            restricted = request.host_shell.restricted_page_ids
            language_shell = request.language_shell
            if not restricted or (
                routed.path_ids is not None
                and routed.path_ids[-1] == page.pk
                and not routed.path_aliased
                and not language_shell.home_ancestors_aliased
                and restricted.isdisjoint(routed.path_ids)
                and restricted.isdisjoint(language_shell.home_ancestor_ids)
            ):
                return callback(page, request, serve_args, serve_kwargs)
            return wagtail_check(page, request, serve_args, serve_kwargs)

        return inner

    return wrap


def serve(request: HttpRequest, path: str) -> HttpResponse:
    """`wagtail.views.serve` with the routing above and the view-restriction hook asked only where it may refuse."""
    routed = route(request, path)
    if routed is None:
        raise Http404
    page, args, kwargs = routed.result

    on_serve_chain = serve_chain
    for fn in reversed(hooks.get_hooks("on_serve_page")):
        if fn is check_view_restrictions and hasattr(request, "host_shell"):
            fn = _restrictions_checked_only_where_they_may_apply(request, routed)
        on_serve_chain = fn(on_serve_chain)

    for fn in hooks.get_hooks("before_serve_page"):
        result = fn(page, request, args, kwargs)
        if isinstance(result, HttpResponse):
            return result

    return on_serve_chain(page, request, args, kwargs)
