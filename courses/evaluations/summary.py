"""What the outcomes dashboard reads about evaluations: per offering and edition (programme year), counts and means,
in a fixed number of queries (three aggregations plus learning gain's four), however many answers there are.

Return shape of `edition_summaries(...)`: a list of `EditionSummary`, ordered by offering id then programme year:
    offering_id, programme_year     the ORIGINAL offering and the edition the activity belonged to
    asked                           activities asked about (one per completion or attended session)
    evaluations                     evaluations answered (level 1)
    mean_rating, mean_relevance     1-5, or None
    recommend_rate                  share (0-1) who would recommend it, or None
    follow_ups                      follow-ups answered (level 3)
    applied_rate                    share (0-1) who applied it at work, "partly" counting as half, or None
    mean_gain_points                mean learning gain in percentage points (level 2; gain.py), or None: only for
                                    courses with a pre-assessment; learning gain is per offering, so every edition
                                    row of that offering carries it
    gain_count                      members the mean gain is over
    suppressed                      True when fewer than SMALLEST_REPORTED_GROUP answered (evaluations or
                                    follow-ups): the means and rates of that part are then None, since a mean over
                                    one or two people is their answer (lms/demographics_report.py's threshold)
No breakdown by demographics is made here; a caller that adds one must suppress small groups the same way.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Avg, Count, Q, QuerySet

from lms.demographics_report import SMALLEST_REPORTED_GROUP

from ..models import Evaluation, EvaluationRequest, FollowUp
from .gain import gains_by_offering, mean_gain


@dataclass(frozen=True)
class EditionSummary:
    offering_id: int
    programme_year: int
    asked: int
    evaluations: int
    mean_rating: float | None
    mean_relevance: float | None
    recommend_rate: float | None
    follow_ups: int
    applied_rate: float | None
    mean_gain_points: float | None
    gain_count: int
    suppressed: bool


def _shown(count: int) -> bool:
    return count >= SMALLEST_REPORTED_GROUP


def edition_summaries(offering_ids: Iterable[int] | None = None, members: QuerySet | None = None
                      ) -> list[EditionSummary]:
    """Every edition asked about (of these original offerings, or of all; of these members' activities, or of
    everyone's: the outcome reports' segment filters); seven queries at most."""
    requests = EvaluationRequest.objects.all()
    if offering_ids is not None:
        requests = requests.filter(offering_id__in=list(offering_ids))
    if members is not None:
        requests = requests.filter(member__in=members)
    asked = {(row["offering_id"], row["programme_year"]): row["n"]
             for row in requests.values("offering_id", "programme_year").annotate(n=Count("pk")).order_by()}
    level1 = {(row["request__offering_id"], row["request__programme_year"]): row for row in (
        Evaluation.objects.filter(request__in=requests).values("request__offering_id", "request__programme_year")
        .annotate(n=Count("pk"), rating=Avg("rating"), relevance=Avg("relevance"),
                  recommend=Count("pk", filter=Q(would_recommend=True))).order_by())}
    level3 = {(row["request__offering_id"], row["request__programme_year"]): row for row in (
        FollowUp.objects.filter(request__in=requests).values("request__offering_id", "request__programme_year")
        .annotate(n=Count("pk"), yes=Count("pk", filter=Q(applied=FollowUp.Applied.YES)),
                  partly=Count("pk", filter=Q(applied=FollowUp.Applied.PARTLY))).order_by())}
    gains = gains_by_offering({offering for offering, _year in asked})
    summaries = []
    for key in sorted(asked):
        offering_id, year = key
        ev = level1.get(key, {"n": 0})
        fu = level3.get(key, {"n": 0})
        ev_shown, fu_shown = _shown(ev["n"]), _shown(fu["n"])
        offering_gains = gains.get(offering_id, [])
        gain_shown = _shown(len(offering_gains))
        summaries.append(EditionSummary(
            offering_id=offering_id, programme_year=year, asked=asked[key], evaluations=ev["n"],
            mean_rating=float(ev["rating"]) if ev_shown else None,
            mean_relevance=float(ev["relevance"]) if ev_shown else None,
            recommend_rate=ev["recommend"] / ev["n"] if ev_shown else None,
            follow_ups=fu["n"],
            applied_rate=(fu["yes"] + fu["partly"] / 2) / fu["n"] if fu_shown else None,
            mean_gain_points=mean_gain(offering_gains) if gain_shown else None,
            gain_count=len(offering_gains),
            suppressed=not (ev_shown and fu_shown),
        ))
    return summaries
