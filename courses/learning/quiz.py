"""Grading a lesson's quiz: reading the submitted answers strictly and scoring them."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from lms.bounded_numbers import NumberRefused, read_whole


class QuizAnswerError(ValueError):
    """The submitted answers cannot be graded; the message says why, in the learner's words."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class QuestionResult:
    number: int
    correct: bool
    chosen: tuple[int, ...]
    correct_choices: tuple[int, ...]


@dataclass(frozen=True)
class QuizResult:
    score: int
    passed: bool
    pass_mark: int
    questions: list[QuestionResult] = field(default_factory=list)

    @property
    def correct_count(self) -> int:
        return sum(1 for q in self.questions if q.correct)


def quiz_fingerprint(quiz: Mapping[str, Any]) -> str:
    """A short digest of the questions and choices: a form built from an older version is stale."""
    shape = [
        [question["prompt"], question["kind"], [choice["text"] for choice in question["choices"]]]
        for question in quiz["questions"]
    ]
    return hashlib.sha256(json.dumps(shape, sort_keys=True).encode()).hexdigest()[:16]


# The quiz form's own fields besides one `q<n>` per question; anything else was not sent by the lesson's form.
FORM_FIELDS = frozenset({"csrfmiddlewaretoken", "quiz_id", "fingerprint", "submission_token"})
# How many unknown field names the error repeats back, and how much of each.
NAMED_UNKNOWN_FIELDS = 3
NAMED_FIELD_LENGTH = 40


def refuse_unknown_fields(quiz: Mapping[str, Any], data: Mapping[str, Any]) -> None:
    """Refuse a form carrying fields that are not this quiz's questions: a browser never sends them, and grading
    around them would record an attempt from a form the learner never saw."""
    questions = {f"q{number}" for number in range(1, len(quiz["questions"]) + 1)}
    unknown = [name for name in data if name not in FORM_FIELDS and name not in questions]
    if unknown:
        named = ", ".join(name[:NAMED_FIELD_LENGTH] for name in unknown[:NAMED_UNKNOWN_FIELDS])
        raise QuizAnswerError(
            _("This form has fields that are not questions of this quiz (%(names)s); reload the lesson and answer it.")
            % {"names": named}
        )


def read_answers(quiz: Mapping[str, Any], data: Mapping[str, Any]) -> dict[int, tuple[int, ...]]:
    """Read `q<n>` fields into chosen choice indexes; refuse anything that is not an answer to this quiz."""
    refuse_unknown_fields(quiz, data)
    answers: dict[int, tuple[int, ...]] = {}
    unanswered: list[int] = []
    for number, question in enumerate(quiz["questions"], start=1):
        raw = data.getlist(f"q{number}") if hasattr(data, "getlist") else data.get(f"q{number}", [])
        if isinstance(raw, str):
            raw = [raw]
        if len(raw) > len(question["choices"]):
            raise QuizAnswerError(_("Question %(n)s has more answers than it has choices.") % {"n": number})
        not_a_choice = QuizAnswerError(
            _("Question %(n)s has an answer that is not one of its choices.") % {"n": number}
        )
        try:
            chosen = tuple(sorted({read_whole(value, minimum=0, maximum=len(question["choices"]) - 1)
                                   for value in raw}))
        except (TypeError, NumberRefused):
            raise not_a_choice from None
        if any(index < 0 or index >= len(question["choices"]) for index in chosen):
            raise not_a_choice
        if question["kind"] == "single" and len(chosen) > 1:
            raise QuizAnswerError(_("Question %(n)s takes a single answer.") % {"n": number})
        if not chosen:
            unanswered.append(number)
        answers[number] = chosen
    if unanswered:
        raise QuizAnswerError(
            _("Please answer every question before submitting (unanswered: %(numbers)s).")
            % {"numbers": ", ".join(str(n) for n in unanswered)}
        )
    return answers


def grade(quiz: Mapping[str, Any], answers: Mapping[int, tuple[int, ...]]) -> QuizResult:
    """All-or-nothing per question: the chosen set must equal the correct set. Score is a whole percent."""
    results = []
    for number, question in enumerate(quiz["questions"], start=1):
        correct_choices = tuple(i for i, choice in enumerate(question["choices"]) if choice["correct"])
        chosen = tuple(answers.get(number, ()))
        results.append(QuestionResult(number, chosen == correct_choices, chosen, correct_choices))
    total = len(results)
    correct = sum(r.correct for r in results)
    # Halves round up (62.5 -> 63), in integers: round() would send 12.5 down and 37.5 up.
    score = (200 * correct + total) // (2 * total) if total else 0
    pass_mark = int(quiz["pass_mark"])
    return QuizResult(score=score, passed=score >= pass_mark, pass_mark=pass_mark, questions=results)
