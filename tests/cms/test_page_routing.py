"""The route and shell caches (cms/page_routing.py, cms/site_structure.py): the same answers as Wagtail's own
routing, and every change an editor or an administrator makes shows on the very next request.

Each test requests the page first (so the caches are filled), then changes something, then requests again through
the real test client, middleware and Redis."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import RequestFactory
from django.utils import translation
from wagtail.models import Page, PageViewRestriction, Site

from cms import page_routing
from cms.locale_trees import sync_locale_trees
from cms.models import HomePage, SiteIdentity, StandardPage
from courses.models import CatalogIndexPage
from tests.factories import (
    MemberFactory,
    build_event,
    build_offering,
    lessons_of,
    sessions_of,
)

pytestmark = pytest.mark.django_db


def home() -> HomePage:
    return HomePage.objects.get(locale__language_code="en")


def standard_page(parent: Page, title: str, slug: str, *, show_in_menus: bool = False, live: bool = True):
    page = StandardPage(title=title, slug=slug, show_in_menus=show_in_menus)
    parent.add_child(instance=page)
    if live:
        page.save_revision().publish()
    else:
        page.unpublish()
    return StandardPage.objects.get(pk=page.pk)


def text(response) -> str:
    return response.content.decode()


def test_a_new_page_shows_at_once_and_a_slug_change_moves_its_address(client):
    assert client.get("/guide/").status_code == 404
    guide = standard_page(home(), "Member guide", "guide")
    assert "Member guide" in text(client.get("/guide/"))

    guide.slug = "handbook"
    guide.save_revision().publish()

    assert client.get("/guide/").status_code == 404
    assert "Member guide" in text(client.get("/handbook/"))


def test_an_unpublished_page_is_gone_at_once_and_back_when_republished(client):
    guide = standard_page(home(), "Member guide", "guide")
    assert client.get("/guide/").status_code == 200

    guide.unpublish()
    assert client.get("/guide/").status_code == 404

    guide.save_revision().publish()
    assert client.get("/guide/").status_code == 200


def test_a_live_page_under_an_unpublished_one_is_served_as_wagtail_serves_it(client):
    """Wagtail asks only the page served to be live, not the pages above it."""
    section = standard_page(home(), "Section", "section", live=False)
    standard_page(section, "Inside", "inside")
    assert client.get("/section/").status_code == 404
    assert "Inside" in text(client.get("/section/inside/"))


def test_a_moved_page_answers_at_its_new_address_only(client):
    first = standard_page(home(), "First", "first")
    second = standard_page(home(), "Second", "second")
    leaf = standard_page(first, "Leaf", "leaf")
    assert client.get("/first/leaf/").status_code == 200

    leaf.move(second, pos="last-child")

    assert "Leaf" in text(client.get("/second/leaf/"))
    old = client.get("/first/leaf/")  # no longer served there: the redirects app sends readers on
    assert old.status_code == 301 and old.headers["Location"] == "/second/leaf/"


def test_a_restricted_page_and_its_children_ask_for_the_password_or_a_sign_in_at_once(client):
    private = standard_page(home(), "Board papers", "board")
    minutes = standard_page(private, "Minutes", "minutes")
    assert "Board papers" in text(client.get("/board/"))
    assert "Minutes" in text(client.get("/board/minutes/"))

    restriction = PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
    )
    for address in ("/board/", "/board/minutes/"):
        answer = text(client.get(address))
        assert 'name="password"' in answer and "Minutes</h1>" not in answer

    passed = client.post(
        f"/_util/authenticate_with_password/{restriction.pk}/{minutes.pk}/",
        {"password": "s3cret", "return_url": "/board/minutes/"},
    )
    assert passed.status_code == 302
    assert 'name="password"' not in text(client.get("/board/minutes/"))

    restriction.delete()
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    client.logout()
    signed_out = client.get("/board/minutes/")
    assert signed_out.status_code == 302 and "/login/" in signed_out.headers["Location"]
    client.force_login(MemberFactory())
    assert client.get("/board/minutes/").status_code == 200

    PageViewRestriction.objects.all().delete()
    client.logout()
    assert client.get("/board/minutes/").status_code == 200


def test_the_spanish_tree_is_routed_under_es_and_a_translated_title_shows_at_once(client, course):
    sync_locale_trees()
    spanish = Page.objects.get(locale__language_code="es", translation_key=course.translation_key).specific
    assert course.title in text(client.get(f"/es/catalog/{spanish.slug}/"))
    assert '<html lang="es"' in text(client.get("/es/"))

    spanish.alias_of = None
    spanish.title = "Fundamentos de métricas de flujo"
    spanish.save_revision().publish()

    assert "Fundamentos de métricas de flujo" in text(client.get(f"/es/catalog/{spanish.slug}/"))
    assert "Fundamentos de métricas de flujo" not in text(client.get(f"/catalog/{course.slug}/"))


def test_a_routable_page_serves_its_sub_routes_and_its_children(client, learner):
    course = build_offering(title="Routing Basics")
    lesson = lessons_of(course)[0]
    event = build_event(title="Routing Live")
    client.force_login(learner)
    client.post(f"{course.url}enrol/")

    assert lesson.title in text(client.get(lesson.url))
    registered = client.post(f"{event.url}register/", {"session": str(sessions_of(event)[0].pk)})
    assert registered.status_code == 303 and registered.headers["Location"].startswith(event.url)
    assert client.get(f"{event.url}register/").status_code == 405
    assert client.get(f"{event.url}no-such-route/").status_code == 404
    assert client.get(f"{course.url}no-such-module/").status_code == 404


def test_unknown_and_deeper_unknown_addresses_are_404s(client, course):
    for address in ("/nothing/", "/catalog/nothing/", f"{course.url}nothing/deeper/", "/" + "a/" * 40):
        assert client.get(address).status_code == 404, address


def test_a_second_site_is_found_by_its_host_and_a_hostname_change_shows_at_once(client):
    corner = standard_page(home(), "Partners' corner", "corner")
    Site.objects.create(hostname="partners.example.org", port=80, root_page=corner, site_name="Partners")

    assert "Partners&#x27; corner" in text(client.get("/", HTTP_HOST="partners.example.org"))
    site = Site.objects.get(hostname="partners.example.org")
    site.hostname = "corner.example.org"
    site.save()

    assert "Partners&#x27; corner" not in text(client.get("/", HTTP_HOST="partners.example.org"))
    assert "Partners&#x27; corner" in text(client.get("/", HTTP_HOST="corner.example.org"))


def test_a_renamed_footer_page_and_a_new_association_name_show_at_once(client):
    standard_page(home(), "Our charter", "charter", show_in_menus=True)
    assert "Our charter" in text(client.get("/"))

    charter = StandardPage.objects.get(slug="charter")
    charter.title = "Our constitution"
    charter.save_revision().publish()
    identity = SiteIdentity.for_site(Site.objects.get(is_default_site=True))
    identity.association_name = "Flow Practitioners Guild"
    identity.save()

    answer = text(client.get("/"))
    assert "Our constitution" in answer and "Our charter" not in answer
    assert "Flow Practitioners Guild" in answer


def test_the_admin_user_bar_follows_a_members_access_at_once(client):
    member = MemberFactory()
    client.force_login(member)
    assert "wagtail-userbar" not in text(client.get("/"))

    editors = Group.objects.create(name="Route editors")
    editors.permissions.add(Permission.objects.get(codename="access_admin"))
    member.groups.add(editors)
    assert "wagtail-userbar" in text(client.get("/"))

    member.groups.remove(editors)
    assert "wagtail-userbar" not in text(client.get("/"))

    member.is_superuser = True
    member.save()
    assert "wagtail-userbar" in text(client.get("/"))


def test_a_learner_pays_none_of_the_fixed_queries_once_the_caches_are_filled(client):
    client.force_login(MemberFactory())
    client.get("/catalog/")  # makes the site's identity row, a change of the site's structure
    client.get("/catalog/")  # fills the caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        client.get("/catalog/")
    asked = " ".join(query["sql"] for query in queries.captured_queries)
    for table in ("auth_permission", "django_session", "wagtailcore_site", "wagtailcore_locale",
                  "wagtailcore_pageviewrestriction", "cms_siteidentity"):
        assert f'FROM "{table}"' not in asked, table


def _wagtails_route(path: str, host: str = "testserver"):
    request = RequestFactory().get(path, HTTP_HOST=host)
    try:
        return Page.route_for_request(request, path)
    finally:
        request.__dict__.pop("_wagtail_route_for_request", None)


def _our_route(path: str, host: str = "testserver"):
    request = RequestFactory().get(path, HTTP_HOST=host)
    page_routing.attach_shell(request)
    routed = page_routing.route(request, path)
    return None if routed is None else routed.result


@pytest.mark.parametrize("language", ["en", "es"])
def test_every_address_routes_to_what_wagtail_routes_it_to(language, course):
    """The one-query walk against Wagtail's own `Page.route_for_request`, over pages, sub-routes, children of
    routable pages, unpublished pages and made-up addresses, in the English tree and the Spanish one."""
    event = build_event(title="Routing Live")
    hidden = build_offering(title="Hidden Course", publish=False)
    section = standard_page(home(), "Section", "section", live=False)
    standard_page(section, "Inside", "inside")
    sync_locale_trees()
    lesson = lessons_of(course)[0]
    module = lesson.get_parent()
    addresses = ["/", "/catalog/", f"/catalog/{course.slug}/", f"/catalog/{course.slug}/enrol/",
                 f"/catalog/{course.slug}/{module.slug}/", f"/catalog/{course.slug}/{module.slug}/{lesson.slug}/",
                 f"/catalog/{event.slug}/register/", f"/catalog/{event.slug}/calendar/",
                 f"/catalog/{event.slug}/nothing/", f"/catalog/{hidden.slug}/", "/section/", "/section/inside/",
                 "/nothing/", f"/catalog/{course.slug}/nothing/deeper/"]
    with translation.override(language):
        # Twice: first as read, then with the pages of every address seen kept (a sub-route, a child of a routable
        # page or a made-up address below a kept page is walked from the kept entry of the page above it).
        for address in addresses + addresses:
            theirs, ours = _wagtails_route(address), _our_route(address)
            if theirs is None:
                assert ours is None, address
                continue
            assert ours is not None, address
            assert (type(ours.page), ours.page.pk) == (type(theirs.page), theirs.page.pk), address
            their_args = [getattr(arg, "__name__", arg) for arg in theirs.args[:1]] + list(theirs.args[1:])
            our_args = [getattr(arg, "__name__", arg) for arg in ours.args[:1]] + list(ours.args[1:])
            assert our_args == their_args, address
            assert ours.kwargs == theirs.kwargs, address
    assert CatalogIndexPage.objects.exists()


def test_a_sub_route_of_a_kept_page_is_routed_without_a_query_and_a_new_child_below_one_is_found(course):
    """A page's address served once keeps its path's pages; its sub-routes, and a new child page below it, are
    routed from that entry (the child needs the path read again, since the entry cannot know of it)."""
    event = build_event(title="Routing Kept")
    _our_route(event.url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        routed = _our_route(f"{event.url}register/")
    assert routed is not None and routed.page.pk == event.pk
    assert not [q for q in queries.captured_queries if 'FROM "wagtailcore_page"' in q["sql"]]

    _our_route(course.url)
    lesson = lessons_of(course)[0]
    module = lesson.get_parent()
    routed = _our_route(f"{course.url}{module.slug}/{lesson.slug}/")
    assert routed is not None and routed.page.pk == lesson.pk
    assert _our_route(f"{course.url}{module.slug}/nothing/") is None
