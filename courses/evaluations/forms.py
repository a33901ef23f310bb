"""The evaluation and follow-up forms: every number and length a person sends is bounded here, with an error that
says which and why; answers to questions the offering does not ask are refused, not stored."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import FollowUp
from ..models.evaluations import ANSWER_MAX_LENGTH, COMMENT_MAX_LENGTH
from .questions import AskedQuestion

SCALE = [(n, str(n)) for n in range(1, 6)]
ANSWER_PREFIX = "answer_"


def _scale(label, help_text) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label, help_text=help_text, choices=SCALE, coerce=int, widget=forms.RadioSelect,
        error_messages={"required": _("Choose a number from 1 to 5."),
                        "invalid_choice": _("Choose a number from 1 to 5.")})


class EvaluationForm(forms.Form):
    rating = _scale(_("Overall, how would you rate it?"), _("1 is poor, 5 is excellent."))
    relevance = _scale(_("How relevant was it to your work?"), _("1 is not at all, 5 is very."))
    would_recommend = forms.TypedChoiceField(
        label=_("Would you recommend it to a colleague?"), choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes", widget=forms.RadioSelect,
        error_messages={"required": _("Answer yes or no."), "invalid_choice": _("Answer yes or no.")})
    comment = forms.CharField(
        label=_("Anything else you would like to tell us?"), required=False, max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Optional. Only staff who report on evaluations read it."))

    def __init__(self, *args: Any, questions: list[AskedQuestion], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            self.fields[ANSWER_PREFIX + question.key] = forms.CharField(
                label=question.text, required=False, max_length=ANSWER_MAX_LENGTH,
                widget=forms.Textarea(attrs={"rows": 2}))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        data: Mapping[str, Any] = self.data
        known = {ANSWER_PREFIX + q.key for q in self.questions}
        if any(name.startswith(ANSWER_PREFIX) and name not in known for name in data):
            raise forms.ValidationError(_("The form sent answers to questions this evaluation does not ask. "
                                          "Reload the page and answer again."), code="unknown_question")
        return cleaned

    def answers(self) -> dict[str, str]:
        """The extra questions answered (blank ones left out), keyed by the original question's id."""
        return {q.key: text for q in self.questions if (text := self.cleaned_data.get(ANSWER_PREFIX + q.key, "")
                                                         .strip())}


class FollowUpForm(forms.Form):
    applied = forms.ChoiceField(
        label=_("Have you applied what you learned at work?"), choices=FollowUp.Applied.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Answer yes, partly or no."), "invalid_choice": _("Answer yes, partly or no.")})
    example = forms.CharField(
        label=_("An example, if you have one"), required=False, max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Optional. Only staff who report on evaluations read it."))
