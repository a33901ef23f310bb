"""Every page in every locale's tree (cms/locale_trees.py), and which page of a translated offering is its original
(courses/translations.py): with Wagtail's real page tree, simple_translation's admin view and the site's URLs."""

import io
import re

import pytest
from django.conf import settings
from django.core.management import call_command
from wagtail.models import Locale, Page

from cms.locale_trees import ensure_locales, sync_locale_tree, sync_locale_trees
from courses.models import CoursePage, LessonPage, ModulePage
from courses.translations import original_of
from lms.original_rows import originals
from tests import factories
from tests.translating import translate

pytestmark = pytest.mark.django_db


@pytest.fixture
def course():
    return factories.build_offering(title="Flow Metrics Fundamentals", modules=2, lessons_per_module=2)


def test_every_page_gets_an_alias_in_each_locale_once(course):
    originals_count = Page.objects.filter(depth__gt=1).count()
    made = sync_locale_trees()
    assert set(made) == {code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES}
    assert made["en"] == 0
    for code, count in made.items():
        if code != "en":
            assert count == originals_count
            assert Page.objects.filter(locale__language_code=code).count() == originals_count
    assert sync_locale_trees() == dict.fromkeys(made, 0), "a second run adds nothing"


def test_a_locale_added_later_holds_each_page_once_below_aliases_of_other_locales_pages(course):
    """The English tree holds an alias of a course written in Spanish: a new locale's home is copied page by page
    (its subtree is not all missing), the courses below in one recursive copy each; every page lands once, under
    its parent's page in the new locale."""
    sync_locale_trees()
    spanish = Locale.objects.get(language_code="es")
    spanish_catalog = course.get_parent().get_translation(spanish)
    etica = spanish_catalog.add_child(instance=CoursePage(
        title="Ética aplicada", summary="Un curso.", programme_year=2026, cpd_hours=1, locale=spanish, language="es"))
    etica.add_child(instance=ModulePage(title="Módulo 1", summary="Un módulo.", locale=spanish))
    sync_locale_trees()  # the English tree now holds an alias of the Spanish course and of its module
    german = Locale.objects.create(language_code="de")  # its fill waits for a commit, which a test never makes

    made = sync_locale_tree(german)

    keys = list(Page.objects.filter(locale=german).values_list("translation_key", flat=True))
    assert made == len(keys) == len(set(keys)) == Page.objects.filter(depth__gt=1).values(
        "translation_key").distinct().count()
    for page in Page.objects.filter(locale=german, depth__gt=2):
        assert page.get_parent().locale_id == german.pk, page.title
    german_etica = Page.objects.get(locale=german, translation_key=etica.translation_key)
    assert german_etica.alias_of_id == etica.pk
    assert german_etica.get_parent().translation_key == course.get_parent().translation_key
    assert sync_locale_tree(german) == 0


def test_a_spanish_reader_reaches_every_page_under_es_and_the_catalog_lists_each_offering_once(client, course):
    factories.build_offering(title="Value Stream Mapping", modules=1, lessons_per_module=1)
    sync_locale_trees()
    catalog_path = course.get_parent().url
    page = client.get(f"/es{catalog_path}")
    assert page.status_code == 200
    html = page.content.decode()
    assert '<html lang="es"' in html
    assert len(re.findall(r">\s*Flow Metrics Fundamentals\s*<", html)) == 1
    assert client.get(f"/es{course.url}").status_code == 200
    lesson = LessonPage.objects.descendant_of(course).filter(locale__language_code="en").first()
    answer = client.get(f"/es{lesson.url}")  # found, and asks a visitor to sign in, in Spanish
    assert answer.status_code == 302 and answer.headers["Location"].startswith("/es/accounts/login/")


def test_a_translation_shows_its_own_words_and_answers_to_its_original(client, course):
    sync_locale_trees()
    alias = CoursePage.objects.get(translation_key=course.translation_key, locale__language_code="es")
    assert original_of(alias) == course
    spanish = translate(alias, "es", title="Fundamentos de métricas de flujo", summary="Un resumen.")
    assert original_of(spanish) == course
    assert original_of(course) == course
    assert list(originals(CoursePage.objects.filter(translation_key=course.translation_key))) == [course]
    html = client.get(f"/es{course.get_parent().url}").content.decode()
    assert "Fundamentos de métricas de flujo" in html and "Flow Metrics Fundamentals" not in html


def test_a_locale_added_in_the_admin_starts_with_the_whole_tree(client, course, staff,
                                                                 django_capture_on_commit_callbacks):
    """Wagtail's own Locales settings: the new locale's tree is complete at once, so its home page reaches everything
    and simple_translation never meets a parent missing from the locale."""
    superuser = factories.StaffFactory(email="admin@example.org", is_superuser=True)
    client.force_login(superuser)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/admin/locales/new/", {"language_code": "fr"})
    assert response.status_code == 302
    french = Locale.objects.get(language_code="fr")
    assert Page.objects.filter(locale=french, translation_key=course.translation_key, alias_of=course).exists()
    english = Page.objects.filter(locale__language_code="en", depth__gt=1)
    assert Page.objects.filter(locale=french).count() == english.count()
    assert client.get(f"/fr{course.url}").status_code == 200


def test_the_command_reports_what_it_added(course):
    ensure_locales()
    out = io.StringIO()
    call_command("sync_locale_trees", stdout=out)
    assert "es: " in out.getvalue() and "alias page(s) added" in out.getvalue()
