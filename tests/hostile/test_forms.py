"""Each hostile string in each field of every member form and the platform's staff admin forms, posted as the
person who uses the form: never a server error, always within the hang guard, and when the form refuses (a 4xx, or
the form shown again with its errors) nothing is saved: no row of the platform's tables added or removed and the
edited object unchanged. Each post runs in a savepoint rolled back afterwards, so every case meets the same state.

The fields are read from the page the person sees (tests/hostile/html_forms.py), then the few values a valid post
needs are filled in, so each hostile value is the only thing wrong with its post."""

from __future__ import annotations

import copy
import math
import re
import uuid
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from courses.learning import enrolment as enrolment_rules
from lms import unsubscribe
from mentoring import relationships
from tests import factories
from tests.hostile import corpus
from tests.hostile.html_forms import form_fields
from tests.hostile.replay import post_form
from tests.mentoring.factories import mentee
from tests.test_permission_matrix import ANONYMOUS, LEARNER, MENTOR, OTHER, STAFF, World

pytestmark = pytest.mark.django_db

STRINGS = corpus.cases("strings.txt")
POSTS_PER_FORM = 24  # the strings are shared out among a form's fields, a different slice each, about this many posts
NOT_REPLAYED = {"csrfmiddlewaretoken"}
APPS = ("lms", "courses", "certificates", "cpd", "mentoring")


@dataclass(frozen=True)
class Form:
    label: str
    role: str | Callable[[World], object]
    page: Callable[[World], str]
    action: Callable[[World], str] | None = None  # where the form posts, when not to its own page
    fill: Callable[[World], dict] = field(default=lambda world: {})  # what a valid post needs beyond the page's
    edited: Callable[[World], object] | None = None  # the object the form changes, compared when it refuses
    closed: str = ""  # why the form, filled in validly, is still refused in the world's state (hostile posts still run)


def mentorship_url(name: str, *more) -> Callable[[World], str]:
    return lambda w: reverse(f"mentoring:{name}", args=[w.mentorship.pk, *more])


def event_with_questions(world: World):
    """An event asking one question of each kind, made once per world."""
    if not hasattr(world, "_questions_event"):
        world._questions_event = factories.build_event(
            title="Questions Live",
            questions=[
                factories.registration_question("Team", required=True),
                factories.registration_question("Why", "long_text"),
                factories.registration_question("Track", "choice", options=("A", "B")),
                factories.registration_question("Consent", "consent", required=True),
            ],
        )
    return world._questions_event


def unsent_learning_record(world: World):
    """A statement the LRS refused, waiting on staff's "Learning records not sent" page (made once per world)."""
    if not hasattr(world, "_unsent_learning_record"):
        from lms.models import LearningRecord

        world._unsent_learning_record = LearningRecord.objects.create(
            member=world[LEARNER], verb="registered", source="hostile:refused", statement={"verb": "registered"},
            attempts=1, failed_at=timezone.now(), last_error="HTTP 400 refused")
    return world._unsent_learning_record


def learning_records_page(world: World) -> str:
    """Staff's "Learning records not sent", listing the world's unsent statement with its "send again" form."""
    unsent_learning_record(world)
    return reverse("lms_learning_records")


def requester(world: World):
    """A member with a mentee profile who has not asked the world's mentor yet (made once)."""
    if "requester" not in world.people:
        world.people["requester"] = mentee(first_name="Rhea").member
    return world.people["requester"]


def met(world: World):
    """The world's mentorship after its first meeting, when the fit question opens (logged once)."""
    if not world.mentorship.meetings.exists():
        relationships.log_meeting(world.mentorship, world[LEARNER], held_on=timezone.localdate(), minutes=60)
    return world.mentorship


def question_answers(world: World) -> dict:
    """Valid answers to each question of the event with questions."""
    answers = {"short_text": "Platform team", "long_text": "To learn.", "consent": "on"}
    return {
        f"q_{block.id}": answers.get(block.value["kind"]) or block.value["options"][0]
        for block in event_with_questions(world).registration_questions
    }


def in_days(days: int) -> str:
    return (timezone.localdate() + timedelta(days=days)).isoformat()


def enrolled(world: World):
    """The world's quiz lesson, with the learner enrolled in its course (once)."""
    if enrolment_rules.active_enrolment(world[LEARNER], world.course) is None:
        enrolment_rules.enrol(world[LEARNER], world.course)
    return world.lesson


FORMS = (
    Form(
        "sign-up",
        ANONYMOUS,
        lambda w: reverse("account_signup"),
        fill=lambda w: {
            "email": f"new-{uuid.uuid4().hex[:8]}@example.org",
            "password1": "a long enough passphrase 42",
            "password2": "a long enough passphrase 42",
            "first_name": "Nova",
        },
    ),
    Form("profile", LEARNER, lambda w: reverse("lms:profile"), edited=lambda w: w[LEARNER]),
    Form("e-mail preferences", LEARNER, lambda w: reverse("lms:preferences")),
    Form("one-click unsubscribe", ANONYMOUS, lambda w: urlsplit(unsubscribe.url(w[LEARNER], "reminders")).path),
    Form("mentor profile", MENTOR, lambda w: reverse("mentoring:mentor_profile"), edited=lambda w: w["mentor_profile"]),
    Form(
        "mentee profile",
        LEARNER,
        lambda w: reverse("mentoring:mentee_profile"),
        edited=lambda w: w["mentee_profile"],
    ),
    Form(
        "mentoring request",
        requester,
        lambda w: reverse("mentoring:mentor", args=[w[MENTOR].pk]),
        lambda w: reverse("mentoring:request_mentor", args=[w[MENTOR].pk]),
        fill=lambda w: {"message": "Could we talk about flow?"},
    ),
    Form(
        "meeting log",
        LEARNER,
        mentorship_url("mentorship"),
        mentorship_url("log_meeting"),
        fill=lambda w: {"meeting-held_on": in_days(0), "meeting-minutes": "60", "meeting-format": "video"},
    ),
    Form(
        "fit",
        LEARNER,
        lambda w: reverse("mentoring:mentorship", args=[met(w).pk]),
        mentorship_url("answer_fit"),
        fill=lambda w: {"fit-good_fit": "yes"},
    ),
    Form(
        "survey",
        LEARNER,
        mentorship_url("mentorship"),
        mentorship_url("answer_survey", "midpoint"),
        fill=lambda w: {"survey-rating": "4", "survey-comment": "Helpful."},
        closed="the mid-point survey opens months after the mentorship starts",
    ),
    Form(
        "close",
        LEARNER,
        mentorship_url("mentorship"),
        mentorship_url("close"),
        fill=lambda w: {"close-reason": "completed", "confirm": "yes"},
        edited=lambda w: w.mentorship,
    ),
    Form(
        "event registration with answers",
        OTHER,
        lambda w: event_with_questions(w).url,
        lambda w: event_with_questions(w).url + "register/",
        fill=question_answers,
    ),
    Form(
        "quiz",
        LEARNER,
        lambda w: enrolled(w).url,
        lambda w: enrolled(w).url + "quiz/",
        fill=lambda w: factories.quiz_post_data(w.lesson, factories.QUIZ_CORRECT_ANSWERS),
    ),
    Form(
        "certificate issue",
        STAFF,
        lambda w: reverse("certificates_admin:issue"),
        fill=lambda w: {"email": w[OTHER].email, "offering": str(w.course.pk), "note": "Attended in person."},
    ),
    Form(
        "certificate bulk issue",
        STAFF,
        lambda w: reverse("certificates_admin:bulk"),
        fill=lambda w: {"emails": w[OTHER].email, "offering": str(w.course.pk), "note": "Attended in person."},
    ),
    Form(
        "certificate revoke",
        STAFF,
        lambda w: reverse("certificates_admin:detail", args=[w.certificate.pk]),
        lambda w: reverse("certificates_admin:revoke", args=[w.certificate.pk]),
        fill=lambda w: {"revoke-reason": "Issued in error", "confirm": "yes"},
        edited=lambda w: w.certificate,
    ),
    Form(
        "log a CPD activity",
        LEARNER,
        lambda w: reverse("cpd:page"),
        fill=lambda w: {"kind": "conference", "title": "Flow Summit", "date": in_days(-3), "hours": "6",
                        "category": "technical"},
        closed="the evidence file cannot travel in a url-encoded post (tests/cpd/test_member_page.py posts files)",
    ),
    Form(
        "CPD review",
        STAFF,
        lambda w: reverse("cpd_admin:queue"),
        lambda w: reverse("cpd_admin:decide", args=[w.cpd_activity.pk]),
        fill=lambda w: {"decision": "reject", "reason": "No attendance shown."},
        edited=lambda w: w.cpd_activity,
    ),
    Form(
        "CPD audit draw",
        STAFF,
        lambda w: reverse("cpd_audits:index"),
        lambda w: reverse("cpd_audits:draw"),
        fill=lambda w: {"starts_on": in_days(-60), "ends_on": in_days(0), "percent": "50"} if w.cpd_audit else {},
    ),
    Form(
        "CPD audit request",
        STAFF,
        lambda w: reverse("cpd_audits:audit", args=[w.cpd_audit.pk]),
        lambda w: reverse("cpd_audits:request", args=[w.cpd_case(OTHER).pk]),
        fill=lambda w: {"version": "1", "due_on": in_days(9)},
        edited=lambda w: w.cpd_case(OTHER),
    ),
    Form(
        "CPD audit outcome",
        STAFF,
        lambda w: reverse("cpd_audits:audit", args=[w.cpd_audit.pk]),
        lambda w: reverse("cpd_audits:outcome", args=[w.cpd_case(LEARNER).pk]),
        fill=lambda w: {"version": "2", "outcome": "extended", "due_on": in_days(20), "note": "More time."},
        edited=lambda w: w.cpd_case(LEARNER),
    ),
    Form(
        "CPD audit answer",
        LEARNER,
        lambda w: reverse("cpd:page"),
        lambda w: reverse("cpd:answer_audit", args=[w.cpd_case(LEARNER).pk]),
        fill=lambda w: {"answer": "confirm"},
        edited=lambda w: w.cpd_case(LEARNER),
    ),
    Form(
        "mentoring round (new)",
        STAFF,
        lambda w: reverse("mentoring_admin:add"),
        fill=lambda w: {
            "title": "Autumn round",
            "applications_open_on": in_days(1),
            "applications_close_on": in_days(10),
            "ends_on": in_days(120),
        },
    ),
    Form(
        "mentoring round (edit)",
        STAFF,
        lambda w: reverse("mentoring_admin:edit", args=[w.round.pk]),
        edited=lambda w: w.round,
    ),
    Form(
        "event capacity",
        STAFF,
        lambda w: reverse("courses_events:registrations", args=[w.event.pk]),
        lambda w: reverse("courses_events:capacity", args=[w.event.pk, w.session.pk]),
        fill=lambda w: {"capacity": "12"},
        edited=lambda w: w.session,
    ),
    Form(
        "move a registration",
        STAFF,
        lambda w: reverse("courses_events:registrations", args=[w.event.pk]),
        lambda w: reverse("courses_events:move", args=[w.event.pk, w.registration.pk]),
        fill=lambda w: {"to_session": str(w.session.pk), "waitlist_if_full": "on"},
        edited=lambda w: w.registration,
    ),
    Form(
        "admin: add a user",
        STAFF,
        lambda w: reverse("wagtailusers_users:add"),
        fill=lambda w: {
            "email": "added@example.org",
            "first_name": "Ada",
            "last_name": "Added",
            "password1": "a long enough passphrase 42",
            "password2": "a long enough passphrase 42",
        },
    ),
    Form(
        "admin: edit a user",
        STAFF,
        lambda w: reverse("wagtailusers_users:edit", args=[w[OTHER].pk]),
        edited=lambda w: w[OTHER],
    ),
    # lms/learning_records_admin.py: staff send a statement again from "Learning records not sent"
    Form(
        "learning record: send again",
        STAFF,
        learning_records_page,
        fill=lambda w: {"record": str(unsent_learning_record(w).pk)},
        edited=unsent_learning_record,
    ),
    # courses/evaluations: the member's own evaluation and follow-up (both open: the activity is 61 days old)
    Form(
        "evaluation",
        LEARNER,
        lambda w: reverse("courses:evaluation", args=[w.evaluation_request.pk]),
        fill=lambda w: {"rating": "4", "relevance": "3", "would_recommend": "yes"},
    ),
    Form(
        "evaluation follow-up",
        LEARNER,
        lambda w: reverse("courses:evaluation_follow_up", args=[w.evaluation_request.pk]),
        fill=lambda w: {"applied": "partly"},
    ),
)


def saved_state(edited) -> tuple:
    """Row counts of the platform's tables, and the edited object's stored values."""
    counts = tuple(
        (model._meta.label, model._base_manager.count())
        for label in APPS
        for model in apps.get_app_config(label).get_models()
        if not model._meta.proxy
    )
    values = None
    if edited is not None:
        values = type(edited)._base_manager.filter(pk=edited.pk).values().first()
    return counts, values


def refused(response) -> bool:
    if response.status_code >= 400:
        return True
    if response.status_code == 200 and response.context is not None:
        return any(getattr(form, "errors", None) for form in _forms_in(response.context))
    return False


def why(response) -> str:
    """A refusal's reasons, for the failure message."""
    errors = [dict(form.errors) for form in _forms_in(response.context or {}) if getattr(form, "errors", None)]
    if errors:
        return str(errors)[:600]
    text = re.sub(r"<[^>]+>", " ", response.content.decode("utf-8", "replace"))
    return " ".join(text.split())[-600:]


def _forms_in(context):
    for key in ("form", "forms", "registration_form", "quiz_form"):
        try:
            value = context[key]
        except KeyError:
            continue
        yield from value if isinstance(value, list | tuple) else [value]


@contextmanager
def rolled_back(client):
    """One post whose writes are rolled back, and the browser's cookies with them: a session the post began (signing
    up signs in) is gone from the database, so the next post must not send its key (sessions are also cached:
    SESSION_ENGINE cached_db, where the rolled-back session would otherwise still be found)."""
    cookies = copy.deepcopy(client.cookies)
    with transaction.atomic():
        yield
        transaction.set_rollback(True)
    client.cookies = cookies


@pytest.mark.parametrize("form", FORMS, ids=lambda form: form.label)
def test_each_hostile_string_in_each_field_is_refused_cleanly_or_saved_whole(client, world, form: Form):
    if form.role != ANONYMOUS:
        client.force_login(form.role(world) if callable(form.role) else world[form.role])
    page = form.page(world)
    response = client.get(page)
    assert response.status_code == 200, f"{page}: {response.status_code}"
    action = form.action(world) if form.action else page
    found = form_fields(response.content.decode(), page, action)
    assert found is not None or form.fill(world), f"no form posting to {action} on {page}"
    fields = {**(found or {}), **form.fill(world)}
    names = [name for name in fields if name not in NOT_REPLAYED]
    assert names, f"{form.label}: no fields found"
    stride = max(1, math.ceil(len(names) * len(STRINGS) / POSTS_PER_FORM))
    edited = form.edited(world) if form.edited else None
    before = saved_state(edited)
    with rolled_back(client):
        response = post_form(client, action, fields, f"{form.label}: the form as filled in")
        if form.closed:
            assert refused(response), f"{form.label}: expected refused ({form.closed}), got {response.status_code}"
        else:
            assert not refused(response), f"{form.label}: valid post refused ({response.status_code}): {why(response)}"
    for index, name in enumerate(names):
        for case in corpus.sample(STRINGS, stride, index):
            with rolled_back(client):
                data = {**fields, name: case.value}
                response = post_form(client, action, data, f"{form.label}: {name}={case}")
                if refused(response):
                    assert saved_state(edited) == before, f"{form.label}: {name}={case} was refused, yet saved"
