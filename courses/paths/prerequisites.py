"""What a step of a learning path needs first, and whether a path's prerequisites can ever be met.

A step names an offering and, optionally, other steps of the same path (by their offerings) to be done before it.
Plain Python, so the editor's check (blocks.py) and members' progress (progress.py) read one rule.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Step:
    offering_id: int
    requires: tuple[int, ...] = ()


def is_locked(step: Step, done: Collection[int]) -> bool:
    """A step is locked while any step it requires is not done."""
    return any(offering_id not in done for offering_id in step.requires)


def prerequisite_errors(steps: Sequence[Step]) -> dict[int, str]:
    """Index of each step -> why its prerequisites cannot stand (empty when they can): an offering twice, a step
    requiring itself or an offering that is not a step of the path, and steps requiring each other in a circle,
    which no member could ever start."""
    errors: dict[int, str] = {}
    position: dict[int, int] = {}
    for index, step in enumerate(steps):
        if step.offering_id in position:
            errors[index] = _("This offering is already step %(number)s.") % {"number": position[step.offering_id] + 1}
        else:
            position[step.offering_id] = index
    for index, step in enumerate(steps):
        if index in errors:
            continue
        if step.offering_id in step.requires:
            errors[index] = _("A step cannot require itself.")
        elif any(required not in position for required in step.requires):
            errors[index] = _("A step can only require other steps of this path: add the offering as a step first.")
    for cycle in _cycles(steps, position):
        numbers = ", ".join(str(index + 1) for index in cycle)
        for index in cycle:
            errors.setdefault(index, _("Steps %(numbers)s require each other in a circle, so none of them could "
                                       "ever be started. Remove one of those prerequisites.") % {"numbers": numbers})
    return errors


def _cycles(steps: Sequence[Step], position: dict[int, int]) -> list[list[int]]:
    """Each circle of requirements found by a depth-first walk, as step indexes in path order; a step requiring
    itself or an offering off the path is refused already, so those requirements are not walked."""
    state: dict[int, str] = {}  # index -> "open" while on the walk's stack, "closed" once every branch is walked
    found: list[list[int]] = []

    def walk(index: int, trail: list[int]) -> None:
        state[index] = "open"
        trail.append(index)
        for required in steps[index].requires:
            nxt = position.get(required, index)
            if nxt == index:
                continue
            if state.get(nxt) == "open":
                found.append(sorted(trail[trail.index(nxt):]))
            elif nxt not in state:
                walk(nxt, trail)
        trail.pop()
        state[index] = "closed"

    for index in range(len(steps)):
        if index not in state:
            walk(index, [])
    return found
