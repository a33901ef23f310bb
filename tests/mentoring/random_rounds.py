"""Random small rounds for the solver's tests and benchmarks, and what must hold of any result."""

from __future__ import annotations

import random
from decimal import Decimal

from mentoring.matching import Candidates, MatchingResult

SCORES = [Decimal(x) for x in ("-3", "-1", "0", "0", "1", "2", "2", "5", "0.5", "1.000001", "7.25")]


def random_round(rng: random.Random, max_mentees: int = 6, max_mentors: int = 4, density: float = 0.5):
    mentees = [f"e{i}" for i in range(rng.randint(1, max_mentees))]
    mentors = [f"M{j}" for j in range(rng.randint(1, max_mentors))]
    capacity = {mentor: rng.choice((0, 1, 1, 2, 2)) if rng.random() < 0.1 else rng.choice((1, 2)) for mentor in mentors}
    edges = {(e, m): rng.choice(SCORES) for e in mentees for m in mentors if rng.random() < density}
    candidates = Candidates.from_pairs(((e, m, s) for (e, m), s in edges.items()), capacity, mentees)
    return mentees, capacity, edges, candidates


def assert_valid(result: MatchingResult, edges: dict, capacity: dict, mentees: list[str]) -> None:
    """What must hold of any result: allowed pairs with their own scores, capacities, each mentee at most once."""
    for match in result.matches:
        assert (match.mentee, match.mentor) in edges
        assert match.score == edges[match.mentee, match.mentor]
    load: dict[str, int] = {}
    for match in result.matches:
        load[match.mentor] = load.get(match.mentor, 0) + 1
    assert all(load[mentor] <= capacity[mentor] for mentor in load)
    matched = [match.mentee for match in result.matches]
    assert len(matched) == len(set(matched)) == result.matched_count
    assert set(result.unmatched_mentees) == set(mentees) - set(matched)
    assert result.total_score == sum((m.score for m in result.matches), Decimal(0))
