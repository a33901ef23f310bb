"""The exact optimum as a min-cost max-flow: as many mentees matched as possible, then the highest total score.

The network: every mentee node supplies one unit (or, when mentees are split into groups, a group's hub supplies
exactly the units that group may use and passes them on, one per mentee); each allowed pair is an arc of capacity 1
from the mentee to the mentor costing minus its score; every mentor node demands up to its capacity.

OR-Tools' `SimpleMinCostFlow.solve_max_flow_with_min_cost()` (9.15, read in ortools/graph/min_cost_flow.cc,
`SolveWithPossibleAdjustment(ADJUST)`) first computes a maximum flow from the supply nodes to the demand nodes, then
solves a min-cost flow that must carry exactly that amount: the lexicographic order "most mentees matched, then the
best total score" is what it computes, with no weighting trick. The tests check this against brute force.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from ortools.graph.python import max_flow, min_cost_flow


class SolverFailure(RuntimeError):
    """OR-Tools did not reach an optimum; the message names its status."""


@dataclass(frozen=True, eq=False)
class Network:
    """Allowed pairs by index: mentees 0..mentee_count-1, mentors 0..len(capacities)-1."""

    mentee_count: int
    capacities: np.ndarray  # int64 per mentor, already reduced by any fixed pairs
    edge_mentee: np.ndarray  # int32
    edge_mentor: np.ndarray  # int32
    edge_score: np.ndarray  # int64 millionths

    def restricted_to(self, keep: np.ndarray) -> Network:
        """The same network with only the edges whose flag in `keep` is true."""
        return Network(self.mentee_count, self.capacities, self.edge_mentee[keep], self.edge_mentor[keep],
                       self.edge_score[keep])


def best_assignment(network: Network, group_of_mentee: np.ndarray | None = None,
                    group_quota: tuple[int, ...] | None = None) -> np.ndarray:
    """Indexes of the chosen edges: the most mentees matched, then the highest total score.

    With `group_of_mentee` (a group number per mentee) and `group_quota`, group g supplies at most group_quota[g]
    matches in total: the count, then the score, are maximised within those quotas.
    """
    mentees, mentors = network.mentee_count, len(network.capacities)
    edges = len(network.edge_score)
    if edges == 0:
        return np.zeros(0, dtype=np.int64)
    solver = min_cost_flow.SimpleMinCostFlow()
    arcs = solver.add_arcs_with_capacity_and_unit_cost(
        network.edge_mentee.astype(np.int32),
        (network.edge_mentor.astype(np.int64) + mentees).astype(np.int32),
        np.ones(edges, dtype=np.int64),
        -network.edge_score.astype(np.int64),
    )
    mentee_nodes = np.arange(mentees, dtype=np.int32)
    if group_of_mentee is None:
        solver.set_nodes_supplies(mentee_nodes, np.ones(mentees, dtype=np.int64))
    else:
        if group_quota is None:
            raise ValueError("group_of_mentee needs group_quota")
        hubs = mentees + mentors + np.arange(len(group_quota), dtype=np.int32)
        solver.add_arcs_with_capacity_and_unit_cost(
            hubs[group_of_mentee], mentee_nodes, np.ones(mentees, dtype=np.int64), np.zeros(mentees, dtype=np.int64)
        )
        solver.set_nodes_supplies(hubs, np.array(group_quota, dtype=np.int64))
    solver.set_nodes_supplies(np.arange(mentees, mentees + mentors, dtype=np.int32),
                              -network.capacities.astype(np.int64))
    status = solver.solve_max_flow_with_min_cost()
    if status != solver.OPTIMAL:
        raise SolverFailure(f"the min-cost flow solver stopped with status {status.name}")
    return np.flatnonzero(np.asarray(solver.flows(np.asarray(arcs, dtype=np.int32))) > 0)


def most_matchable(network: Network, mentee_mask: np.ndarray) -> int:
    """How many of the mentees flagged in `mentee_mask` can be matched at once, ignoring every other mentee."""
    keep = mentee_mask[network.edge_mentee]
    if not keep.any():
        return 0
    mentees, mentors = network.mentee_count, len(network.capacities)
    source, sink = mentees + mentors, mentees + mentors + 1
    solver = max_flow.SimpleMaxFlow()
    flagged = np.flatnonzero(mentee_mask).astype(np.int32)
    tails = np.concatenate([
        np.full(len(flagged), source, dtype=np.int32),
        network.edge_mentee[keep].astype(np.int32),
        np.arange(mentees, mentees + mentors, dtype=np.int32),
    ])
    heads = np.concatenate([
        flagged,
        (network.edge_mentor[keep].astype(np.int64) + mentees).astype(np.int32),
        np.full(mentors, sink, dtype=np.int32),
    ])
    capacities = np.concatenate([
        np.ones(len(flagged) + int(keep.sum()), dtype=np.int64), network.capacities.astype(np.int64)
    ])
    solver.add_arcs_with_capacity(tails, heads, capacities)
    status = solver.solve(source, sink)
    if status != solver.OPTIMAL:
        raise SolverFailure(f"the max-flow solver stopped with status {status.name}")
    return int(solver.optimal_flow())
