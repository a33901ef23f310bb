"""A translated learning path in the Wagtail editor: its steps are the original's (courses/paths/step_editing.py,
through the same mechanism as a translated event's sessions, courses/original_parts.py), so the translation's edit
page shows them read-only with a link to the original's, saving and publishing the translation changes its words
only, step fields posted to it change nothing, and the original's editor edits steps as before. The real admin
views, pages, locales and database."""

from __future__ import annotations

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, streamfield

from cms.locale_trees import sync_locale_trees
from courses.catalog.setup import ensure_catalog
from courses.models import LearningPathPage
from courses.paths.progress import steps_of
from tests import factories
from tests.translating import page_in, translate

pytestmark = pytest.mark.django_db

SPANISH_TITLE = "Practicante del flujo de valor"


@pytest.fixture
def programme():
    """A path through a course and a webinar (the webinar needing the course), in every locale's tree, translated
    into Spanish with the course; and an ethics module no step is."""
    course = factories.build_offering(title="Flow Metrics Fundamentals", modules=1, lessons_per_module=1)
    webinar = factories.build_event(title="Flow Metrics Live")
    ethics = factories.build_ethics_module(title="Research Integrity", modules=1, lessons_per_module=1)
    path = factories.build_learning_path([course, (webinar, [course])])
    sync_locale_trees()
    ensure_catalog()  # staff's rights in every locale's tree, as the site's set-up grants them
    translate(course, "es", title="Fundamentos de métricas de flujo")
    translate(path, "es", title=SPANISH_TITLE, summary="Un programa.")
    return {"path": path, "course": course, "webinar": webinar, "ethics": ethics}


@pytest.fixture
def editor(client):
    client.force_login(factories.StaffFactory(email="editor@example.org"))
    return client


def edit_url(page) -> str:
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def stored_steps(path) -> dict[int, list]:
    """Every locale's page of the path: its steps as stored (offering ids and what each needs)."""
    return {page.pk: steps_of(page) for page in LearningPathPage.objects.filter(translation_key=path.translation_key)}


def path_form(page, steps=None, **changes) -> dict:
    """What the path edit form posts; `steps` (offering, [offerings needed first]) adds the steps' fields, which a
    translation's page does not have."""
    data = {"title": page.title, "slug": page.slug, "summary": page.summary, "image_alt_text": "",
            "ordered": "on", "seo_title": "", "search_description": "", "go_live_at": "", "expire_at": ""}
    if steps is not None:
        data["steps"] = streamfield([
            ("step", {"offering": offering.pk, "requires": {
                "count": str(len(needs)),
                **{str(n): {"value": needed.pk, "deleted": "", "order": str(n), "id": ""}
                   for n, needed in enumerate(needs)},
            }}) for offering, needs in steps])
    return {**nested_form_data(data), **changes}


def test_the_translation_shows_the_originals_steps_read_only_with_a_link_to_them(editor, programme):
    spanish = page_in(programme["path"], "es")

    page = editor.get(edit_url(spanish)).content.decode()

    assert "Steps are chosen on the original path, in English; change them there." in page
    assert f'href="{edit_url(programme["path"])}"' in page
    assert "Edit the steps of “Value stream practitioner”" in page
    assert "Flow Metrics Fundamentals" in page and "Flow Metrics Live" in page and "Needs step 1 first" in page
    assert '<div id="steps" data-block' not in page  # no stream field: nothing to edit, nothing to add


def test_saving_and_publishing_the_translation_changes_its_words_and_no_step(editor, programme):
    spanish = page_in(programme["path"], "es")
    before = stored_steps(programme["path"])

    published = editor.post(edit_url(spanish), path_form(spanish, title="Practicante, otra vez",
                                                         **{"action-publish": "1"}))

    assert published.status_code == 302, published.content.decode()[:3000]
    live = LearningPathPage.objects.get(pk=spanish.pk)
    assert (live.title, live.live, live.has_unpublished_changes) == ("Practicante, otra vez", True, False)
    assert stored_steps(programme["path"]) == before


def test_step_fields_posted_to_the_translation_change_nothing(editor, programme):
    """A hand-made POST: the translation's steps replaced by the ethics module alone. The page saves; no step
    changes, on the translation or the original."""
    spanish = page_in(programme["path"], "es")
    before = stored_steps(programme["path"])

    posted = editor.post(edit_url(spanish), path_form(spanish, steps=[(programme["ethics"], [])],
                                                      title="Practicante", **{"action-publish": "1"}))

    assert posted.status_code == 302, posted.content.decode()[:3000]
    assert LearningPathPage.objects.get(pk=spanish.pk).title == "Practicante"
    assert stored_steps(programme["path"]) == before


def test_the_originals_editor_still_edits_its_steps(editor, programme):
    path = programme["path"]
    page = editor.get(edit_url(path)).content.decode()
    assert '<div id="steps" data-block' in page
    assert "Steps are chosen on the original path" not in page

    saved = editor.post(edit_url(path), path_form(path, steps=[(programme["course"], []), (programme["ethics"], [])],
                                                  **{"action-publish": "1"}))

    assert saved.status_code == 302, saved.content.decode()[:3000]
    assert [step.offering_id for step in steps_of(LearningPathPage.objects.get(pk=path.pk))] == [
        programme["course"].pk, programme["ethics"].pk]
