"""The demo's onboarding: a new member who sees the getting-started checklist with nothing done, an experienced
learner who sees none, and the orientation course the checklist sends new members to."""

from __future__ import annotations

import pytest
from django.utils import timezone

from courses.models import CoursePage, LessonPage
from lms import onboarding
from lms.models import Member

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
    [orientation] = CoursePage.objects.live().filter(is_orientation=True)
    assert orientation.title == "Welcome to the Association"
    lessons = LessonPage.objects.live().descendant_of(orientation)
    assert lessons.count() == 6 and sum(lesson.has_quiz for lesson in lessons) == 2
    assert "Finding a mentor" in [lesson.title for lesson in lessons]
