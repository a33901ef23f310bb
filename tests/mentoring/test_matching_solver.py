"""The solver: the exact optimum (most matched, then best score) against brute force, capacities and allowed pairs on
every result, staff's fixed and forbidden pairs, and rounds where nothing can be matched."""

from __future__ import annotations

import random
from decimal import Decimal

import numpy as np
import pytest

from mentoring.matching import Candidates, MatchingRefused, solve
from mentoring.matching.candidates import CandidateError, millionths_to_score, score_to_millionths
from mentoring.matching.flow import Network, best_assignment
from tests.mentoring.brute_force import assignments, best
from tests.mentoring.random_rounds import assert_valid, random_round


def test_the_solver_finds_the_brute_force_optimum_on_200_random_rounds():
    rng = random.Random(20240601)
    differing_counts = 0
    for _ in range(200):
        mentees, capacity, edges, candidates = random_round(rng)
        result = solve(candidates)
        assert_valid(result, edges, capacity, mentees)
        count, score = best(list(assignments(mentees, edges, capacity)))
        assert (result.matched_count, result.total_score) == (count, score)
        # how often "most matched first" differs from "best score first" (negative scores make them differ)
        best_score = max(a.score for a in assignments(mentees, edges, capacity))
        differing_counts += best_score > score
    assert differing_counts > 0  # the random rounds do exercise count-before-score


def test_count_comes_before_score_even_when_a_negative_pair_is_needed():
    candidates = Candidates.from_pairs(
        [("a", "M1", "9"), ("b", "M1", "1"), ("b", "M2", "-5")], {"M1": 1, "M2": 1}
    )
    result = solve(candidates)
    assert result.matched_count == 2
    assert {(m.mentee, m.mentor) for m in result.matches} == {("a", "M1"), ("b", "M2")}
    assert result.total_score == Decimal(4)


def test_solve_max_flow_with_min_cost_maximises_flow_before_cost():
    """OR-Tools 9.15 itself: a cheaper smaller flow is never preferred to a larger one."""
    network = Network(2, np.array([1, 1]), np.array([0, 1, 1], dtype=np.int32), np.array([0, 0, 1], dtype=np.int32),
                      np.array([10_000_000, 9_000_000, -50_000_000], dtype=np.int64))
    chosen = best_assignment(network)
    assert sorted(chosen.tolist()) == [0, 2]


def test_fixed_pairs_are_kept_and_the_rest_is_the_best_around_them():
    rng = random.Random(77)
    checked = 0
    while checked < 60:
        mentees, capacity, edges, candidates = random_round(rng)
        if not edges:
            continue
        fixed = [rng.choice(sorted(edges))]
        forbidden = [pair for pair in sorted(edges) if pair not in fixed and rng.random() < 0.2]
        if capacity[fixed[0][1]] == 0:
            with pytest.raises(MatchingRefused, match="capacity 0 but 1 fixed pairs"):
                solve(candidates, fixed_pairs=fixed, forbidden_pairs=forbidden)
            continue
        result = solve(candidates, fixed_pairs=fixed, forbidden_pairs=forbidden)
        assert_valid(result, edges, capacity, mentees)
        assert fixed[0] in {(m.mentee, m.mentor) for m in result.matches}
        assert not {(m.mentee, m.mentor) for m in result.matches} & set(forbidden)
        expected = best(list(assignments(mentees, edges, capacity, fixed=fixed, forbidden=forbidden)))
        assert (result.matched_count, result.total_score) == expected
        assert result.excluded_by_rule.get("forbidden_by_staff", 0) == len(forbidden)
        checked += 1


def test_fixed_pairs_that_cannot_be_kept_are_refused_with_every_reason():
    candidates = Candidates.from_pairs([("a", "M1", 1), ("b", "M1", 1), ("c", "M2", 1)], {"M1": 1, "M2": 1})
    with pytest.raises(MatchingRefused) as refused:
        solve(candidates, fixed_pairs=[("a", "M1"), ("b", "M1"), ("c", "M1"), ("x", "M1")],
              forbidden_pairs=[("c", "M2")])
    assert refused.value.reasons == (
        "fixed pair (x, M1): mentee 'x' is not in the round",
        "fixed pair (c, M1) is not an allowed pair",
        "mentor 'M1' has capacity 1 but 2 fixed pairs",
    )
    with pytest.raises(MatchingRefused, match=r"fixed pair \(c, M2\) is also forbidden"):
        solve(candidates, fixed_pairs=[("c", "M2")], forbidden_pairs=[("c", "M2")])
    with pytest.raises(MatchingRefused, match="mentee 'a' is fixed to more than one mentor"):
        solve(Candidates.from_pairs([("a", "M1", 1), ("a", "M2", 1)], {"M1": 1, "M2": 1}),
              fixed_pairs=[("a", "M1"), ("a", "M2")])
    with pytest.raises(MatchingRefused, match="mentor 'M9' is not in the round"):
        solve(candidates, forbidden_pairs=[("a", "M9")])


def test_a_round_with_no_allowed_pair_says_so_plainly():
    candidates = Candidates(("a", "b"), ("M1",), np.array([2]), np.zeros(0, np.int32), np.zeros(0, np.int32),
                            np.zeros(0, np.int64), excluded_by_rule={"no_shared_language": 2, "same_employer": 1})
    result = solve(candidates)
    assert result.matches == () and result.matched_count == 0 and result.total_score == 0
    assert result.unmatched_mentees == ("a", "b")
    assert result.reason == ("No mentee has an allowed mentor: every pair breaks a hard rule "
                             "(most often: no shared language)")
    assert result.excluded_by_rule == {"no_shared_language": 2, "same_employer": 1}


def test_rounds_where_staff_or_capacity_leave_nothing_say_why():
    candidates = Candidates.from_pairs([("a", "M1", 1)], {"M1": 1})
    result = solve(candidates, forbidden_pairs=[("a", "M1")])
    assert result.reason == "No mentee has an allowed mentor: staff excluded every allowed pair"
    full = solve(Candidates.from_pairs([("a", "M1", 1)], {"M1": 0}))
    assert full.reason == "No allowed pair can be used: every mentor with one has no capacity left"
    assert solve(Candidates.from_pairs([], {})).reason == "There are no mentees in the round"
    assert solve(candidates).reason is None


def test_scores_are_exact_to_six_places_and_rounded_half_even():
    assert score_to_millionths("1.0000005") == 1_000_000
    assert score_to_millionths("1.0000015") == 1_000_002
    assert score_to_millionths("-2.5") == -2_500_000
    assert score_to_millionths("1e-6") == 1
    assert millionths_to_score(4_500_000) == Decimal("4.5")
    assert str(millionths_to_score(10_000_000)) == "10"
    for bad in ("NaN", "inf", "-Infinity", "abc", "1000000.000001"):
        with pytest.raises(CandidateError):
            score_to_millionths(bad)


def test_candidates_refuse_what_the_solver_cannot_use():
    with pytest.raises(CandidateError, match="mentor 'M2' has no capacity"):
        Candidates.from_pairs([("a", "M2", 1)], {"M1": 1})
    with pytest.raises(CandidateError, match=r"pair \('a', 'M1'\) is given twice"):
        Candidates.from_pairs([("a", "M1", 1), ("a", "M1", 2)], {"M1": 1})
    with pytest.raises(CandidateError, match="capacity -1 is not a whole number"):
        Candidates.from_pairs([("a", "M1", 1)], {"M1": -1})


def test_extreme_scores_stay_exact():
    top = Decimal("1000000")
    candidates = Candidates.from_pairs(
        [("a", "M1", top), ("b", "M1", -top), ("b", "M2", "0.000001"), ("c", "M2", top - Decimal("0.000001"))],
        {"M1": 1, "M2": 1},
    )
    result = solve(candidates)
    assert {(m.mentee, m.mentor) for m in result.matches} == {("a", "M1"), ("c", "M2")}
    assert result.total_score == 2 * top - Decimal("0.000001")


def test_ties_are_broken_the_same_way_every_time():
    candidates = Candidates.from_pairs([(f"e{i}", f"M{j}", 1) for i in range(5) for j in range(3)],
                                       {"M0": 1, "M1": 1, "M2": 1})
    first = solve(candidates)
    assert first.matched_count == 3
    assert all(solve(candidates).matches == first.matches for _ in range(5))
