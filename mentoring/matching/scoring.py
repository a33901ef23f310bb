"""How good an allowed pair is: a weighted sum of criteria whose weights staff set per round.

Every criterion gives a value from 0 to 1, and the score is the sum of weight x value, held as whole millionths
(candidates.py):

- expertise: the share of the mentee's wanted topics the mentor has (0 when the mentee named none);
- language: 1 when the mentor speaks the mentee's first language, 0.5 when they share only another one;
- career_stage: by how many stages the mentor is ahead: one or two 1.0, three 0.5, four 0.25 (a step or two ahead
  is the usual advice; a far larger gap makes a less relatable mentor);
- availability: weekly overlap hours / the round's full-credit hours, capped at 1;
- region: 1 when the mentee asked for a region (must or wish) and the mentor is in it;
- identity: 1 when the mentee asked for a mentor sharing a self-described identity and the mentor does.

Meeting formats and goals are carried by the profiles for the directory but not scored: the issue's criteria do not
include them. Scoring runs over blocks of mentees x every mentor with numpy (10,000 x 2,000 pairs in seconds); the
criteria are computed by one function, `criterion_values`, both for all allowed pairs and for explaining a chosen
one, so a pair's explanation and its score come from the same numbers.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass, fields
from functools import cached_property

import numpy as np

from . import explanation as words
from .candidates import MILLIONTHS, Candidates, millionths_to_score
from .columns import NO_ID, RoundColumns, round_columns
from .hard_rules import HARD_RULES, any_shared, broken_rules, overlap_hours, shared_bits
from .profiles import MenteeProfile, MentorProfile, ProfileError

STAGE_GAP_VALUE = np.array([0.0, 1.0, 1.0, 0.5, 0.25])  # indexed by stages ahead (0 never reaches scoring)
MAX_WEIGHT = 100
BLOCK_MENTEES = 256  # mentees scored against every mentor at once; bounds the block's temporary arrays


@dataclass(frozen=True)
class CriterionWeights:
    """Staff's weight per criterion for a round, each 0 to MAX_WEIGHT."""

    expertise: float = 3.0
    language: float = 1.0
    career_stage: float = 1.0
    availability: float = 2.0
    region: float = 1.0
    identity: float = 1.0

    def __post_init__(self) -> None:
        for criterion in fields(self):
            value = getattr(self, criterion.name)
            try:
                number = float(value)
            except (TypeError, ValueError) as error:
                raise ProfileError(f"weight for {criterion.name} is not a number: {value!r}") from error
            if not 0 <= number <= MAX_WEIGHT:  # also refuses NaN
                raise ProfileError(f"weight for {criterion.name} must be 0 to {MAX_WEIGHT}, got {value!r}")
            object.__setattr__(self, criterion.name, number)


@dataclass(frozen=True)
class RoundSettings:
    """A round's weights and its availability thresholds (hours a week, in the reference week)."""

    weights: CriterionWeights = CriterionWeights()
    min_overlap_hours: int = 2
    full_credit_overlap_hours: int = 4

    def __post_init__(self) -> None:
        if not 0 <= self.min_overlap_hours <= 168:
            raise ProfileError(f"minimum overlap must be 0 to 168 hours a week, got {self.min_overlap_hours}")
        if not 1 <= self.full_credit_overlap_hours <= 168:
            raise ProfileError(
                f"full-credit overlap must be 1 to 168 hours a week, got {self.full_credit_overlap_hours}"
            )


@dataclass(frozen=True, eq=False)
class CriterionValues:
    """Per pair (arrays aligned with the mentee and mentor index arrays): each criterion's value and its evidence."""

    expertise: np.ndarray
    language: np.ndarray
    career_stage: np.ndarray
    availability: np.ndarray
    region: np.ndarray
    identity: np.ndarray
    shared_languages: np.ndarray  # (k, words) bitmask
    shared_topics: np.ndarray  # (k, words) bitmask
    overlap_hours: np.ndarray  # int64
    stages_ahead: np.ndarray  # int64

    def millionths(self, weights: CriterionWeights) -> np.ndarray:
        total = (
            weights.expertise * self.expertise
            + weights.language * self.language
            + weights.career_stage * self.career_stage
            + weights.availability * self.availability
            + weights.region * self.region
            + weights.identity * self.identity
        )
        return np.rint(total * MILLIONTHS).astype(np.int64)


def criterion_values(columns: RoundColumns, settings: RoundSettings, mentee: np.ndarray, mentor: np.ndarray,
                     evidence: bool = True) -> CriterionValues:
    """The criteria for the pairs (mentee[k], mentor[k]); the pairs are assumed allowed.

    Without `evidence` the shared-language and shared-topic masks (needed only to explain) are left empty.
    """
    mentees, mentors = columns.mentees, columns.mentors
    wanted_topics, expertise_held = mentees.wanted_topics[mentee], mentors.expertise[mentor]
    mentor_languages = mentors.languages[mentor]
    wanted = mentees.wanted_topic_count[mentee]
    shared_count = shared_bits(wanted_topics, expertise_held)
    expertise = np.divide(shared_count, wanted, out=np.zeros(len(mentee)), where=wanted > 0)
    first_language = any_shared(mentees.first_language[mentee], mentor_languages)
    overlap = overlap_hours(mentees.availability[mentee], mentors.availability[mentor])
    ahead = np.clip(mentors.stage[mentor].astype(np.int64) - mentees.stage[mentee], 0, len(STAGE_GAP_VALUE) - 1)
    wanted_region = mentees.wanted_region[mentee]
    empty = np.zeros((0, 1), dtype=np.uint64)
    return CriterionValues(
        expertise=expertise,
        language=np.where(first_language, 1.0, 0.5),
        career_stage=STAGE_GAP_VALUE[ahead],
        availability=np.minimum(overlap, settings.full_credit_overlap_hours) / settings.full_credit_overlap_hours,
        region=((wanted_region != NO_ID) & (wanted_region == mentors.region[mentor])).astype(np.float64),
        identity=any_shared(mentees.wanted_identities[mentee], mentors.identities[mentor]).astype(np.float64),
        shared_languages=np.bitwise_and(mentees.languages[mentee], mentor_languages) if evidence else empty,
        shared_topics=np.bitwise_and(wanted_topics, expertise_held) if evidence else empty,
        overlap_hours=overlap.astype(np.int64),
        stages_ahead=ahead,
    )


@dataclass(frozen=True, eq=False)
class ScoredRound:
    """A round's allowed pairs with their scores, and what is needed to explain any of them."""

    candidates: Candidates
    columns: RoundColumns
    settings: RoundSettings
    mentee_profiles: Sequence[MenteeProfile]

    @cached_property
    def _mentee_row(self) -> dict[str, int]:
        return {mentee_id: row for row, mentee_id in enumerate(self.columns.mentees.ids)}

    @cached_property
    def _mentor_row(self) -> dict[str, int]:
        return {mentor_id: row for row, mentor_id in enumerate(self.columns.mentors.ids)}

    def explain(self, mentee_id: str, mentor_id: str) -> words.Explanation:
        """Why this (allowed) pair scores what it does, from the same criterion values as its score."""
        return self.explain_pairs([(mentee_id, mentor_id)])[(mentee_id, mentor_id)]

    def explain_pairs(self, pairs: Sequence[tuple[str, str]]) -> dict[tuple[str, str], words.Explanation]:
        """Explanations for many (allowed) pairs at once, e.g. every pair of a proposal."""
        try:
            mentee = np.array([self._mentee_row[mentee_id] for mentee_id, _ in pairs], dtype=np.int64)
            mentor = np.array([self._mentor_row[mentor_id] for _, mentor_id in pairs], dtype=np.int64)
        except KeyError as error:
            raise ProfileError(f"{error.args[0]!r} is not in this round") from error
        values = criterion_values(self.columns, self.settings, mentee, mentor)
        scores = values.millionths(self.settings.weights)
        weights = self.settings.weights
        explained = {}
        for k, pair in enumerate(pairs):
            profile = self.mentee_profiles[int(mentee[k])]
            parts: list[words.ExplanationPart] = []
            if weights.language > 0:
                shared = self.columns.languages.terms_in(values.shared_languages[k])
                parts.append(words.ExplanationPart(
                    words.SHARED_LANGUAGES, tuple(x for x in dict.fromkeys(profile.languages) if x in shared)
                ))
            if weights.expertise > 0 and values.expertise[k] > 0:
                shared = self.columns.topics.terms_in(values.shared_topics[k])
                parts.append(words.ExplanationPart(
                    words.SHARED_EXPERTISE, tuple(x for x in dict.fromkeys(profile.wanted_expertise) if x in shared)
                ))
            if weights.availability > 0 and values.availability[k] > 0:
                parts.append(words.ExplanationPart(words.OVERLAP_HOURS, number=int(values.overlap_hours[k])))
            if weights.career_stage > 0 and values.career_stage[k] > 0:
                parts.append(words.ExplanationPart(words.CAREER_STAGES_AHEAD, number=int(values.stages_ahead[k])))
            if weights.region > 0 and values.region[k] > 0 and profile.region_preference is not None:
                parts.append(words.ExplanationPart(words.PREFERRED_REGION, (profile.region_preference.region,)))
            if weights.identity > 0 and values.identity[k] > 0:
                parts.append(words.ExplanationPart(words.SHARED_IDENTITY))
            explained[pair] = words.Explanation(tuple(parts), millionths_to_score(int(scores[k])))
        return explained


def score_round(
    mentees: Sequence[MenteeProfile],
    mentors: Sequence[MentorProfile],
    settings: RoundSettings = RoundSettings(),
    bad_pairings: Collection[tuple[str, str]] = (),
) -> ScoredRound:
    """Apply the hard rules to every mentee x mentor pair and score the allowed ones.

    `bad_pairings` holds (mentee id, mentor id) of past pairings that ended badly; ids not in the round are ignored.
    """
    for side, people in (("mentee", mentees), ("mentor", mentors)):
        seen: set[str] = set()
        for person in people:
            if person.id in seen:
                raise ProfileError(f"{side} {person.id!r} appears twice")
            seen.add(person.id)
    columns = round_columns(mentees, mentors)
    mentee_index = {mentee_id: row for row, mentee_id in enumerate(columns.mentees.ids)}
    mentor_index = {mentor_id: row for row, mentor_id in enumerate(columns.mentors.ids)}
    bad_mentors_of: dict[int, list[int]] = defaultdict(list)
    for mentee_id, mentor_id in bad_pairings:
        if mentee_id in mentee_index and mentor_id in mentor_index:
            bad_mentors_of[mentee_index[mentee_id]].append(mentor_index[mentor_id])

    excluded = dict.fromkeys(HARD_RULES, 0)
    chosen_mentees: list[np.ndarray] = []
    chosen_mentors: list[np.ndarray] = []
    for start in range(0, len(mentees), BLOCK_MENTEES):
        block = slice(start, min(start + BLOCK_MENTEES, len(mentees)))
        broken = broken_rules(columns, block, settings.min_overlap_hours, bad_mentors_of)
        allowed = np.ones((block.stop - block.start, len(mentors)), dtype=bool)
        for rule, mask in broken.items():
            excluded[rule] += int(np.count_nonzero(mask))
            allowed &= ~mask
        rows, cols = np.nonzero(allowed)
        chosen_mentees.append((rows + start).astype(np.int32))
        chosen_mentors.append(cols.astype(np.int32))
    edge_mentee = np.concatenate(chosen_mentees) if chosen_mentees else np.zeros(0, dtype=np.int32)
    edge_mentor = np.concatenate(chosen_mentors) if chosen_mentors else np.zeros(0, dtype=np.int32)
    scores = criterion_values(columns, settings, edge_mentee, edge_mentor, evidence=False).millionths(settings.weights)
    candidates = Candidates(
        mentee_ids=columns.mentees.ids,
        mentor_ids=columns.mentors.ids,
        capacities=columns.mentors.capacity,
        edge_mentee=edge_mentee,
        edge_mentor=edge_mentor,
        edge_score=scores,
        excluded_by_rule=excluded,
        candidate_pairs=len(mentees) * len(mentors),
    )
    return ScoredRound(candidates, columns, settings, mentees)

