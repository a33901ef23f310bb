"""Builds demo mentoring from its content (`content.py`): mentors across the world's time zones in the directory,
mentee profiles for the demo learners, a direct request waiting and a relationship under way, a round taking
applications now (staff run it in the admin), and a finished round with answers, meetings and feedback so the
health report has something to show. Everything goes through the real rule modules.

The new demo people sign in with the catalog demo's one published password: their accounts copy the hash of the
demo learner's, so this package needs nothing from `courses`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from allauth.account.models import EmailAddress
from django.db import transaction
from django.db.models import Exists, F, OuterRef
from django.utils import timezone

from cms.models import Topic
from lms.models import Member
from lms.onboarding import lms_done_rules

from .. import proposals, relationships, requests, rounds
from ..models import (
    MatchingRound,
    MatchProposal,
    Meeting,
    MenteeProfile,
    MentorProfile,
    Mentorship,
    MentorshipRequest,
    RoundApplication,
)
from ..requests import direct_mentorship_ends_on
from .content import MenteeProfileSpec, MentoringContent, Person, demo_content


@dataclass
class DemoMentoring:
    mentors: list[MentorProfile] = field(default_factory=list)
    mentees: list[MenteeProfile] = field(default_factory=list)
    open_round: MatchingRound | None = None
    past_round: MatchingRound | None = None
    relationships: int = 0
    year: YearMentoring | None = None


def demo_mentoring_loaded() -> bool:
    content = demo_content()
    return Member.objects.filter(email=content.email(content.marker)).exists()


def demo_catalog_present() -> bool:
    content = demo_content()
    return Member.objects.filter(email__in=[content.email(content.learner), content.email(content.staff)]).count() == 2


def _availability(slots) -> list[list[int]]:
    return [list(slot) for slot in slots]


def _member(content: MentoringContent, person: Person, password_hash: str) -> Member:
    member = Member.objects.create(
        email=content.email(person.local), first_name=person.first_name, last_name=person.last_name,
        membership_tier="professional" if person.career_stage != "student" else "student",
        career_stage=person.career_stage, time_zone=person.time_zone, preferred_languages=list(person.languages),
        password=password_hash,
    )
    EmailAddress.objects.create(user=member, email=member.email, verified=True, primary=True)
    return member


def _topics(slugs) -> list[Topic]:
    return list(Topic.objects.filter(slug__in=slugs))


def _mentor(content: MentoringContent, member: Member, person: Person) -> MentorProfile:
    profile = MentorProfile.objects.create(
        member=member, languages=list(person.languages), availability=_availability(person.availability),
        employer=person.employer,
        years_of_practice={"mid_career": 8, "senior": 16, "executive": 22}[person.career_stage],
        capacity=person.capacity, formats=list(person.formats), city=person.city, offer=person.offer,
        open_to_other_regions=person.open_to_other_regions, contact_note=content.contact_note,
    )
    profile.expertise.set(_topics(person.topics))
    return profile


def _mentee(member: Member, person: Person) -> MenteeProfile:
    profile = MenteeProfile.objects.create(member=member, languages=list(person.languages),
                                           availability=_availability(person.availability), goals=person.goals)
    profile.wanted_expertise.set(_topics(person.topics))
    return profile


def _at(day, hour: int = 12) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _mentee_profile(member: Member, spec: MenteeProfileSpec) -> MenteeProfile:
    profile = MenteeProfile.objects.create(member=member, languages=list(spec.languages),
                                           availability=_availability(spec.availability), goals=spec.goals)
    profile.wanted_expertise.set(_topics(spec.topics))
    return profile


# How far back the catalog demo's year of members joined (courses/demo/year.py: two years, so first-year members'
# 12-month retention can be read); this package knows them only by when they joined and what they completed.
YEAR_JOINED_WITHIN = timedelta(days=800)
ANSWERED_AFTER = timedelta(days=3)
MEETING_EVERY = timedelta(days=30)


@dataclass
class YearMentoring:
    requests: int = 0
    mentorships: int = 0
    meetings: int = 0


@transaction.atomic
def _year_requests(content: MentoringContent, mentors: list[MentorProfile], today) -> YearMentoring:
    """The catalog demo's year of members (courses/demo/year.py): those who finished their profile and confirmed
    their zone also asked a mentor, a few days later, so their onboarding is complete and the engagement report
    counts the request in its month. Every other request old enough was accepted and ran its six months with a
    meeting a month (the months of mentoring Reports -> Engagement counts); it has ended since, so no mentor's places
    are taken from the open round and the directory. The rest wait for an answer. Mentors in turn, so the same on
    every load; a handful of queries."""
    rules = lms_done_rules()
    keen = (Member.objects.filter(rules["profile"], rules["zone"], date_joined__gte=_at(today - YEAR_JOINED_WITHIN))
            .exclude(Exists(MentorshipRequest.objects.filter(mentee=OuterRef("pk"))))
            .exclude(pk__in=[mentor.member_id for mentor in mentors]).order_by("date_joined", "pk"))
    asked = [(n, member) for n, member in enumerate(keen) if member.zone_confirmed_at is not None]
    made = MentorshipRequest.objects.bulk_create([
        MentorshipRequest(mentee=member, mentor_id=mentors[n % len(mentors)].member_id,
                          message=content.student_profile.request,
                          created_at=member.zone_confirmed_at + timedelta(days=2 + n % 5))
        for n, member in asked])
    accepted = []
    for (n, _member), request in zip(asked, made, strict=True):
        started = request.created_at + ANSWERED_AFTER
        if n % 2 == 0 and direct_mentorship_ends_on(started) < today:
            accepted.append((request, started))
    MentorshipRequest.objects.filter(pk__in=[request.pk for request, _started in accepted]).update(
        status=MentorshipRequest.Status.ACCEPTED, reply=content.learner_profile.reply,
        decided_at=F("created_at") + ANSWERED_AFTER)
    mentorships = Mentorship.objects.bulk_create([
        Mentorship(mentee_id=request.mentee_id, mentor_id=request.mentor_id, origin=Mentorship.Origin.DIRECT,
                   request=request, started_at=started, ends_on=direct_mentorship_ends_on(started),
                   closed_at=_at(direct_mentorship_ends_on(started)), closed_by_id=request.mentee_id,
                   closure_reason=Mentorship.ClosureReason.COMPLETED)
        for request, started in accepted])
    meetings = []
    for mentorship in mentorships:
        held_on = timezone.localdate(mentorship.started_at) + timedelta(days=7)
        while held_on < mentorship.ends_on:
            meetings.append(Meeting(mentorship=mentorship, held_on=held_on, minutes=45,
                                    logged_by_id=mentorship.mentee_id, created_at=_at(held_on, 18)))
            held_on += MEETING_EVERY
    Meeting.objects.bulk_create(meetings)
    return YearMentoring(len(made), len(mentorships), len(meetings))


def load_demo_mentoring() -> DemoMentoring:
    content = demo_content()
    today = timezone.localdate()
    staff = Member.objects.get(email=content.email(content.staff))
    learner = Member.objects.get(email=content.email(content.learner))
    password_hash = learner.password
    summary = DemoMentoring()
    mentors = {p.local: _mentor(content, _member(content, p, password_hash), p) for p in content.mentors}
    mentees = {p.local: _mentee(_member(content, p, password_hash), p) for p in content.mentees}
    summary.mentors, summary.mentees = list(mentors.values()), list(mentees.values())

    # The demo learner has a mentor found in the directory, and has met them once.
    spec = content.learner_profile
    _mentee_profile(learner, spec)
    request = requests.request_mentor(learner, mentors[spec.mentor], spec.request)
    started = _at(today - timedelta(days=spec.accepted_days_ago))
    mentorship = requests.accept_request(request, mentors[spec.mentor].member, spec.reply, now=started)
    if spec.meeting is not None:
        relationships.log_meeting(mentorship, learner, today - timedelta(days=spec.meeting.days_ago),
                                  spec.meeting.minutes, spec.meeting.format, spec.meeting.notes)
    relationships.answer_fit(mentorship, learner, True, spec.fit_comment)

    # The demo student has asked a mentor directly; the request waits for an answer.
    student = Member.objects.filter(email=content.email(content.student)).first()
    if student is not None:
        spec = content.student_profile
        _mentee_profile(student, spec)
        requests.request_mentor(student, mentors[spec.mentor], spec.request)

    summary.year = _year_requests(content, list(mentors.values()), today)
    summary.past_round = _past_round(content, today, staff, mentors, mentees)
    summary.open_round = _open_round(content, today, mentors, mentees)
    summary.relationships = Mentorship.objects.count()
    return summary


def _past_round(content: MentoringContent, today, staff, mentors, mentees) -> MatchingRound:
    """A pilot that ran last half-year: matched, answered, met, with one early ending. Its timeline (days after
    opening) is the one a real round follows."""
    spec = content.past_round
    opened = today - timedelta(days=spec.opened_days_ago)
    round = MatchingRound.objects.create(
        title=spec.title, description=spec.description,
        applications_open_on=opened, applications_close_on=opened + timedelta(days=14),
        ends_on=today + timedelta(days=10), created_by=staff,
    )
    applied_at = _at(opened + timedelta(days=3))
    for local in spec.mentors:
        rounds.apply_to_round(mentors[local].member, round, RoundApplication.Role.MENTOR, now=applied_at)
    for local in spec.mentees:
        rounds.apply_to_round(mentees[local].member, round, RoundApplication.Role.MENTEE, now=applied_at,
                              wants_fairness_support=local in spec.fairness_support)
    rounds.run_matcher(round, staff, now=_at(opened + timedelta(days=15)))
    rounds.publish(round, staff, now=_at(opened + timedelta(days=16)))
    answered = _at(opened + timedelta(days=18))
    for proposal in MatchProposal.objects.filter(round=round).select_related("mentee", "mentor"):
        accept_mentee = proposal.mentee.email != content.email(spec.declines)
        proposals.answer(proposal, proposal.mentee, accept_mentee, now=answered)
        if accept_mentee:
            mentorship = proposals.answer(proposal, proposal.mentor, True, now=answered).mentorship
            if mentorship is None:
                raise RuntimeError(f"Both sides accepted proposal {proposal.pk}, yet no mentorship began")
            relationships.log_meeting(mentorship, proposal.mentee, opened + timedelta(days=25), 45)
            good = proposal.mentee.email != content.email(spec.ends_early)
            relationships.answer_fit(mentorship, proposal.mentee, good)
            relationships.answer_fit(mentorship, proposal.mentor, True)
            if good:
                relationships.answer_survey(mentorship, proposal.mentee, "midpoint", 4, spec.midpoint_survey)
            else:
                relationships.close_mentorship(mentorship, proposal.mentee, Mentorship.ClosureReason.NO_TIME,
                                               spec.early_ending_note, now=_at(opened + timedelta(days=60)))
                relationships.answer_survey(mentorship, proposal.mentee, "end", 2, spec.early_ending_survey)
    return round


def _open_round(content: MentoringContent, today, mentors, mentees) -> MatchingRound:
    """A round taking applications now: staff run the matcher, adjust and publish it in the admin."""
    spec = content.open_round
    round = MatchingRound.objects.create(
        title=spec.title, description=spec.description,
        applications_open_on=today - timedelta(days=5), applications_close_on=today + timedelta(days=10),
        ends_on=today + timedelta(days=190),
    )
    for local in spec.mentors:
        rounds.apply_to_round(mentors[local].member, round, RoundApplication.Role.MENTOR)
    for local in spec.mentees:
        rounds.apply_to_round(mentees[local].member, round, RoundApplication.Role.MENTEE,
                              wants_fairness_support=local in spec.fairness_support)
    return round
