"""From the site's records to the matching engine's profiles, through one snapshot shape.

A round application keeps a snapshot of the profile as it was when the member applied (later edits do not change a
round under way); the directory converts live profiles the same way. Ids given to the engine are member ids as
text, so the engine's (mentee, mentor) pairs are member pairs and past pairings carry over between rounds.
Self-described identities reach the engine only as opaque tokens ("identity-3"): it compares them and never names
them, so neither can anything built on its output.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from mentoring.matching import (
    AvailabilityWindow,
    IdentityPreference,
    MenteeProfile,
    MentorProfile,
    RegionPreference,
    Strength,
)
from mentoring.matching.availability import overlap_hours, week_mask

from . import models
from .regions import region_of

Snapshot = dict[str, Any]

_IDENTITY_POSITION = {code: position for position, code in enumerate(models.SelfDescribedIdentity.values)}


def identity_token(code: str) -> str:
    """The opaque form of a self-described identity, the only form the engine sees."""
    return f"identity-{_IDENTITY_POSITION[code]}"


def windows_of(availability: Iterable) -> tuple[AvailabilityWindow, ...]:
    return tuple(AvailabilityWindow(int(w), int(s), int(e)) for w, s, e in availability or ())


def weekly_mask(availability: Iterable, time_zone: str) -> int:
    """The 168-hour UTC mask of someone's windows (the engine's availability module)."""
    return week_mask(windows_of(availability), time_zone or "UTC")


def shared_hours(first_mask: int, second_mask: int) -> int:
    return overlap_hours(first_mask, second_mask)


def _common(profile: models.MenteeProfile | models.MentorProfile) -> Snapshot:
    member = profile.member
    return {
        "career_stage": member.career_stage,
        "time_zone": member.time_zone or "UTC",
        "region": region_of(member),
        "languages": list(profile.languages),
        "availability": [list(window) for window in profile.availability],
        "employer": profile.employer.strip(),
        "identities": [code for code in profile.identities if code in _IDENTITY_POSITION],
    }


def mentee_snapshot(profile: models.MenteeProfile) -> Snapshot:
    return {
        **_common(profile),
        "expertise": sorted(profile.wanted_expertise.values_list("slug", flat=True)),
        "goals": profile.goals,
        "preferred_region": profile.preferred_region,
        "region_strength": profile.region_strength,
        "identity_strength": profile.identity_strength,
    }


def mentor_snapshot(profile: models.MentorProfile) -> Snapshot:
    return {
        **_common(profile),
        "expertise": sorted(profile.expertise.values_list("slug", flat=True)),
        "years_of_practice": profile.years_of_practice,
        "capacity": profile.capacity,
        "formats": list(profile.formats) or [models.MeetingFormat.VIDEO],
        "city": profile.city.strip(),
        "open_to_other_regions": profile.open_to_other_regions,
    }


def mentee_for_engine(member_id: int, snapshot: Snapshot) -> MenteeProfile:
    """Raises the engine's ProfileError, naming the field, when the snapshot cannot be used."""
    region_preference = None
    if snapshot.get("preferred_region"):
        region_preference = RegionPreference(snapshot["preferred_region"], Strength(snapshot.get("region_strength")
                                                                                    or Strength.WISH.value))
    identity_preference = None
    if snapshot.get("identity_strength") and snapshot.get("identities"):
        identity_preference = IdentityPreference(
            frozenset(identity_token(code) for code in snapshot["identities"] if code in _IDENTITY_POSITION),
            Strength(snapshot["identity_strength"]),
        )
    return MenteeProfile(
        id=str(member_id),
        career_stage=snapshot.get("career_stage") or "",
        languages=tuple(snapshot.get("languages") or ()),
        time_zone=snapshot.get("time_zone") or "UTC",
        availability=windows_of(snapshot.get("availability") or ()),
        region=snapshot.get("region") or "unspecified",
        wanted_expertise=tuple(snapshot.get("expertise") or ()),
        employer=snapshot.get("employer") or None,
        region_preference=region_preference,
        identity_preference=identity_preference,
    )


def mentor_for_engine(member_id: int, snapshot: Snapshot, capacity: int) -> MentorProfile:
    """`capacity` is what the mentor has left for this run (their profile's capacity less slots held elsewhere)."""
    return MentorProfile(
        id=str(member_id),
        career_stage=snapshot.get("career_stage") or "",
        languages=tuple(snapshot.get("languages") or ()),
        time_zone=snapshot.get("time_zone") or "UTC",
        availability=windows_of(snapshot.get("availability") or ()),
        capacity=capacity,
        region=snapshot.get("region") or "unspecified",
        expertise=tuple(snapshot.get("expertise") or ()),
        years_of_practice=int(snapshot.get("years_of_practice") or 0),
        employer=snapshot.get("employer") or None,
        formats=frozenset(snapshot.get("formats") or ("video",)),
        city=snapshot.get("city") or None,
        open_to_other_regions=bool(snapshot.get("open_to_other_regions", True)),
        identities=frozenset(identity_token(code) for code in snapshot.get("identities") or ()
                             if code in _IDENTITY_POSITION),
    )
