"""A translator opens a translated webinar in the Wagtail editor, in a real browser: the sessions are the original's,
read-only, with the way to them; the page has no session inputs, axe-core finds nothing in the panel, and the
translation publishes from the editor's own buttons. Screenshots go to E2E_SCREENSHOT_DIR (or /tmp)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cms.locale_trees import sync_locale_trees
from courses.catalog.setup import ensure_catalog
from courses.models import Session, WebinarPage
from tests import factories
from tests.e2e.axe import assert_no_axe_violations, serve_axe
from tests.e2e.browsing import publish_from_editor, save_screenshot, sign_in
from tests.translating import translate

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_translator_reads_the_originals_sessions_and_publishes_the_translation(
        page, live_server, browser_errors, screenshot_dir, settings):
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0  # publishing below must not race a draft (see publish_from_editor)
    original = factories.build_event(title="Flow Metrics Live", sessions=[
        factories.session_spec(7, title="Europe edition"),
        factories.session_spec(8, title="Americas edition", time_zone="America/New_York"),
    ])
    sync_locale_trees()
    ensure_catalog()  # staff's rights in every locale's tree, as the site's set-up grants them
    spanish = translate(original, "es", title="Métricas de flujo en directo")
    sessions_before = list(Session.objects.order_by("pk").values_list("pk", "event_id", "title", "starts_at"))
    serve_axe(page.context)
    sign_in(page, live_server, factories.StaffFactory(email="translator@example.org", time_zone="Asia/Tokyo"))

    page.goto(reverse("wagtailadmin_pages:edit", args=[spanish.pk]))

    panel = page.locator(".original-sessions")
    assert panel.get_by_text("Sessions are scheduled on the original page, in English; change them there.").is_visible()
    table = panel.get_by_role("table", name="The original's sessions, in your time zone (Asia/Tokyo)")
    assert "Europe edition" in table.inner_text() and "Americas edition" in table.inner_text()
    assert page.locator("input[name^='sessions-'], select[name^='sessions-']").count() == 0
    assert page.get_by_role("button", name="Add session").count() == 0
    assert_no_axe_violations(page)
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
    page.locator("#panel-child-content-sessions-section").scroll_into_view_if_needed()  # the editor scrolls inside
    save_screenshot(page, screenshot_dir, "translated-event-editor-1280")
    page.set_viewport_size({"width": 320, "height": 900})  # a phone: the panel reflows, nothing scrolls sideways
    panel.scroll_into_view_if_needed()
    assert panel.evaluate("(el) => el.scrollWidth <= el.clientWidth && document.documentElement.scrollWidth <= 320")
    save_screenshot(page, screenshot_dir, "translated-event-editor-320")
    page.set_viewport_size({"width": 1280, "height": 900})
    link = panel.get_by_role("link", name="Edit the sessions of “Flow Metrics Live”")
    original_editor = reverse("wagtailadmin_pages:edit", args=[original.pk])
    assert link.get_attribute("href") == original_editor

    page.locator("#id_title").fill("Métricas de flujo, en vivo")
    publish_from_editor(page)

    page.wait_for_url(f"**{reverse('wagtailadmin_explore', args=[spanish.get_parent().pk])}")
    live = WebinarPage.objects.get(pk=spanish.pk)
    assert live.title == "Métricas de flujo, en vivo" and not live.has_unpublished_changes
    assert list(Session.objects.order_by("pk").values_list("pk", "event_id", "title", "starts_at")) == sessions_before
    page.goto(original_editor)
    assert page.locator("input[name='sessions-0-date']").count() == 1  # the original's editor edits them
    assert not browser_errors, browser_errors
