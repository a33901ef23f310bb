"""The demo catalog `make run` loads: enough varied, valid content, one login per role, a learner's real history,
live events with registrations a partner host can take attendance for, and a second run that changes nothing."""

from __future__ import annotations

import csv
import io
import subprocess  # noqa: S404 -- pdftotext with a fixed argument list
from datetime import timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from wagtail.embeds import embeds as wagtail_embeds
from wagtail.models import Locale, Page, Revision

from cms.locale_trees import missing_in
from cms.models import Campaign, Partner, PartnerContact, Topic
from courses.demo.content import demo_content
from courses.demo.paths import read_paths
from courses.events.attendance import import_report
from courses.events.programme_planner import programme_plan
from courses.events.registration_access import events_managed_by, partners_hosted_by
from courses.models import (
    CatalogIndexPage,
    CoursePage,
    Enrolment,
    EnrolmentEvent,
    EthicsAttestation,
    EthicsModulePage,
    EventPage,
    LessonPage,
    ModulePage,
    Offering,
    QuizAttempt,
    Registration,
    RegistrationChange,
    RegistrationNotice,
    Session,
    WebinarPage,
    WorkshopPage,
)
from courses.recommendations import MAX_RECOMMENDATIONS, recommendations_for
from courses.translations import original_of
from lms.access import AccessLevel
from lms.models import Member
from lms.original_rows import originals
from lms.roles import INSTRUCTOR, LEARNER, PARTNER_HOST, STAFF

data = demo_content()


@pytest.fixture
def demo(demo_catalog, db) -> str:
    return demo_catalog


def offerings():
    """The courses and ethics modules (events have sessions instead of modules and lessons), each once: its
    original, not its aliases and translations in the other languages' trees."""
    return originals(Offering.objects.live().not_type(EventPage)).specific()


def events():
    return list(originals(EventPage.objects.live()).specific())


def original(slug: str) -> Offering:
    """The offering with this slug, as written (its aliases in other languages' trees share the slug)."""
    return originals(Offering.objects.filter(slug=slug)).get().specific


def member(local: str) -> Member:
    return Member.objects.get(email=f"{local}@{data.email_domain}")


def sessions_in_order(event) -> list[Session]:
    return list(Session.objects.filter(event=event).order_by("sort_order", "pk"))


def attendance_session() -> Session:
    attendance = data.settings.attendance
    return sessions_in_order(original(attendance.event))[attendance.session]


def report_emails() -> list[str]:
    """The e-mail column of the sample report, read past its meeting-details lines like a person would."""
    rows = list(csv.reader(io.StringIO(data.attendance_sample.read_text(encoding="utf-8"))))
    header = next(i for i, row in enumerate(rows) if "User Email" in row)
    column = rows[header].index("User Email")
    return [row[column].lower() for row in rows[header + 1:] if row]


def test_summary_lists_counts_and_logins(demo):
    assert "Demo catalog loaded" in demo
    assert data.password in demo
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
    assert Partner.objects.filter(co_hosted_offerings__live=True).distinct().count() == 3
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
    modules = list(originals(EthicsModulePage.objects.live()))
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
    assert Revision.objects.filter(user__email=f"instructor@{data.email_domain}").exists()


def test_quizzes_and_lesson_streams_pass_the_editors_validation(demo, monkeypatch):
    """Single-choice questions have one right answer, and rendering a lesson never asks a video provider."""

    def no_network(*args, **kwargs):
        raise AssertionError("An embed was looked up with a video provider.")

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
    offering = original("mapeo-flujo-valor")
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
        member = Member.objects.get(email=f"{local}@{data.email_domain}")
        assert set(member.groups.values_list("name", flat=True)) == groups
        assert member.check_password(data.password)
        assert member.country and member.time_zone != "UTC" and member.preferred_languages
    for spec in data.accounts:
        assert EmailAddress.objects.filter(email=spec.email, verified=True, primary=True).exists()
    learner = Member.objects.get(email=data.marker_email)
    assert learner.has_current_membership()
    assert not Member.objects.get(email=f"lapsed@{data.email_domain}").has_current_membership()
    assert not Member.objects.get(email=f"visitor@{data.email_domain}").has_current_membership()
    staff = Member.objects.get(email=f"staff@{data.email_domain}")
    assert staff.is_staff and not staff.is_superuser
    assert Member.objects.get(email=f"admin@{data.email_domain}").is_superuser
    instructor = Member.objects.get(email=f"instructor@{data.email_domain}")
    assert instructor.taught_offerings.count() >= 5


def test_demo_learner_has_a_history_made_by_the_rules(demo):
    learner = Member.objects.get(email=data.marker_email)
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


def test_demo_learners_have_interests_and_recommendations_with_reasons(demo):
    learner = Member.objects.get(email=data.marker_email)
    assert sorted(learner.interests.values_list("slug", flat=True)) == ["flow-metrics", "leadership", "research-ethics"]
    found = recommendations_for(learner, timezone.now())
    assert len(found) == MAX_RECOMMENDATIONS
    assert {r.kind for r in found} >= {"next_step", "interest"}
    taken = set(Enrolment.objects.filter(member=learner).values_list("offering_id", flat=True))
    assert not taken & {r.offering_id for r in found}
    assert all(r.reason and r.url for r in found)


def test_pages_render_for_visitors_and_members(demo, client):
    course = original("flow-metrics-fundamentals")
    lesson = LessonPage.objects.descendant_of(course).live().order_by("path").first()
    assert client.get("/catalog/").status_code == 200
    assert client.get(course.url).status_code == 200
    assert client.get(lesson.url).status_code == 302
    assert client.get(original("advanced-flow-analytics").url).status_code == 403
    client.force_login(Member.objects.get(email=data.marker_email))
    video_lesson = next(page for page in LessonPage.objects.descendant_of(course).live()
                        if any(child.block_type == "video" for child in page.body))
    response = client.get(video_lesson.url)
    assert response.status_code == 200
    # The demo has no recordings: its videos show a poster and the transcript, never a player from a dead host.
    html = response.content.decode()
    assert "<iframe" not in html and "<strong>Explainer:" in html
    assert 'class="video-poster"' in html and 'class="transcript"' in html


def test_summary_counts_events_and_sessions(demo):
    assert f"Events:      {len(data.events)} (" in demo
    # The originals' sessions: the copies aliases and translations carry are not counted (nothing reads them).
    assert f"{Session.objects.filter(event__in=events()).count()} sessions" in demo
    assert "Partner host: partner@demo.vsmc.org acts for Asociación Iberoamericana de Agilidad" in demo
    assert data.attendance_sample.name in demo


def test_events_have_sessions_across_zones_formats_and_access(demo):
    live = events()
    assert len(live) == len(data.events) >= 6
    assert all(sessions_in_order(event) for event in live)
    assert all(event.cpd_hours > 0 and event.instructors.exists() and event.speakers for event in live
               if event.programme_year >= timezone.localdate().year)
    assert {type(event) for event in live} == {WebinarPage, WorkshopPage}
    co_hosted_webinars = [e for e in live if isinstance(e, WebinarPage) and e.co_hosts.exists()]
    assert any({s.time_zone for s in sessions_in_order(e)} >= {"America/New_York", "Asia/Singapore"}
               for e in co_hosted_webinars)
    assert all(s.joining_url for e in live if isinstance(e, WebinarPage) for s in sessions_in_order(e))
    assert any(e.access_level == AccessLevel.MEMBER_FIRST and isinstance(e, WebinarPage) for e in live)
    assert any(e.access_level == AccessLevel.MEMBER_ONLY and isinstance(e, WorkshopPage) for e in live)
    assert any(e.registration_questions for e in live)
    # Published through revisions that carry the sessions: the live page and its revision agree.
    for event in live:
        assert len(event.live_revision.content["sessions"]) == len(sessions_in_order(event))


def test_small_in_person_workshop_is_nearly_full_with_a_waitlist(demo):
    workshop = next(e for e in events() if isinstance(e, WorkshopPage)
                    and any(s.venue and s.capacity == 12 for s in sessions_in_order(e)))
    session = sessions_in_order(workshop)[0]
    confirmed = Registration.objects.filter(session=session, status=Registration.Status.CONFIRMED).count()
    assert workshop.has_waitlist and session.starts_at > timezone.now()
    assert confirmed == session.capacity - 1
    answered = Registration.objects.filter(session=session).exclude(answers=[])
    assert answered.count() == confirmed
    assert {len(r.answers) for r in answered} == {len(workshop.registration_questions)}


def test_past_event_materials_are_documents_the_demo_ships(demo, client):
    """The demo's slides and recording transcript are PDFs it prints itself (no outside host to go dead): the public
    one serves to anyone, the members-only one to members only, and each reads back as the text it was written from."""
    past = [e for e in events() if e.materials and all(s.ends_at < timezone.now() for s in sessions_in_order(e))]
    assert past
    materials = [block.value for event in past for block in event.materials]
    assert all(m["document"] is not None and not m["link"] for m in materials)
    public = next(m["document"] for m in materials if not m["members_only"])
    private = next(m["document"] for m in materials if m["members_only"])
    response = client.get(public.url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "lead time for changes" in _pdf_text(b"".join(response.streaming_content)).lower()
    assert client.get(private.url).status_code == 403
    client.force_login(Member.objects.get(email=data.marker_email))
    response = client.get(private.url)
    assert response.status_code == 200
    assert "Transcript" in _pdf_text(b"".join(response.streaming_content))


def _pdf_text(pdf: bytes) -> str:
    return subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()  # noqa: S603,S607


def test_flow_month_gathers_events_and_a_course(demo):
    campaign = Campaign.objects.get(slug=data.campaign.slug, locale__language_code="en")
    assert campaign.name == "Flow Month"
    gathered = list(campaign.offerings.live().specific())
    assert sum(isinstance(o, EventPage) for o in gathered) >= 3
    assert any(isinstance(o, CoursePage) for o in gathered)
    upcoming = [s.starts_at.date() for o in gathered if isinstance(o, EventPage) for s in sessions_in_order(o)
                if s.starts_at > timezone.now()]
    assert all(campaign.starts_on <= day <= campaign.ends_on for day in upcoming)


def test_programme_years_give_the_planner_rotation_to_show(demo):
    """Some topics run every year; at least one has not run for two years or more; events are coming up."""
    plan = programme_plan()
    assert len(plan.repeated_every_year) >= 2
    assert [p.topic.slug for p in plan.not_offered_recently] == ["kanban-method"]
    assert sum(1 for p in plan.topics if p.upcoming) >= 3


def test_partner_host_acts_for_a_partner_and_partners_have_contacts(demo):
    host = member("partner")
    hosted = list(partners_hosted_by(host))
    assert [p.slug for p in hosted] == [data.people.partner_hosts["partner"]]
    for partner in Partner.objects.filter(slug__in=[p.slug for p in data.partners]):
        assert 1 <= PartnerContact.objects.filter(partner=partner).count() <= 2
    managed = set(events_managed_by(host).values_list("slug", flat=True))
    assert data.settings.attendance.event in managed
    assert managed == set(EventPage.objects.filter(co_hosts__in=hosted).values_list("slug", flat=True))


def test_session_that_ended_yesterday_has_registrations_made_by_the_rule(demo):
    session = attendance_session()
    zone = ZoneInfo(session.time_zone)
    assert session.ends_at.astimezone(zone).date() == timezone.localdate() - timedelta(days=1)
    registrations = list(Registration.objects.filter(session=session).select_related("member"))
    assert len(registrations) >= 5
    assert all(r.status == Registration.Status.CONFIRMED and not r.attended and r.registered_at < session.starts_at
               for r in registrations)
    assert all(r.member.email.endswith(f"@{data.email_domain}") for r in registrations)
    for registration in registrations:
        assert RegistrationChange.objects.filter(registration=registration,
                                                 kind=RegistrationChange.Kind.REGISTERED).count() == 1
        assert RegistrationNotice.objects.filter(registration=registration).exists()
    # The same webinar runs again later, and the demo learner holds a seat there.
    later = [s for s in sessions_in_order(session.event) if s.starts_at > timezone.now()]
    assert Registration.objects.filter(session__in=later, member__email=data.marker_email,
                                       status=Registration.Status.CONFIRMED).exists()


def test_sample_report_matches_the_past_sessions_registrants_and_imports(demo):
    session = attendance_session()
    registrants = set(Registration.objects.filter(session=session).values_list("member__email", flat=True))
    in_report = report_emails()
    unknown = set(in_report) - registrants
    assert len(unknown) == 1 and not unknown.pop().endswith(f"@{data.email_domain}")
    assert len(in_report) == len(set(in_report)) + 1  # one person left and rejoined
    assert set(in_report) & registrants < registrants  # someone registered and did not come

    report = import_report(session, data.attendance_sample.read_bytes(), data.attendance_sample.name,
                           actor=member("partner"))
    assert report.rows_read == len(in_report)
    assert len(report.credited) == 5
    assert len(report.below_threshold) == 1
    assert len(report.combined) == 1
    assert [(note.email, note.message) for note in report.problems] == [
        (next(iter(set(in_report) - registrants)), "No registration for this session under this e-mail address.")
    ]
    credited = {note.email for note in report.credited}
    assert set(Registration.objects.filter(session=session, attended=True).values_list("member__email", flat=True)
               ) == credited


def test_a_second_run_changes_nothing(demo):
    def counts():
        return (Page.objects.count(), Revision.objects.count(), Member.objects.count(),
                Enrolment.objects.count(), QuizAttempt.objects.count(), Topic.objects.count(),
                Session.objects.count(), Registration.objects.count(), RegistrationChange.objects.count(),
                RegistrationNotice.objects.count(), PartnerContact.objects.count(), Campaign.objects.count())

    before = counts()
    out = StringIO()
    call_command("load_demo", "courses", "--outside-debug", stdout=out, verbosity=0)
    assert "already loaded" in out.getvalue()
    assert counts() == before



def test_every_offering_has_an_illustration_with_alt_text_in_its_language(demo):
    everything = list(originals(Offering.objects.live()).specific())
    first_topics = {spec.key: spec.topics[0] for spec in (*data.offerings, *data.events)}
    assert len(everything) == len(first_topics)
    for offering in everything:
        assert offering.image is not None, offering.title
        offering.full_clean()  # the alt text the editor would be asked for is there
        first_topic = first_topics[offering.slug]
        assert offering.image_alt_text == data.text[offering.language].phrases["image_alt"][first_topic]


def test_demo_videos_show_a_poster_and_their_transcript_never_an_embed(demo, client):
    """The demo has no recordings: its video blocks name no video address (no dead player), and each has a poster
    and the transcript."""
    videos = [
        block.value
        for lesson in LessonPage.objects.live()
        for block in lesson.body
        if block.block_type == "video"
    ] + [block.value for offering in offerings() for block in offering.overview if block.block_type == "video"]
    assert len(videos) >= 20
    for value in videos:
        assert not value["video"], value["title"]
        assert value["poster"] is not None and str(value["transcript"]).strip(), value["title"]
    course = next(o for o in offerings() if any(b.block_type == "video" for b in o.overview))
    html = client.get(course.url).content.decode()
    assert "<iframe" not in html and 'class="video-poster"' in html and 'class="transcript"' in html


# ---------------------------------------------------------------------------------------------- languages


def catalog_in(language: str) -> CatalogIndexPage:
    return CatalogIndexPage.objects.get(locale__language_code=language)


def test_every_language_has_a_complete_tree(demo):
    """Each site language's tree holds every page once (an alias of the original, or a translation), so /es/,
    /fr/ and /pt/ reach all of the demo."""
    written = {code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES}
    assert set(Locale.objects.values_list("language_code", flat=True)) == written
    english = set(Page.objects.child_of(catalog_in("en")).values_list("translation_key", flat=True))
    for language in written:
        assert not missing_in(Locale.objects.get(language_code=language)).exists(), language
        keys = list(Page.objects.child_of(catalog_in(language)).values_list("translation_key", flat=True))
        paths = len(read_paths(data.content_dir)[0])  # learning paths live in the catalog too
        assert len(keys) == len(set(keys)) == len(data.offerings) + len(data.events) + paths, language
        assert set(keys) == english, language


def test_a_spanish_original_lives_in_the_spanish_tree_with_aliases_elsewhere(demo):
    spanish = original("mapeo-flujo-valor")
    assert spanish.locale.language_code == "es" and spanish.alias_of_id is None
    assert spanish.get_parent().specific == catalog_in("es")
    for language in ("en", "fr", "pt"):
        alias = spanish.get_translation(Locale.objects.get(language_code=language))
        assert alias.alias_of_id == spanish.pk and alias.live
        assert original_of(alias.specific) == spanish
    # What happens to it belongs to the original: the learner's completion is recorded there.
    assert Enrolment.objects.filter(offering__slug="integridad-investigacion-aplicada",
                                    offering__locale__language_code="es").exists()
    assert not Enrolment.objects.filter(offering__alias_of__isnull=False).exists()


def translations_into(language: str) -> list[str]:
    return [item.key for item in data.translations[language].offerings]


def test_translated_courses_are_written_in_their_language_block_for_block(demo):
    """A translation is an ordinary page in its language's tree, made from the alias; its lessons keep the
    original's blocks (same types and ids, the quiz's right answers in the same places), in the other language."""
    for language, words in (("es", "Idea clave"), ("fr", "Idée clé"), ("pt", "Ideia-chave")):
        assert translations_into(language)
        for key in translations_into(language):
            english = original(key)
            translated = english.get_translation(Locale.objects.get(language_code=language)).specific
            assert translated.alias_of_id is None and translated.live and translated.language == language
            assert original_of(translated) == english
            assert translated.title != english.title and translated.summary != english.summary
            pairs = list(zip(LessonPage.objects.descendant_of(english).order_by("path"),
                             LessonPage.objects.descendant_of(translated).order_by("path"), strict=True))
            assert pairs
            for source, lesson in pairs:
                assert lesson.alias_of_id is None and lesson.live and lesson.title != source.title
                assert [(b.block_type, b.id) for b in lesson.body] == [(b.block_type, b.id) for b in source.body]
                assert words in str(lesson.body[0].value), lesson.title
                if source.has_quiz:
                    def answers(page):
                        return [[choice["correct"] for choice in question["choices"]]
                                for question in page.quiz_block.value["questions"]]
                    assert lesson.has_quiz and answers(lesson) == answers(source)
                    assert {choice["text"] for question in lesson.quiz_block.value["questions"]
                            for choice in question["choices"]}.isdisjoint(
                        {choice["text"] for question in source.quiz_block.value["questions"]
                         for choice in question["choices"]})


def test_the_spanish_catalog_lists_the_translations_in_spanish_and_each_offering_once(demo, client):
    response = client.get("/es/catalog/?language=es")
    html = response.content.decode()
    assert response.status_code == 200
    assert escape(data.translations["es"].catalog.intro) in html  # the catalog page itself is in Spanish
    for key in translations_into("es"):
        spanish = original(key).get_translation(Locale.objects.get(language_code="es"))
        assert html.count(f'href="{spanish.url}"') == 1, spanish.title
        assert escape(spanish.title) in html and escape(original(key).title) not in html
    webinar = original(data.translations["es"].events[0].key)
    assert escape(webinar.get_translation(Locale.objects.get(language_code="es")).title) in html
    # The rest of the lean portfolio shelf is there in English (aliases), next to the translated course, once each.
    html = client.get("/es/catalog/?topic=lean-portfolio").content.decode()
    assert "Fundamentos de la gestión lean de carteras" in html and "Lean Portfolio Management Foundations" not in html
    assert html.count("Funding Value Streams, Not Projects") == 1


def test_the_spanish_webinar_keeps_its_registrations_on_the_original(demo):
    key = data.translations["es"].events[0].key
    english = original(key)
    spanish = english.get_translation(Locale.objects.get(language_code="es")).specific
    assert spanish.alias_of_id is None and spanish.language == "es" and spanish.title.startswith("Clínica")
    assert Registration.objects.filter(session__event=english).exists()
    assert not Registration.objects.filter(session__event=spanish).exists()


def test_demo_members_read_the_site_in_their_own_languages(demo):
    expected = {"carmen": ("es", "es"), "margaux": ("fr", "fr"), "joana": ("pt", "pt"), "layla": ("ar", "ar")}
    for local, (site_language, first_preferred) in expected.items():
        reader = member(local)
        assert reader.site_language == site_language and reader.preferred_languages[0] == first_preferred
        assert reader.interface_language() == site_language
        assert f"{local}@{data.email_domain}" in demo


# (language, a topic's name in the catalog's filter, the campaign's name and a word of its description)
SHARED_WORDS = [
    ("es", "Métricas de flujo", "Mes del Flujo", "mesa redonda"),
    ("fr", "Indicateurs de flux", "Le Mois du flux", "table ronde"),
    ("pt", "Métricas de fluxo", "Mês do Fluxo", "um painel"),
    ("ar", "مقاييس التدفق", "شهر التدفق", "حلقة نقاش"),
]


def _topic_filter(html: str) -> str:
    return html[html.index('id="filter-topic"'):html.index("</select>", html.index('id="filter-topic"'))]


@pytest.mark.parametrize(("language", "topic", "campaign", "described"), SHARED_WORDS)
def test_topics_the_campaign_and_partners_read_in_each_language(demo, client, language, topic, campaign, described):
    locale = Locale.objects.get(language_code=language)
    catalog = client.get(f"/{language}/catalog/").content.decode()
    topics = _topic_filter(catalog)
    assert f'<option value="flow-metrics">{topic}</option>' in topics
    # Every topic is named in the reader's language: no English topic name is left in the filter.
    assert not any(f">{escape(spec.name)}</option>" in topics for spec in data.topics)
    page = client.get(f"/{language}/campaigns/{data.campaign.slug}/").content.decode()
    assert f"<h1>{campaign}</h1>" in page and described in page
    assert data.campaign.name not in page and "panel on funding" not in page
    # A course's page names its topics in the reader's language.
    course = original("flow-metrics-fundamentals").get_translation(locale)
    assert topic in client.get(course.url).content.decode()
    partners = client.get(f"/{language}/partners/").content.decode()
    assert "A business school" not in partners
    if language != "es":  # the Spanish partner describes itself in Spanish
        assert "Red de profesionales" not in partners
    # Translations carry words only: offerings, interests and hosts point at the originals.
    translated = Topic.objects.get(slug="flow-metrics", locale=locale)
    assert not translated.offerings.exists() and not translated.interested_members.exists()
    assert not Partner.objects.get(slug="northbridge", locale=locale).hosts.exists()


def test_the_english_site_still_reads_english_topics_campaign_and_partners(demo, client):
    topics = _topic_filter(client.get("/catalog/").content.decode())
    assert '<option value="flow-metrics">Flow metrics</option>' in topics
    page = client.get(f"/campaigns/{data.campaign.slug}/").content.decode()
    assert "<h1>Flow Month</h1>" in page and "Mes del Flujo" not in page
    partners = client.get("/partners/").content.decode()
    assert "A network of agile and value stream management practitioners" in partners
    assert "Red de profesionales" not in partners


def test_a_translation_naming_an_unknown_topic_or_campaign_is_refused(tmp_path):
    import shutil

    from courses.demo.content import read_content
    from lms.demo_content import DemoContentError

    content = tmp_path / "content"
    shutil.copytree(data.content_dir, content)
    path = content / "ar" / "translations.yaml"
    original_text = path.read_text(encoding="utf-8")
    for wrong, refused in ((original_text.replace("slug: kanban-method", "slug: kanban-methods"),
                            "topic 'kanban-methods': no such topic"),
                           (original_text.replace("slug: flow-month", "slug: flow-months"),
                            "campaign 'flow-months': no such campaign")):
        path.write_text(wrong, encoding="utf-8")
        with pytest.raises(DemoContentError, match=refused):
            read_content(content)


def test_an_arabic_reader_chooses_interests_and_reads_why_by_topic_names_in_arabic(demo, client):
    layla = member("layla")
    client.force_login(layla)
    with translation.override("ar"):
        profile = client.get(reverse("lms:profile")).content.decode()
        found = recommendations_for(layla, timezone.now())
    assert "البيانات والذكاء الاصطناعي في إدارة تدفق القيمة" in profile and "طريقة كانبان" in profile
    assert not any(f">{escape(spec.name)}" in profile or f" {escape(spec.name)}</label>" in profile
                   for spec in data.topics)
    interest_reasons = [r.reason for r in found if r.kind == "interest"]
    assert interest_reasons and all("Data and AI" not in reason and "Research ethics" not in reason
                                    for reason in interest_reasons)
    assert any("البيانات والذكاء الاصطناعي" in reason or "أخلاقيات البحث" in reason for reason in interest_reasons)
