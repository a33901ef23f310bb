"""The demo mentoring's content, read from `content/<language>/mentoring.yaml`: mentors and mentees for the
directory, the catalog demo's learner and student as mentees, and two rounds. Accounts are named by the part of
their address before @ (`email_domain` completes it), so this package needs nothing from `courses`."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from lms.demo_content import build, language_dirs, read_yaml, refuse

CONTENT_DIR = Path(__file__).with_name("content")


@dataclass(frozen=True)
class Person:
    """A new demo member with a mentor or mentee profile; `availability` is [weekday, from hour, to hour] slots."""

    local: str
    first_name: str
    last_name: str
    career_stage: str
    time_zone: str
    languages: tuple[str, ...]
    topics: tuple[str, ...]
    availability: tuple[tuple[int, ...], ...]
    capacity: int = 2
    employer: str = ""
    offer: str = ""
    formats: tuple[str, ...] = ("video",)
    city: str = ""
    open_to_other_regions: bool = True
    goals: str = ""


@dataclass(frozen=True)
class Meeting:
    days_ago: int
    minutes: int
    format: str
    notes: str


@dataclass(frozen=True)
class MenteeProfileSpec:
    """A catalog demo account's mentee profile and its request to a mentor (answered if `reply` is given)."""

    languages: tuple[str, ...]
    availability: tuple[tuple[int, ...], ...]
    goals: str
    topics: tuple[str, ...]
    mentor: str
    request: str
    reply: str = ""
    accepted_days_ago: int = 0
    meeting: Meeting | None = None
    fit_comment: str = ""


@dataclass(frozen=True)
class PastRound:
    title: str
    description: str
    opened_days_ago: int
    mentors: tuple[str, ...]
    mentees: tuple[str, ...]
    fairness_support: tuple[str, ...]
    declines: str  # the mentee who declines the proposal
    ends_early: str  # the mentee whose mentorship ends early
    early_ending_note: str
    early_ending_survey: str
    midpoint_survey: str


@dataclass(frozen=True)
class OpenRound:
    title: str
    description: str
    mentors: tuple[str, ...]
    mentees: tuple[str, ...]
    fairness_support: tuple[str, ...] = ()


@dataclass(frozen=True)
class MentoringContent:
    email_domain: str
    marker: str  # the mentor whose account says demo mentoring is loaded
    learner: str
    student: str
    staff: str
    mentors: tuple[Person, ...]
    mentees: tuple[Person, ...]
    contact_note: str
    learner_profile: MenteeProfileSpec
    student_profile: MenteeProfileSpec
    past_round: PastRound
    open_round: OpenRound

    def email(self, local: str) -> str:
        return f"{local}@{self.email_domain}"


@cache
def demo_content() -> MentoringContent:
    return read_content(CONTENT_DIR)


def read_content(content_dir: Path) -> MentoringContent:
    """Demo mentoring is written once, in one language's folder; every name it uses must be one of its people."""
    found = [(folder / "mentoring.yaml") for _, folder in language_dirs(content_dir)
             if (folder / "mentoring.yaml").exists()]
    if len(found) != 1:
        refuse(str(content_dir), f"expected one language's mentoring.yaml, found {len(found)}.")
    path = found[0]
    content = build(MentoringContent, read_yaml(path), str(path))
    mentors = {person.local for person in content.mentors}
    mentees = {person.local for person in content.mentees}
    if len(mentors | mentees) != len(content.mentors) + len(content.mentees):
        refuse(str(path), "a mentor or mentee is listed twice.")
    checks = [
        ("marker", (content.marker,), mentors),
        ("learner_profile.mentor", (content.learner_profile.mentor,), mentors),
        ("student_profile.mentor", (content.student_profile.mentor,), mentors),
        ("past_round.mentors", content.past_round.mentors, mentors),
        ("past_round.mentees", content.past_round.mentees + content.past_round.fairness_support
         + (content.past_round.declines, content.past_round.ends_early), mentees),
        ("open_round.mentors", content.open_round.mentors, mentors),
        ("open_round.mentees", content.open_round.mentees + content.open_round.fairness_support, mentees),
    ]
    for where, names, known in checks:
        unknown = [name for name in names if name not in known]
        if unknown:
            refuse(f"{path}: {where}", f"no such person: {', '.join(unknown)}.")
    return content
