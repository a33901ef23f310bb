"""Profiles as numpy columns, so hard rules and criteria run over whole blocks of pairs at once.

Sets (languages, topics, identities) become bitmasks over the round's vocabulary, names (regions, employers) become
integer ids, availability becomes three uint64 words per person (see availability.py). Employers and self-described
identities are compared case- and space-insensitively; languages, topics and regions are codes and compared as given.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from .availability import MASK_WORDS, mask_words, week_mask
from .profiles import MenteeProfile, MentorProfile, Strength, stage_rank

NO_ID = -1


def normalised(text: str) -> str:
    """Free text as compared: case-folded, runs of spaces collapsed."""
    return " ".join(text.casefold().split())


class Vocabulary:
    """Terms numbered in first-seen order; a set of terms becomes a row of uint64 words with their bits set."""

    def __init__(self, terms: Iterable[str]):
        self.terms: tuple[str, ...] = tuple(dict.fromkeys(terms))
        self.bit = {term: position for position, term in enumerate(self.terms)}
        self.words = max(1, -(-len(self.terms) // 64))

    def encode(self, groups: Sequence[Iterable[str]]) -> np.ndarray:
        masks = np.zeros((len(groups), self.words), dtype=np.uint64)
        for row, group in enumerate(groups):
            value = 0
            for term in group:
                value |= 1 << self.bit[term]
            for word in range(self.words):
                masks[row, word] = (value >> (64 * word)) & (2**64 - 1)
        return masks

    def terms_in(self, row: np.ndarray) -> frozenset[str]:
        value = sum(int(word) << (64 * position) for position, word in enumerate(row))
        return frozenset(term for term, bit in self.bit.items() if value >> bit & 1)


class Ids:
    """Names numbered in first-seen order; None (unknown) is NO_ID and equals nothing."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}

    def of(self, name: str | None) -> int:
        if name is None or not name.strip():
            return NO_ID
        return self.index.setdefault(name, len(self.index))


@dataclass(frozen=True, eq=False)
class MenteeColumns:
    ids: tuple[str, ...]
    stage: np.ndarray  # int8 rank
    languages: np.ndarray  # (n, words) uint64
    first_language: np.ndarray  # (n, words) uint64
    wanted_topics: np.ndarray  # (n, words) uint64
    wanted_topic_count: np.ndarray  # int64
    region: np.ndarray  # int32
    wanted_region: np.ndarray  # int32, NO_ID without a region preference
    region_is_must: np.ndarray  # bool
    wanted_identities: np.ndarray  # (n, words) uint64, zero without an identity preference
    identity_is_must: np.ndarray  # bool
    employer: np.ndarray  # int32, NO_ID when unknown
    availability: np.ndarray  # (n, 3) uint64


@dataclass(frozen=True, eq=False)
class MentorColumns:
    ids: tuple[str, ...]
    stage: np.ndarray
    languages: np.ndarray
    expertise: np.ndarray
    region: np.ndarray
    open_to_other_regions: np.ndarray  # bool
    identities: np.ndarray
    employer: np.ndarray
    availability: np.ndarray
    capacity: np.ndarray  # int64


@dataclass(frozen=True, eq=False)
class RoundColumns:
    """Both sides of a round, sharing one vocabulary per kind of term."""

    mentees: MenteeColumns
    mentors: MentorColumns
    languages: Vocabulary
    topics: Vocabulary
    identities: Vocabulary
    regions: tuple[str, ...]


def round_columns(mentees: Sequence[MenteeProfile], mentors: Sequence[MentorProfile]) -> RoundColumns:
    languages = Vocabulary([*(x for p in mentees for x in p.languages), *(x for p in mentors for x in p.languages)])
    topics = Vocabulary([*(x for p in mentees for x in p.wanted_expertise), *(x for p in mentors for x in p.expertise)])
    identity_groups_wanted = [
        [normalised(x) for x in (p.identity_preference.identities if p.identity_preference else ())] for p in mentees
    ]
    identity_groups_held = [[normalised(x) for x in p.identities] for p in mentors]
    identities = Vocabulary(
        [*(x for g in identity_groups_wanted for x in g), *(x for g in identity_groups_held for x in g)]
    )
    regions, employers = Ids(), Ids()

    def availability(people: Sequence[MenteeProfile | MentorProfile]) -> np.ndarray:
        masks = np.zeros((len(people), MASK_WORDS), dtype=np.uint64)
        for row, person in enumerate(people):
            masks[row] = mask_words(week_mask(person.availability, person.time_zone))
        return masks

    mentee_columns = MenteeColumns(
        ids=tuple(p.id for p in mentees),
        stage=np.array([stage_rank(p.career_stage) for p in mentees], dtype=np.int8),
        languages=languages.encode([p.languages for p in mentees]),
        first_language=languages.encode([p.languages[:1] for p in mentees]),
        wanted_topics=topics.encode([p.wanted_expertise for p in mentees]),
        wanted_topic_count=np.array([len(set(p.wanted_expertise)) for p in mentees], dtype=np.int64),
        region=np.array([regions.of(p.region) for p in mentees], dtype=np.int32),
        wanted_region=np.array(
            [regions.of(p.region_preference.region) if p.region_preference else NO_ID for p in mentees],
            dtype=np.int32,
        ),
        region_is_must=np.array(
            [p.region_preference is not None and p.region_preference.strength is Strength.MUST for p in mentees],
            dtype=bool,
        ),
        wanted_identities=identities.encode(identity_groups_wanted),
        identity_is_must=np.array(
            [p.identity_preference is not None and p.identity_preference.strength is Strength.MUST for p in mentees],
            dtype=bool,
        ),
        employer=np.array([employers.of(normalised(p.employer) if p.employer else None) for p in mentees],
                          dtype=np.int32),
        availability=availability(mentees),
    )
    mentor_columns = MentorColumns(
        ids=tuple(p.id for p in mentors),
        stage=np.array([stage_rank(p.career_stage) for p in mentors], dtype=np.int8),
        languages=languages.encode([p.languages for p in mentors]),
        expertise=topics.encode([p.expertise for p in mentors]),
        region=np.array([regions.of(p.region) for p in mentors], dtype=np.int32),
        open_to_other_regions=np.array([p.open_to_other_regions for p in mentors], dtype=bool),
        identities=identities.encode(identity_groups_held),
        employer=np.array([employers.of(normalised(p.employer) if p.employer else None) for p in mentors],
                          dtype=np.int32),
        availability=availability(mentors),
        capacity=np.array([p.capacity for p in mentors], dtype=np.int64),
    )
    return RoundColumns(mentee_columns, mentor_columns, languages, topics, identities, tuple(regions.index))
