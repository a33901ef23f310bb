"""Quiz answers are choice numbers read through lms/bounded_numbers.py: only the digits a quiz form sends are a
choice; for any fields at all, the reader answers valid choice indexes or refuses with its own error."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from courses.learning.quiz import QuizAnswerError, read_answers

QUIZ = {
    "pass_mark": 50,
    "questions": [
        {
            "prompt": "One?",
            "kind": "single",
            "choices": [{"text": "a", "correct": False}, {"text": "b", "correct": True}],
        },
        {
            "prompt": "Some?",
            "kind": "multiple",
            "choices": [
                {"text": "x", "correct": True},
                {"text": "y", "correct": True},
                {"text": "z", "correct": False},
            ],
        },
    ],
}


def test_the_digits_a_quiz_form_sends_are_read():
    assert read_answers(QUIZ, {"q1": ["1"], "q2": ["0", "2"]}) == {1: (1,), 2: (0, 2)}


@pytest.mark.parametrize("value", ["\u0661", "1_0", "9" * 5000, "1e0", "+-1", "0x1", "NaN"])
def test_anything_but_a_choice_number_is_not_a_choice(value):
    with pytest.raises(QuizAnswerError, match="Question 1 has an answer that is not one of its choices"):
        read_answers(QUIZ, {"q1": [value], "q2": ["0"]})


FIELD_VALUES = st.lists(
    st.one_of(st.text(max_size=12), st.sampled_from(["0", "1", "2", "3", "-0", "\u0661"])), max_size=4
)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from(["q1", "q2", "q3", "quiz_id", "x"]), FIELD_VALUES, max_size=5))
def test_any_fields_read_as_choices_or_are_refused(data):
    try:
        answers = read_answers(QUIZ, data)
    except QuizAnswerError as refusal:
        assert str(refusal)
        return
    assert set(answers) == {1, 2}
    for number, chosen in answers.items():
        choices = len(QUIZ["questions"][number - 1]["choices"])
        assert chosen and all(0 <= index < choices for index in chosen)
