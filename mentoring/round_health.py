"""A round's health for staff: matched share, acceptance rate, first-meeting rate, fit answers and early closures,
overall and by the mentees' career stage and region, and (in aggregate only) by self-described demographics.

Demographics are read here only as counts per answer; groups too small to report are hidden with the association's
one suppression rule (lms.demographics_report), and a hidden group's rates are hidden with it, so no person can be
singled out. No name, and no answer of any person, leaves this module.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Count, Exists, OuterRef, Q
from django.utils.translation import gettext as _

from lms.demographics_report import SMALLEST_REPORTED_GROUP, demographic_question, suppressed_rows
from lms.models import PREFER_NOT_TO_SAY, CareerStage, Demographics

from .models import FitAnswer, MatchingRound, MatchProposal, Meeting, Mentorship, RoundApplication
from .regions import Region
from .relationships import is_early_closure

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

DEMOGRAPHIC_QUESTIONS = ("gender", "identifies_as_under_represented", "has_disability", "age_band")


@dataclass
class Health:
    """Counts for a group of mentees; rates are None where nothing was there to count."""

    label: str
    mentees: int = 0
    matched: int = 0
    decided: int = 0
    accepted: int = 0
    mentorships: int = 0
    first_meetings: int = 0
    good_fit: int = 0
    not_good_fit: int = 0
    early_closures: int = 0

    @staticmethod
    def _rate(part: int, whole: int) -> float | None:
        return part / whole if whole else None

    @property
    def matched_share(self) -> float | None:
        return self._rate(self.matched, self.mentees)

    @property
    def acceptance_rate(self) -> float | None:
        return self._rate(self.accepted, self.decided)

    @property
    def first_meeting_rate(self) -> float | None:
        return self._rate(self.first_meetings, self.mentorships)

    @property
    def matched_share_shown(self) -> str:
        return percent(self.matched_share)

    @property
    def acceptance_rate_shown(self) -> str:
        return percent(self.acceptance_rate)

    @property
    def first_meeting_rate_shown(self) -> str:
        return percent(self.first_meeting_rate)

    def add(self, other: Health) -> None:
        for name in ("mentees", "matched", "decided", "accepted", "mentorships", "first_meetings", "good_fit",
                     "not_good_fit", "early_closures"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass(frozen=True)
class DemographicGroup:
    """One answer to one question: its size as reported ('fewer than 5' when hidden) and, if shown, its health."""

    label: str
    size_shown: str
    health: Health | None


@dataclass
class RoundHealthReport:
    overall: Health
    by_career_stage: list[Health] = field(default_factory=list)
    by_region: list[Health] = field(default_factory=list)
    by_demographics: dict[str, list[DemographicGroup]] = field(default_factory=dict)
    smallest_reported_group: int = SMALLEST_REPORTED_GROUP


def _per_mentee(round: MatchingRound) -> dict[int, Health]:
    """One Health per mentee application of the round (each counting one mentee), keyed by member id."""
    applications = round.applications.filter(role=RoundApplication.Role.MENTEE).exclude(
        status=RoundApplication.Status.WITHDRAWN)
    health = {app.member_id: Health(label="", mentees=1) for app in applications}
    proposals = round.proposals.filter(mentee_id__in=health).exclude(
        status__in=[MatchProposal.Status.DRAFT, MatchProposal.Status.WITHDRAWN])
    for mentee_id, status in proposals.values_list("mentee_id", "status"):
        record = health[mentee_id]
        record.matched = 1
        if status in (MatchProposal.Status.ACCEPTED, MatchProposal.Status.DECLINED):
            record.decided += 1
            record.accepted += status == MatchProposal.Status.ACCEPTED
    mentorships = (Mentorship.objects.filter(round=round, mentee_id__in=health)
                   .annotate(met=Exists(Meeting.objects.filter(mentorship=OuterRef("pk")))))
    fit = {row["mentorship_id"]: row for row in FitAnswer.objects.filter(mentorship__round=round)
           .values("mentorship_id")
           .annotate(good=Count("pk", filter=Q(good_fit=True)), bad=Count("pk", filter=Q(good_fit=False)))}
    for mentorship in mentorships:
        record = health[mentorship.mentee_id]
        record.mentorships += 1
        record.first_meetings += mentorship.met
        record.early_closures += is_early_closure(mentorship)
        answers = fit.get(mentorship.pk)
        if answers:
            record.good_fit += answers["good"]
            record.not_good_fit += answers["bad"]
    return health


def _grouped(per_mentee: dict[int, Health], group_of: dict[int, str],
             labels: Mapping[str, StrOrPromise]) -> list[Health]:
    groups = {key: Health(label=str(label)) for key, label in labels.items()}
    for member_id, record in per_mentee.items():
        key = group_of.get(member_id, "")
        groups.setdefault(key, Health(label=str(labels.get(key, key) or _("Not given")))).add(record)
    return [group for group in groups.values() if group.mentees]


def _demographic_groups(per_mentee: dict[int, Health]) -> dict[str, list[DemographicGroup]]:
    answers = {row["member_id"]: row for row in
               Demographics.objects.filter(member_id__in=per_mentee).values("member_id", *DEMOGRAPHIC_QUESTIONS)}
    report = {}
    for question in DEMOGRAPHIC_QUESTIONS:
        question_label, labels = demographic_question(question)
        answer_of = {member_id: answers.get(member_id, {}).get(question) or PREFER_NOT_TO_SAY
                     for member_id in per_mentee}
        sizes = Counter(answer_of.values())
        rows = suppressed_rows(sizes, labels)
        totals: dict[str, Health] = defaultdict(lambda: Health(label=""))
        for member_id, record in per_mentee.items():
            totals[answer_of[member_id]].add(record)
        groups = []
        for key, row in zip(labels, rows, strict=True):
            health = None
            if row.count is not None:  # shown (an empty group shows as empty, its rates as dashes)
                health = totals[key]
                health.label = row.label
            groups.append(DemographicGroup(label=row.label, size_shown=row.shown, health=health))
        report[question_label] = groups
    return report


def round_health(round: MatchingRound) -> RoundHealthReport:
    per_mentee = _per_mentee(round)
    overall = Health(label=_("All mentees"))
    for record in per_mentee.values():
        overall.add(record)
    snapshots = dict(round.applications.filter(role=RoundApplication.Role.MENTEE, member_id__in=per_mentee)
                     .values_list("member_id", "snapshot"))
    stage_of = {member_id: (snapshot or {}).get("career_stage", "") for member_id, snapshot in snapshots.items()}
    region_of = {member_id: (snapshot or {}).get("region", "") for member_id, snapshot in snapshots.items()}
    return RoundHealthReport(
        overall=overall,
        by_career_stage=_grouped(per_mentee, stage_of, dict(CareerStage.choices)),
        by_region=_grouped(per_mentee, region_of, dict(Region.choices)),
        by_demographics=_demographic_groups(per_mentee),
    )


def percent(rate: float | None) -> str:
    return "–" if rate is None else f"{round(rate * 100)}%"
