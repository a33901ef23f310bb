"""Who may reach what, as one table: every URL the platform's own packages serve (member pages, page routes, the
admin's own views), for every role, by the action a person would take.

Two promises are checked. The table covers every URL pattern the packages define, so a new view cannot be added
without saying who may use it (`test_every_url_of_the_platform_is_in_the_table`). And for each row, every role
outside the row's `allowed` is refused (403, 404, or sent to sign in) while every role inside gets through
(`test_each_role_gets_exactly_what_the_table_allows`). Each role's request runs inside a savepoint that is rolled
back, so one role's allowed action never changes what the next role finds.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal
from functools import cached_property

import pytest
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from certificates import issuance
from certificates.cpd import audits as audit_rules
from certificates.cpd.models import AuditEvidence, Cycle
from courses.models import Registration
from mentoring import proposals as proposal_rules
from mentoring import requests as request_rules
from mentoring import rounds as round_rules
from mentoring.models import MatchProposal, MentorshipRequest
from tests import factories
from tests.certificates.factories import default_template
from tests.certificates.public_support import fresh_client_address, ready_certificate
from tests.cpd.factories import activity as cpd_activity
from tests.cpd.factories import pdf_upload as cpd_pdf_upload
from tests.cpd.factories import scheme as cpd_scheme
from tests.mentoring.factories import RoundFactory, applied, mentee, mentor, topic

pytestmark = pytest.mark.django_db
__all__ = ["fresh_client_address"]

PACKAGES = ("lms", "cms", "courses", "mentoring", "certificates", "search")
API_NAMESPACE = "api"

ANONYMOUS, LEARNER, OTHER, MENTOR, INSTRUCTOR, HOST, OTHER_HOST, STAFF = (
    "anonymous",
    "learner",
    "other member",
    "mentor",
    "instructor",
    "partner host",
    "other partner host",
    "staff",
)
ROLES = (ANONYMOUS, LEARNER, OTHER, MENTOR, INSTRUCTOR, HOST, OTHER_HOST, STAFF)
SIGNED_IN = frozenset(ROLES) - {ANONYMOUS}
EVERYONE = frozenset(ROLES)
ONLY_STAFF = frozenset({STAFF})
THE_PAIR = frozenset({LEARNER, MENTOR})  # the mentee (the learner) and their mentor


class World:
    """The objects the table points at, made on first use: the learner owns everything personal (enrolment,
    registration, certificate, mentee side of the mentoring), the mentor is the other side, the partner host's
    partner co-hosts the event, the instructor teaches the course and the event."""

    @cached_property
    def people(self) -> dict:
        partner, other_partner = factories.PartnerFactory(), factories.PartnerFactory()
        mentee_profile = mentee(first_name="Lena")
        mentor_profile = mentor(expertise=[topic("Flow metrics")], capacity=3, first_name="Maya")
        return {
            LEARNER: mentee_profile.member,
            OTHER: factories.MemberFactory(),
            MENTOR: mentor_profile.member,
            INSTRUCTOR: factories.InstructorFactory(),
            HOST: factories.partner_host_for(partner),
            OTHER_HOST: factories.partner_host_for(other_partner),
            STAFF: factories.StaffFactory(),
            "partner": partner,
            "mentee_profile": mentee_profile,
            "mentor_profile": mentor_profile,
        }

    def __getitem__(self, role: str):
        return self.people[role]

    @cached_property
    def course(self):
        return factories.build_offering(instructors=[self[INSTRUCTOR]], quiz_lessons=((0, 0),))

    @cached_property
    def lesson(self):
        return factories.lessons_of(self.course)[0]

    @cached_property
    def event(self):
        return factories.build_event(co_hosts=[self["partner"]], instructors=[self[INSTRUCTOR]])

    @cached_property
    def session(self):
        return factories.sessions_of(self.event)[0]

    @cached_property
    def registration(self) -> Registration:
        from tests.courses.events_admin_support import register

        return register(self[LEARNER], self.session)

    @cached_property
    def certificate(self):
        return ready_certificate(member=self[LEARNER])

    @cached_property
    def revoked_certificate(self):
        certificate = ready_certificate(member=self[LEARNER], offering=factories.build_offering(title="Kanban"))
        issuance.revoke(certificate, "Issued in error", by=self[STAFF], notify=False)
        return certificate

    @cached_property
    def template(self):
        return default_template()

    @cached_property
    def cpd_activity(self):
        return cpd_activity(self[LEARNER])

    @cached_property
    def cpd_scheme(self):
        return cpd_scheme()

    @cached_property
    def cpd_audit(self):
        """An audit of two closed cycles: the learner's case asked for evidence, the other member's only sampled."""
        today = timezone.localdate()
        for member in (self[LEARNER], self[OTHER]):
            Cycle.objects.create(member=member, scheme=self.cpd_scheme, starts_on=today - timedelta(days=400),
                                 ends_on=today - timedelta(days=30), status=Cycle.Status.SHORT,
                                 counted_hours=Decimal(0), closed_at=timezone.now())
        audit = audit_rules.draw(today - timedelta(days=60), today, Decimal(100), 1, self[STAFF])
        case = audit.cases.get(cycle__member=self[LEARNER])
        audit_rules.request_evidence(case.pk, case.version, today + timedelta(days=30), self[STAFF])
        return audit

    def cpd_case(self, role: str):
        return self.cpd_audit.cases.get(cycle__member=self[role])

    @cached_property
    def cpd_audit_evidence(self):
        return AuditEvidence.objects.create(case=self.cpd_case(LEARNER), file=cpd_pdf_upload())

    @cached_property
    def cpd_cycle(self):
        today = timezone.localdate()
        return Cycle.objects.create(member=self[LEARNER], scheme=self.cpd_scheme, starts_on=today.replace(day=1),
                                    ends_on=today.replace(day=1) + timedelta(days=365))

    @cached_property
    def request(self) -> MentorshipRequest:
        return request_rules.request_mentor(self[LEARNER], self["mentor_profile"], "Could we talk about flow?")

    @cached_property
    def round(self):
        return RoundFactory()

    @cached_property
    def proposal(self) -> MatchProposal:
        applied(self["mentor_profile"], self.round)
        applied(self["mentee_profile"], self.round)
        round_rules.run_matcher(self.round, self[STAFF])
        round_rules.publish(self.round, self[STAFF])
        return MatchProposal.objects.get(round=self.round, status=MatchProposal.Status.PUBLISHED)

    @cached_property
    def draft_proposal(self) -> MatchProposal:
        other_round = RoundFactory()
        applied(mentor(capacity=1), other_round)
        applied(mentee(), other_round)
        round_rules.run_matcher(other_round, self[STAFF])
        return MatchProposal.objects.get(round=other_round)

    @cached_property
    def evaluation_request(self):
        """The learner's completion of the course, 61 days ago: its evaluation and follow-up are both open."""
        from tests.courses.evaluation_support import asked_about_course

        return asked_about_course(self[LEARNER], self.course, days_ago=61)

    @cached_property
    def mentorship(self):
        proposal = self.proposal
        proposal_rules.answer(proposal, self[LEARNER], True)
        return proposal_rules.answer(proposal, self[MENTOR], True).mentorship


@dataclass(frozen=True)
class Row:
    """One action: the URL (by name and arguments, or a page path), how it is used, and who may use it."""

    label: str
    url: Callable[[World], str]
    allowed: frozenset[str]
    method: str = "GET"
    data: Callable[[World], dict] = field(default=lambda world: {})
    names: tuple[str, ...] = ()  # the URL pattern names this row covers (for the coverage test)
    answers: tuple[int, ...] = (200,)  # what an allowed GET answers
    refused_to: str = ""  # where this row sends the refused, when it redirects rather than answers 403/404


def named(name: str, *args: Callable[[World], object]) -> Callable[[World], str]:
    return lambda world: reverse(name, args=[arg(world) for arg in args])


def row(name: str, *args, allowed: frozenset[str], method: str = "GET", data=None, label: str = "", **how) -> Row:
    return Row(
        label or f"{method} {name}", named(name, *args), allowed, method, data or (lambda world: {}), (name,), **how
    )


def page_route(label: str, path: Callable[[World], str], *, allowed: frozenset[str], method: str = "GET", **how) -> Row:
    return Row(label, path, allowed, method, **how)


def certificate_id(world: World) -> int:
    return world.certificate.pk


def event_id(world: World) -> int:
    return world.event.pk


def round_id(world: World) -> int:
    return world.round.pk


def mentorship_id(world: World) -> int:
    return world.mentorship.pk


# courses/events/registration_access.py: the event's partner hosts and instructors see and check in; seats are staff's.
EVENT_ADMINS = frozenset({STAFF, HOST, INSTRUCTOR})
EVENT_LIST = EVENT_ADMINS | {OTHER_HOST}

TABLE: tuple[Row, ...] = (
    # lms
    row("lms:profile", allowed=SIGNED_IN),
    row("lms:preferences", allowed=SIGNED_IN),
    row("lms:hide_onboarding", allowed=SIGNED_IN, method="POST"),  # one's own checklist only: request.user
    row("account_email", allowed=SIGNED_IN),
    row("lms_demographics_report", allowed=ONLY_STAFF),
    row("lms_learning_records", allowed=ONLY_STAFF),  # xAPI statements not sent, and "send again"
    row("wagtailusers_users:add", allowed=ONLY_STAFF),
    row("wagtailusers_users:edit", lambda w: w[OTHER].pk, allowed=ONLY_STAFF),
    row("api:openapi-json", allowed=EVERYONE),
    # courses: My learning and the public pages around the catalog
    row("courses:dashboard", allowed=SIGNED_IN),
    row("courses:transcript", allowed=SIGNED_IN),
    row("events:reset_calendar_feed", allowed=SIGNED_IN, method="POST"),
    row("catalog:partners", allowed=EVERYONE),
    row("catalog:partner", lambda w: w["partner"].slug, allowed=EVERYONE),
    page_route("GET course page", lambda w: w.course.url, allowed=EVERYONE),
    page_route("POST course enrol/", lambda w: w.course.url + "enrol/", allowed=SIGNED_IN, method="POST"),
    page_route("GET event page", lambda w: w.event.url, allowed=EVERYONE),
    page_route("POST event register/", lambda w: w.event.url + "register/", allowed=SIGNED_IN, method="POST"),
    page_route(
        "POST event cancel/<registration>/",
        lambda w: f"{w.event.url}cancel/{w.registration.pk}/",
        allowed=frozenset({LEARNER}),
        method="POST",
    ),
    page_route(
        "GET event join/<session>/ (the registrant hears it is not open yet)",
        lambda w: f"{w.event.url}join/{w.registration.session_id}/",
        allowed=frozenset({LEARNER}),
        answers=(409,),
    ),
    # courses: the event admin, partner hosts for their own co-hosted events
    row("courses_events:index", allowed=EVENT_LIST),
    row("courses_events:registrations", event_id, allowed=EVENT_ADMINS),
    row("courses_events:registrations_csv", event_id, allowed=EVENT_ADMINS),
    row("courses_events:history", event_id, allowed=EVENT_ADMINS),
    row("courses_events:check_in", event_id, lambda w: w.registration.pk, allowed=EVENT_ADMINS, method="POST"),
    row("courses_events:move", event_id, lambda w: w.registration.pk, allowed=ONLY_STAFF, method="POST"),
    row("courses_events:cancel", event_id, lambda w: w.registration.pk, allowed=ONLY_STAFF, method="POST"),
    row("courses_events:attendance_upload", event_id, lambda w: w.session.pk, allowed=EVENT_ADMINS),
    row("courses_events:capacity", event_id, lambda w: w.session.pk, allowed=ONLY_STAFF, method="POST"),
    row("courses_programme_planner", allowed=ONLY_STAFF),
    # courses/outcomes: the engagement report (the `courses.view_outcomes` permission, which staff hold)
    row("courses_outcomes_engagement", allowed=ONLY_STAFF),
    # courses/outcomes: the dashboard and its API (the same permission); a partner host's co-hosted offerings' figures
    row("courses_outcomes_dashboard", allowed=ONLY_STAFF),
    page_route("GET the outcomes dashboard's learning paths CSV",
               lambda w: reverse("courses_outcomes_dashboard") + "?export=paths", allowed=ONLY_STAFF),
    row("api:outcomes_report", allowed=ONLY_STAFF),
    row("courses_outcomes_hosted", allowed=frozenset({HOST, OTHER_HOST})),
    row("courses_outcomes_hosted_offering", event_id, allowed=frozenset({HOST})),
    row("courses_outcomes_abandonment", allowed=ONLY_STAFF),
    row("courses_outcomes_abandonment", allowed=ONLY_STAFF, method="POST"),
    # certificates: public verification, the holder's files, the staff admin
    row("certificates:verify_form", allowed=EVERYONE),
    row("certificates:verify", lambda w: w.certificate.code, allowed=EVERYONE),
    row("certificates:legacy_verify", lambda w: w.certificate.code, allowed=EVERYONE, answers=(301,)),
    row("api:credential", lambda w: w.certificate.code, allowed=EVERYONE),
    row("certificates:pdf", lambda w: w.certificate.code, allowed=EVERYONE),
    row(
        "certificates:pdf",
        lambda w: w.revoked_certificate.code,
        allowed=frozenset({LEARNER, STAFF}),
        label="GET certificates:pdf of a revoked certificate",
        refused_to="/certificates/verify/",
    ),
    row("api:status_list", allowed=EVERYONE),
    row("api:did_document", allowed=EVERYONE),
    row("api:certificate", lambda w: w.certificate.code, allowed=EVERYONE),
    row("certificates_admin:index", allowed=ONLY_STAFF),
    row("certificates_admin:index_results", allowed=ONLY_STAFF),
    row("certificates_admin:issue", allowed=ONLY_STAFF),
    row("certificates_admin:bulk", allowed=ONLY_STAFF),
    row("certificates_admin:detail", certificate_id, allowed=ONLY_STAFF),
    row("certificates_admin:pdf", certificate_id, allowed=ONLY_STAFF),
    row("certificates_admin:revoke", certificate_id, allowed=ONLY_STAFF, method="POST"),
    row("certificates_admin:reissue", certificate_id, allowed=ONLY_STAFF, method="POST"),
    row("certificates_admin:render", certificate_id, allowed=ONLY_STAFF, method="POST"),
    row("certificates_admin:withdraw", certificate_id, allowed=ONLY_STAFF, method="POST"),
    row("certificates_admin:template_preview", lambda w: w.template.pk, allowed=ONLY_STAFF),
    row("wagtailsnippets_certificates_certificatetemplate:edit", lambda w: w.template.pk, allowed=ONLY_STAFF),
    # certificates/cpd: one's own CPD page, one's own evidence (and staff's, to review it), the review queue
    row("cpd:page", allowed=SIGNED_IN),
    row("cpd:page", allowed=SIGNED_IN, method="POST", label="POST cpd:page (log an activity)"),
    row("cpd:evidence", lambda w: w.cpd_activity.pk, allowed=frozenset({LEARNER, STAFF})),
    row("api:my_cpd", allowed=SIGNED_IN),
    row("cpd_admin:queue", allowed=ONLY_STAFF),
    row("cpd_admin:decide", lambda w: w.cpd_activity.pk, allowed=ONLY_STAFF, method="POST",
        data=lambda w: {"decision": "approve"}),
    row("wagtailsnippets_cpd_cpdscheme:edit", lambda w: w.cpd_scheme.pk, allowed=ONLY_STAFF),
    # certificates/cpd audits: staff run them; a sampled member answers their own case and sees their own files
    row("cpd_audits:index", allowed=ONLY_STAFF),
    row("cpd_audits:draw", allowed=ONLY_STAFF, method="POST", data=lambda w: {
        "starts_on": (timezone.localdate() - timedelta(days=60)).isoformat(),
        "ends_on": timezone.localdate().isoformat(), "percent": "50", "seed": "3"} if w.cpd_audit else {}),
    row("cpd_audits:audit", lambda w: w.cpd_audit.pk, allowed=ONLY_STAFF),
    row("cpd_audits:request", lambda w: w.cpd_case(OTHER).pk, allowed=ONLY_STAFF, method="POST",
        data=lambda w: {"version": 1, "due_on": (timezone.localdate() + timedelta(days=9)).isoformat()}),
    row("cpd_audits:outcome", lambda w: w.cpd_case(LEARNER).pk, allowed=ONLY_STAFF, method="POST",
        data=lambda w: {"version": 2, "outcome": "passed"}),
    row("cpd:answer_audit", lambda w: w.cpd_case(LEARNER).pk, allowed=frozenset({LEARNER}), method="POST",
        data=lambda w: {"answer": "confirm"}),
    row("cpd:audit_evidence", lambda w: w.cpd_audit_evidence.pk, allowed=frozenset({LEARNER, STAFF})),
    # certificates/cpd (credential): one's own cycle's transcript; the scheme a credential names, in public; staff's
    # exports of everyone's cycles
    row("cpd:transcript_pdf", lambda w: w.cpd_cycle.pk, allowed=frozenset({LEARNER})),
    row("cpd:transcript_csv", lambda w: w.cpd_cycle.pk, allowed=frozenset({LEARNER})),
    row("cpd:scheme", lambda w: w.cpd_scheme.pk, allowed=EVERYONE),
    row("api:staff_cpd_cycles", allowed=ONLY_STAFF),
    row("cpd_admin:export", allowed=ONLY_STAFF),
    # search
    row("search:page", allowed=EVERYONE),
    # mentoring: members' pages, each object seen by its own people only
    row("mentoring:home", allowed=SIGNED_IN),
    row("mentoring:mentor_profile", allowed=SIGNED_IN),
    row("mentoring:mentee_profile", allowed=SIGNED_IN),
    row("mentoring:directory", allowed=SIGNED_IN),
    row("mentoring:mentor", lambda w: w[MENTOR].pk, allowed=SIGNED_IN),
    row("mentoring:request", lambda w: w.request.pk, allowed=THE_PAIR),
    row(
        "mentoring:answer_request",
        lambda w: w.request.pk,
        lambda w: "accept",
        allowed=frozenset({MENTOR}),
        method="POST",
    ),
    row("mentoring:round", round_id, allowed=SIGNED_IN),
    row("mentoring:proposal", lambda w: w.proposal.pk, allowed=THE_PAIR),
    row(
        "mentoring:proposal",
        lambda w: w.draft_proposal.pk,
        allowed=frozenset(),
        label="GET mentoring:proposal of a draft (staff's working copy)",
    ),
    row(
        "mentoring:answer_proposal",
        lambda w: w.proposal.pk,
        allowed=THE_PAIR,
        method="POST",
        data=lambda w: {"answer": "accept"},
    ),
    row("mentoring:mentorship", mentorship_id, allowed=THE_PAIR),
    row("mentoring:log_meeting", mentorship_id, allowed=THE_PAIR, method="POST"),
    row("mentoring:answer_fit", mentorship_id, allowed=THE_PAIR, method="POST"),
    row("mentoring:answer_survey", mentorship_id, lambda w: "midpoint", allowed=THE_PAIR, method="POST"),
    row("mentoring:close", mentorship_id, allowed=THE_PAIR, method="POST"),
    row("mentoring:rematch", mentorship_id, allowed=THE_PAIR, method="POST"),
    # mentoring: the staff admin
    row("mentoring_admin:index", allowed=ONLY_STAFF),
    row("mentoring_admin:add", allowed=ONLY_STAFF),
    row("mentoring_admin:round", round_id, allowed=ONLY_STAFF),
    row("mentoring_admin:edit", round_id, allowed=ONLY_STAFF),
    row("mentoring_admin:run", round_id, allowed=ONLY_STAFF, method="POST"),
    row("mentoring_admin:adjust", round_id, allowed=ONLY_STAFF, method="POST"),
    row("mentoring_admin:publish", round_id, allowed=ONLY_STAFF, method="POST"),
    row("mentoring_admin:health", round_id, allowed=ONLY_STAFF),
    row(
        "mentoring_admin:forbid_draft",
        lambda w: w.draft_proposal.round_id,
        lambda w: w.draft_proposal.pk,
        allowed=ONLY_STAFF,
        method="POST",
    ),
    row(
        "mentoring_admin:withdraw",
        lambda w: w.proposal.round_id,
        lambda w: w.proposal.pk,
        allowed=ONLY_STAFF,
        method="POST",
    ),
    # courses/evaluations: a member's own evaluation and follow-up; individual answers for reporting staff only
    row("courses:evaluation", lambda w: w.evaluation_request.pk, allowed=frozenset({LEARNER})),
    row("courses:evaluation_follow_up", lambda w: w.evaluation_request.pk, allowed=frozenset({LEARNER})),
    row("courses_evaluations:index", allowed=ONLY_STAFF),
    row("courses_evaluations:answers", lambda w: w.course.pk, allowed=ONLY_STAFF),
    row("courses_evaluations:answers_csv", lambda w: w.course.pk, allowed=ONLY_STAFF),
)

# URL patterns not in the table, each with where its rule is tested instead.
COVERED_ELSEWHERE = {
    "catalog:campaign": "a public page of published campaigns; no object of a person behind it",
    "events:calendar_feed": "the unguessable token in the URL is the credential (tests/courses/test_calendar_feed.py)",
    "lms:unsubscribe": "the signed token in the URL is the credential (tests/lms/test_communication_preferences.py)",
    "choose_language": "anyone chooses their own language; it changes only the chooser's cookie and own record "
                       "(tests/lms/test_languages.py)",
    "api:catalog_search": "public catalog API, fuzzed by schemathesis",
    "api:catalog_autocomplete": "public catalog API, fuzzed by schemathesis",
    "api:verify_credential": "public POST of a credential to check; no object of a person behind it",
    "mentoring:request_mentor": "any member may ask (tests/mentoring/test_requests.py says who is refused and why)",
    "mentoring:apply": "any member applies for themselves (tests/mentoring/test_round_pages.py)",
    "mentoring:withdraw_application": "a member withdraws only their own application (test_round_pages.py)",
    "mentoring_admin:remove_adjustment": "needs an adjustment; the staff-only admin base is the same as its siblings",
    "wagtail_serve": "Wagtail's page serving (cms/page_routing.py): each page's access rule is its own row above, view "
                     "restrictions tests/cms/test_page_routing.py",
}


def _patterns(patterns, namespace: str = ""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
            yield from _patterns(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            view = getattr(pattern.callback, "view_class", pattern.callback)
            # The JSON API's views are ninja's; every operation in its namespace is the platform's (lms/api.py).
            if view.__module__.split(".")[0] in PACKAGES or namespace.startswith(f"{API_NAMESPACE}:"):
                yield namespace + pattern.name


def test_every_url_of_the_platform_is_in_the_table():
    in_table = {name for entry in TABLE for name in entry.names}
    missing = set(_patterns(get_resolver().url_patterns)) - in_table - set(COVERED_ELSEWHERE)
    assert not missing, f"say who may use these (add rows to TABLE): {sorted(missing)}"


def _refused(response, entry: Row) -> bool:
    if response.status_code in (401, 403, 404, 410):
        return True
    if response.status_code in (301, 302):
        target = response.headers["Location"]
        # Sent to sign in, or Wagtail's own refusal: back to the admin's dashboard with an error message.
        return (
            "/accounts/login/" in target
            or "/admin/login/" in target
            or target.rstrip("/") == "/admin"
            or bool(entry.refused_to and entry.refused_to in target)
        )
    return False


@pytest.mark.usefixtures("media_root", "fresh_client_address")
@pytest.mark.parametrize("entry", TABLE, ids=lambda entry: entry.label)
def test_each_role_gets_exactly_what_the_table_allows(client, entry: Row):
    world = World()
    # Every POST carries the confirmation (lms/confirmation.py), so a refused role is refused at the step that acts,
    # not only at the page that asks.
    url, data = entry.url(world), {"confirm": "yes", **entry.data(world)}
    people = {role: world[role] for role in ROLES if role != ANONYMOUS}
    wrong = []
    for role in ROLES:
        with transaction.atomic():
            client.logout()
            if role != ANONYMOUS:
                client.force_login(people[role])
            response = client.post(url, data) if entry.method == "POST" else client.get(url)
            refused = _refused(response, entry)
            transaction.set_rollback(True)
        allowed = role in entry.allowed
        if refused == allowed or (allowed and entry.method == "GET" and response.status_code not in entry.answers):
            wrong.append(f"{role}: {response.status_code} {response.headers.get('Location', '')}".strip())
    assert not wrong, f"{entry.method} {url}: " + "; ".join(wrong)
