"""The hard rules: which mentee x mentor pairs may never be proposed, evaluated for a block of mentees at once.

A pair is excluded when they share no language; when they overlap fewer weekly hours than the round requires; when
both name the same employer; when a past pairing of the two ended badly; when the mentor's career stage is not
later than the mentee's (a mentor must be senior, so an executive mentee has no mentor in this scheme); or when a
"must" preference is unmet: the mentee's must-region or must-identity, or the mentor's own "mentees from my region
only" (a mentor who is not open to other regions).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from .columns import NO_ID, RoundColumns

NO_SHARED_LANGUAGE = "no_shared_language"
TOO_LITTLE_OVERLAP = "too_little_overlap"
SAME_EMPLOYER = "same_employer"
PAST_PAIRING_ENDED_BADLY = "past_pairing_ended_badly"
MENTOR_NOT_SENIOR = "mentor_not_senior"
MUST_PREFERENCE_UNMET = "must_preference_unmet"
HARD_RULES: tuple[str, ...] = (
    NO_SHARED_LANGUAGE,
    TOO_LITTLE_OVERLAP,
    SAME_EMPLOYER,
    PAST_PAIRING_ENDED_BADLY,
    MENTOR_NOT_SENIOR,
    MUST_PREFERENCE_UNMET,
)


def any_shared(first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """Whether two bitmask arrays (last axis: words) share any bit, broadcast over the leading axes."""
    shared = np.bitwise_and(first[..., 0], second[..., 0]) != 0
    for word in range(1, first.shape[-1]):
        shared |= np.bitwise_and(first[..., word], second[..., word]) != 0
    return shared


def shared_bits(first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """How many bits two bitmask arrays share (uint8: at most 255, and masks here hold fewer), word by word."""
    count = np.bitwise_count(np.bitwise_and(first[..., 0], second[..., 0]))
    for word in range(1, first.shape[-1]):
        count += np.bitwise_count(np.bitwise_and(first[..., word], second[..., word]))
    return count


def overlap_hours(first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """Shared weekly hours of availability masks (last axis: 3 words, 168 bits), broadcast over the leading axes."""
    return shared_bits(first, second)


def broken_rules(columns: RoundColumns, block: slice, min_overlap_hours: int,
                 bad_mentors_of: Mapping[int, list[int]]) -> dict[str, np.ndarray]:
    """For mentees[block] x every mentor: one boolean matrix per rule, true where the pair breaks it."""
    mentees, mentors = columns.mentees, columns.mentors
    rows = range(*block.indices(len(mentees.ids)))
    shape = (len(rows), len(mentors.ids))

    def pairwise(left: np.ndarray, right: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return left[block][:, None], right[None, :]

    languages = any_shared(mentees.languages[block][:, None, :], mentors.languages[None, :, :])
    overlap = overlap_hours(mentees.availability[block][:, None, :], mentors.availability[None, :, :])
    mentee_employer, mentor_employer = pairwise(mentees.employer, mentors.employer)
    mentee_stage, mentor_stage = pairwise(mentees.stage, mentors.stage)
    mentee_region, mentor_region = pairwise(mentees.region, mentors.region)
    wanted_region = mentees.wanted_region[block][:, None]
    region_must_unmet = mentees.region_is_must[block][:, None] & (wanted_region != mentor_region)
    identity_must_unmet = mentees.identity_is_must[block][:, None] & ~any_shared(
        mentees.wanted_identities[block][:, None, :], mentors.identities[None, :, :]
    )
    closed_region = ~mentors.open_to_other_regions[None, :] & (mentee_region != mentor_region)
    ended_badly = np.zeros(shape, dtype=bool)
    for row, mentee in enumerate(rows):
        if mentee in bad_mentors_of:
            ended_badly[row, bad_mentors_of[mentee]] = True
    return {
        NO_SHARED_LANGUAGE: ~languages,
        TOO_LITTLE_OVERLAP: overlap < min_overlap_hours,
        SAME_EMPLOYER: (mentee_employer == mentor_employer) & (mentee_employer != NO_ID),
        PAST_PAIRING_ENDED_BADLY: ended_badly,
        MENTOR_NOT_SENIOR: mentor_stage <= mentee_stage,
        MUST_PREFERENCE_UNMET: region_must_unmet | identity_must_unmet | closed_region,
    }
