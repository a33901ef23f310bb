"""Choose the pairs of a round: the exact optimum under capacities, staff adjustments and the optional fairness floor.

Order of what is maximised: first the number of mentees matched, then the total score (flow.py), both subject to
every mentor's capacity, the allowed pairs only, staff's fixed pairs (kept, and checked) and forbidden pairs
(removed); with the fairness floor, the floor comes first among maximum-count assignments (fairness.py).
Fixed pairs are taken out before solving (their mentees leave, their mentors' capacity shrinks), which is exactly
"the best assignment that contains them".
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

import numpy as np

from .candidates import Candidates, millionths_to_score
from .explanation import no_match_reason
from .fairness import FairnessReport, fewest_group_matches
from .flow import Network, SolverFailure, best_assignment, most_matchable

FORBIDDEN_BY_STAFF = "forbidden_by_staff"


class MatchingRefused(ValueError):
    """Staff adjustments the matcher cannot honour; `reasons` lists every problem found, in plain sentences."""

    def __init__(self, reasons: Iterable[str]):
        self.reasons = tuple(reasons)
        super().__init__("; ".join(self.reasons))


@dataclass(frozen=True)
class Match:
    mentee: str
    mentor: str
    score: Decimal


@dataclass(frozen=True)
class MatchingResult:
    """The proposal: pairs in mentee order, totals, who is left out, and why nothing matched when nothing did.

    `excluded_by_rule` counts the pairs each hard rule excluded (a pair breaking two counts under both), plus
    "forbidden_by_staff" for allowed pairs staff removed; `reason` is set only when no mentee is matched.
    """

    matches: tuple[Match, ...]
    matched_count: int
    total_score: Decimal
    unmatched_mentees: tuple[str, ...]
    fairness: FairnessReport | None
    excluded_by_rule: dict[str, int] = field(default_factory=dict)
    reason: str | None = None


def solve(
    candidates: Candidates,
    *,
    fixed_pairs: Collection[tuple[str, str]] = (),
    forbidden_pairs: Collection[tuple[str, str]] = (),
    under_represented: Collection[str] | None = None,
) -> MatchingResult:
    """The best assignment of `candidates`; `under_represented` (mentee ids) switches the fairness floor on.

    Refuses (MatchingRefused) unknown ids, fixed pairs that are not allowed, forbidden, repeat a mentee or exceed a
    mentor's capacity.
    """
    mentee_row = {mentee: row for row, mentee in enumerate(candidates.mentee_ids)}
    mentor_row = {mentor: row for row, mentor in enumerate(candidates.mentor_ids)}
    mentees, mentors = len(mentee_row), len(mentor_row)
    problems: list[str] = []

    def known(pairs: Collection[tuple[str, str]], kind: str) -> list[tuple[int, int]]:
        rows = []
        for mentee, mentor in pairs:
            if mentee not in mentee_row:
                problems.append(f"{kind} pair ({mentee}, {mentor}): mentee {mentee!r} is not in the round")
            elif mentor not in mentor_row:
                problems.append(f"{kind} pair ({mentee}, {mentor}): mentor {mentor!r} is not in the round")
            else:
                rows.append((mentee_row[mentee], mentor_row[mentor]))
        return rows

    forbidden = known(forbidden_pairs, "forbidden")
    fixed = known(fixed_pairs, "fixed")
    group = np.zeros(mentees, dtype=bool)
    if under_represented is not None:
        for mentee in under_represented:
            if mentee not in mentee_row:
                problems.append(f"under-represented mentee {mentee!r} is not in the round")
            else:
                group[mentee_row[mentee]] = True

    keys = candidates.edge_mentee.astype(np.int64) * mentors + candidates.edge_mentor
    usable = np.ones(len(keys), dtype=bool)
    if forbidden:
        usable &= ~np.isin(keys, [mentee * mentors + mentor for mentee, mentor in forbidden])
    excluded = dict(candidates.excluded_by_rule)
    if forbidden_pairs:
        excluded[FORBIDDEN_BY_STAFF] = int(len(keys) - np.count_nonzero(usable))

    fixed_edges = _check_fixed(candidates, fixed, keys, forbidden, problems)
    if problems:
        raise MatchingRefused(problems)
    capacities = candidates.capacities.astype(np.int64).copy()
    fixed_mentee = np.zeros(mentees, dtype=bool)
    for edge in fixed_edges:
        capacities[candidates.edge_mentor[edge]] -= 1
        fixed_mentee[candidates.edge_mentee[edge]] = True
    usable &= ~fixed_mentee[candidates.edge_mentee]
    network = Network(mentees, np.minimum(capacities, max(mentees, 1)), candidates.edge_mentee,
                      candidates.edge_mentor, candidates.edge_score).restricted_to(usable)
    positions = np.flatnonzero(usable)

    chosen = positions[best_assignment(network)]
    fairness = None
    if under_represented is not None:
        chosen, fairness = _apply_floor(candidates, network, positions, chosen, fixed_edges, fixed_mentee, group)

    edges = np.concatenate([np.array(fixed_edges, dtype=np.int64), chosen]).astype(np.int64)
    edges = edges[np.argsort(candidates.edge_mentee[edges], kind="stable")]
    matches = tuple(
        Match(candidates.mentee_ids[candidates.edge_mentee[e]], candidates.mentor_ids[candidates.edge_mentor[e]],
              millionths_to_score(int(candidates.edge_score[e])))
        for e in edges
    )
    matched = np.zeros(mentees, dtype=bool)
    matched[candidates.edge_mentee[edges]] = True
    reason = None
    if not matches:
        reason = ("There are no mentees in the round" if mentees == 0
                  else no_match_reason(excluded, candidates.edge_count, int(np.count_nonzero(usable))))
    return MatchingResult(
        matches=matches,
        matched_count=len(matches),
        total_score=millionths_to_score(int(candidates.edge_score[edges].sum())),
        unmatched_mentees=tuple(mentee for mentee, row in mentee_row.items() if not matched[row]),
        fairness=fairness,
        excluded_by_rule=excluded,
        reason=reason,
    )


def _check_fixed(candidates: Candidates, fixed: list[tuple[int, int]], keys: np.ndarray,
                 forbidden: list[tuple[int, int]], problems: list[str]) -> list[int]:
    """The edge index of every fixed pair that can be kept; adds a sentence to `problems` for each that cannot."""
    if not fixed:
        return []
    mentors = len(candidates.mentor_ids)
    order = np.argsort(keys, kind="stable")
    sorted_keys = keys[order]
    forbidden_set = set(forbidden)
    edges: list[int] = []
    fixed_mentor_of: dict[int, int] = {}
    load = np.zeros(mentors, dtype=np.int64)
    for mentee, mentor in fixed:
        names = f"({candidates.mentee_ids[mentee]}, {candidates.mentor_ids[mentor]})"
        at = int(np.searchsorted(sorted_keys, mentee * mentors + mentor))
        if (mentee, mentor) in forbidden_set:
            problems.append(f"fixed pair {names} is also forbidden")
            continue
        if at == len(sorted_keys) or sorted_keys[at] != mentee * mentors + mentor:
            problems.append(f"fixed pair {names} is not an allowed pair")
            continue
        if mentee in fixed_mentor_of:
            if fixed_mentor_of[mentee] != mentor:
                problems.append(f"mentee {candidates.mentee_ids[mentee]!r} is fixed to more than one mentor")
            continue
        fixed_mentor_of[mentee] = mentor
        load[mentor] += 1
        edges.append(int(order[at]))
    for overloaded in np.flatnonzero(load > candidates.capacities):
        problems.append(f"mentor {candidates.mentor_ids[overloaded]!r} has capacity "
                        f"{int(candidates.capacities[overloaded])} but {int(load[overloaded])} fixed pairs")
    return edges


def _apply_floor(candidates: Candidates, network: Network, positions: np.ndarray, chosen: np.ndarray,
                 fixed_edges: list[int], fixed_mentee: np.ndarray,
                 group: np.ndarray) -> tuple[np.ndarray, FairnessReport]:
    """The floor's assignment and its report, given the plain optimum `chosen` (see fairness.py for the proof)."""
    fixed_group = sum(int(group[candidates.edge_mentee[e]]) for e in fixed_edges)
    fixed_others = len(fixed_edges) - fixed_group
    free = ~fixed_mentee
    most_group = fixed_group + most_matchable(network, group & free)
    most_others = fixed_others + most_matchable(network, ~group & free)
    most_matched = len(fixed_edges) + len(chosen)
    group_size, others_size = int(group.sum()), int((~group).sum())
    floor = fewest_group_matches(group_size, others_size, most_matched, most_group, most_others)
    plain_group = fixed_group + int(group[candidates.edge_mentee[chosen]].sum())
    plain_score = int(candidates.edge_score[chosen].sum())
    given_up = 0
    if plain_group < floor:
        quota = (floor - fixed_group, most_matched - floor - fixed_others)
        floor_chosen = positions[best_assignment(network, group_of_mentee=np.where(group, 0, 1), group_quota=quota)]
        floor_group = fixed_group + int(group[candidates.edge_mentee[floor_chosen]].sum())
        if len(floor_chosen) != len(chosen) or floor_group != floor:
            raise SolverFailure(
                f"the floor's assignment matched {len(floor_chosen)} (expected {len(chosen)}) with {floor_group} of "
                f"the group (expected {floor})"
            )
        given_up = plain_score - int(candidates.edge_score[floor_chosen].sum())
        chosen = floor_chosen
    group_matched = fixed_group + int(group[candidates.edge_mentee[chosen]].sum())
    report = FairnessReport(
        group_size=group_size,
        others_size=others_size,
        group_matched=group_matched,
        others_matched=most_matched - group_matched,
        most_group_matchable=most_group,
        floor_bound=given_up > 0,
        score_given_up=millionths_to_score(given_up),
    )
    return chosen, report
