"""A translator opens a translated learning path in the Wagtail editor, in a real browser: the steps are the
original's, read-only, with the way to them; the page has no step inputs, axe-core finds nothing in the panel, and
the translation publishes from the editor's own buttons. Screenshots go to E2E_SCREENSHOT_DIR (or /tmp)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cms.locale_trees import sync_locale_trees
from courses.catalog.setup import ensure_catalog
from courses.models import LearningPathPage
from courses.paths.progress import steps_of
from tests import factories
from tests.e2e.axe import assert_no_axe_violations, serve_axe
from tests.e2e.browsing import publish_from_editor, save_screenshot, sign_in
from tests.translating import translate

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_translator_reads_the_originals_steps_and_publishes_the_translation(
        page, live_server, browser_errors, screenshot_dir, settings):
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0  # publishing below must not race a draft (see publish_from_editor)
    course = factories.build_offering(title="Flow Metrics Fundamentals", modules=1, lessons_per_module=1)
    webinar = factories.build_event(title="Flow Forecasting Clinic")
    original = factories.build_learning_path([course, (webinar, [course])])
    sync_locale_trees()
    ensure_catalog()  # staff's rights in every locale's tree, as the site's set-up grants them
    spanish = translate(original, "es", title="Practicante del flujo de valor")
    steps_before = steps_of(LearningPathPage.objects.get(pk=spanish.pk))
    serve_axe(page.context)
    sign_in(page, live_server, factories.StaffFactory(email="translator@example.org"))

    page.goto(reverse("wagtailadmin_pages:edit", args=[spanish.pk]))

    panel = page.locator(".original-steps")
    assert panel.get_by_text("Steps are chosen on the original path, in English; change them there.").is_visible()
    assert panel.get_by_role("listitem").all_inner_texts() == [
        "Flow Metrics Fundamentals", "Flow Forecasting Clinic · Needs step 1 first"]
    assert page.locator("#steps, [name^='steps-']").count() == 0
    assert_no_axe_violations(page)
    panel.scroll_into_view_if_needed()  # the editor scrolls inside
    save_screenshot(page, screenshot_dir, "translated-path-editor-1280")
    page.set_viewport_size({"width": 320, "height": 900})  # a phone: the panel reflows, nothing scrolls sideways
    panel.scroll_into_view_if_needed()
    assert panel.evaluate("(el) => el.scrollWidth <= el.clientWidth && document.documentElement.scrollWidth <= 320")
    save_screenshot(page, screenshot_dir, "translated-path-editor-320")
    page.set_viewport_size({"width": 1280, "height": 900})
    link = panel.get_by_role("link", name="Edit the steps of “Value stream practitioner”")
    assert link.get_attribute("href") == reverse("wagtailadmin_pages:edit", args=[original.pk])

    page.locator("#id_title").fill("Practicante, en español")
    publish_from_editor(page)

    page.wait_for_url(f"**{reverse('wagtailadmin_explore', args=[spanish.get_parent().pk])}")
    live = LearningPathPage.objects.get(pk=spanish.pk)
    assert (live.title, live.live, live.has_unpublished_changes) == ("Practicante, en español", True, False)
    assert steps_of(live) == steps_before
    assert browser_errors == []
