"""Course, module and lesson pages as learners, authors and Wagtail previews see them."""

import uuid
from decimal import Decimal

import pytest

from courses.models import Enrolment, LessonPage, ModulePage
from lms.access import AccessLevel
from tests import factories
from tests.courses.journeys import enrol
from tests.factories import lessons_of

pytestmark = pytest.mark.django_db

SECRET = "The worked example members get."
TEASER = "Worked example"


def members_only_block(text=SECRET, teaser=TEASER):
    return {
        "type": "members_only",
        "id": str(uuid.uuid4()),
        "value": {
            "teaser": teaser,
            "content": [{"type": "rich_text", "id": str(uuid.uuid4()), "value": f"<p>{text}</p>"}],
        },
    }


@pytest.fixture
def enhanced(db):
    """A member-enhanced course with a members-only block in its overview and in its first lesson."""
    course = factories.build_offering(
        title="Enhanced Flow",
        access_level=AccessLevel.MEMBER_ENHANCED,
        overview=[factories.text_block("Everyone reads this overview."), members_only_block()],
        modules=1,
        lessons_per_module=1,
    )
    module = ModulePage.objects.child_of(course).get()
    module.add_child(
        instance=LessonPage(
            title="Lesson with extras",
            body=[factories.text_block("Public lesson text."), members_only_block("Members lesson extra.")],
        )
    )
    return course


def lesson_with_extras(course):
    return LessonPage.objects.descendant_of(course).get(title="Lesson with extras")


# ------------------------------------------------------------------------------------------- course page


def test_course_page_renders_overview_outline_and_badges(client, db):
    instructor = factories.InstructorFactory(first_name="Ada", last_name="Lovelace")
    topic = factories.TopicFactory(name="Flow Metrics")
    course = factories.build_offering(
        title="Flow Metrics Fundamentals",
        overview=[factories.text_block("What you will learn.")],
        quiz_lessons=((1, 1),),
        cpd_hours=Decimal("3.5"),
        level="intermediate",
        language="fr",
        edition="Spring cohort",
        instructors=[instructor],
        topics=[topic],
    )

    response = client.get(course.url)

    assert response.status_code == 200
    page = response.content.decode()
    assert '<h1 lang="fr">Flow Metrics Fundamentals</h1>' in page
    assert "What you will learn." in page
    for badge in ("Course", "Intermediate", "Français (French)", "3.5 CPD hours", "Programme 2026 · Spring cohort"):
        assert badge in page
    assert "Member-enhanced" not in page  # public offerings carry no access badge
    for lesson in lessons_of(course):
        assert f'<a href="{lesson.url}"' in page and lesson.title in page
    assert "Module 1" in page and "Module 2" in page
    assert "· quiz" in page
    assert "Ada Lovelace" in page and "Flow Metrics</dd>" in page
    assert "Sign in to enrol" in page  # anonymous visitors are invited to sign in


def test_course_page_shows_progress_and_resume_for_enrolled_learner(member_client, learner, course):
    member_client.post(course.url + "enrol/")
    member_client.post(lessons_of(course)[0].url + "complete/")

    page = member_client.get(course.url).content.decode()

    assert "25% complete" in page
    assert "Resume where you left off" in page
    assert "✓ Complete" in page
    assert "Leave this course" in page
    assert '<button type="submit" class="button">Enrol' not in page


def test_course_without_lessons_says_they_are_being_prepared(client, db):
    empty = factories.build_offering(title="Coming Soon", modules=0)
    page = client.get(empty.url).content.decode()
    assert "Lessons are being prepared." in page


# ------------------------------------------------------------------------------------------- member-enhanced blocks


def test_member_blocks_shown_to_members(member_client, learner, enhanced):
    overview = member_client.get(enhanced.url).content.decode()
    assert "Everyone reads this overview." in overview
    assert SECRET in overview
    assert "For members" not in overview

    enrol(learner, enhanced)
    lesson = member_client.get(lesson_with_extras(enhanced).url).content.decode()
    assert "Public lesson text." in lesson and "Members lesson extra." in lesson


@pytest.mark.parametrize("who", ["anonymous", "non_member", "expired_member"])
def test_member_blocks_show_a_teaser_to_everyone_else(client, enhanced, request, who):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))

    response = client.get(enhanced.url)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Everyone reads this overview." in page
    assert SECRET not in page
    assert f"For members: {TEASER}" in page
    assert "This part of the page is for current members of the association." in page


def test_non_member_enrolled_learner_sees_teaser_in_lesson(client, non_member, enhanced):
    enrol(non_member, enhanced)
    client.force_login(non_member)

    page = client.get(lesson_with_extras(enhanced).url).content.decode()

    assert "Public lesson text." in page
    assert "Members lesson extra." not in page
    assert f"For members: {TEASER}" in page


def test_staff_see_member_blocks(client, staff, enhanced):
    client.force_login(staff)
    assert SECRET in client.get(enhanced.url).content.decode()


# ------------------------------------------------------------------------------------------- lesson access


def test_lesson_redirects_non_enrolled_learner_to_course_with_message(member_client, learner, course):
    lesson = lessons_of(course)[0]

    response = member_client.get(lesson.url)

    assert response.status_code == 302
    assert response["Location"] == course.url
    followed = member_client.get(response["Location"]).content.decode()
    assert f"Enrol in {course.title} to start its lessons." in followed
    assert not Enrolment.objects.exists()


def test_lesson_redirects_anonymous_visitor_to_sign_in(client, course):
    lesson = lessons_of(course)[0]
    response = client.get(lesson.url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


def test_named_instructor_reads_lessons_without_enrolling(client, instructor):
    course = factories.build_offering(instructors=[instructor], quiz_lessons=((0, 0),))
    client.force_login(instructor)

    for lesson in lessons_of(course):
        response = client.get(lesson.url)
        assert response.status_code == 200, lesson.title
        assert f'<h1 lang="en">{lesson.title}</h1>' in response.content.decode()
    assert "Mark lesson complete" not in client.get(lessons_of(course)[1].url).content.decode()
    assert not Enrolment.objects.exists()


def test_instructor_not_named_on_the_course_must_enrol(client, instructor, course):
    client.force_login(instructor)
    response = client.get(lessons_of(course)[0].url)
    assert response.status_code == 302
    assert response["Location"] == course.url


def test_staff_read_lessons_without_enrolling(client, staff, course):
    client.force_login(staff)
    response = client.get(lessons_of(course)[-1].url)
    assert response.status_code == 200
    assert "Check your understanding" in response.content.decode()
    assert not Enrolment.objects.exists()


def test_enrolled_learner_sees_lesson_with_outline_and_neighbours(member_client, learner, course):
    enrol(learner, course)
    lessons = lessons_of(course)

    page = member_client.get(lessons[1].url).content.decode()

    assert f'<h1 lang="en">{lessons[1].title}</h1>' in page
    assert "Lesson 1.2 text." in page
    assert f'href="{lessons[0].url}" rel="prev"' in page
    assert f'href="{lessons[2].url}" rel="next"' in page
    assert f'<a href="{lessons[1].url}" lang="en" aria-current="page">' in page
    assert "Mark lesson complete" in page


def test_member_only_lesson_and_module_answer_403_to_non_members(non_member_client, db):
    offering = factories.build_offering(title="Members Masterclass", access_level=AccessLevel.MEMBER_ONLY)
    module = ModulePage.objects.child_of(offering).first()

    for url in (lessons_of(offering)[0].url, module.url):
        response = non_member_client.get(url)
        assert response.status_code == 403
        assert "This offering is for members" in response.content.decode()


# ------------------------------------------------------------------------------------------- module page


def test_module_page_lists_its_lessons_with_progress(member_client, learner, course):
    enrol(learner, course)
    lessons = lessons_of(course)
    member_client.post(lessons[0].url + "complete/")
    module = ModulePage.objects.child_of(course).order_by("path").first()

    response = member_client.get(module.url)

    assert response.status_code == 200
    page = response.content.decode()
    assert "<h1>Module 1</h1>" in page
    assert f'<a href="{course.url}">{course.title}</a>' in page
    assert lessons[0].title in page and lessons[1].title in page
    assert lessons[2].title not in page  # module 2's lessons are not listed here
    assert "50% complete" in page
    assert "10 min" in page


def test_module_page_renders_for_anonymous_visitor(client, course):
    module = ModulePage.objects.child_of(course).order_by("path").last()
    response = client.get(module.url)
    assert response.status_code == 200
    assert "Lesson 2.2" in response.content.decode()


# ------------------------------------------------------------------------------------------- Wagtail preview


def preview(page, mode):
    response = page.make_preview_request(original_request=None, preview_mode=mode)
    if hasattr(response, "render"):
        response.render()
    return response


def test_lesson_preview_hides_member_blocks_in_public_mode(enhanced):
    lesson = lesson_with_extras(enhanced)

    public = preview(lesson, "public")
    member = preview(lesson, "")

    assert public.status_code == 200 and member.status_code == 200
    public_page, member_page = public.content.decode(), member.content.decode()
    assert "Public lesson text." in public_page and "Public lesson text." in member_page
    assert "Members lesson extra." not in public_page
    assert f"For members: {TEASER}" in public_page
    assert "Members lesson extra." in member_page
    assert "For members:" not in member_page


def test_course_preview_hides_member_blocks_in_public_mode(enhanced):
    public = preview(enhanced, "public")
    member = preview(enhanced, "")

    assert public.status_code == 200 and member.status_code == 200
    assert SECRET not in public.content.decode()
    assert f"For members: {TEASER}" in public.content.decode()
    assert SECRET in member.content.decode()
    assert not Enrolment.objects.exists()


def test_quiz_lesson_preview_renders_without_a_learner(course):
    response = preview(lessons_of(course)[-1], "")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Preview: learners answer the quiz here." in page
    assert "What does VSM map?" in page


def test_member_only_course_preview_in_public_mode_shows_the_members_page(db):
    offering = factories.build_offering(title="Members Masterclass", access_level=AccessLevel.MEMBER_ONLY)
    assert preview(offering, "public").status_code == 403
    assert preview(offering, "").status_code == 200


def test_module_preview_renders(course):
    module = ModulePage.objects.child_of(course).first()
    response = preview(module, "public")
    assert response.status_code == 200
    assert "Lesson 1.1" in response.content.decode()


def test_unpublishing_an_offering_or_module_closes_what_lies_beneath(client, member_client, learner):
    from courses.learning import progress as progress_rules
    from courses.models import LessonCompletion

    course = factories.build_offering(title="Soon Withdrawn", modules=2, lessons_per_module=1)
    enrol(learner, course)
    first_module = ModulePage.objects.child_of(course).order_by("path").first()
    lessons = lessons_of(course)

    first_module.unpublish()
    # The hidden module's lesson is closed and no longer counts: the other lesson alone completes the course.
    assert member_client.get(lessons[0].url).status_code == 404
    assert member_client.post(lessons[0].url + "complete/").status_code == 404
    member_client.post(lessons[1].url + "complete/")
    enrolment = Enrolment.objects.get(member=learner, offering=course)
    assert enrolment.completed_at is not None
    assert progress_rules.offering_progress(course, learner).percent == 100

    other = factories.build_offering(title="Pulled Course", modules=1, lessons_per_module=2)
    enrol(learner, other)
    other_lessons = lessons_of(other)
    other.unpublish()
    assert client.get(ModulePage.objects.child_of(other).get().url).status_code == 404
    assert member_client.get(other_lessons[0].url).status_code == 404
    assert member_client.post(other_lessons[0].url + "complete/").status_code == 404
    assert not LessonCompletion.objects.filter(lesson__in=other_lessons).exists()
    assert "Pulled Course" not in member_client.get("/my-learning/").content.decode()
