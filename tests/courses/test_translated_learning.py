"""A translated or aliased course and ethics module work end to end in Spanish: whatever page a learner uses, the
enrolment, completions, quiz attempts, attestation and completion are the original offering's, while every page
and link they are shown is in their language. Real pages, locales made here, the real rules and views."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import Page

from cms.locale_trees import sync_locale_trees
from courses import digest as digest_rules
from courses.learning import progress as progress_rules
from courses.models import (
    CoursePage,
    Digest,
    EnrolmentEvent,
    EthicsAttestation,
    EthicsModulePage,
    LessonCompletion,
    LessonPage,
    QuizAttempt,
)
from courses.models import Enrolment as EnrolmentModel
from courses.onboarding import onboarding_steps
from courses.recommendations import recommendations_for
from courses.tasks import send_digests
from lms.models import CommunicationPreferences
from tests import factories
from tests.courses.journeys import enrol
from tests.courses.query_budgets import DASHBOARD_MAX_QUERIES, TRANSLATED_LESSON_MAX_QUERIES
from tests.factories import lessons_of, quiz_post_data
from tests.translating import page_in, translate

pytestmark = pytest.mark.django_db

# The Spanish quiz puts the first question's right answer first (the English has it second), so a form graded
# against the English answers would fail where the Spanish reader answered correctly.
SPANISH_CORRECT_ANSWERS = {"q1": ["0"], "q2": ["0", "2"]}


def spanish(page: Page) -> Page:
    return page_in(page, "es")


def spanish_quiz_body(lesson: LessonPage) -> list[dict]:
    """The lesson's stream with the quiz in Spanish: the same block ids (quiz and questions), its own words and
    choice order. Questions and choices are list items in the stored form ({"type": "item", "value", "id"})."""
    spanish_questions = [
        ("¿Qué representa VSM?", [("El flujo de valor", True), ("Organigramas", False), ("Presupuestos", False)]),
        ("¿Cuáles son métricas de flujo?", [("Tiempo de flujo", True), ("Plantilla", False),
                                             ("Carga de flujo", True)]),
    ]
    body = [dict(block) for block in lesson.body.raw_data]
    for block in body:
        if block["type"] == "quiz":
            value = dict(block["value"])
            value["questions"] = [
                {**item, "value": {**item["value"], "prompt": prompt, "choices": [
                    {"type": "item", "id": str(uuid.uuid4()), "value": {"text": text, "correct": correct}}
                    for text, correct in choices]}}
                for item, (prompt, choices) in zip(value["questions"], spanish_questions, strict=True)
            ]
            block["value"] = value
    return body


def build_translated(*aliased_titles: str) -> CoursePage:
    """An English course, 2 modules of 2 lessons, the last with a quiz; Spanish course and lessons translated,
    modules left as aliases. Courses named in `aliased_titles` are made first (one lesson each) and only aliased:
    offerings are added to the English catalog before the locales' trees are filled."""
    for title in aliased_titles:
        factories.build_offering(title=title, modules=1, lessons_per_module=2)
    original = factories.build_offering(title="Flow Metrics Fundamentals", quiz_lessons=((1, 1),))
    sync_locale_trees()
    translate(original, "es", title="Fundamentos de métricas de flujo")
    for number, lesson in enumerate(lessons_of(original), start=1):
        fields = {"title": f"Lección {number}"}
        if lesson.has_quiz:
            fields["body"] = spanish_quiz_body(lesson)
        translate(lesson, "es", **fields)
    return original


@pytest.fixture
def course():
    return build_translated()


@pytest.fixture
def learner(client):
    member = factories.MemberFactory(preferred_languages=["es"])
    client.force_login(member)
    return member


def my_learning(language: str) -> str:
    """My learning's address in a language (reverse() follows whichever language the last request activated)."""
    with translation.override(language):
        return reverse("courses:dashboard")


def post(client, url: str, data: dict | None = None):
    response = client.post(url, data or {})
    assert response.status_code == 303, response.content.decode()[:500]
    return response


def test_enrolling_in_spanish_enrols_in_the_original_and_the_english_page_shows_it(client, course, learner):
    es_course = spanish(course)
    assert es_course.url.startswith("/es/") and es_course.pk != course.pk

    answer = post(client, f"{es_course.url}enrol/")

    assert answer.headers["Location"].startswith("/es/")  # the first Spanish lesson
    assert list(EnrolmentModel.objects.filter(member=learner).values_list("offering_id", flat=True)) == [course.pk]
    english = client.get(course.url).content.decode()
    assert "Leave this course" in english
    post(client, f"{es_course.url}enrol/")  # again, in Spanish: nothing new
    assert EnrolmentModel.objects.filter(member=learner).count() == 1
    assert EnrolmentEvent.objects.filter(enrolment__member=learner).count() == 1
    post(client, f"{es_course.url}leave/")
    assert not EnrolmentModel.objects.get(member=learner).is_active


def test_completing_every_spanish_lesson_completes_the_original_once(client, course, learner, completed_signals,
                                                                    django_capture_on_commit_callbacks):
    es_course = spanish(course)
    originals = lessons_of(course)
    es_lessons = [spanish(lesson) for lesson in originals]
    post(client, f"{es_course.url}enrol/")

    lesson_html = client.get(es_lessons[1].url).content.decode()
    assert "Lección 1" in lesson_html and "Lección 4" in lesson_html and "Lesson 1.1" not in lesson_html
    assert EnrolmentModel.objects.get(member=learner).last_lesson_id == originals[1].pk
    post(client, f"{es_lessons[0].url}complete/")
    # The same progress in both languages, each outline naming its own pages.
    in_spanish = progress_rules.offering_progress(es_course, learner)
    in_english = progress_rules.offering_progress(course, learner)
    assert in_spanish.percent == in_english.percent == 25
    assert [lp.done for lp in in_spanish.lessons] == [lp.done for lp in in_english.lessons] == [True, False, False,
                                                                                                  False]
    assert [lp.lesson.pk for lp in in_spanish.lessons] == [lesson.pk for lesson in es_lessons]
    assert in_spanish.resume_lesson.pk == es_lessons[1].pk and in_english.resume_lesson.pk == originals[1].pk

    with django_capture_on_commit_callbacks(execute=True):
        for lesson in es_lessons[1:3]:
            post(client, f"{lesson.url}complete/")
        answer = post(client, f"{es_lessons[3].url}quiz/", quiz_post_data(es_lessons[3], SPANISH_CORRECT_ANSWERS))

    assert answer.headers["Location"].startswith(es_lessons[3].url)
    assert set(LessonCompletion.objects.filter(member=learner).values_list("lesson_id", flat=True)) == {
        lesson.pk for lesson in originals}
    enrolment = EnrolmentModel.objects.get(member=learner)
    assert enrolment.completed_at is not None and enrolment.offering_id == course.pk
    assert [call["offering"].pk for call in completed_signals.calls] == [course.pk]
    assert progress_rules.offering_progress(es_course, learner).percent == 100
    with django_capture_on_commit_callbacks(execute=True):  # finishing again in English changes nothing
        post(client, f"{originals[0].url}complete/")
    assert len(completed_signals) == 1


def test_a_spanish_quiz_is_graded_against_its_own_answers_and_kept_on_the_original(client, course, learner):
    es_quiz_lesson = spanish(lessons_of(course)[3])
    post(client, f"{spanish(course).url}enrol/")

    post(client, f"{es_quiz_lesson.url}quiz/", quiz_post_data(es_quiz_lesson, factories.QUIZ_CORRECT_ANSWERS))
    failed = QuizAttempt.objects.get(member=learner)
    assert (failed.lesson_id, failed.passed) == (lessons_of(course)[3].pk, False)  # the English key is wrong here

    answer = post(client, f"{es_quiz_lesson.url}quiz/", quiz_post_data(es_quiz_lesson, SPANISH_CORRECT_ANSWERS))

    passed = QuizAttempt.objects.filter(member=learner).first()
    assert passed.passed and passed.score == 100 and passed.lesson_id == lessons_of(course)[3].pk
    shown = client.get(answer.headers["Location"]).content.decode()
    assert "¿Qué representa VSM?" in shown and "100%" in shown
    assert LessonCompletion.objects.get(member=learner).lesson_id == lessons_of(course)[3].pk
    assert progress_rules.offering_progress(course, learner).lessons[3].best_score == 100


def test_an_aliased_ethics_module_is_taken_and_attested_in_spanish(client, learner, completed_signals,
                                                                  django_capture_on_commit_callbacks):
    module = factories.build_ethics_module(modules=1, lessons_per_module=2)
    sync_locale_trees()
    es_module = spanish(module)
    assert isinstance(es_module, EthicsModulePage) and es_module.alias_of_id == module.pk
    post(client, f"{es_module.url}enrol/")
    for lesson in lessons_of(module):
        post(client, f"{spanish(lesson).url}complete/")

    with django_capture_on_commit_callbacks(execute=True):
        post(client, f"{es_module.url}attest/", {"signed_name": "Ana García"})

    attestation = EthicsAttestation.objects.get(member=learner)
    assert attestation.offering_id == module.pk
    assert [call["offering"].pk for call in completed_signals.calls] == [module.pk]


def test_my_learning_and_the_home_page_link_a_spanish_reader_to_spanish_pages(client, learner):
    course = build_translated("Value Stream Mapping")
    other = CoursePage.objects.get(title="Value Stream Mapping", locale__language_code="en")  # aliased only
    enrol(learner, course)
    enrol(learner, other)
    progress_rules.complete_lesson(learner, lessons_of(course)[0])

    html = client.get(my_learning("es")).content.decode()

    es_course, es_other = spanish(course), spanish(other)
    assert f'href="{es_course.url}"' in html and "Fundamentos de métricas de flujo" in html
    assert f'href="{spanish(lessons_of(course)[1]).url}"' in html  # resume, in Spanish
    assert f'href="{es_other.url}"' in html and f'href="{spanish(lessons_of(other)[0]).url}"' in html
    assert f'href="{course.url}"' not in html and f'href="{other.url}"' not in html
    home = client.get("/es/").content.decode()
    assert f'href="{spanish(lessons_of(course)[1]).url}"' in home and f'href="{lessons_of(course)[1].url}"' not in home
    reader = factories.MemberFactory(preferred_languages=["en"])  # an English reader of the same course
    enrol(reader, course)
    english_client = Client()
    english_client.force_login(reader)
    english = english_client.get(my_learning("en")).content.decode()
    assert f'href="{course.url}"' in english and "Fundamentos" not in english


def test_a_completed_offering_on_my_learning_shows_its_translation(client, course, learner):
    enrol(learner, course)
    for lesson in lessons_of(course):
        if lesson.has_quiz:
            progress_rules.submit_quiz(learner, lesson, quiz_post_data(lesson, factories.QUIZ_CORRECT_ANSWERS))
        else:
            progress_rules.complete_lesson(learner, lesson)
    html = client.get(my_learning("es")).content.decode()
    assert f'<a href="{spanish(course).url}">Fundamentos de métricas de flujo</a>' in html


def test_recommendations_name_and_link_the_translation_in_the_readers_language(course):
    topic = factories.TopicFactory(name="Flow")
    course.topics.set([topic])
    course.save_revision().publish()
    member = factories.MemberFactory(preferred_languages=["es"])
    member.interests.set([topic])

    with translation.override("es"):
        found = recommendations_for(member, timezone.now())

    # English, translated into Spanish: suggested once, by its Spanish name and address.
    assert [(r.offering_id, r.title) for r in found] == [(course.pk, "Fundamentos de métricas de flujo")]
    assert found[0].url == spanish(course).url and found[0].url.startswith("/es/")


def count_queries(client, url: str) -> int:
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_spanish_pages_cost_the_same_whatever_the_course_size(client, learner):
    small = factories.build_offering(title="Small", modules=1, lessons_per_module=2, quiz_lessons=((0, 1),))
    large = factories.build_offering(title="Large", modules=4, lessons_per_module=4, quiz_lessons=((3, 3),))
    sync_locale_trees()
    counts = []
    for original in (small, large):
        enrol(learner, original)
        lessons = lessons_of(original)
        progress_rules.complete_lesson(learner, lessons[0])
        quiz_lesson = next(lesson for lesson in lessons if lesson.has_quiz)
        progress_rules.submit_quiz(learner, quiz_lesson, quiz_post_data(quiz_lesson, factories.QUIZ_WRONG_ANSWERS))
        counts.append(count_queries(client, spanish(quiz_lesson).url))
    assert counts[0] == counts[1] <= TRANSLATED_LESSON_MAX_QUERIES, counts


def test_my_learning_in_spanish_costs_the_same_whatever_the_number_of_enrolments(client, learner):
    first = factories.build_offering(title="First", modules=1, lessons_per_module=2)
    more = [factories.build_offering(title=f"More {n}", modules=2, lessons_per_module=2) for n in range(3)]
    sync_locale_trees()
    dashboard = my_learning("es")
    enrol(learner, first)
    with override_settings(PAGE_CACHE_SECONDS=0):  # the rendering's cost, not the kept page's (cms/page_cache.py)
        one = count_queries(client, dashboard)
        for offering in more:
            enrol(learner, offering)
            progress_rules.complete_lesson(learner, lessons_of(offering)[0])
        assert one == count_queries(client, dashboard) <= DASHBOARD_MAX_QUERIES


def test_only_originals_carry_what_learners_did(course, learner):
    """Whatever page was used, rows point at the original offering and its lessons, never a copy."""
    enrol(learner, spanish(course))
    for lesson in lessons_of(course):
        if lesson.has_quiz:
            progress_rules.submit_quiz(learner, spanish(lesson), quiz_post_data(spanish(lesson),
                                                                              SPANISH_CORRECT_ANSWERS))
        else:
            progress_rules.complete_lesson(learner, spanish(lesson))
    english_ids = set(LessonPage.objects.filter(locale__language_code="en").values_list("pk", flat=True))
    assert set(LessonCompletion.objects.values_list("lesson_id", flat=True)) <= english_ids
    assert set(QuizAttempt.objects.values_list("lesson_id", flat=True)) <= english_ids
    assert EnrolmentModel.objects.get().offering_id == course.pk
    assert CoursePage.objects.filter(translation_key=course.translation_key).count() == len(settings.LANGUAGES)


def test_the_onboarding_checklist_sends_a_spanish_reader_to_the_spanish_orientation_module(learner):
    orientation = factories.build_offering(title="Welcome to the Consortium", modules=1, lessons_per_module=1,
                                           is_orientation=True)
    sync_locale_trees()
    es_orientation = translate(orientation, "es", title="Bienvenida al consorcio")
    enrol(learner, es_orientation)

    with translation.override("es"):
        step = next(s for s in onboarding_steps(learner) if s.key == "orientation")
    with translation.override("en"):
        english = next(s for s in onboarding_steps(learner) if s.key == "orientation")

    assert step.done and step.url == es_orientation.url and step.url.startswith("/es/")
    assert english.done and english.url == orientation.url


def test_the_digest_links_a_spanish_member_to_the_spanish_translation(mailoutbox):
    topic = factories.TopicFactory(name="Flow", slug="flow")
    original = factories.build_offering(title="Flow Metrics Fundamentals", modules=1, lessons_per_module=1,
                                        topics=[topic])
    week = digest_rules.last_ended_period(Digest.Frequency.WEEKLY, timezone.now())
    Page.objects.filter(pk=original.pk).update(first_published_at=week.starts_at + timedelta(hours=1))
    sync_locale_trees()
    es_course = translate(original, "es", title="Fundamentos de métricas de flujo")
    member = factories.MemberFactory(preferred_languages=["es"], site_language="es")
    member.interests.set([topic])
    CommunicationPreferences.objects.create(member=member, digest_frequency=Digest.Frequency.WEEKLY)

    send_digests()

    [letter] = [m for m in mailoutbox if m.to == [member.email]]
    assert "Fundamentos de métricas de flujo" in letter.body and "Flow Metrics Fundamentals" not in letter.body
    assert f"{es_course.url}" in letter.body and es_course.url.startswith("/es/")


def test_a_translated_course_is_taught_in_its_language_and_a_translated_webinar_keeps_the_sessions(course):
    """Translating a course translates what is taught, so its language is the locale's; a webinar's translation
    describes sessions still held in the original's language; an alias repeats the original, language and all."""
    assert spanish(course).language == "es" and course.language == "en"
    french_alias = Page.objects.get(translation_key=course.translation_key, locale__language_code="fr").specific
    assert french_alias.language == "en"
    webinar = factories.build_event(title="Flow Clinic", sessions=[factories.session_spec(10)])
    sync_locale_trees()
    assert translate(webinar, "es", title="Clínica de flujo").language == "en"


def test_whether_a_lesson_is_required_is_decided_on_the_original_for_every_language(client, course, learner):
    """Completion counts the original's lessons: a translation cannot make one optional for its readers, and the
    original's change reaches the translation (its outline and lesson page say "opcional")."""
    first = lessons_of(course)[0]
    es_first = spanish(first)
    es_first.is_required = False
    es_first.save_revision().publish()
    assert LessonPage.objects.get(pk=es_first.pk).is_required is True

    first.is_required = False
    first.save_revision().publish()
    assert LessonPage.objects.get(pk=es_first.pk).is_required is False
    post(client, f"{spanish(course).url}enrol/")
    assert "opcional" in client.get(spanish(first).url).content.decode()
