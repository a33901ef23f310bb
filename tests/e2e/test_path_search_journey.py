"""A learning path in the catalog search, in a real browser: a visitor's search finds a path by a step's topic among
the offerings, reads it as a path (its kind, its steps, its hours), narrows the results to paths with the format
facet, and follows the link with the keyboard. axe-core and sideways scrolling are checked at 320 and 1280 px."""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import call_command

from courses.models import EthicsModulePage
from tests import factories
from tests.e2e.axe import serve_axe
from tests.e2e.browsing import checked_at_both_widths
from tests.search.lean import LEAN

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_visitor_finds_a_path_by_a_topic_and_tells_it_from_the_offerings(page, live_server, browser_errors,
                                                                            screenshot_dir):
    ethics = factories.TopicFactory(name="Research ethics", slug="research-ethics")
    kanban = factories.build_offering(title="Kanban Cadences", cpd_hours=3, **LEAN)
    integrity = factories.build_offering(title="Research Integrity in Practice", page_class=EthicsModulePage,
                                         topics=[ethics], cpd_hours=1.5, **LEAN)
    factories.build_learning_path([kanban, (integrity, [kanban])], title="Responsible flow practitioner")
    call_command("catalog_reindex", stdout=io.StringIO(), stderr=io.StringIO())  # as `make run` indexes
    serve_axe(page.context)

    page.goto(f"{live_server.url}/search/?q=research+ethics")

    assert "2 results" in page.get_by_role("status").inner_text()
    card = page.locator("#search-results .card").filter(has_text="Responsible flow practitioner")
    assert "Learning path" in card.inner_text() and "2 steps" in card.inner_text()
    assert "4.5 CPD hours" in card.inner_text()
    checked_at_both_widths(page, screenshot_dir, "path-search")

    page.get_by_role("checkbox", name=re.compile("Learning path")).check()
    page.wait_for_function("() => document.getElementById('result-count').textContent.includes('1 result')")
    link = page.locator("#search-results .card h3").get_by_role("link")
    assert link.inner_text() == "Responsible flow practitioner"
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Responsible flow practitioner"
    assert browser_errors == []
