"""The mentoring matching engine: plain Python (numpy, OR-Tools), no Django.

- profiles.py: what scoring needs to know about mentors and mentees;
- availability.py: weekly windows as UTC hour masks; columns.py: profiles as numpy columns;
- hard_rules.py: which pairs are never allowed; scoring.py: the weighted score of the others;
- candidates.py: allowed pairs with exact integer scores; flow.py: the exact optimum as a min-cost max-flow;
- fairness.py: the fairness floor; solver.py: a round's assignment with staff's fixed and forbidden pairs;
- explanation.py: the words staff read; proposal.py: all of it in one call;
- files.py and __main__.py: the same solver from CSV files on the command line.
"""

from .candidates import CandidateError, Candidates
from .explanation import Explanation, ExplanationPart
from .fairness import FairnessReport
from .profiles import (
    CAREER_STAGES,
    AvailabilityWindow,
    IdentityPreference,
    MenteeProfile,
    MentorProfile,
    ProfileError,
    RegionPreference,
    Strength,
)
from .proposal import Proposal, propose
from .scoring import CriterionWeights, RoundSettings, ScoredRound, score_round
from .solver import Match, MatchingRefused, MatchingResult, solve

__all__ = [
    "CAREER_STAGES",
    "AvailabilityWindow",
    "CandidateError",
    "Candidates",
    "CriterionWeights",
    "Explanation",
    "ExplanationPart",
    "FairnessReport",
    "IdentityPreference",
    "Match",
    "MatchingRefused",
    "MatchingResult",
    "MenteeProfile",
    "MentorProfile",
    "ProfileError",
    "Proposal",
    "RegionPreference",
    "RoundSettings",
    "ScoredRound",
    "Strength",
    "propose",
    "score_round",
    "solve",
]
