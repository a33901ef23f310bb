"""Where an event's sessions are edited: on its original page only.

Every query over sessions reads the original's (docs/architecture.md, "A translated or aliased event"); the copies
Wagtail makes on a translation are never read, so an editable copy would save and change nothing. The edit form of
a translation therefore has no sessions formset (`EventPageForm`): session fields posted for it are not read, and
saving it changes its words only. Its editor is shown the original's sessions instead, read-only, with a link to
the original's edit page (`SessionsPanel`). Wagtail builds one form class per page class, so the formset is dropped
per page by the form, and the panel follows the form: it never leaves a formset without its management form.

Loaded with the models (the panel is named in EventPage's panels): it imports no courses model when loaded.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from wagtail.admin.panels import InlinePanel, Panel
from wagtail.models import Page

from lms.models import language_names

from ..translations import is_translation, original_of


def edits_sessions(page: Page) -> bool:
    """Whether `page`'s editor edits its sessions: a new page and an original do; a translation or an alias (whose
    sessions are copies nothing reads) does not. One query for a saved page."""
    return page.alias_of_id is None and not is_translation(page)


class SessionsPanel(InlinePanel):
    """The sessions' InlinePanel where the form edits them, else the original's sessions, read-only."""

    def get_bound_panel(self, instance=None, request=None, form=None, prefix="panel"):
        if form is not None and self.relation_name not in form.formsets:
            return self.OriginalSessions(panel=self, instance=instance, request=request, form=form, prefix=prefix)
        return super().get_bound_panel(instance=instance, request=request, form=form, prefix=prefix)

    class OriginalSessions(Panel.BoundPanel):
        """The original's sessions as the editor reads them (in their own time zone, as the events admin shows
        times), what to do instead, and where."""

        template_name = "courses/admin/original_sessions_panel.html"

        def get_context_data(self, parent_context=None) -> dict[str, Any]:
            from .admin import viewer_zone
            from .session_times import session_time

            context = super().get_context_data(parent_context)
            original = original_of(self.instance)
            zone_name = viewer_zone(self.request.user)
            language = original.locale.language_code
            context.update(
                original=original,
                original_language=language_names().get(language, language),
                original_edit_url=reverse("wagtailadmin_pages:edit", args=[original.pk]),
                session_times=[session_time(session, zone_name)
                               for session in original.sessions.order_by("starts_at", "pk")],
                viewer_zone=zone_name,
            )
            return context
