"""The only place self-described demographics are read: aggregate counts for staff, small groups suppressed."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.db.models import Count

from .models import CareerStage, Demographics, Member, MembershipTier

# A group smaller than this is reported as "fewer than 5" so no individual can be singled out.
SMALLEST_REPORTED_GROUP = 5


@dataclass(frozen=True)
class Row:
    label: str
    count: int | None  # None: suppressed

    @property
    def shown(self) -> str:
        return str(self.count) if self.count is not None else f"fewer than {SMALLEST_REPORTED_GROUP}"


def _rows(counts: Counter, labels: dict[str, str]) -> list[Row]:
    """One row per answer; small groups hidden, and a second one too where a lone hidden cell could be
    worked out by subtracting the others from the total."""
    small = {k for k in labels if 0 < counts.get(k, 0) < SMALLEST_REPORTED_GROUP}
    if len(small) == 1:
        others = [k for k in labels if k not in small and counts.get(k, 0) > 0]
        if others:
            small.add(min(others, key=lambda k: counts[k]))
    return [Row(str(label), None if key in small else counts.get(key, 0)) for key, label in labels.items()]


def _count(queryset, field: str) -> Counter:
    return Counter(dict(queryset.values_list(field).annotate(n=Count("pk")).values_list(field, "n")))


def aggregate_report() -> dict[str, list[Row]]:
    """Counts per answer for each question, over active accounts; members who never answered count as 'prefer not'."""
    members = Member.objects.filter(is_active=True)
    answered = Demographics.objects.filter(member__is_active=True)
    unanswered = members.count() - answered.count()
    report = {}
    for field in ("gender", "identifies_as_under_represented", "has_disability", "age_band"):
        counts = _count(answered, field)
        counts["prefer_not_to_say"] += unanswered
        report[Demographics._meta.get_field(field).verbose_name] = _rows(
            counts, dict(Demographics._meta.get_field(field).choices)
        )
    report["career stage"] = _rows(_count(members, "career_stage"), {**dict(CareerStage.choices), "": "Not given"})
    report["membership tier"] = _rows(_count(members, "membership_tier"), dict(MembershipTier.choices))
    return report
