"""CPD for the catalog demo's generated members (courses/demo/year.py): in the months after joining, some log an
external activity (onboarded ones more often), approved by the demo's reviewer a few days on, so Reports ->
Engagement counts CPD among the year's activity and their CPD pages show hours. Only members whose tier the scheme
covers log any.

Drawn by a `random.Random` from the year's seed (its own stream: the catalog's draws stay as they were), dated
counted back from the day of loading, so every load makes the same rows. They go in with bulk_create, as history:
nobody is notified, and each activity's evidence is one file per kind of activity, rendered once (its words name
neither member nor day), not a PDF per row: a few hundred WeasyPrint renders would slow the demo for nothing.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.translation import override

from courses.demo.content import demo_content as catalog_content
from lms.formatting import number_text
from lms.models import Member
from lms.months import add_months, first_of_month

from ..models import CpdScheme, ExternalActivity, evidence_path
from .content import YearActivitySpec
from .evidence import evidence_document

# The share of months after joining in which a member logs something: onboarded members take up CPD more.
ONBOARDED_SHARE = 0.3
OTHERS_SHARE = 0.12
SEED_OFFSET = 19  # the year's seed plus this: CPD's own stream of draws
REVIEWED_AFTER = timedelta(days=3)


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _evidence_pdf(spec: YearActivitySpec) -> bytes:
    with override(spec.language):
        words = {"title": spec.title, "provider": spec.provider, "hours": number_text(Decimal(spec.hours))}
    return evidence_document(spec.evidence, spec.language, words)


def build_year_cpd(specs: tuple[YearActivitySpec, ...], scheme: CpdScheme, reviewer: Member, today: date) -> int:
    """Log and approve the year's members' activities, as history; how many."""
    people = catalog_content().people
    year = people.year
    if year is None or not specs:
        return 0
    rng = random.Random(year.seed + SEED_OFFSET)
    members = (Member.objects.filter(email__startswith=year.local_prefix, email__endswith=f"@{people.email_domain}",
                                     membership_tier__in=scheme.tiers)
               .only("pk", "date_joined", "zone_confirmed_at").order_by("pk"))
    storage = ExternalActivity._meta.get_field("evidence").storage
    files: dict[str, str] = {}
    now = timezone.now()
    rows = []
    for member in members:
        share = ONBOARDED_SHARE if member.zone_confirmed_at is not None else OTHERS_SHARE
        joined_month = first_of_month(timezone.localtime(member.date_joined).date())
        offset = 1
        while (month := add_months(joined_month, offset)) <= today:
            offset += 1
            if rng.random() >= share:
                continue
            spec = rng.choice(specs)
            day = min(month + timedelta(days=rng.randint(0, 27)), today)
            if spec.title not in files:
                files[spec.title] = storage.save(evidence_path(None, "evidence.pdf"),  # type: ignore[arg-type]
                                                 ContentFile(_evidence_pdf(spec)))
            submitted = min(_at(day, 18), now)
            rows.append(ExternalActivity(
                member=member, kind=spec.kind, title=spec.title, provider=spec.provider, date=day,
                hours=Decimal(spec.hours), category=spec.category, evidence=files[spec.title],
                status=ExternalActivity.Status.APPROVED, submitted_at=submitted, reviewer=reviewer,
                decided_at=min(submitted + REVIEWED_AFTER, now)))
    ExternalActivity.objects.bulk_create(rows)
    return len(rows)
