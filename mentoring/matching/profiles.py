"""What the matcher knows about a mentor and a mentee: plain frozen records, checked when built.

The Django side fills these from its own models; nothing here reads a database. Every check raises
`ProfileError` with a sentence naming the person and the field, so a bad profile is refused clearly.
"""

from __future__ import annotations

import zoneinfo
from dataclasses import dataclass
from enum import Enum

# The order of lms.models.CareerStage (least to most senior), mirrored as data so this package needs no Django.
CAREER_STAGES: tuple[str, ...] = ("student", "early_career", "mid_career", "senior", "executive")
MAX_CAPACITY = 5
MEETING_FORMATS = frozenset({"video", "in_person"})


class ProfileError(ValueError):
    """A profile the matcher cannot use; the message says whose, which field and why."""


class Strength(Enum):
    """How much a mentee's preference counts: a `must` excludes every mentor who does not meet it."""

    MUST = "must"
    WISH = "wish"


@dataclass(frozen=True)
class AvailabilityWindow:
    """A weekly block in the person's own time zone: `weekday` 0 = Monday, hours [start_hour, end_hour)."""

    weekday: int
    start_hour: int
    end_hour: int

    def __post_init__(self) -> None:
        if not 0 <= self.weekday <= 6:
            raise ProfileError(f"weekday {self.weekday} is not 0 (Monday) to 6 (Sunday)")
        if not (0 <= self.start_hour < self.end_hour <= 24):
            raise ProfileError(
                f"window {self.start_hour}-{self.end_hour} h must start at 0-23 h and end after it, at 24 h at most"
            )


@dataclass(frozen=True)
class RegionPreference:
    region: str
    strength: Strength = Strength.WISH


@dataclass(frozen=True)
class IdentityPreference:
    """A mentor who shares at least one of these self-described identities (the mentee's own words)."""

    identities: frozenset[str]
    strength: Strength = Strength.WISH


@dataclass(frozen=True)
class MentorProfile:
    """A mentor as scoring sees them. `region` is the broad region staff group people by (e.g. "Europe")."""

    id: str
    career_stage: str
    languages: tuple[str, ...]
    time_zone: str
    availability: tuple[AvailabilityWindow, ...]
    capacity: int
    region: str
    expertise: tuple[str, ...] = ()
    years_of_practice: int = 0
    employer: str | None = None
    formats: frozenset[str] = frozenset({"video"})
    city: str | None = None  # where they meet in person, when "in_person" is among the formats
    open_to_other_regions: bool = True
    identities: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        who = f"mentor {self.id!r}"
        _check_person(who, self.id, self.career_stage, self.languages, self.time_zone)
        if not 1 <= self.capacity <= MAX_CAPACITY:
            raise ProfileError(f"{who}: capacity {self.capacity} is not 1 to {MAX_CAPACITY}")
        if self.years_of_practice < 0:
            raise ProfileError(f"{who}: years of practice cannot be negative")
        if not self.formats or not self.formats <= MEETING_FORMATS:
            raise ProfileError(f"{who}: formats must be some of {sorted(MEETING_FORMATS)}, got {sorted(self.formats)}")
        if "in_person" in self.formats and not self.city:
            raise ProfileError(f"{who}: meeting in person needs a city")
        if not self.region:
            raise ProfileError(f"{who}: region is empty")


@dataclass(frozen=True)
class MenteeProfile:
    """A mentee as scoring sees them; `languages` in order of preference (the first counts most)."""

    id: str
    career_stage: str
    languages: tuple[str, ...]
    time_zone: str
    availability: tuple[AvailabilityWindow, ...]
    region: str
    wanted_expertise: tuple[str, ...] = ()
    goals: tuple[str, ...] = ()
    employer: str | None = None
    region_preference: RegionPreference | None = None
    identity_preference: IdentityPreference | None = None

    def __post_init__(self) -> None:
        who = f"mentee {self.id!r}"
        _check_person(who, self.id, self.career_stage, self.languages, self.time_zone)
        if not self.region:
            raise ProfileError(f"{who}: region is empty")
        if self.identity_preference is not None and not self.identity_preference.identities:
            raise ProfileError(f"{who}: an identity preference needs at least one identity")


def stage_rank(stage: str) -> int:
    """0 for a student up to 4 for an executive."""
    return CAREER_STAGES.index(stage)


def _check_person(who: str, person_id: str, stage: str, languages: tuple[str, ...], time_zone: str) -> None:
    if not person_id or not person_id.strip():
        raise ProfileError("a profile has an empty id")
    if stage not in CAREER_STAGES:
        raise ProfileError(f"{who}: career stage {stage!r} is not one of {', '.join(CAREER_STAGES)}")
    if not languages:
        raise ProfileError(f"{who}: speaks no language")
    try:
        zoneinfo.ZoneInfo(time_zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as error:
        raise ProfileError(f"{who}: time zone {time_zone!r} is unknown") from error
