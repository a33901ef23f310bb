"""The demo CPD content, read from `content/<language>/cpd.yaml`: the schemes (one by membership tier; one for
holders of a credential, with the member who holds it) and where the demo members stand in their cycles (in
`en/`), and the activities members logged, each in its folder's language, with the words printed on its evidence
(a certificate of attendance or a record, made as a real PDF when the demo loads)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from lms.demo_content import build, language_dirs, read_yaml, refuse

CONTENT_DIR = Path(__file__).with_name("content")


@dataclass(frozen=True)
class RuleSpec:
    category: str
    minimum_hours: str = ""
    maximum_hours: str = ""


@dataclass(frozen=True)
class SchemeSpec:
    name: str
    required_hours: str
    cycle_months: int
    tiers: tuple[str, ...] = ()
    rules: tuple[RuleSpec, ...] = ()
    yearly_minimum_hours: str = ""
    credential_template: str = ""  # a demo certificate template's name (certificates/demo/content)
    credentials: tuple[str, ...] = ()  # demo certificate templates' names: the scheme is for their holders
    anchor: str = "joined"  # or "credential"


@dataclass(frozen=True)
class HolderSpec:
    """A member who holds the holders' scheme's credential: a certificate of `offering` (a demo offering's key)
    issued to them by hand `earned_days_ago`, so their cycles count from that day."""

    account: str
    offering: str
    earned_days_ago: int
    note: str


@dataclass(frozen=True)
class StandingSpec:
    """Where a demo member stands: their cycles are anchored on the day they joined, `joined_days_ago`."""

    account: str  # a demo account's key (courses/demo/content/people.yaml)
    joined_days_ago: int
    note: str = ""


@dataclass(frozen=True)
class EvidenceSpec:
    """The words on the evidence PDF: a heading and lines, each may name {member}, {title}, {provider}, {date},
    {hours}."""

    heading: str
    lines: tuple[str, ...]
    signed: str = ""


@dataclass(frozen=True)
class ActivitySpec:
    account: str
    kind: str
    title: str
    provider: str
    days_ago: int
    hours: str
    category: str
    evidence: EvidenceSpec
    status: str = "submitted"  # submitted, approved or rejected (decided by the demo's staff account)
    reason: str = ""
    language: str = ""  # the folder's


@dataclass(frozen=True)
class YearActivitySpec:
    """An activity the catalog demo's generated members log (year.py draws who, which and when): its evidence names
    neither member nor day ({title}, {provider} and {hours} only), so one file serves every log of it."""

    kind: str
    title: str
    provider: str
    hours: str
    category: str
    evidence: EvidenceSpec
    language: str = ""  # the folder's


@dataclass(frozen=True)
class AuditSpec:
    """The demo audit: members whose first cycle has closed (they joined `joined_days_ago`, more than a cycle
    ago), a sample of them drawn with a fixed seed, the first sampled asked for evidence and the second passed."""

    accounts: tuple[str, ...]
    joined_days_ago: int
    percent: str
    seed: int
    due_in_days: int = 30


@dataclass(frozen=True)
class LanguageFile:
    scheme: SchemeSpec | None = None
    holders_scheme: SchemeSpec | None = None
    credential_holder: HolderSpec | None = None
    standings: tuple[StandingSpec, ...] = ()
    activities: tuple[ActivitySpec, ...] = ()
    reviewer: str = ""
    audit: AuditSpec | None = None
    year_activities: tuple[YearActivitySpec, ...] = ()


@dataclass(frozen=True)
class CpdContent:
    scheme: SchemeSpec
    standings: tuple[StandingSpec, ...]
    activities: tuple[ActivitySpec, ...]
    reviewer: str
    audit: AuditSpec | None = None
    holders_scheme: SchemeSpec | None = None
    credential_holder: HolderSpec | None = None
    year_activities: tuple[YearActivitySpec, ...] = ()


@cache
def demo_content() -> CpdContent:
    return read_content(CONTENT_DIR)


def read_content(content_dir: Path) -> CpdContent:
    scheme: SchemeSpec | None = None
    standings: tuple[StandingSpec, ...] = ()
    activities: tuple[ActivitySpec, ...] = ()
    reviewer = ""
    audit: AuditSpec | None = None
    holders_scheme: SchemeSpec | None = None
    credential_holder: HolderSpec | None = None
    year_activities: tuple[YearActivitySpec, ...] = ()
    for language, folder in language_dirs(content_dir):
        path = folder / "cpd.yaml"
        if not path.exists():
            continue
        part = build(LanguageFile, read_yaml(path) or {}, str(path))
        if part.scheme is not None:
            if scheme is not None:
                refuse(str(path), "the scheme is already given in another language's file.")
            scheme = part.scheme
        reviewer = reviewer or part.reviewer
        audit = audit or part.audit
        holders_scheme = holders_scheme or part.holders_scheme
        credential_holder = credential_holder or part.credential_holder
        standings += part.standings
        activities += tuple(dataclasses.replace(activity, language=language) for activity in part.activities)
        year_activities += tuple(dataclasses.replace(each, language=language) for each in part.year_activities)
    if scheme is None or not reviewer:
        refuse(str(content_dir), "no language's cpd.yaml gives the scheme and the reviewer.")
    for activity in activities:
        if activity.status not in ("submitted", "approved", "rejected") or (
                activity.status == "rejected" and not activity.reason):
            refuse(str(content_dir / activity.language / "cpd.yaml"),
                   f"{activity.title!r}: status is submitted, approved or rejected (with a reason).")
    if (holders_scheme is None) != (credential_holder is None):
        refuse(str(content_dir), "the holders' scheme and its credential holder are given together.")
    for each in year_activities:
        words = " ".join((each.evidence.heading, *each.evidence.lines, each.evidence.signed))
        if "{member}" in words or "{date}" in words:
            refuse(str(content_dir / each.language / "cpd.yaml"),
                   f"{each.title!r}: a year activity's evidence is shared, so it names no {{member}} or {{date}}.")
    return CpdContent(scheme, standings, activities, reviewer, audit, holders_scheme, credential_holder,
                      year_activities)
