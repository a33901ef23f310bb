"""The demo's onboarding: a new member who sees the getting-started checklist with nothing done, an experienced
learner who sees none, and the orientation course the checklist sends new members to."""

from __future__ import annotations

import pytest
from django.utils import timezone

from courses.demo.content import demo_content
from courses.models import CoursePage, LessonPage
from lms import onboarding
from lms.models import Member
from lms.original_rows import originals

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(demo_catalog, db):
    return demo_catalog


def test_the_new_demo_member_sees_the_checklist_with_nothing_done(demo, client):
    new = Member.objects.get(email="new@demo.vsmc.org")
    assert new.check_password("learn-vsm-2026") and onboarding.is_onboarding(new, timezone.now())
    client.force_login(new)
    home = client.get("/").content.decode()
    assert "Getting started" in home and "0 of 5 steps done" in home


def test_the_experienced_demo_learner_sees_no_checklist(demo, client):
    client.force_login(Member.objects.get(email="learner@demo.vsmc.org"))
    assert "Getting started" not in client.get("/").content.decode()
    assert "Getting started" not in client.get("/my-learning/").content.decode()


def test_the_demo_has_one_orientation_course_written_out(demo):
    [orientation] = originals(CoursePage.objects.live().filter(is_orientation=True))
    assert orientation.title == "Welcome to the Association"
    lessons = LessonPage.objects.live().descendant_of(orientation)
    assert lessons.count() == 6 and sum(lesson.has_quiz for lesson in lessons) == 2
    assert "Finding a mentor" in [lesson.title for lesson in lessons]


def test_orientation_and_mapping_quizzes_keep_their_wrong_answers_apart(demo):
    """The orientation concepts share the mapping topic's file; their group keeps each quiz's choices its own."""
    content = demo_content()
    orientation_definitions = {c.definition for c in content.kits["en"]["value-stream-mapping"]
                               if c.group == "orientation"}
    [orientation] = originals(CoursePage.objects.live().filter(is_orientation=True))
    mapping_courses = originals(CoursePage.objects.live().filter(language="en", is_orientation=False,
                                                                 topics__slug="value-stream-mapping"))
    assert mapping_courses.exists()

    def choices(course) -> set[str]:
        return {choice["text"] for lesson in LessonPage.objects.live().descendant_of(course)
                for block in lesson.body if block.block_type == "quiz"
                for question in block.value["questions"] for choice in question["choices"]}

    assert choices(orientation)
    orientation_wrong = choices(orientation) & {c.definition for c in content.kits["en"]["value-stream-mapping"]}
    assert orientation_wrong <= orientation_definitions, "orientation quizzes draw only on orientation concepts"
    for course in mapping_courses:
        assert not choices(course) & orientation_definitions, course.title
