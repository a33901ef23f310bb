"""Test data: members in each role, topics, and whole course trees built through the real page API."""

from __future__ import annotations

import uuid
from datetime import date, time, timedelta

import factory
from django.contrib.auth.models import Group
from django.utils import timezone

from cms.models import Partner, Topic
from courses.models import (
    CatalogIndexPage,
    CoursePage,
    EthicsModulePage,
    LearningPathPage,
    LessonPage,
    ModulePage,
    Session,
    WebinarPage,
    WorkshopPage,
)
from lms.access import AccessLevel
from lms.models import Member, MembershipTier
from lms.roles import INSTRUCTOR, LEARNER, PARTNER_HOST, STAFF


def role_group(default: str) -> factory.PostGeneration:
    """Put the new member in a role group: `default`, or the one passed as role=..."""

    def add_to_group(member, create, extracted, **kwargs):
        if create:
            member.groups.add(Group.objects.get(name=extracted or default))

    return factory.PostGeneration(add_to_group)


class MemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Member
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"member{n}@example.org")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    membership_tier = MembershipTier.PROFESSIONAL
    membership_expires_on = None
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery")
    role = role_group(LEARNER)

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        if create:
            instance.save()  # persist the hashed password set after creation


class NonMemberFactory(MemberFactory):
    membership_tier = MembershipTier.NON_MEMBER


class InstructorFactory(MemberFactory):
    role = role_group(INSTRUCTOR)


class StaffFactory(MemberFactory):
    is_staff = True
    role = role_group(STAFF)


class PartnerHostFactory(MemberFactory):
    role = role_group(PARTNER_HOST)


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.Sequence(lambda n: f"topic-{n}")


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner

    name = factory.Sequence(lambda n: f"Partner {n}")
    slug = factory.Sequence(lambda n: f"partner-{n}")


def catalog() -> CatalogIndexPage:
    """The original catalog (once locales are synced, the other locales' catalogs are its aliases)."""
    return CatalogIndexPage.objects.filter(alias_of__isnull=True).order_by("pk").first()


def quiz_block(pass_mark: int = 70, questions: list[dict] | None = None) -> dict:
    """A quiz stream block in raw form. Default: two single-choice questions whose answer is choice 1."""
    questions = questions or [
        {
            "prompt": "What does VSM map?",
            "kind": "single",
            "correct": [1],
            "choices": ["Org charts", "Flow of value", "Budgets"],
        },
        {
            "prompt": "Which are flow metrics?",
            "kind": "multiple",
            "correct": [0, 2],
            "choices": ["Flow time", "Headcount", "Flow load"],
        },
    ]
    return {
        "type": "quiz",
        "id": str(uuid.uuid4()),
        "value": {
            "title": "Check your understanding",
            "instructions": "",
            "pass_mark": pass_mark,
            "questions": [
                {
                    "prompt": q["prompt"],
                    "kind": q["kind"],
                    "explanation": "<p>Because flow matters.</p>",
                    "choices": [{"text": text, "correct": i in q["correct"]} for i, text in enumerate(q["choices"])],
                }
                for q in questions
            ],
        },
    }


def text_block(text: str = "Lesson text.") -> dict:
    return {"type": "rich_text", "id": str(uuid.uuid4()), "value": f"<p>{text}</p>"}


def build_offering(
    *,
    title: str = "Flow Metrics Fundamentals",
    page_class=CoursePage,
    modules: int = 2,
    lessons_per_module: int = 2,
    quiz_lessons: tuple[tuple[int, int], ...] = (),
    access_level: str = AccessLevel.PUBLIC,
    members_open_on: date | None = None,
    public_open_on: date | None = None,
    instructors=(),
    topics=(),
    co_hosts=(),
    publish: bool = True,
    **fields,
):
    """Create an offering with modules and lessons under the catalog; (m, l) pairs in `quiz_lessons` get a quiz."""
    offering = page_class(
        title=title,
        summary=f"{title}: a summary.",
        programme_year=fields.pop("programme_year", 2026),
        access_level=access_level,
        members_open_on=members_open_on,
        public_open_on=public_open_on,
        cpd_hours=fields.pop("cpd_hours", 3),
        **fields,
    )
    catalog().add_child(instance=offering)
    if instructors or topics or co_hosts:
        offering.instructors.set(instructors)
        offering.topics.set(topics)
        offering.co_hosts.set(co_hosts)
        offering.save()
    for m in range(modules):
        module = offering.add_child(instance=ModulePage(title=f"Module {m + 1}", summary="A module."))
        for n in range(lessons_per_module):
            body = [text_block(f"Lesson {m + 1}.{n + 1} text.")]
            if (m, n) in quiz_lessons:
                body.append(quiz_block())
            module.add_child(instance=LessonPage(title=f"Lesson {m + 1}.{n + 1}", body=body))
    if not publish:
        offering.unpublish()
    return offering.specific


def build_ethics_module(**kwargs) -> EthicsModulePage:
    kwargs.setdefault("title", "Research Integrity in Practice")
    kwargs.setdefault("rcr_minutes", 90)
    kwargs.setdefault("cpd_credit_type", "ethics")
    return build_offering(page_class=EthicsModulePage, **kwargs)


def lessons_of(offering) -> list[LessonPage]:
    return list(LessonPage.objects.descendant_of(offering).order_by("path"))


QUIZ_CORRECT_ANSWERS = {"q1": ["1"], "q2": ["0", "2"]}
QUIZ_WRONG_ANSWERS = {"q1": ["0"], "q2": ["1"]}


def quiz_post_data(lesson: LessonPage, answers: dict[str, list[str]]) -> dict:
    """The form a learner's browser would post for this lesson's quiz."""
    from courses.learning.quiz import quiz_fingerprint

    quiz = lesson.quiz_block
    return {
        "quiz_id": quiz.id,
        "fingerprint": quiz_fingerprint(quiz.value),
        "submission_token": str(uuid.uuid4()),
        **answers,
    }


def session_spec(days_ahead: int = 7, *, start: time = time(10), end: time = time(11), time_zone: str = "Europe/London",
                 capacity: int | None = 10, **fields) -> dict:
    """Fields for one session, `days_ahead` days from today (in the session's zone, at wall-clock `start`)."""
    fields.setdefault("joining_url", "https://meet.example.org/j/123")
    return {"date": timezone.localdate() + timedelta(days=days_ahead), "start_time": start, "end_time": end,
            "time_zone": time_zone, "capacity": capacity, **fields}


def registration_question(label: str, kind: str = "short_text", *, required: bool = False,
                          options: tuple[str, ...] = ()) -> dict:
    """A registration question stream block in raw form."""
    return {"type": "question", "id": str(uuid.uuid4()),
            "value": {"label": label, "help_text": "", "kind": kind, "options": list(options), "required": required}}


def build_event(
    *,
    title: str = "Flow Metrics Live",
    page_class=WebinarPage,
    sessions: list[dict] | None = None,
    access_level: str = AccessLevel.PUBLIC,
    co_hosts=(),
    topics=(),
    instructors=(),
    questions: list[dict] | None = None,
    publish: bool = True,
    **fields,
):
    """A workshop or webinar under the catalog with its sessions (default: one, a week ahead, 10 seats)."""
    event = page_class(
        title=title,
        summary=f"{title}: a summary.",
        programme_year=fields.pop("programme_year", timezone.localdate().year),
        access_level=access_level,
        cpd_hours=fields.pop("cpd_hours", 1.5),
        registration_questions=questions or [],
        **fields,
    )
    catalog().add_child(instance=event)
    for spec in sessions if sessions is not None else [session_spec()]:
        Session(event=event, **spec).save()
    event.co_hosts.set(co_hosts)
    event.topics.set(topics)
    event.instructors.set(instructors)
    event.save()
    if publish:
        event.save_revision().publish()
    else:
        event.unpublish()
    return page_class.objects.get(pk=event.pk)


def build_workshop(**kwargs) -> WorkshopPage:
    kwargs.setdefault("title", "Value Stream Mapping Workshop")
    kwargs.setdefault("sessions", [session_spec(joining_url="", venue="Room 4, Congress Centre, Lisbon",
                                                time_zone="Europe/Lisbon")])
    return build_event(page_class=WorkshopPage, **kwargs)


def sessions_of(event) -> list[Session]:
    return list(Session.objects.filter(event=event).order_by("starts_at"))


def partner_host_for(partner: Partner, **kwargs):
    """A partner-host account acting for `partner`."""
    host = PartnerHostFactory(**kwargs)
    partner.hosts.add(host)
    partner.save()  # a ParentalManyToManyField is written on save
    return host


def build_learning_path(steps, *, title: str = "Value stream practitioner", ordered: bool = True,
                        publish: bool = True) -> LearningPathPage:
    """A learning path under the catalog; `steps` are offerings, or (offering, [offerings it needs first])."""
    stream = []
    for step in steps:
        offering, needs = step if isinstance(step, tuple) else (step, [])
        stream.append({"type": "step", "id": str(uuid.uuid4()),
                       "value": {"offering": offering.pk, "requires": [needed.pk for needed in needs]}})
    path = LearningPathPage(title=title, summary=f"{title}: a programme.", ordered=ordered, steps=stream)
    catalog().add_child(instance=path)
    if publish:
        path.save_revision().publish()
    else:
        path.unpublish()
    return LearningPathPage.objects.get(pk=path.pk)
