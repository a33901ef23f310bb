"""An offering's extra evaluation questions as a member is asked them: the ORIGINAL's questions (answers are keyed
by their ids, so every language's answers count together), each worded as the page in the reader's language words
it. A translation's questions are Wagtail's copies, edited for their words only; the one at the same position gives
the wording, and the original's wording stands when the translation's list no longer lines up (an editor added or
removed one there). As session_editing.py does for sessions, what is asked is decided on the original alone."""

from __future__ import annotations

from dataclasses import dataclass

from ..models import EvaluationQuestion, Offering
from ..models.evaluations import MAX_EXTRA_QUESTIONS
from ..translations import in_reader_language, original_of


@dataclass(frozen=True)
class AskedQuestion:
    key: str  # the original question's id, as the answers store it
    text: str


def questions_for(offering: Offering) -> list[AskedQuestion]:
    """At most MAX_EXTRA_QUESTIONS, in the editor's order; two queries, three with a translation."""
    original = original_of(offering)
    asked = list(EvaluationQuestion.objects.filter(page=original).order_by("sort_order", "pk")[:MAX_EXTRA_QUESTIONS])
    shown = in_reader_language(original)
    wording = [q.text for q in asked]
    if shown.pk != original.pk:
        translated = list(EvaluationQuestion.objects.filter(page_id=shown.pk).order_by("sort_order", "pk")
                          .values_list("text", flat=True)[:MAX_EXTRA_QUESTIONS])
        if len(translated) == len(asked):
            wording = translated
    return [AskedQuestion(key=str(q.pk), text=text) for q, text in zip(asked, wording, strict=True)]
