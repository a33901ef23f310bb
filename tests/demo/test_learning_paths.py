"""The demo's learning path: "Value stream practitioner" in every language, four steps (courses, an ethics module, a
webinar) taken in order, the webinar needing the first course, and the demo learner part way along it."""

from __future__ import annotations

import pytest

from courses.models import LearningPathPage
from courses.paths.progress import State, progress_of
from lms.models import Member
from lms.original_rows import originals

pytestmark = pytest.mark.django_db

TITLES = {"en": "Value stream practitioner", "es": "Profesional del flujo de valor",
          "fr": "Praticien de la chaîne de valeur", "pt": "Profissional do fluxo de valor", "ar": "ممارس تدفق القيمة"}


@pytest.fixture
def path(demo_catalog, db) -> LearningPathPage:
    return originals(LearningPathPage.objects.live()).get(title=TITLES["en"])


def test_the_demo_path_is_written_in_every_language(path):
    found = {page.locale.language_code: page for page in
             LearningPathPage.objects.filter(translation_key=path.translation_key).select_related("locale")}
    assert {language: page.title for language, page in found.items()} == TITLES
    assert all(page.live and page.alias_of_id is None and page.image_alt_text for page in found.values())


def test_the_demo_learner_is_part_way_along_it(path, client):
    learner = Member.objects.get(email="learner@demo.vsmc.org")
    progress = progress_of([path], learner)[path.pk]
    assert [step.offering.specific_class.FORMAT for step in progress.steps] == [
        "course", "course", "ethics_module", "webinar"]
    assert [step.needs for step in progress.steps] == [(), (), (), (1,)]
    assert [step.state for step in progress.steps] == [
        State.DONE, State.NOT_STARTED, State.NOT_STARTED, State.IN_PROGRESS]
    client.force_login(learner)
    assert "1 of 4 steps done" in client.get(path.url).content.decode()
    assert "Value stream practitioner" in client.get("/my-learning/").content.decode()
    assert "Profesional del flujo de valor" in client.get("/es/my-learning/").content.decode()
