"""Catalog search in a real browser: a mistyped word still finds the ethics modules, ticking facets narrows the
results in place with honest counts and focus kept, suggestions arrive while typing, and a visitor never meets a
members-only offering."""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import call_command

from courses.models import EthicsModulePage
from lms.access import AccessLevel
from tests import factories
from tests.e2e.browsing import check_accessibility, save_screenshot, sign_in
from tests.search.lean import LEAN

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def build_catalog():
    """Four ethics offerings (one members only) and one other; indexed as `make run` does, by catalog_reindex."""
    ethics = factories.TopicFactory(name="Research ethics", slug="research-ethics")
    factories.build_offering(title="Ethics of Flow Measurement", page_class=EthicsModulePage, topics=[ethics],
                             language="en", **LEAN)
    factories.build_offering(title="Ética de la investigación aplicada", page_class=EthicsModulePage,
                             topics=[ethics], language="es", **LEAN)
    factories.build_event(title="Ética de las métricas: seminario en línea", topics=[ethics], language="es",
                          sessions=[factories.session_spec(5)])
    factories.build_offering(title="Ethics Board Practice for Members", page_class=EthicsModulePage,
                             topics=[ethics], access_level=AccessLevel.MEMBER_ONLY, **LEAN)
    factories.build_offering(title="Kanban Cadences", **LEAN)
    call_command("catalog_reindex", stdout=io.StringIO())


def result_titles(page) -> list[str]:
    return [title.strip() for title in page.locator("#search-results .card h3").all_inner_texts()]


def facet_count(page, name: str) -> int:
    """The count printed beside a facet option, read from its label as a person would."""
    label = page.locator("#search-facets label").filter(has_text=name).inner_text()
    return int(re.search(r"\((\d+)", label).group(1))


def wait_for_count(page, text: str) -> None:
    page.wait_for_function("t => document.getElementById('result-count').textContent.includes(t)", arg=text)


def test_a_typo_finds_ethics_and_facets_narrow_in_place(page, live_server, browser_errors, tmp_path):
    build_catalog()
    page.goto(f"{live_server.url}/catalog/")
    page.get_by_label("Search every course, workshop, webinar and ethics module").fill("ethcis")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q=ethcis"))
    check_accessibility(page)

    count = page.get_by_role("status")
    assert "3 results" in count.inner_text() and "Showing results for “ethics”" in count.inner_text()
    titles = result_titles(page)
    assert sorted(titles) == sorted(["Ethics of Flow Measurement", "Ética de la investigación aplicada",
                                     "Ética de las métricas: seminario en línea"])
    assert "Ethics Board Practice for Members" not in page.content()  # members only: not even counted
    assert facet_count(page, "Español (Spanish)") == 2 and facet_count(page, "English") == 1

    # Ticking a facet updates the results where they are: same document, focus still on the checkbox.
    page.evaluate("() => { window.__samePage = true; }")
    spanish = page.get_by_role("checkbox", name=re.compile("Español"))
    spanish.check()
    wait_for_count(page, "2 results")
    assert page.evaluate("() => window.__samePage === true")
    assert page.evaluate("() => document.activeElement.name + '=' + document.activeElement.value") == "language=es"
    assert "language=es" in page.url
    # The language facet ignores its own selection (English is still offered with its count); others narrow.
    assert facet_count(page, "English") == 1 and facet_count(page, "Español (Spanish)") == 2
    assert facet_count(page, "Ethics / RCR module") == 1 and facet_count(page, "Webinar") == 1

    page.get_by_role("checkbox", name=re.compile("Upcoming this week")).check()
    wait_for_count(page, "1 result")
    assert result_titles(page) == ["Ética de las métricas: seminario en línea"]
    assert facet_count(page, "Upcoming this week") == 1 and facet_count(page, "Español (Spanish)") == 1
    save_screenshot(page, tmp_path, "catalog-search")

    # The address holds the selection: reloading it shows the same answer without script's help.
    page.reload()
    assert "1 result" in page.get_by_role("status").inner_text()
    assert page.get_by_role("checkbox", name=re.compile("Upcoming this week")).is_checked()


def test_suggestions_while_typing_and_members_see_their_offerings(page, live_server, browser_errors):
    build_catalog()
    page.goto(f"{live_server.url}/search/")
    page.get_by_label("Courses, workshops, webinars and ethics modules").press_sequentially("Eth", delay=50)
    page.wait_for_function("() => document.querySelectorAll('#search-suggestions option').length > 0")
    suggestions = page.locator("#search-suggestions option").evaluate_all("options => options.map(o => o.value)")
    assert "Ethics of Flow Measurement" in suggestions
    assert "Ethics Board Practice for Members" not in suggestions

    member = factories.MemberFactory(email="member@example.org")
    sign_in(page, live_server, member)
    page.goto(f"{live_server.url}/search/?q=ethics+board")
    assert result_titles(page) == ["Ethics Board Practice for Members"]
