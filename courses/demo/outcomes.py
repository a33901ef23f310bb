"""The outcomes demo: two editions (programme years) of a few demo courses with enrolments, completions,
evaluations and follow-ups, read from `content/outcomes.yaml` (fixed figures, never random, so every load shows
the same dashboard), and the abandonment thresholds, so Reports -> "Retire or redesign" flags the one course the
file makes weak in both editions and leaves the others alone. Built after the catalog, whose offerings it names by
key; its learners are accounts of its own, so the catalog's people and journeys are untouched."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from lms.demo_content import DemoContentError, build, entries, read_yaml
from lms.models import Member
from lms.original_rows import originals

from ..evaluations.windows import FOLLOW_UP_OPENS
from ..models import (
    AbandonmentThresholds,
    Enrolment,
    Evaluation,
    EvaluationRequest,
    FollowUp,
    Offering,
)

CONTENT = Path(__file__).parent / "content" / "outcomes.yaml"


@dataclass(frozen=True)
class LearnerSpec:
    local: str
    first_name: str
    last_name: str
    career_stage: str
    country: str
    tier: str


@dataclass(frozen=True)
class AnswerSpec:
    rating: int
    applied: str
    comment: str = ""


@dataclass(frozen=True)
class EditionSpec:
    offering: str
    year: int
    first_learner: int
    enrolled: int
    answers: tuple[AnswerSpec, ...]


@dataclass(frozen=True)
class OutcomesDemo:
    thresholds: dict
    learners: tuple[LearnerSpec, ...]
    editions: tuple[EditionSpec, ...]


def read_outcomes(path: Path = CONTENT) -> OutcomesDemo:
    """The file as specs, checked: a learner range past the list, an answer without a completion or a rating out
    of 1-5 is refused with the file and entry named."""
    document = read_yaml(path)
    learners = tuple(build(LearnerSpec, item, where) for where, item in entries(path, document, "learners"))
    editions = tuple(build(EditionSpec, item, where) for where, item in entries(path, document, "editions"))
    for number, spec in enumerate(editions):
        where = f"{path}: editions[{number}]"
        if spec.first_learner < 0 or spec.first_learner + spec.enrolled > len(learners):
            raise DemoContentError(f"{where}: enrols learners past the {len(learners)} listed.")
        if len(spec.answers) > spec.enrolled:
            raise DemoContentError(f"{where}: more answers (completions) than learners enrolled.")
        if any(not 1 <= a.rating <= 5 or a.applied not in FollowUp.Applied.values for a in spec.answers):
            raise DemoContentError(f"{where}: a rating is 1 to 5 and applied is yes, partly or no.")
    thresholds = document.get("thresholds") or {}
    if not isinstance(thresholds, dict) or set(thresholds) - {"min_reach", "min_rate", "min_rating"}:
        raise DemoContentError(f"{path}: thresholds takes min_reach, min_rate and min_rating.")
    return OutcomesDemo(thresholds, learners, editions)


def _at(year: int, month: int) -> datetime:
    return timezone.make_aware(datetime.combine(date(year, month, 10), time(12)))


@transaction.atomic
def load_outcomes(email_domain: str, data: OutcomesDemo | None = None) -> int:
    """Build the editions; how many activities were evaluated. Once: an edition already built is left alone."""
    data = data or read_outcomes()
    accounts = []
    for learner in data.learners:
        member, _created = Member.objects.get_or_create(
            email=f"{learner.local}@{email_domain}",
            defaults={"first_name": learner.first_name, "last_name": learner.last_name,
                      "career_stage": learner.career_stage, "country": learner.country,
                      "membership_tier": learner.tier})
        if _created:
            member.set_unusable_password()  # data for the reports, not a login
            member.save(update_fields=["password"])
        accounts.append(member)
    made = 0
    for spec in data.editions:
        offering = originals(Offering.objects.filter(slug=spec.offering)).first()
        if offering is None:
            raise DemoContentError(f"{CONTENT}: no demo offering {spec.offering!r} (a key of catalog.yaml).")
        for n, member in enumerate(accounts[spec.first_learner:spec.first_learner + spec.enrolled]):
            answer = spec.answers[n] if n < len(spec.answers) else None
            done = _at(spec.year, 5) if answer else None
            enrolment, created = Enrolment.objects.get_or_create(member=member, offering=offering, defaults={
                "enrolled_at": _at(spec.year, 3), "completed_at": done,
                "credited_title": offering.title if done else "",
                "credited_cpd_hours": offering.cpd_hours if done else None,
                "credited_cpd_credit_type": offering.cpd_credit_type if done else ""})
            if not created or answer is None or done is None:
                continue
            made += 1
            asked = EvaluationRequest.objects.create(
                member=member, offering=offering, programme_year=spec.year, enrolment=enrolment,
                title=offering.title, activity_at=done, invitation_sent_at=done,
                follow_up_owed_at=done + FOLLOW_UP_OPENS, follow_up_sent_at=done + FOLLOW_UP_OPENS)
            Evaluation.objects.create(request=asked, rating=answer.rating, relevance=answer.rating,
                                      would_recommend=answer.rating >= 4, comment=answer.comment,
                                      submitted_at=done + timedelta(days=1))
            FollowUp.objects.create(request=asked, applied=answer.applied,
                                    submitted_at=done + FOLLOW_UP_OPENS + timedelta(days=2))
    if not AbandonmentThresholds.objects.filter(pk=1).exists():
        rating = data.thresholds.get("min_rating")
        AbandonmentThresholds.objects.create(pk=1, min_reach=data.thresholds.get("min_reach"),
                                             min_rate=data.thresholds.get("min_rate"),
                                             min_rating=Decimal(str(rating)) if rating is not None else None)
    return made
