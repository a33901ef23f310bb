"""The fairness floor: mentees who asked for support as under-represented members are matched at a rate at least
equal to everyone else's, wherever a feasible assignment allows it.

Definition. U is the round's mentees who asked for that support, O the others, K the most U mentees any feasible
assignment (hard rules, capacities, staff's fixed and forbidden pairs) can match. An assignment meets the floor when

    matched_U * |O| >= matched_O * |U|      (U's rate >= O's rate)    or    matched_U = K    (U gets all it can).

Among the assignments that meet it, the matcher takes the most mentees matched, then the highest total score. (The
empty assignment meets the ratio; the second clause is what stops the floor from ever trading matches away.)

Why it can be solved exactly with two extra max-flows and at most one extra min-cost flow:

1. The sets of mentees that can be matched together are the independent sets of a matroid (a transversal matroid:
   each mentor is `capacity` copies of a slot). For a matroid and a split of its ground set into U and O, the
   pairs (u, o) of counts some independent set reaches are exactly the integer points with u <= K, o <= M_O and
   u + o <= R, where K = rank(U), M_O = rank(O), R = rank(U + O) (the rank function of the two parts is a
   polymatroid). Since R <= K + M_O, the point (K, R - K) is reachable: the floor never lowers the number matched,
   which is R, and at count R every u from max(R - M_O, 0) to K is reachable.
2. At count R the floor holds exactly for u >= u_min = max(R - M_O, min(K, ceil(R |U| / (|U| + |O|)))).
3. The best total score with exactly u of U matched (and R - u of O) is a concave function of u: it is the value of
   a min-cost flow whose right-hand side moves linearly with u (a hub for U supplying u, one for O supplying R - u),
   and a min-cost flow's optimal cost is convex in its supplies and integral at integral supplies. So if the plain
   optimum already has u >= u_min the floor is met for free; otherwise the best assignment meeting the floor has
   exactly u_min mentees of U, found by one min-cost flow with those hub supplies.

The tests check all of this against brute force, which enumerates every feasible assignment and applies the
definition above literally.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class FairnessReport:
    """How the two groups fared, and whether the floor changed the outcome.

    `floor_bound` is true when the best total score without the floor is higher than with it (`score_given_up` is
    the difference); a floor that is met anyway, or met at no cost, does not bind.
    """

    group_size: int
    others_size: int
    group_matched: int
    others_matched: int
    most_group_matchable: int
    floor_bound: bool
    score_given_up: Decimal

    @property
    def group_rate(self) -> float | None:
        return self.group_matched / self.group_size if self.group_size else None

    @property
    def others_rate(self) -> float | None:
        return self.others_matched / self.others_size if self.others_size else None

    @property
    def floor_met(self) -> bool:
        return (self.group_matched * self.others_size >= self.others_matched * self.group_size
                or self.group_matched == self.most_group_matchable)


def fewest_group_matches(group_size: int, others_size: int, most_matched: int, most_group: int,
                         most_others: int) -> int:
    """u_min: the fewest group mentees a maximum-count assignment may match while meeting the floor."""
    reachable_low = max(most_matched - most_others, 0)
    if group_size == 0 or others_size == 0:
        return reachable_low  # one group is empty: the ratio always holds
    fair_share = -(-most_matched * group_size // (group_size + others_size))
    return max(reachable_low, min(most_group, fair_share))
