"""Roles and authoring: who may edit, preview, submit and publish offerings, through Wagtail's real admin views."""

import json

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import GroupApprovalTask, GroupPagePermission, PageLogEntry, Workflow, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from cms.models import HomePage
from courses.catalog.setup import PAGE_PERMISSIONS, STAFF_REVIEW_WORKFLOW, ensure_catalog
from courses.models import CatalogIndexPage, CoursePage, LessonPage
from lms.roles import INSTRUCTOR, LEARNER, PARTNER_HOST, ROLE_PERMISSIONS, STAFF, ensure_role_groups
from tests.factories import InstructorFactory, PartnerHostFactory, StaffFactory, build_offering, catalog, lessons_of

pytestmark = pytest.mark.django_db


def edit_url(page) -> str:
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def course_form(course, **changes) -> dict:
    """What the course edit form posts, built like Wagtail's own tests build theirs."""
    data = nested_form_data(
        {
            "title": course.title,
            "slug": course.slug,
            "summary": course.summary,
            "overview": streamfield([]),
            "level": course.level,
            "language": course.language,
            "programme_year": str(course.programme_year),
            "edition": course.edition,
            "cpd_hours": str(course.cpd_hours),
            "cpd_credit_type": course.cpd_credit_type,
            "access_level": course.access_level,
            "members_open_on": "",
            "public_open_on": "",
            "evaluation_questions": inline_formset([]),
            "seo_title": "",
            "search_description": "",
            "go_live_at": "",
            "expire_at": "",
        }
    )
    data["instructors"] = [str(pk) for pk in course.instructors.values_list("pk", flat=True)] if course.pk else []
    data.update(changes)
    return data


def lesson_form(lesson, text: str, **changes) -> dict:
    data = nested_form_data(
        {
            "title": lesson.title,
            "slug": lesson.slug,
            "summary": "",
            "estimated_minutes": "15",
            "is_required": "on",
            "body": streamfield([("rich_text", rich_text(f"<p>{text}</p>"))]),
            "seo_title": "",
            "search_description": "",
            "go_live_at": "",
            "expire_at": "",
        }
    )
    data.update(changes)
    return data


@pytest.fixture
def course_a(instructor):
    """A draft course the instructor is named on (drafts are what instructors work on before review)."""
    return build_offering(title="Course A", instructors=[instructor], publish=False)


@pytest.fixture
def course_b():
    other = InstructorFactory(email="other.instructor@example.org")
    return build_offering(title="Course B", instructors=[other])


@pytest.fixture
def instructor_client(client, instructor):
    client.force_login(instructor)
    return client


# ------------------------------------------------------------------------------------------ roles after migrate


def test_role_groups_exist_with_their_permissions():
    for role, dotted_names in ROLE_PERMISSIONS.items():
        group = Group.objects.get(name=role)
        granted = {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")}
        assert granted == set(dotted_names), role
    assert {LEARNER, INSTRUCTOR, PARTNER_HOST, STAFF} <= set(Group.objects.values_list("name", flat=True))


def test_every_listed_permission_exists():
    """A misspelt permission would silently grant nothing; every name must match a real permission."""
    for dotted_names in ROLE_PERMISSIONS.values():
        for dotted in dotted_names:
            app_label, codename = dotted.split(".")
            assert Permission.objects.filter(content_type__app_label=app_label, codename=codename).exists(), dotted


def test_role_setup_is_idempotent():
    before = {g.name: set(g.permissions.values_list("pk", flat=True)) for g in Group.objects.all()}
    page_permissions = GroupPagePermission.objects.count()
    ensure_role_groups()
    ensure_catalog()
    after = {g.name: set(g.permissions.values_list("pk", flat=True)) for g in Group.objects.all()}
    assert after == before
    assert GroupPagePermission.objects.count() == page_permissions
    assert Workflow.objects.filter(name=STAFF_REVIEW_WORKFLOW).count() == 1


def test_page_permissions_and_review_workflow():
    def granted(role, page):
        permissions = GroupPagePermission.objects.filter(group__name=role, page=page)
        return set(permissions.values_list("permission__codename", flat=True))

    assert granted(INSTRUCTOR, catalog()) == {"add_page", "change_page"} == set(PAGE_PERMISSIONS[INSTRUCTOR])
    assert "publish_page" in granted(STAFF, HomePage.objects.get())
    assert not GroupPagePermission.objects.filter(group__name=LEARNER).exists()
    # Partner hosts may propose edits (the tester narrows them to co-hosted events) but never add or publish.
    assert granted(PARTNER_HOST, catalog()) == {"change_page"} == set(PAGE_PERMISSIONS[PARTNER_HOST])
    workflow = catalog().get_workflow()
    assert workflow.name == STAFF_REVIEW_WORKFLOW and workflow.active
    task = workflow.tasks.get().specific
    assert isinstance(task, GroupApprovalTask)
    assert list(task.groups.values_list("name", flat=True)) == [STAFF]


def test_who_reaches_the_admin(client, learner):
    client.force_login(learner)
    assert client.get("/admin/").status_code == 302
    for member in (InstructorFactory(), PartnerHostFactory(), StaffFactory()):
        client.force_login(member)
        assert client.get("/admin/").status_code == 200, member.groups.get().name


# ------------------------------------------------------------------------------------------ editing


def test_instructor_edits_only_the_courses_they_are_named_on(instructor_client, course_a, course_b):
    assert instructor_client.get(edit_url(course_a)).status_code == 200
    lesson_a = lessons_of(course_a)[0]
    assert instructor_client.get(edit_url(lesson_a)).status_code == 200

    for page in (course_b, lessons_of(course_b)[0], lessons_of(course_b)[0].get_parent()):
        refused = instructor_client.get(edit_url(page))
        assert refused.status_code in (302, 403), page.title
        if refused.status_code == 302:
            assert refused["Location"] == "/admin/"

    revisions = course_b.revisions.count()
    posted = instructor_client.post(edit_url(course_b), course_form(course_b, title="Hijacked"))
    assert posted.status_code in (302, 403)
    course_b.refresh_from_db()
    assert course_b.title == "Course B" and course_b.revisions.count() == revisions


def test_instructor_cannot_add_pages_inside_someone_elses_course(instructor_client, course_b):
    url = reverse("wagtailadmin_pages:add", args=["courses", "modulepage", course_b.pk])
    assert instructor_client.get(url).status_code in (302, 403)


def test_permission_tester_for_instructor_and_staff(instructor, staff, course_a, course_b):
    mine = course_a.permissions_for_user(instructor)
    assert mine.can_edit() and mine.can_submit_for_moderation()
    assert not mine.can_publish()
    assert not mine.can_delete() and not mine.can_unpublish()
    theirs = course_b.permissions_for_user(instructor)
    assert not theirs.can_edit() and not theirs.can_submit_for_moderation() and not theirs.can_add_subpage()
    lesson_perms = lessons_of(course_b)[0].permissions_for_user(instructor)
    assert not lesson_perms.can_edit()
    staff_perms = course_b.permissions_for_user(staff)
    assert staff_perms.can_edit() and staff_perms.can_publish()


def test_explorer_lists_an_instructors_own_courses(instructor_client, course_a, course_b):
    listing = instructor_client.get(reverse("wagtailadmin_explore", args=[catalog().pk]))
    assert listing.status_code == 200
    html = listing.content.decode()
    assert "Course A" in html and "Course B" not in html


def test_instructor_save_draft_keeps_the_page_unpublished(instructor_client, course_a):
    response = instructor_client.post(edit_url(course_a), course_form(course_a, title="Course A, revised"))
    assert response.status_code == 302
    course_a.refresh_from_db()
    assert not course_a.live
    assert course_a.get_latest_revision_as_object().title == "Course A, revised"


def test_instructor_cannot_publish_even_by_posting_the_publish_action(instructor_client, instructor, course_a):
    response = instructor_client.post(
        edit_url(course_a), course_form(course_a, title="Course A, published?", **{"action-publish": "Publish"})
    )
    assert response.status_code == 302
    course_a.refresh_from_db()
    assert not course_a.live  # the publish button was taken as "save draft"
    assert course_a.get_latest_revision_as_object().title == "Course A, published?"
    assert course_a.live_revision is None
    assert not PageLogEntry.objects.filter(page=course_a, action="wagtail.publish").exists()


def test_instructor_cannot_publish_a_lesson_either(instructor_client, instructor):
    course = build_offering(title="Live Course", instructors=[instructor])
    lesson = lessons_of(course)[0]
    response = instructor_client.post(
        edit_url(lesson), lesson_form(lesson, "Rewritten text.", **{"action-publish": "Publish"})
    )
    assert response.status_code == 302
    lesson.refresh_from_db()
    assert "Rewritten text." not in str(lesson.body)
    assert "Rewritten text." in str(lesson.get_latest_revision_as_object().body)


# ------------------------------------------------------------------------------------------ review workflow


def test_submit_for_review_then_staff_approve_and_the_page_goes_live(client, instructor, staff, course_a):
    client.force_login(instructor)
    response = client.post(
        edit_url(course_a), course_form(course_a, title="Course A, ready", **{"action-submit": "Submit"})
    )
    assert response.status_code == 302
    course_a.refresh_from_db()
    assert not course_a.live

    state = WorkflowState.objects.for_instance(course_a).get()
    assert state.workflow.name == STAFF_REVIEW_WORKFLOW
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.requested_by == instructor
    task_state = state.current_task_state
    assert task_state.status == task_state.STATUS_IN_PROGRESS
    assert list(task_state.task.specific.groups.values_list("name", flat=True)) == [STAFF]

    approve_url = reverse("wagtailadmin_pages:workflow_action", args=[course_a.pk, "approve", task_state.pk])
    # The instructor is not in the Staff group: approving is not theirs to do.
    client.post(approve_url, {"comment": ""})
    course_a.refresh_from_db()
    assert not course_a.live
    task_state.refresh_from_db()
    assert task_state.status == task_state.STATUS_IN_PROGRESS

    client.force_login(staff)
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
    approved = client.post(approve_url, {"comment": "Looks good."})
    assert approved.status_code == 302
    course_a.refresh_from_db()
    assert course_a.live
    assert course_a.title == "Course A, ready"
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    assert instructor in course_a.instructors.all()
    assert client.get(course_a.url).status_code == 200


def test_staff_publish_directly(client, staff, course_a):
    client.force_login(staff)
    response = client.post(edit_url(course_a), course_form(course_a, **{"action-publish": "Publish"}))
    assert response.status_code == 302
    course_a.refresh_from_db()
    assert course_a.live


# ------------------------------------------------------------------------------------------ creating


def test_instructor_who_creates_a_course_is_named_on_it(instructor_client, instructor, staff):
    add_url = reverse("wagtailadmin_pages:add", args=["courses", "coursepage", catalog().pk])
    assert instructor_client.get(add_url).status_code == 200
    blank = CoursePage(
        title="Value Streams for Teams", slug="value-streams-for-teams", summary="Mapping team flow.",
        programme_year=2026,
    )
    response = instructor_client.post(add_url, course_form(blank))
    assert response.status_code == 302

    created = CoursePage.objects.get(slug="value-streams-for-teams")
    assert not created.live
    assert list(created.instructors.all()) == [instructor]
    # The draft revision carries the naming too, so publishing it later does not drop the instructor.
    assert [m.pk for m in created.get_latest_revision_as_object().instructors.all()] == [instructor.pk]
    assert instructor_client.get(edit_url(created)).status_code == 200

    instructor_client.force_login(staff)
    instructor_client.post(edit_url(created), course_form(created, **{"action-publish": "Publish"}))
    created.refresh_from_db()
    assert created.live and list(created.instructors.all()) == [instructor]


def test_a_course_staff_create_names_nobody(client, staff):
    client.force_login(staff)
    blank = CoursePage(title="Staff Course", slug="staff-course", summary="By staff.", programme_year=2026)
    client.post(reverse("wagtailadmin_pages:add", args=["courses", "coursepage", catalog().pk]), course_form(blank))
    assert not CoursePage.objects.get(slug="staff-course").instructors.exists()


# ------------------------------------------------------------------------------------------ preview


def preview(client, lesson, form: dict, mode: str = ""):
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[lesson.pk])
    posted = client.post(url, form)
    return posted, client.get(url, {"mode": mode})


def test_named_instructor_previews_a_lesson_as_a_learner(instructor_client, course_a):
    lesson = lessons_of(course_a)[0]
    posted, shown = preview(instructor_client, lesson, lesson_form(lesson, "Unsaved preview text."))
    assert posted.status_code == 200
    assert json.loads(posted.content) == {"is_valid": True, "is_available": True}
    assert shown.status_code == 200
    html = shown.content.decode()
    assert "Unsaved preview text." in html  # the form's content, not the saved one
    assert "Course outline" in html and "Course A" in html  # rendered by the learner's lesson template
    assert "Mark lesson complete" not in html  # a preview never offers learning actions
    assert shown["X-Frame-Options"] == "SAMEORIGIN"  # the admin shows previews in a same-origin frame
    lesson.refresh_from_db()
    assert "Unsaved preview text." not in str(lesson.body)


def test_preview_modes_show_member_and_non_member_views(instructor_client, instructor):
    course = build_offering(title="Members Clinic", access_level="member_only", instructors=[instructor])
    lesson = lessons_of(course)[0]
    _posted, as_member = preview(instructor_client, lesson, lesson_form(lesson, "Clinic notes."))
    assert as_member.status_code == 200 and "Clinic notes." in as_member.content.decode()
    _posted, as_public = preview(instructor_client, lesson, lesson_form(lesson, "Clinic notes."), mode="public")
    assert "Clinic notes." not in as_public.content.decode()
    assert "This offering is for members" in as_public.content.decode()


def test_preview_is_refused_to_an_instructor_not_named_on_the_course(instructor_client, course_b):
    lesson = lessons_of(course_b)[0]
    posted, shown = preview(instructor_client, lesson, lesson_form(lesson, "Sneaky."))
    assert posted.status_code in (302, 403)
    assert shown.status_code in (302, 403)
    assert "Lesson 1.1 text." not in shown.content.decode()


def test_public_pages_refuse_framing(client, course_b):
    assert client.get(course_b.url)["X-Frame-Options"] == "DENY"


def test_lesson_has_quiz_is_derived_when_saved_through_the_admin(client, staff):
    course = build_offering(title="Quiz Course", quiz_lessons=((0, 0),))
    lesson = lessons_of(course)[0]
    assert lesson.has_quiz
    client.force_login(staff)
    response = client.post(edit_url(lesson), lesson_form(lesson, "Quiz removed.", **{"action-publish": "Publish"}))
    assert response.status_code == 302
    lesson = LessonPage.objects.get(pk=lesson.pk)
    assert "Quiz removed." in str(lesson.body)
    assert lesson.has_quiz is False


def test_instructor_adds_offerings_to_the_catalog_but_cannot_edit_the_catalog_page(client):
    instructor = InstructorFactory()
    catalog_page = CatalogIndexPage.objects.get()
    tester = catalog_page.permissions_for_user(instructor)
    assert tester.can_add_subpage()
    assert not tester.can_edit() and not tester.can_delete() and not tester.can_move()
    client.force_login(instructor)
    assert client.get(f"/admin/pages/{catalog_page.pk}/edit/").status_code == 302
    assert client.get(f"/admin/pages/add/courses/coursepage/{catalog_page.pk}/").status_code == 200
    staff_tester = catalog_page.permissions_for_user(StaffFactory())
    assert staff_tester.can_edit() and staff_tester.can_publish()


def test_staff_manage_members_but_cannot_grant_or_touch_superuser_power(client):
    from lms.models import Member

    staff_user = StaffFactory()
    learner = PartnerHostFactory()
    superuser = Member.objects.create_superuser("root@example.org", "correct horse battery")
    client.force_login(staff_user)
    edit = client.get(f"/admin/users/edit/{learner.pk}/")
    assert edit.status_code == 200
    assert 'name="is_superuser"' not in edit.content.decode()
    response = client.post(
        f"/admin/users/edit/{learner.pk}/",
        {
            "email": learner.email,
            "first_name": "Pat",
            "last_name": "Lee",
            "is_active": "on",
            "is_superuser": "on",
            "membership_tier": "student",
            "membership_expires_on": "",
            "career_stage": "",
            "groups": [],
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    learner.refresh_from_db()
    assert learner.membership_tier == "student"
    assert not learner.is_superuser
    assert client.get(f"/admin/users/edit/{superuser.pk}/").status_code == 302  # refused, back to the dashboard
    client.force_login(superuser)
    assert 'name="is_superuser"' in client.get(f"/admin/users/edit/{learner.pk}/").content.decode()


def test_the_admin_has_no_login_of_its_own(client):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")
    assert client.post("/admin/login/", {"username": "x", "password": "y"}).status_code == 302
    assert client.get("/admin/pages/").url.startswith("/accounts/login/")
