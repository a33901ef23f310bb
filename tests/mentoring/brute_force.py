"""The reference the engine is checked against: every feasible assignment of a small round, enumerated.

Independent of the engine on purpose: plain Python over (mentee, mentor, score) triples, no numpy, no flows.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Assignment:
    pairs: tuple[tuple[str, str], ...]
    score: Decimal

    @property
    def count(self) -> int:
        return len(self.pairs)

    def matched(self, mentees: Collection[str]) -> int:
        return sum(1 for mentee, _ in self.pairs if mentee in mentees)


def assignments(
    mentees: list[str],
    edges: Mapping[tuple[str, str], Decimal],
    capacity: Mapping[str, int],
    fixed: Collection[tuple[str, str]] = (),
    forbidden: Collection[tuple[str, str]] = (),
) -> Iterator[Assignment]:
    """Every assignment: each mentee unmatched or with one allowed, not forbidden mentor, capacities kept, and every
    fixed pair in it."""
    options = {mentee: [mentor for (m, mentor) in edges if m == mentee and (m, mentor) not in forbidden]
               for mentee in mentees}
    fixed_of = dict(fixed)
    room = dict(capacity)

    def walk(position: int, chosen: list[tuple[str, str]]) -> Iterator[Assignment]:
        if position == len(mentees):
            yield Assignment(tuple(chosen), sum((edges[pair] for pair in chosen), Decimal(0)))
            return
        mentee = mentees[position]
        if mentee not in fixed_of:
            yield from walk(position + 1, chosen)
        for mentor in options[mentee]:
            if mentee in fixed_of and fixed_of[mentee] != mentor:
                continue
            if room[mentor] > 0:
                room[mentor] -= 1
                chosen.append((mentee, mentor))
                yield from walk(position + 1, chosen)
                chosen.pop()
                room[mentor] += 1

    yield from walk(0, [])


def best(found: list[Assignment]) -> tuple[int, Decimal]:
    """The lexicographic optimum: the most mentees matched, then the highest total score."""
    return max((assignment.count, assignment.score) for assignment in found)


def meets_floor(assignment: Assignment, group: set[str], others: set[str], most_group: int) -> bool:
    """The fairness floor exactly as mentoring/matching/fairness.py defines it."""
    matched_group = assignment.matched(group)
    matched_others = assignment.matched(others)
    return matched_group * len(others) >= matched_others * len(group) or matched_group == most_group
