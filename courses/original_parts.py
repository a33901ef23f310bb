"""Parts of a page that are read from its original only, and so are edited there only: an event's sessions
(events/session_editing.py) and a learning path's steps (paths/step_editing.py).

What every language shows of such a part is the original's (docs/architecture.md, "A translated or aliased event",
"Learning paths"); the copy a translation carries is never read, so an editable copy would save and change nothing.
A translation's edit form therefore drops the part (`drop_original_parts`: a field or a formset), so whatever is
posted for it is not read and saving changes the translation's words only; and the part's panel, seeing its form
without it, shows the original's read-only instead, with a note and a link to the original's edit page
(`ReadFromOriginal`). Wagtail builds one form class per page class, so the form drops the part per page, and the
panel follows the form: it never renders a field or formset the form does not have.

Loaded with the models (panels are named in page classes): it imports no courses model when loaded.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.forms import Form
from django.urls import reverse
from wagtail.admin.panels import Panel
from wagtail.models import Page

from lms.models import language_names

from .translations import is_translation, original_of


def edits_original_parts(page: Page) -> bool:
    """Whether `page`'s editor edits the parts read from the original: a new page and an original do; a translation
    or an alias (whose parts are copies nothing reads) does not. One query for a saved page."""
    return page.alias_of_id is None and not is_translation(page)


def drop_original_parts(form: Form, page: Page, fields: Iterable[str] = (), formsets: Iterable[str] = ()) -> None:
    """Take these fields and formsets out of a translation's (or alias's) edit form: what is posted for them is then
    never read, and the panels show the original's instead."""
    if edits_original_parts(page):
        return
    for name in fields:
        form.fields.pop(name, None)
    for name in formsets:
        form.formsets.pop(name, None)  # type: ignore[attr-defined]


class ReadFromOriginal:
    """A panel mixin: the panel itself where its form edits the part, else `OriginalPart` (its `original_panel`)."""

    original_panel: type[OriginalPart]

    def edited_by(self, form: Form) -> bool:
        raise NotImplementedError

    def get_bound_panel(self, instance=None, request=None, form=None, prefix="panel"):
        if form is not None and not self.edited_by(form):
            return self.original_panel(panel=self, instance=instance, request=request, form=form, prefix=prefix)
        return super().get_bound_panel(instance=instance, request=request, form=form, prefix=prefix)


class OriginalPart(Panel.BoundPanel):
    """The original's part as its editor reads it: the original, its language's name and its edit page's address
    for the note and link every such panel shows; `part_context` adds what the part itself shows."""

    def get_context_data(self, parent_context=None) -> dict[str, Any]:
        context = super().get_context_data(parent_context)
        original = original_of(self.instance)
        language = original.locale.language_code
        context.update(
            original=original,
            original_language=language_names().get(language, language),
            original_edit_url=reverse("wagtailadmin_pages:edit", args=[original.pk]),
            **self.part_context(original),
        )
        return context

    def part_context(self, original: Page) -> dict[str, Any]:
        return {}
