"""A round's proposal in one call: hard rules and scores for every pair, the exact optimum, and an explanation for
each proposed pair. This is what the Django side calls; it can also call the steps (scoring, solver) itself."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from .explanation import Explanation
from .profiles import MenteeProfile, MentorProfile
from .scoring import RoundSettings, ScoredRound, score_round
from .solver import MatchingResult, solve


@dataclass(frozen=True)
class Proposal:
    result: MatchingResult
    explanations: Mapping[tuple[str, str], Explanation]  # by (mentee id, mentor id), one per proposed pair
    scored: ScoredRound


def propose(
    mentees: Sequence[MenteeProfile],
    mentors: Sequence[MentorProfile],
    settings: RoundSettings | None = None,
    *,
    bad_pairings: Collection[tuple[str, str]] = (),
    fixed_pairs: Collection[tuple[str, str]] = (),
    forbidden_pairs: Collection[tuple[str, str]] = (),
    under_represented: Collection[str] | None = None,
) -> Proposal:
    """Score the round, solve it exactly, explain the chosen pairs."""
    scored = score_round(mentees, mentors, settings or RoundSettings(), bad_pairings)
    result = solve(scored.candidates, fixed_pairs=fixed_pairs, forbidden_pairs=forbidden_pairs,
                   under_represented=under_represented)
    explanations = scored.explain_pairs([(match.mentee, match.mentor) for match in result.matches])
    return Proposal(result, explanations, scored)
