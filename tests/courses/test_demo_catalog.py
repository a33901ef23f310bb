"""The demo catalog `make run` loads: enough varied, valid content, one login per role, a learner's real history,
and a second run that changes nothing."""

from __future__ import annotations

from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from wagtail.embeds import embeds as wagtail_embeds
from wagtail.models import Page, Revision

from cms.models import Partner, Topic
from courses.demo import catalog as data
from courses.models import (
    CoursePage,
    Enrolment,
    EnrolmentEvent,
    EthicsAttestation,
    EthicsModulePage,
    LessonPage,
    ModulePage,
    Offering,
    QuizAttempt,
)
from lms.access import AccessLevel
from lms.models import Member
from lms.roles import INSTRUCTOR, LEARNER, PARTNER_HOST, STAFF


@pytest.fixture(scope="module")
def demo_output(django_db_setup, django_db_blocker):
    """Load the demo once for the module, inside a transaction rolled back afterwards: other modules never see it."""
    with django_db_blocker.unblock(), transaction.atomic():
        out = StringIO()
        call_command("load_demo_catalog", "--outside-debug", stdout=out, verbosity=0)
        yield out.getvalue()
        transaction.set_rollback(True)


@pytest.fixture
def demo(demo_output, db):
    return demo_output


def offerings():
    return Offering.objects.live().specific()


def test_summary_lists_counts_and_logins(demo):
    assert "Demo catalog loaded" in demo
    assert data.DEMO_PASSWORD in demo
    for role_email in ("learner", "student", "visitor", "lapsed", "instructor", "partner", "staff", "admin"):
        assert f"{role_email}@demo.vsmc.org" in demo


def test_catalog_is_large_and_varied(demo):
    live = list(offerings())
    assert len(live) >= 40
    languages = {o.language for o in live}
    assert {"en", "es"} <= languages and languages & {"fr", "pt"}
    assert sum(1 for o in live if o.language == "es") >= 6
    assert {o.access_level for o in live} == set(AccessLevel.values)
    assert {o.level for o in live} == {"introductory", "intermediate", "advanced"}
    assert {o.programme_year for o in live} == {2024, 2025, 2026, 2027}
    assert any(o.edition for o in live)
    assert {o.cpd_credit_type for o in live} >= {"general", "technical", "leadership", "ethics"}
    assert all(o.cpd_hours > 0 and o.career_stages for o in live)
    assert Topic.objects.filter(offerings__live=True).distinct().count() >= 8
    assert Partner.objects.filter(offerings__live=True).distinct().count() == 3
    assert all(o.instructors.exists() for o in live)
    assert CoursePage.objects.live().exists()


def test_enrolment_windows_and_prerequisites(demo):
    live = list(offerings())
    member_first = [o for o in live if o.access_level == AccessLevel.MEMBER_FIRST]
    today = timezone.localdate()
    assert member_first and all(o.members_open_on and o.public_open_on for o in member_first)
    assert all(o.members_open_on < today for o in member_first)
    assert any(o.public_open_on > today for o in member_first)
    assert any(o.public_open_on <= today for o in member_first)
    with_prerequisites = [o for o in live if o.prerequisites.exists()]
    assert len(with_prerequisites) >= 2
    for advanced in with_prerequisites:
        assert advanced.level == "advanced"
        assert all(p.level == "introductory" for p in advanced.prerequisites.all())


def test_ethics_modules_carry_rcr_minutes_and_a_statement(demo):
    modules = list(EthicsModulePage.objects.live())
    assert len(modules) >= 6
    assert all(m.rcr_minutes > 0 and m.cpd_credit_type == "ethics" for m in modules)
    assert all(m.attestation_statement.strip() for m in modules)
    assert len({m.attestation_statement for m in modules}) == len(modules)
    assert {m.language for m in modules} >= {"en", "es"}


def test_every_offering_has_modules_of_lessons_and_a_quiz_per_module(demo):
    for offering in offerings():
        modules = list(ModulePage.objects.child_of(offering).live())
        assert 2 <= len(modules) <= 4, offering.title
        for module in modules:
            lessons = list(LessonPage.objects.child_of(module).live().order_by("path"))
            assert 2 <= len(lessons) <= 4, module.title
            assert lessons[-1].has_quiz, module.title
            assert all(lesson.is_required for lesson in lessons if lesson.has_quiz)
    assert LessonPage.objects.filter(is_required=False).exists()


def test_pages_are_published_through_revisions(demo):
    demo_pages = Page.objects.type(Offering, ModulePage, LessonPage)
    assert demo_pages.filter(live=False).count() == 0
    assert demo_pages.filter(live_revision__isnull=True).count() == 0
    assert Revision.objects.filter(user__email=f"instructor@{data.DEMO_EMAIL_DOMAIN}").exists()


def test_quizzes_and_lesson_streams_pass_the_editors_validation(demo, monkeypatch):
    """Single-choice questions have one right answer, and video embeds come from the cache, never the network."""

    def no_network(*args, **kwargs):
        raise AssertionError("An embed was looked up with a provider instead of the cache.")

    monkeypatch.setattr(wagtail_embeds, "get_finder_for_embed", no_network)
    stream_block = LessonPage.body.field.stream_block
    block_types = set()
    for lesson in LessonPage.objects.live():
        stream_block.clean(lesson.body)
        block_types |= {child.block_type for child in lesson.body}
        quiz = lesson.quiz_block
        if quiz is None:
            continue
        for question in quiz.value["questions"]:
            correct = sum(1 for choice in question["choices"] if choice["correct"])
            assert correct == 1 if question["kind"] == "single" else correct >= 1
    assert block_types >= {"rich_text", "callout", "reflection", "video", "members_only", "quiz"}


def test_member_enhanced_offerings_hold_members_only_blocks(demo):
    enhanced = [o for o in offerings() if o.access_level == AccessLevel.MEMBER_ENHANCED]
    assert enhanced
    for offering in enhanced:
        assert any(child.block_type == "members_only" for child in offering.overview)
        lessons = LessonPage.objects.descendant_of(offering).live()
        assert any(child.block_type == "members_only" for lesson in lessons for child in lesson.body)


def test_spanish_offerings_are_written_in_spanish(demo):
    offering = Offering.objects.get(slug="mapeo-flujo-valor").specific
    lesson = LessonPage.objects.descendant_of(offering).live().order_by("path").first()
    text = " ".join(str(child.value) for child in lesson.body if child.block_type == "rich_text")
    assert "Idea clave" in text and "flujo de valor" in text
    assert offering.summary.startswith("Dibuja cómo fluye")


def test_demo_accounts_sign_in_in_their_roles(demo):
    expected_groups = {
        "learner": {LEARNER}, "student": {LEARNER}, "visitor": {LEARNER}, "lapsed": {LEARNER},
        "instructor": {INSTRUCTOR}, "partner": {PARTNER_HOST}, "staff": {STAFF},
    }
    for local, groups in expected_groups.items():
        member = Member.objects.get(email=f"{local}@{data.DEMO_EMAIL_DOMAIN}")
        assert set(member.groups.values_list("name", flat=True)) == groups
        assert member.check_password(data.DEMO_PASSWORD)
        assert member.country and member.time_zone != "UTC" and member.preferred_languages
    for spec in data.ACCOUNTS:
        assert EmailAddress.objects.filter(email=spec.email, verified=True, primary=True).exists()
    learner = Member.objects.get(email=data.MARKER_EMAIL)
    assert learner.has_current_membership()
    assert not Member.objects.get(email=f"lapsed@{data.DEMO_EMAIL_DOMAIN}").has_current_membership()
    assert not Member.objects.get(email=f"visitor@{data.DEMO_EMAIL_DOMAIN}").has_current_membership()
    staff = Member.objects.get(email=f"staff@{data.DEMO_EMAIL_DOMAIN}")
    assert staff.is_staff and not staff.is_superuser
    assert Member.objects.get(email=f"admin@{data.DEMO_EMAIL_DOMAIN}").is_superuser
    instructor = Member.objects.get(email=f"instructor@{data.DEMO_EMAIL_DOMAIN}")
    assert instructor.taught_offerings.count() >= 5


def test_demo_learner_has_a_history_made_by_the_rules(demo):
    learner = Member.objects.get(email=data.MARKER_EMAIL)
    completed = Enrolment.objects.filter(member=learner, completed_at__isnull=False)
    assert completed.count() == 2
    assert all(e.credited_cpd_hours and e.credited_cpd_hours > 0 and e.credited_title for e in completed)
    ethics = completed.get(offering__slug="integridad-investigacion-aplicada")
    assert ethics.credited_rcr_minutes == 120
    assert EthicsAttestation.objects.filter(member=learner, offering_id=ethics.offering_id).exists()
    in_progress = Enrolment.objects.get(member=learner, completed_at__isnull=True)
    assert in_progress.is_active and in_progress.last_lesson is not None
    assert set(EnrolmentEvent.objects.filter(enrolment__member=learner).values_list("kind", flat=True)) == {
        EnrolmentEvent.Kind.ENROLLED, EnrolmentEvent.Kind.COMPLETED,
    }
    attempts = QuizAttempt.objects.filter(member=learner)
    assert attempts.filter(passed=False).exists() and attempts.filter(passed=True).exists()


def test_pages_render_for_visitors_and_members(demo, client):
    course = Offering.objects.get(slug="flow-metrics-fundamentals")
    lesson = LessonPage.objects.descendant_of(course).live().order_by("path").first()
    assert client.get("/catalog/").status_code == 200
    assert client.get(course.url).status_code == 200
    assert client.get(lesson.url).status_code == 302
    assert client.get(Offering.objects.get(slug="advanced-flow-analytics").url).status_code == 403
    client.force_login(Member.objects.get(email=data.MARKER_EMAIL))
    video_lesson = next(page for page in LessonPage.objects.descendant_of(course).live()
                        if any(child.block_type == "video" for child in page.body))
    response = client.get(video_lesson.url)
    assert response.status_code == 200
    assert b"<iframe" in response.content and b'title="Explainer:' in response.content


def test_a_second_run_changes_nothing(demo):
    def counts():
        return (Page.objects.count(), Revision.objects.count(), Member.objects.count(),
                Enrolment.objects.count(), QuizAttempt.objects.count(), Topic.objects.count())

    before = counts()
    out = StringIO()
    call_command("load_demo_catalog", "--outside-debug", stdout=out, verbosity=0)
    assert "already loaded" in out.getvalue()
    assert counts() == before

