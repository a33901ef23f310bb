"""A member's progress along learning paths: each step done, in progress, locked by its prerequisites or not
started, and which step is next; computed from the facts learning and events keep (enrolments completed, sessions
attended) on the original offerings, so reading a path or an offering in another language changes nothing.

A fixed number of queries for any number of paths and steps: the steps' offerings (one), the pages to link them in
the reader's language (one, when asked) and the member's enrolments and registrations among them (two).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from lms.access import Viewer
from lms.roles import signed_in

from ..models import Enrolment, LearningPathPage, Offering, Registration
from ..translations import in_reader_language_each
from .prerequisites import Step, is_locked


class State(StrEnum):
    DONE = "done"
    IN_PROGRESS = "in_progress"
    LOCKED = "locked"
    NOT_STARTED = "not_started"


STATE_LABELS = {
    State.DONE: _("Done"),
    State.IN_PROGRESS: _("In progress"),
    State.LOCKED: _("Locked"),
    State.NOT_STARTED: _("Not started"),
}


def steps_of(path: LearningPathPage) -> list[Step]:
    """The path's steps as stored (offering ids, no page loaded); read it from the original path."""
    steps = []
    for child in path.steps.raw_data:
        value = child.get("value") or {}
        if not value.get("offering"):
            continue
        requires = [item.get("value") if isinstance(item, dict) else item for item in value.get("requires") or []]
        steps.append(Step(int(value["offering"]), tuple(int(pk) for pk in requires if pk)))
    return steps


def step_states(steps: Sequence[Step], ordered: bool, done: Collection[int],
                started: Collection[int]) -> tuple[list[State], int | None]:
    """Each step's state and the index of the step to take next (None when nothing can be taken now). An ordered
    path points to the first step neither done nor locked; an unordered one to a step under way first."""
    states = [
        State.DONE if step.offering_id in done
        else State.IN_PROGRESS if step.offering_id in started
        else State.LOCKED if is_locked(step, done)
        else State.NOT_STARTED
        for step in steps
    ]
    open_states = (State.IN_PROGRESS, State.NOT_STARTED)
    candidates = [i for i, state in enumerate(states) if state in open_states]
    if not ordered:
        candidates = [i for i in candidates if states[i] == State.IN_PROGRESS] or candidates
    return states, (candidates[0] if candidates else None)


@dataclass(frozen=True)
class Facts:
    """Which of the offerings the member has finished, and which they have started (enrolled or registered)."""

    done: frozenset[int] = frozenset()
    started: frozenset[int] = frozenset()


def facts_for(viewer: Viewer, offering_ids: Iterable[int]) -> Facts:
    ids = set(offering_ids)
    if not signed_in(viewer) or not ids:
        return Facts()
    member = viewer
    done, started = set(), set()
    for offering_id, active, completed_at in Enrolment.objects.filter(member=member, offering_id__in=ids).values_list(
            "offering_id", "is_active", "completed_at"):
        if completed_at is not None:
            done.add(offering_id)
        elif active:
            started.add(offering_id)
    for event_id, attended, status in Registration.objects.filter(
            member=member, session__event_id__in=ids).values_list("session__event_id", "attended", "status"):
        if attended:
            done.add(event_id)
        elif status != Registration.Status.CANCELLED:
            started.add(event_id)
    return Facts(frozenset(done), frozenset(started - done))


@dataclass(frozen=True)
class StepProgress:
    number: int
    offering: Offering  # the original, where the member's records are
    page: Page  # the page to link and name, in the reader's language when there is one
    state: State
    needs: tuple[int, ...]  # the step numbers it needs first
    is_next: bool

    @property
    def state_label(self) -> str:
        return str(STATE_LABELS[self.state])


@dataclass(frozen=True)
class PathProgress:
    path: LearningPathPage  # the original
    steps: tuple[StepProgress, ...]

    @property
    def total(self) -> int:
        return len(self.steps)

    @property
    def done(self) -> int:
        return sum(step.state == State.DONE for step in self.steps)

    @property
    def complete(self) -> bool:
        return bool(self.steps) and self.done == self.total

    @property
    def started(self) -> bool:
        return any(step.state in (State.DONE, State.IN_PROGRESS) for step in self.steps)

    @property
    def next_step(self) -> StepProgress | None:
        return next((step for step in self.steps if step.is_next), None)

    @property
    def cpd_hours(self) -> Decimal:
        return sum((step.offering.cpd_hours for step in self.steps), Decimal(0))

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0


def progress_of(paths: Sequence[LearningPathPage], viewer: Viewer, linked: bool = True) -> dict[int, PathProgress]:
    """Original path id -> the viewer's progress on it (a visitor's is all "not started"). `paths` are originals;
    `linked` finds each step's page in the reader's language (else the original is linked)."""
    stored = {path.pk: steps_of(path) for path in paths}
    ids = {step.offering_id for steps in stored.values() for step in steps}
    offerings = {offering.pk: offering for offering in Offering.objects.filter(pk__in=ids)} if ids else {}
    shown = in_reader_language_each(offerings.values()) if linked else {}
    facts = facts_for(viewer, offerings)
    found = {}
    for path in paths:
        steps = [step for step in stored[path.pk] if step.offering_id in offerings]  # a deleted offering drops out
        numbers = {step.offering_id: number for number, step in enumerate(steps, start=1)}
        states, next_index = step_states(steps, path.ordered, facts.done, facts.started)
        found[path.pk] = PathProgress(path, tuple(
            StepProgress(
                number=numbers[step.offering_id],
                offering=offerings[step.offering_id],
                page=shown.get(offerings[step.offering_id].translation_key, offerings[step.offering_id]),
                state=states[index],
                needs=tuple(numbers[pk] for pk in step.requires if pk in numbers),
                is_next=index == next_index,
            )
            for index, step in enumerate(steps)
        ))
    return found
