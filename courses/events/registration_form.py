"""The registration form built from an event's questions; answers are kept with each question as it was asked."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy

SHORT_ANSWER_MAX = 300
LONG_ANSWER_MAX = 4000


def _field_for(question) -> forms.Field:
    kind = question["kind"]
    common = {
        "label": question["label"],
        "help_text": question.get("help_text") or "",
        "required": bool(question["required"]),
    }
    if kind == "long_text":
        return forms.CharField(max_length=LONG_ANSWER_MAX, widget=forms.Textarea(attrs={"rows": 4}), **common)
    if kind == "choice":
        options = [option for option in question["options"] if str(option).strip()]
        return forms.ChoiceField(choices=[(option, option) for option in options], widget=forms.RadioSelect,
                                 **common)
    if kind == "consent":
        return forms.BooleanField(**common)
    return forms.CharField(max_length=SHORT_ANSWER_MAX, **common)


class RegistrationQuestionsForm(forms.Form):
    """One field per question block, named `q_<block id>` so answers stay tied to their question."""

    required_css_class = "required"

    def __init__(self, event, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")  # labels are the authors' questions, often ending in "?"
        super().__init__(*args, **kwargs)
        self.questions = [block for block in event.registration_questions if block.block_type == "question"]
        for block in self.questions:
            self.fields[f"q_{block.id}"] = _field_for(block.value)

    def answers(self) -> list[dict]:
        """The cleaned answers as stored on the registration: [{"id", "question", "answer"}]."""
        answers = []
        for block in self.questions:
            value = self.cleaned_data.get(f"q_{block.id}")
            if block.value["kind"] == "consent":
                value = "Yes" if value else "No"  # stored data, the same whatever language the form was shown in
            answers.append({"id": block.id, "question": block.value["label"], "answer": str(value or "").strip()})
        return answers


REQUIRED_ANSWERS_MISSING = gettext_lazy("Please answer the questions marked below; you are not registered yet.")
