"""When a page rendered for one viewer may be served to them again from the cache instead of being rendered anew.

Why: a learner's own pages (the course page above all) are read far more often than anything they show is written,
and rendering them is most of their cost (bench/README.md). A page kept here is served by joining its cached text
with a fresh CSRF token, after the view has checked access as usual.

The key holds every input, so nothing is invalidated by hand and a stale page is never read under it:

- **who and where**: the viewer (each person has their own entries; every signed-out visitor shares one), the
  host, the path (a request with a query string is never kept), the language, the viewer's time zone and their day
  (membership and opening dates are days), and the deployed code (templates, translations, static files' names and
  Python: see `_code_fingerprint`);
- **the member's generation**: renewed by every save and deletion of a row registered as that member's own
  (`member_rows`): enrolments and their history, lesson completions, quiz attempts, attestations, registrations,
  the calendar feed, the member row. Their `QuerySet.update()`s and `bulk_create`s send no signal, so they call
  `lms.generations.renew_member` themselves (progress, onboarding, the calendar feed do);
- **the content generation**: renewed by every statement that writes any other table, whatever sent it (a save,
  `QuerySet.update()`, `bulk_create`, a page moved, a flush), seen by a database execute wrapper on every
  connection; rows registered as read by no kept page (`unread_rows`: sessions, the outbox, learning records) are
  the exception. Safe by default: a table nobody thought of renews it;
- **the clock**, for a page that shows what time decides (a session still to come, a window still open): it is
  kept for at most `clock_seconds` and keyed by the span of them it was made in;
- the site structure's and the admin access's generations (cms/site_structure.py), which code may renew directly.

Kept today: the course page (courses/learning/views.py) and My learning (courses/dashboard.py). A page added must
say how long the clock leaves it true (docs/architecture.md, "Pages kept whole per viewer").

A page is kept only for a GET that carries no one-time message (shown once, never kept) and renders none, answered
200 with the session untouched, and for at most PAGE_CACHE_SECONDS (0 turns the cache off; the tests compare the
kept page with the one rendered fresh). The generations are lms.generations (random tokens, renewed at once and again
on commit).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.cache import cache as django_cache
from django.db import connections
from django.db.backends.signals import connection_created
from django.db.models import Model
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone, translation

from lms import generations
from lms.models import LearningRecord, Member, OwedLetter

from .site_structure import ADMIN_ACCESS, STRUCTURE

DEFAULT_SECONDS = 600
CONTENT = "cms:content:generation"
# Where the response had its CSRF tokens (each `{% csrf_token %}` prints a differently masked one).
_CSRF_TOKEN = re.compile(r'(name="csrfmiddlewaretoken" value=")[A-Za-z0-9]{32,64}(")')

_member_of: dict[type[Model], tuple[Callable[[Any], int | None], bool]] = {}
_unread: tuple[type[Model], ...] = ()
_quiet_tables: frozenset[str] | None = None  # worked out from the two above on the first write
# Packages beside the site's own that never render a page (their Node projects hold thousands of files).
_NOT_SERVED = frozenset({"tests", "bench"})
# Saves of these fields alone change no kept page (a sign-in stamps last_login).
_QUIET_MEMBER_FIELDS = frozenset({"last_login"})


def cache_seconds() -> int:
    return int(getattr(settings, "PAGE_CACHE_SECONDS", DEFAULT_SECONDS))


def renew_content() -> None:
    generations.renew(CONTENT)


def member_rows(model: type[Model], member_of: Callable[[Any], int | None], *, shared: bool = False) -> None:
    """Register rows that belong to one member: a write renews that member's generation (`member_of` gives the
    member's id from the row; None: nobody's) and, when others' pages show them too (`shared`: a registration takes
    a seat everyone sees), the content's."""
    global _quiet_tables
    _member_of[model] = (member_of, shared)
    _quiet_tables = None


def unread_rows(*models: type[Model]) -> None:
    """Register rows (and their subclasses) no kept page reads: their writes renew nothing."""
    global _unread, _quiet_tables
    _unread = (*_unread, *models)
    _quiet_tables = None


# ---------------------------------------------------------------------------------------------- serving


def _has_messages(request: HttpRequest) -> bool:
    storage = getattr(request, "_messages", None)
    return storage is not None and len(storage) > 0  # len() reads them without marking them shown


@cache
def _code_fingerprint() -> str:
    """The deployed code, once per process: a release that changes a template, a translation, a static file's
    hashed name or the Python rendering a page never reads a page kept by the one before (size and time of change
    of each file, so it costs a directory walk, not a read)."""
    digest = hashlib.sha256()
    base = Path(settings.BASE_DIR)
    patterns = ("*.py", "*.html", "*.txt", "*.mo")
    packages = [path for path in base.iterdir() if (path / "__init__.py").exists() and path.name not in _NOT_SERVED]
    for package in sorted(packages):
        for pattern in patterns:
            for path in sorted(package.rglob(pattern)):
                if "node_modules" in path.parts:
                    continue
                stat = path.stat()
                digest.update(f"{path.relative_to(base)}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    manifest = Path(getattr(settings, "STATIC_ROOT", "") or base / "static") / "staticfiles.json"
    if manifest.is_file():
        digest.update(manifest.read_bytes())
    return digest.hexdigest()[:16]


def _key(request: HttpRequest, member_id: int | None, clock_seconds: int | None) -> str:
    names = [CONTENT] + ([generations.member(member_id)] if member_id else [])
    site = getattr(request, "_site_generations", None)  # read by the shell already (cms/page_routing.py)
    if site is None:
        names += [STRUCTURE, ADMIN_ACCESS]
    found = generations.current(*names)
    if site is not None:
        found = {**found, STRUCTURE: site[STRUCTURE], ADMIN_ACCESS: site[ADMIN_ACCESS]}
    parts = [
        _code_fingerprint(), request.get_host(), request.path, translation.get_language() or "",
        timezone.get_current_timezone_name(), timezone.localdate().isoformat(), str(member_id),
        str(int(timezone.now().timestamp()) // clock_seconds) if clock_seconds else "",
        *(found[name] for name in sorted(found)),
    ]
    return "cms:page:" + hashlib.sha256("\x00".join(parts).encode()).hexdigest()


def _keepable(request: HttpRequest, response: HttpResponse) -> bool:
    session = getattr(request, "session", None)
    return (
        response.status_code == 200
        and not response.cookies
        and not response.streaming
        and not (session is not None and session.modified)
        and not _has_messages(request)
    )


def for_viewer(request: HttpRequest, render: Callable[[], HttpResponse], *,
               clock_seconds: int | None = None) -> HttpResponse:
    """The page `render` makes for this request's viewer, from the cache when nothing it shows has changed since it
    was kept. Call it after the view's own access checks: they stay live on every request. `clock_seconds`: the
    page shows what the clock decides, and may be that many seconds late in showing it (None: only the day)."""
    seconds = min(cache_seconds(), clock_seconds) if clock_seconds else cache_seconds()
    if (seconds <= 0 or request.method != "GET" or request.GET or getattr(request, "is_preview", False)
            or _has_messages(request)):
        return render()  # a query string is not kept: any number of them could be made up
    user = getattr(request, "user", None)
    member_id = user.pk if user is not None and user.is_authenticated else None
    key = _key(request, member_id, clock_seconds)
    kept = django_cache.get(key)
    if kept is not None:
        content_type, parts = kept
        text = get_token(request).join(parts) if len(parts) > 1 else parts[0]
        return HttpResponse(text, content_type=content_type)
    response = render()
    if hasattr(response, "render"):
        response.render()
    if _keepable(request, response):
        text = response.content.decode(response.charset)
        parts = _CSRF_TOKEN.sub("\\1\x00\\2", text).split("\x00")
        django_cache.set(key, (response["Content-Type"], parts), seconds)
    return response


# ---------------------------------------------------------------------------------------------- what renews them

# The table a statement writes, as Django and Wagtail's tree write them (quoted); None for anything else.
_WRITE = re.compile(r'\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM|TRUNCATE(?:\s+TABLE)?)\s+"?([\w.]+)"?', re.IGNORECASE)


def _tables_left_to_signals() -> frozenset[str]:
    """The tables whose writes the content generation ignores: rows no kept page reads, and one member's own rows
    (the member row among them), whose saves and deletions renew that member's generation through the signals
    below. Worked out on the first write, once every package has registered its rows."""
    global _quiet_tables
    if _quiet_tables is None:
        quiet = {Member._meta.db_table}
        quiet |= {model._meta.db_table for model, (_, shared) in _member_of.items() if not shared}
        quiet |= {model._meta.db_table for model in apps.get_models() if issubclass(model, _unread)}
        _quiet_tables = frozenset(quiet)
    return _quiet_tables


def _on_statement(execute, sql, params, many, context):
    """Every statement on every connection passes here (a database execute wrapper): one that wrote a table other
    than those left to the signals renews the content, whatever wrote it: a save, `QuerySet.update()`,
    `bulk_create`, a tree move, a flush. A write nobody registered can so never leave a kept page stale."""
    result = execute(sql, params, many, context)
    written = _WRITE.match(sql) if isinstance(sql, str) else None
    if written is not None and written.group(1) not in _tables_left_to_signals():
        renew_content()
    return result


def _watch(connection, **kwargs) -> None:
    if _on_statement not in connection.execute_wrappers:
        connection.execute_wrappers.append(_on_statement)


def _on_write(sender, instance, **kwargs) -> None:
    """Saves and deletions of a member's own rows renew that member's generation (their statements renew nothing
    else, see `_on_statement`), and the content's too when the row is shared or a member row changed more than its
    sign-in stamp (names and roles are on others' pages)."""
    registered = _member_of.get(type(instance))
    if registered is not None:
        member_of, shared = registered
        generations.renew_member(member_of(instance))
        return  # a shared row's statement renewed the content
    if isinstance(instance, Member):
        generations.renew_member(instance.pk)
        fields = kwargs.get("update_fields")
        if fields is None or not set(fields) <= _QUIET_MEMBER_FIELDS:
            renew_content()


def _on_links(sender, instance, action, reverse, pk_set, **kwargs) -> None:
    """Many-to-many links naming a member (their interests and groups) renew that member's generation; the link
    table's statement renews the content."""
    if not action.startswith("post_"):
        return
    if isinstance(instance, Member):
        generations.renew_member(instance.pk)
    elif pk_set and issubclass(kwargs.get("model") or object, Member):
        for member_id in pk_set:
            generations.renew_member(member_id)


def connect() -> None:
    """Called once from CmsConfig.ready(): the statement watch on every connection, open or still to come."""
    from django.contrib.sessions.models import Session  # noqa: PLC0415

    unread_rows(Session, OwedLetter, LearningRecord)
    uid = "cms.page_cache"
    connection_created.connect(_watch, dispatch_uid=f"{uid}.statements")
    for connection in connections.all(initialized_only=True):
        _watch(connection)
    post_save.connect(_on_write, dispatch_uid=f"{uid}.saved")
    post_delete.connect(_on_write, dispatch_uid=f"{uid}.deleted")
    m2m_changed.connect(_on_links, dispatch_uid=f"{uid}.links")
