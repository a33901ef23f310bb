"""The only place self-described demographics are read: aggregate counts for staff, small groups suppressed."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from django.db import models
from django.db.models import Count
from django.utils.translation import gettext, gettext_lazy, ngettext

from .models import CareerStage, Demographics, Member, MembershipTier

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# A group smaller than this is reported as "fewer than 5" so no individual can be singled out.
SMALLEST_REPORTED_GROUP = 5


@dataclass(frozen=True)
class Row:
    label: str
    count: int | None  # None: suppressed

    @property
    def shown(self) -> str:
        if self.count is not None:
            return str(self.count)
        return ngettext("fewer than %(n)d", "fewer than %(n)d", SMALLEST_REPORTED_GROUP) % {
            "n": SMALLEST_REPORTED_GROUP}


def suppressed_rows(counts: Counter, labels: Mapping[str, StrOrPromise]) -> list[Row]:
    """One row per answer; small groups hidden, and a second one too where a lone hidden cell could be
    worked out by subtracting the others from the total."""
    small = {k for k in labels if 0 < counts.get(k, 0) < SMALLEST_REPORTED_GROUP}
    if len(small) == 1:
        others = [k for k in labels if k not in small and counts.get(k, 0) > 0]
        if others:
            small.add(min(others, key=lambda k: counts[k]))
    return [Row(str(label), None if key in small else counts.get(key, 0)) for key, label in labels.items()]


def demographic_question(name: str) -> tuple[str, dict[str, StrOrPromise]]:
    """A demographics question's label and its answers' labels, by answer."""
    field = cast(models.Field, Demographics._meta.get_field(name))  # every question is a column, not a relation
    return str(field.verbose_name), dict(field.flatchoices)


def _count(queryset, field: str) -> Counter:
    return Counter(dict(queryset.values_list(field).annotate(n=Count("pk")).values_list(field, "n")))


def aggregate_report() -> dict[str, list[Row]]:
    """Counts per answer for each question, over active accounts; members who never answered count as 'prefer not'."""
    members = Member.objects.filter(is_active=True)
    answered = Demographics.objects.filter(member__is_active=True)
    unanswered = members.count() - answered.count()
    report: dict[str, list[Row]] = {}
    for field in ("gender", "identifies_as_under_represented", "has_disability", "age_band"):
        counts = _count(answered, field)
        counts["prefer_not_to_say"] += unanswered
        question, answers = demographic_question(field)
        report[question] = suppressed_rows(counts, answers)
    report[gettext("career stage")] = suppressed_rows(
        _count(members, "career_stage"), {**dict(CareerStage.choices), "": gettext_lazy("Not given")}
    )
    report[gettext("membership tier")] = suppressed_rows(_count(members, "membership_tier"),
                                                         dict(MembershipTier.choices))
    return report
