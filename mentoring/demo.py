"""Demo mentoring for `make run`: mentors across the world's time zones in the directory, mentee profiles for the
demo learners, a direct request waiting and a relationship under way, a round taking applications now (staff run
it in the admin), and a finished round with answers, meetings and feedback so the health report has something to
show. Everything goes through the real rule modules. Loaded by `manage.py load_demo_mentoring` after the catalog.

The new demo people sign in with the catalog demo's one published password: their accounts copy the hash of the
demo learner's, so this package needs nothing from `courses`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from allauth.account.models import EmailAddress
from django.db import transaction
from django.utils import timezone

from cms.models import Topic
from lms.models import Member

from . import proposals, relationships, requests, rounds
from .models import MatchingRound, MatchProposal, MenteeProfile, MentorProfile, Mentorship, RoundApplication

DEMO_DOMAIN = "demo.vsmc.org"
LEARNER_EMAIL = f"learner@{DEMO_DOMAIN}"
STUDENT_EMAIL = f"student@{DEMO_DOMAIN}"
STAFF_EMAIL = f"staff@{DEMO_DOMAIN}"
MARKER_EMAIL = f"maya.lindqvist@{DEMO_DOMAIN}"
OPEN_ROUND_TITLE = "Mentoring cohort: apply now"
PAST_ROUND_TITLE = "Pilot cohort (finished)"

EVENINGS = [[0, 18, 21], [2, 18, 21]]
MORNINGS = [[1, 7, 9], [3, 7, 9]]
WEEKEND = [[5, 9, 13]]


@dataclass(frozen=True)
class Person:
    local: str
    first_name: str
    last_name: str
    career_stage: str
    time_zone: str
    languages: tuple[str, ...]
    topics: tuple[str, ...]
    availability: list
    capacity: int = 2
    employer: str = ""
    offer: str = ""
    formats: tuple[str, ...] = ("video",)
    city: str = ""
    open_to_other_regions: bool = True
    goals: str = ""


MENTORS = [
    Person("maya.lindqvist", "Maya", "Lindqvist", "executive", "Europe/London", ("en", "de"),
           ("flow-metrics", "leadership"), EVENINGS + WEEKEND, capacity=3, employer="Northbridge Bank",
           offer="Twenty years of running delivery organisations; I help people move from team lead to "
                 "running a portfolio, and to measure flow without gaming it."),
    Person("diego.herrera", "Diego", "Herrera", "senior", "Europe/Madrid", ("es", "en"),
           ("value-stream-mapping", "kanban-method"), EVENINGS, capacity=2, employer="Aseguradora Sur",
           offer="Value stream mapping workshops in Spanish or English, and how to make kanban stick.",
           formats=("video", "in_person"), city="Madrid"),
    Person("grace.adeyemi", "Grace", "Adeyemi", "senior", "Africa/Lagos", ("en",),
           ("devops-delivery", "team-topologies"), EVENINGS + MORNINGS, capacity=2,
           offer="Platform teams, DevOps delivery, and growing engineers into staff roles."),
    Person("priya.nair", "Priya", "Nair", "executive", "Asia/Kolkata", ("en", "hi"),
           ("data-ai", "governance", "research-ethics"), [[0, 19, 22], [3, 19, 22], [5, 10, 13]], capacity=1,
           offer="Responsible AI and research governance; careers in data."),
    Person("jun.watanabe", "Jun", "Watanabe", "senior", "Asia/Tokyo", ("ja", "en"),
           ("lean-portfolio", "product-management"), [[1, 20, 23], [4, 20, 23]], capacity=2,
           offer="Lean portfolio management in Japanese companies; product discovery."),
    Person("ana.souza", "Ana", "Souza", "senior", "America/Sao_Paulo", ("pt", "es", "en"),
           ("flow-metrics", "product-management"), EVENINGS, capacity=2,
           offer="Product and flow for Portuguese- and Spanish-speaking teams.", open_to_other_regions=False),
    Person("david.cohen", "David", "Cohen", "mid_career", "America/New_York", ("en",),
           ("kanban-method", "devops-delivery"), EVENINGS + WEEKEND, capacity=1,
           offer="From developer to delivery manager in five years: what I wish I had known."),
    Person("chloe.martin", "Chloé", "Martin", "senior", "Australia/Sydney", ("en", "fr"),
           ("leadership", "team-topologies"), [[0, 7, 9], [2, 7, 9], [6, 15, 18]], capacity=2,
           offer="Leading distributed teams across time zones."),
]

MENTEES = [
    Person("kofi.mensah", "Kofi", "Mensah", "early_career", "Africa/Accra", ("en",), ("devops-delivery",),
           EVENINGS, goals="Move from operations into a platform team."),
    Person("laura.gomez", "Laura", "Gómez", "early_career", "America/Bogota", ("es", "en"),
           ("value-stream-mapping",), EVENINGS, goals="Run my first value stream mapping workshop."),
    Person("lin.wei", "Lin", "Wei", "student", "Asia/Singapore", ("en", "zh"), ("data-ai",),
           [[0, 19, 22], [3, 19, 22]], goals="Find my first job in data governance."),
    Person("oliver.smith", "Oliver", "Smith", "mid_career", "Europe/London", ("en",), ("leadership", "flow-metrics"),
           EVENINGS, goals="Step up to head of delivery."),
    Person("rafael.lima", "Rafael", "Lima", "early_career", "America/Sao_Paulo", ("pt",), ("flow-metrics",),
           EVENINGS, goals="Introduce flow metrics to my team."),
    Person("sara.ali", "Sara", "Ali", "student", "Asia/Dubai", ("ar", "en"), ("research-ethics", "data-ai"),
           [[0, 20, 23], [2, 20, 23]], goals="Choose between research and industry."),
]


@dataclass
class DemoMentoring:
    mentors: list[MentorProfile] = field(default_factory=list)
    mentees: list[MenteeProfile] = field(default_factory=list)
    open_round: MatchingRound | None = None
    past_round: MatchingRound | None = None
    relationships: int = 0


def demo_mentoring_loaded() -> bool:
    return Member.objects.filter(email=MARKER_EMAIL).exists()


def demo_catalog_present() -> bool:
    return Member.objects.filter(email__in=[LEARNER_EMAIL, STAFF_EMAIL]).count() == 2


def _member(person: Person, password_hash: str) -> Member:
    member = Member.objects.create(
        email=f"{person.local}@{DEMO_DOMAIN}", first_name=person.first_name, last_name=person.last_name,
        membership_tier="professional" if person.career_stage != "student" else "student",
        career_stage=person.career_stage, time_zone=person.time_zone, preferred_languages=list(person.languages),
        password=password_hash,
    )
    EmailAddress.objects.create(user=member, email=member.email, verified=True, primary=True)
    return member


def _topics(slugs) -> list[Topic]:
    return list(Topic.objects.filter(slug__in=slugs))


def _mentor(member: Member, person: Person) -> MentorProfile:
    profile = MentorProfile.objects.create(
        member=member, languages=list(person.languages), availability=person.availability, employer=person.employer,
        years_of_practice={"mid_career": 8, "senior": 16, "executive": 22}[person.career_stage],
        capacity=person.capacity, formats=list(person.formats), city=person.city, offer=person.offer,
        open_to_other_regions=person.open_to_other_regions, contact_note="Happy to talk on video; e-mail first.",
    )
    profile.expertise.set(_topics(person.topics))
    return profile


def _mentee(member: Member, person: Person) -> MenteeProfile:
    profile = MenteeProfile.objects.create(member=member, languages=list(person.languages),
                                           availability=person.availability, goals=person.goals)
    profile.wanted_expertise.set(_topics(person.topics))
    return profile


def _at(day, hour: int = 12) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


@transaction.atomic
def load_demo_mentoring() -> DemoMentoring:
    today = timezone.localdate()
    staff = Member.objects.get(email=STAFF_EMAIL)
    learner = Member.objects.get(email=LEARNER_EMAIL)
    password_hash = learner.password
    summary = DemoMentoring()
    mentors = {p.local: _mentor(_member(p, password_hash), p) for p in MENTORS}
    mentees = {p.local: _mentee(_member(p, password_hash), p) for p in MENTEES}
    summary.mentors, summary.mentees = list(mentors.values()), list(mentees.values())

    # The demo learner (mid career, Madrid) has a mentor found in the directory, and has met her once.
    learner_profile = MenteeProfile.objects.create(
        member=learner, languages=["es", "en"], availability=EVENINGS + WEEKEND,
        goals="Grow from mid-career delivery lead into portfolio leadership.",
    )
    learner_profile.wanted_expertise.set(_topics(["flow-metrics", "leadership"]))
    started = _at(today - timedelta(days=30))
    request = requests.request_mentor(learner, mentors["maya.lindqvist"],
                                      "Hola Maya: I lead two delivery teams and would like to learn how you moved "
                                      "into portfolio leadership.")
    mentorship = requests.accept_request(request, mentors["maya.lindqvist"].member, "With pleasure.", now=started)
    relationships.log_meeting(mentorship, learner, today - timedelta(days=21), 60, "video", "Goals for six months")
    relationships.answer_fit(mentorship, learner, True, "Very useful first conversation.")

    # The demo student has asked a mentor directly; the request waits for an answer.
    student = Member.objects.filter(email=STUDENT_EMAIL).first()
    if student is not None:
        student_profile = MenteeProfile.objects.create(
            member=student, languages=["en", "sw"], availability=EVENINGS,
            goals="Learn how research teams use DevOps practices.",
        )
        student_profile.wanted_expertise.set(_topics(["devops-delivery"]))
        requests.request_mentor(student, mentors["grace.adeyemi"], "Hello Grace, I am a student in Nairobi and "
                                                                    "would love your advice on platform careers.")

    summary.past_round = _past_round(today, staff, mentors, mentees)
    summary.open_round = _open_round(today, mentors, mentees)
    summary.relationships = Mentorship.objects.count()
    return summary


def _past_round(today, staff, mentors, mentees) -> MatchingRound:
    """A pilot that ran last half-year: matched, answered, met, with one early ending."""
    opened = today - timedelta(days=200)
    round = MatchingRound.objects.create(
        title=PAST_ROUND_TITLE, description="The first cohort: six months of mentoring.",
        applications_open_on=opened, applications_close_on=opened + timedelta(days=14),
        ends_on=today + timedelta(days=10), created_by=staff,
    )
    applied_at = _at(opened + timedelta(days=3))
    for local in ("diego.herrera", "grace.adeyemi", "priya.nair", "ana.souza"):
        rounds.apply_to_round(mentors[local].member, round, RoundApplication.Role.MENTOR, now=applied_at)
    for local in ("kofi.mensah", "laura.gomez", "lin.wei", "rafael.lima"):
        rounds.apply_to_round(mentees[local].member, round, RoundApplication.Role.MENTEE, now=applied_at,
                              wants_fairness_support=local == "kofi.mensah")
    rounds.run_matcher(round, staff, now=_at(opened + timedelta(days=15)))
    rounds.publish(round, staff, now=_at(opened + timedelta(days=16)))
    answered = _at(opened + timedelta(days=18))
    for proposal in MatchProposal.objects.filter(round=round).select_related("mentee", "mentor"):
        accept_mentee = proposal.mentee.email != f"rafael.lima@{DEMO_DOMAIN}"
        proposals.answer(proposal, proposal.mentee, accept_mentee, now=answered)
        if accept_mentee:
            outcome = proposals.answer(proposal, proposal.mentor, True, now=answered)
            mentorship = outcome.mentorship
            relationships.log_meeting(mentorship, proposal.mentee, opened + timedelta(days=25), 45)
            good = proposal.mentee.email != f"lin.wei@{DEMO_DOMAIN}"
            relationships.answer_fit(mentorship, proposal.mentee, good)
            relationships.answer_fit(mentorship, proposal.mentor, True)
            if good:
                relationships.answer_survey(mentorship, proposal.mentee, "midpoint", 4, "Regular and useful.")
            else:
                relationships.close_mentorship(mentorship, proposal.mentee, Mentorship.ClosureReason.NO_TIME,
                                               "Exams took over.", now=_at(opened + timedelta(days=60)))
                relationships.answer_survey(mentorship, proposal.mentee, "end", 2, "Good mentor, wrong time.")
    return round


def _open_round(today, mentors, mentees) -> MatchingRound:
    """A round taking applications now: staff run the matcher, adjust and publish it in the admin."""
    round = MatchingRound.objects.create(
        title=OPEN_ROUND_TITLE, description="Six months of mentoring, matched on expertise, language, career "
                                            "stage and time zones. Apply as a mentee, a mentor, or both.",
        applications_open_on=today - timedelta(days=5), applications_close_on=today + timedelta(days=10),
        ends_on=today + timedelta(days=190),
    )
    for local in ("maya.lindqvist", "jun.watanabe", "chloe.martin", "david.cohen", "ana.souza"):
        rounds.apply_to_round(mentors[local].member, round, RoundApplication.Role.MENTOR)
    for local in ("oliver.smith", "sara.ali", "laura.gomez"):
        rounds.apply_to_round(mentees[local].member, round, RoundApplication.Role.MENTEE,
                              wants_fairness_support=local == "sara.ali")
    return round
