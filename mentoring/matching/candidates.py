"""The allowed pairs a matching is chosen from, with their scores as exact integers.

The solver needs integer costs to be exact, so a score is held as a whole number of millionths: scores are exact to
6 decimal places. A score given with more decimals is rounded half-even to 6 (the rounding moves a pair's score by
at most half a millionth, far below any difference staff weights can express). Scores must lie within
+-MAX_ABS_SCORE so that the solver's scaled integer costs cannot overflow.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation

import numpy as np

SCORE_PLACES = 6
MILLIONTHS = 10**SCORE_PLACES
MAX_ABS_SCORE = Decimal(10) ** 6
_QUANTUM = Decimal(1).scaleb(-SCORE_PLACES)


class CandidateError(ValueError):
    """Pairs, scores or capacities the matcher cannot use; the message says which and why."""


def score_to_millionths(score: Decimal | int | str) -> int:
    """`score` as a whole number of millionths, rounded half-even; refuses non-numbers, NaN, infinity, huge values."""
    try:
        value = score if isinstance(score, Decimal) else Decimal(score)
    except (InvalidOperation, TypeError, ValueError) as error:
        raise CandidateError(f"score {score!r} is not a number") from error
    if not value.is_finite():
        raise CandidateError(f"score {score!r} is not a finite number")
    if not -MAX_ABS_SCORE <= value <= MAX_ABS_SCORE:  # compared, not abs(): abs() of 1e999999999 overflows
        raise CandidateError(f"score {score!r} is outside -{MAX_ABS_SCORE:,} to {MAX_ABS_SCORE:,}")
    return int(value.quantize(_QUANTUM, rounding=ROUND_HALF_EVEN).scaleb(SCORE_PLACES))


def millionths_to_score(millionths: int) -> Decimal:
    """The exact decimal a number of millionths stands for, without trailing zeros (4500000 -> 4.5)."""
    value = Decimal(int(millionths)).scaleb(-SCORE_PLACES).normalize()
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value


@dataclass(frozen=True, eq=False)
class Candidates:
    """Every mentee and mentor of a round, the mentors' capacities and the allowed pairs (index arrays).

    `excluded_by_rule` counts, per hard rule, the pairs that rule excluded (a pair breaking two rules counts under
    both); it is empty when the pairs came from elsewhere (a CSV file) and the rules are not known. Each pair must
    appear once: `from_pairs` and scoring.py guarantee it; building one directly, the caller does.
    """

    mentee_ids: tuple[str, ...]
    mentor_ids: tuple[str, ...]
    capacities: np.ndarray  # int64, one per mentor
    edge_mentee: np.ndarray  # int32 index into mentee_ids
    edge_mentor: np.ndarray  # int32 index into mentor_ids
    edge_score: np.ndarray  # int64 millionths
    excluded_by_rule: Mapping[str, int] = field(default_factory=dict)
    candidate_pairs: int = 0  # every mentee x mentor pair considered (0 when unknown)

    def __post_init__(self) -> None:
        if len(set(self.mentee_ids)) != len(self.mentee_ids):
            raise CandidateError("a mentee id is given twice")
        if len(set(self.mentor_ids)) != len(self.mentor_ids):
            raise CandidateError("a mentor id is given twice")
        if len(self.capacities) != len(self.mentor_ids):
            raise CandidateError("there must be one capacity per mentor")
        if len(self.capacities) and int(np.min(self.capacities)) < 0:
            raise CandidateError("a capacity is negative")
        for name in ("capacities", "edge_mentee", "edge_mentor", "edge_score"):
            if not np.issubdtype(np.asarray(getattr(self, name)).dtype, np.integer):
                raise CandidateError(f"{name} must hold integers (scores as whole millionths)")
        sizes = {len(self.edge_mentee), len(self.edge_mentor), len(self.edge_score)}
        if len(sizes) != 1:
            raise CandidateError("edge arrays differ in length")
        if len(self.edge_mentee):
            if not (0 <= int(self.edge_mentee.min()) and int(self.edge_mentee.max()) < len(self.mentee_ids)):
                raise CandidateError("an edge names a mentee index out of range")
            if not (0 <= int(self.edge_mentor.min()) and int(self.edge_mentor.max()) < len(self.mentor_ids)):
                raise CandidateError("an edge names a mentor index out of range")
            limit = int(MAX_ABS_SCORE) * MILLIONTHS
            if int(np.abs(self.edge_score).max()) > limit:
                raise CandidateError(f"a score is outside -{MAX_ABS_SCORE:,} to {MAX_ABS_SCORE:,}")

    @property
    def edge_count(self) -> int:
        return len(self.edge_score)

    @classmethod
    def from_pairs(
        cls,
        pairs: Iterable[tuple[str, str, Decimal | int | str]],
        capacities: Mapping[str, int],
        mentees: Iterable[str] = (),
    ) -> Candidates:
        """From (mentee, mentor, score) triples; every mentor in a pair needs a capacity.

        Mentees appear in the order first seen (`mentees` first, then the pairs); mentors in `capacities` order.
        """
        mentee_index: dict[str, int] = {}
        for mentee in mentees:
            mentee_index.setdefault(mentee, len(mentee_index))
        mentor_index = {mentor: position for position, mentor in enumerate(capacities)}
        seen: set[tuple[str, str]] = set()
        rows: list[tuple[int, int, int]] = []
        for mentee, mentor, score in pairs:
            if not mentee or not mentor:
                raise CandidateError("a pair has an empty mentee or mentor id")
            if mentor not in mentor_index:
                raise CandidateError(f"mentor {mentor!r} has no capacity")
            if (mentee, mentor) in seen:
                raise CandidateError(f"pair ({mentee!r}, {mentor!r}) is given twice")
            seen.add((mentee, mentor))
            rows.append((mentee_index.setdefault(mentee, len(mentee_index)), mentor_index[mentor],
                         score_to_millionths(score)))
        for mentor, capacity in capacities.items():
            if isinstance(capacity, bool) or not isinstance(capacity, int) or capacity < 0:
                raise CandidateError(f"mentor {mentor!r}: capacity {capacity!r} is not a whole number >= 0")
        columns = list(zip(*rows, strict=True)) if rows else [(), (), ()]
        return cls(
            mentee_ids=tuple(mentee_index),
            mentor_ids=tuple(mentor_index),
            capacities=np.array(list(capacities.values()), dtype=np.int64),
            edge_mentee=np.array(columns[0], dtype=np.int32),
            edge_mentor=np.array(columns[1], dtype=np.int32),
            edge_score=np.array(columns[2], dtype=np.int64),
        )
