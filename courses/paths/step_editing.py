"""Where a learning path's steps are edited: on its original page only.

Steps are read from the original path (docs/architecture.md, "Learning paths"); the copy a translation carries is
never read, so a translation's edit form has no steps field (`LearningPathPageForm`, through
courses/original_parts.py): steps posted for it are not read, and saving it changes its words only. Its editor is
shown the original's steps instead, read-only, each with the steps it needs first, and a link to the original's
edit page (`StepsPanel`).

Loaded with the models (the panel is named in LearningPathPage's panels): it imports no courses model when loaded.
"""

from __future__ import annotations

from typing import Any

from django.forms import Form
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from ..original_parts import OriginalPart, ReadFromOriginal


class OriginalSteps(OriginalPart):
    """The original's steps in order, each named as the editor's language names the offering when translated, and
    the step numbers it needs first."""

    template_name = "courses/admin/original_steps_panel.html"

    def part_context(self, original: Page) -> dict[str, Any]:
        from .progress import progress_of

        return {"steps": progress_of([original], None)[original.pk].steps}


class StepsPanel(ReadFromOriginal, FieldPanel):
    """The steps' field where the form edits them, else the original's steps, read-only."""

    original_panel = OriginalSteps

    def edited_by(self, form: Form) -> bool:
        return self.field_name in form.fields
