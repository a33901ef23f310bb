"""The fairness floor against brute force: every feasible assignment enumerated, the floor applied exactly as
fairness.py defines it, then the most matched and the best score among those that meet it."""

from __future__ import annotations

import random
from decimal import Decimal

import pytest

from mentoring.matching import Candidates, MatchingRefused, solve
from mentoring.matching.fairness import fewest_group_matches
from tests.mentoring.brute_force import assignments, best, meets_floor
from tests.mentoring.random_rounds import assert_valid, random_round


def brute_force_floor(mentees, edges, capacity, group, fixed=()):
    found = list(assignments(mentees, edges, capacity, fixed=fixed))
    others = set(mentees) - group
    most_group = max(a.matched(group) for a in found)
    fair = [a for a in found if meets_floor(a, group, others, most_group)]
    return best(found), best(fair), most_group


def test_the_floor_gives_the_brute_force_optimum_on_300_random_rounds():
    rng = random.Random(424242)
    bound = unbound = 0
    for _ in range(300):
        mentees, capacity, edges, candidates = random_round(rng, max_mentees=7, max_mentors=4, density=0.45)
        group = {mentee for mentee in mentees if rng.random() < 0.4}
        result = solve(candidates, under_represented=sorted(group))
        assert_valid(result, edges, capacity, mentees)
        plain, fair, most_group = brute_force_floor(mentees, edges, capacity, group)
        assert (result.matched_count, result.total_score) == fair
        assert fair[0] == plain[0]  # the floor never costs a match
        report = result.fairness
        assert report is not None
        assert report.floor_met
        assert report.most_group_matchable == most_group
        assert (report.group_size, report.others_size) == (len(group), len(mentees) - len(group))
        matched = {match.mentee for match in result.matches}
        assert report.group_matched == len(matched & group)
        assert report.others_matched == len(matched - group)
        assert report.floor_bound == (plain[1] > fair[1])
        assert report.score_given_up == plain[1] - fair[1]
        bound += report.floor_bound
        unbound += not report.floor_bound
    assert bound >= 10 and unbound >= 10  # both cases were exercised


def test_the_floor_with_fixed_pairs_matches_brute_force():
    rng = random.Random(99)
    checked = 0
    while checked < 80:
        mentees, capacity, edges, candidates = random_round(rng, max_mentees=6, max_mentors=4, density=0.5)
        usable = [pair for pair in sorted(edges) if capacity[pair[1]] > 0]
        if not usable:
            continue
        fixed = [rng.choice(usable)]
        group = {mentee for mentee in mentees if rng.random() < 0.5}
        result = solve(candidates, fixed_pairs=fixed, under_represented=sorted(group))
        _, fair, most_group = brute_force_floor(mentees, edges, capacity, group, fixed)
        assert (result.matched_count, result.total_score) == fair
        assert result.fairness.most_group_matchable == most_group
        assert fixed[0] in {(m.mentee, m.mentor) for m in result.matches}
        checked += 1


def test_the_floor_binds_and_the_report_says_what_it_cost():
    """Two mentors; the best pairs go to the others, but the group asked for support and can be matched too."""
    candidates = Candidates.from_pairs(
        [("o1", "M1", 10), ("o2", "M2", 10), ("u1", "M1", 1), ("u2", "M2", 2)], {"M1": 1, "M2": 1}
    )
    plain = solve(candidates)
    assert {m.mentee for m in plain.matches} == {"o1", "o2"}
    result = solve(candidates, under_represented=["u1", "u2"])
    # 2 matches either way; the group's fair share of 2 among 2 + 2 is 1, and the cheaper way to give it is u2 at M2
    assert {(m.mentee, m.mentor) for m in result.matches} == {("o1", "M1"), ("u2", "M2")}
    report = result.fairness
    assert (report.group_matched, report.others_matched) == (1, 1)
    assert report.group_rate == report.others_rate == 0.5
    assert report.floor_bound and report.score_given_up == Decimal(8)


def test_the_floor_never_trades_a_match_away_when_the_group_cannot_be_matched():
    """u1 has no allowed mentor: the rates can never be equal, and the floor must not empty the round to equalise
    them (matched_U = K = 0 meets the floor)."""
    candidates = Candidates.from_pairs([("o1", "M1", 3), ("o2", "M1", 2)], {"M1": 2}, mentees=["u1"])
    result = solve(candidates, under_represented=["u1"])
    assert result.matched_count == 2
    assert result.fairness.group_matched == 0 == result.fairness.most_group_matchable
    assert result.fairness.floor_met and not result.fairness.floor_bound


def test_an_empty_group_or_a_round_of_only_the_group_leaves_the_optimum_alone():
    candidates = Candidates.from_pairs([("a", "M1", 3), ("b", "M1", 2)], {"M1": 1})
    for group in ([], ["a", "b"]):
        result = solve(candidates, under_represented=group)
        assert result.total_score == 3 and not result.fairness.floor_bound
    assert solve(candidates, under_represented=[]).fairness.group_rate is None


def test_unknown_group_members_are_refused():
    candidates = Candidates.from_pairs([("a", "M1", 3)], {"M1": 1})
    with pytest.raises(MatchingRefused, match="under-represented mentee 'z' is not in the round"):
        solve(candidates, under_represented=["z"])


@pytest.mark.parametrize(
    ("sizes", "counts", "expected"),
    [
        ((2, 2), (2, 2, 2), 1),  # the fair share of 2 among 2 + 2
        ((1, 9), (5, 1, 5), 1),  # ceil(5 x 1 / 10) = 1
        ((5, 5), (4, 1, 4), 1),  # the group can only ever have 1: K caps the share
        ((5, 5), (6, 5, 2), 4),  # the others can take only 2 of 6, so the group must take 4
        ((5, 5), (6, 5, 6), 3),  # ceil(6 x 5 / 10) = 3
        ((0, 5), (3, 0, 3), 0),
    ],
)
def test_fewest_group_matches(sizes, counts, expected):
    group_size, others_size = sizes
    most_matched, most_group, most_others = counts
    assert fewest_group_matches(group_size, others_size, most_matched, most_group, most_others) == expected
