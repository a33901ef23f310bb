"""Every hostile id in tests/hostile/ids.txt in every id and string parameter of every URL the platform's packages
define (walked from the URL resolver, so a new URL is replayed without being listed) and in the event page's own
routes (cancel, join, materials): as staff and as a member, by GET and POST, never a server error, never a success
where the value stands for an id, and always within the hang guard. The other parameters of the URL hold real
objects, so the hostile value is the only thing wrong."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from tests.certificates.public_support import fresh_address
from tests.hostile import corpus
from tests.hostile.replay import within_bound
from tests.test_permission_matrix import LEARNER, MENTOR, PACKAGES, STAFF, World

pytestmark = pytest.mark.django_db

IDS = corpus.cases("ids.txt")
ID_STRIDE = 4
STRING_STRIDE = 2
_PARAMETER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")


def _routes(patterns, prefix: str = "", namespace: str = ""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _routes(
                pattern.url_patterns,
                prefix + str(pattern.pattern),
                namespace + (f"{pattern.namespace}:" if pattern.namespace else ""),
            )
        elif isinstance(pattern, URLPattern):
            view = getattr(pattern.callback, "view_class", pattern.callback)
            if view.__module__.split(".")[0] in PACKAGES and _PARAMETER.search(str(pattern.pattern)):
                yield namespace + (pattern.name or str(pattern.pattern)), prefix + str(pattern.pattern)


ROUTES = dict(_routes(get_resolver().url_patterns))


def valid(world: World, route: str, name: str) -> str:
    """A real value for a parameter, so a URL is wrong only where the hostile id is."""
    values = {
        "event_id": lambda: world.event.pk,
        "registration_id": lambda: world.registration.pk,
        "session_id": lambda: world.session.pk,
        "certificate_id": lambda: world.certificate.pk,
        "template_id": lambda: world.template.pk,
        "activity_id": lambda: world.cpd_activity.pk,
        "audit_id": lambda: world.cpd_audit.pk,
        "case_id": lambda: world.cpd_case(LEARNER).pk,
        "evidence_id": lambda: world.cpd_audit_evidence.pk,
        "cycle_id": lambda: world.cpd_cycle.pk,
        "scheme_id": lambda: world.cpd_scheme.pk,
        "round_id": lambda: world.proposal.round_id,
        "proposal_id": lambda: world.proposal.pk,
        "adjustment_id": lambda: 1,
        "pk": lambda: world[MENTOR].pk if "users" in route else world.template.pk,
        "slug": lambda: world["partner"].slug,
        "token": lambda: "no-such-token",
        "code": lambda: world.certificate.code,
        "member_id": lambda: world[MENTOR].pk,
        "request_id": lambda: world.request.pk,
        "decision": lambda: "accept",
        "role": lambda: "mentee",
        "mentorship_id": lambda: world.mentorship.pk,
        "kind": lambda: "midpoint",
    }
    assert name in values, f"say which real object <{name}> of {route} points at"
    return str(values[name]())


def hostile_urls(world: World, route: str, offset: int):
    """The route with each parameter in turn replaced by hostile ids (the others real). Each parameter gets a
    slice of the ids, a different one per route and parameter, so every id meets the `<id:...>` converter and the
    string parameters' views across the URLs while the replay stays within minutes: a string parameter reaches its
    view, so it gets every STRING_STRIDE-th id; an id parameter is matched by the one converter before any view
    runs, so every ID_STRIDE-th."""
    parameters = [(match.group("converter"), match.group("name")) for match in _PARAMETER.finditer(route)]
    for index, (converter, hostile_name) in enumerate(parameters):
        chosen = corpus.sample(IDS, ID_STRIDE if converter == "id" else STRING_STRIDE, offset + index)
        for case in chosen:
            segment = quote(case.value, safe="%")

            def fill(match, hostile_name=hostile_name, segment=segment):
                name = match.group("name")
                return segment if name == hostile_name else valid(world, route, name)

            yield f"{case} in <{hostile_name}>", "/" + _PARAMETER.sub(fill, route), converter == "id"


def replay(client, world: World, urls) -> None:
    """Each URL as staff and as a member, one by GET and the other by POST, alternating, so both roles meet both
    methods across the ids. Where the hostile value stands for an id (`refused`), no answer may be a success: no
    hostile id names an object the person may use, so it is refused (404 for anything out of range)."""
    people = (("staff", world[STAFF]), ("member", world[LEARNER]))
    for number, (label, url, refused) in enumerate(urls):
        for turn, (role, person) in enumerate(people):
            method = ("get", "post")[(number + turn) % 2]
            client.force_login(person)
            client.defaults["REMOTE_ADDR"] = fresh_address()  # guessing limits must not hide the view

            def call(method=method, url=url):
                return getattr(client, method)(url)

            response = within_bound(call, f"{method.upper()} {url[:120]}")
            what = f"{role} {method.upper()} {url[:200]} ({label}): {response.status_code}"
            assert response.status_code < 500, what
            assert not (refused and 200 <= response.status_code < 300), what


@pytest.mark.parametrize("route_name", sorted(ROUTES))
def test_hostile_ids_in_every_url_parameter(client, world, route_name):
    route = ROUTES[route_name]
    replay(client, world, list(hostile_urls(world, route, offset=sorted(ROUTES).index(route_name))))


@pytest.mark.parametrize("route", ["cancel/{}/", "join/{}/", "materials/{}/", "{}/", "register/{}/"])
def test_hostile_ids_in_the_event_page_routes(client, world, route):
    urls = [(str(case), world.event.url + route.format(quote(case.value, safe="%")), True) for case in IDS]
    replay(client, world, urls)


@pytest.mark.parametrize("page", ["course", "lesson"])
def test_hostile_ids_below_course_and_lesson_pages(client, world, page):
    base = getattr(world, page).url
    urls = [(str(case), f"{base}{quote(case.value, safe='%')}/", True) for case in IDS]
    urls += [(str(case), f"{base}quiz/{quote(case.value, safe='%')}/", True) for case in IDS if page == "lesson"]
    replay(client, world, urls)
