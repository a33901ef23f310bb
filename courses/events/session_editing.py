"""Where an event's sessions are edited: on its original page only.

Every query over sessions reads the original's (docs/architecture.md, "A translated or aliased event"); the copies
Wagtail makes on a translation are never read, so an editable copy would save and change nothing. The edit form of
a translation therefore has no sessions formset (`EventPageForm`, through courses/original_parts.py): session fields
posted for it are not read, and saving it changes its words only. Its editor is shown the original's sessions
instead, read-only, with a link to the original's edit page (`SessionsPanel`).

Loaded with the models (the panel is named in EventPage's panels): it imports no courses model when loaded.
"""

from __future__ import annotations

from typing import Any

from django.forms import Form
from wagtail.admin.panels import InlinePanel
from wagtail.models import Page

from ..original_parts import OriginalPart, ReadFromOriginal


class OriginalSessions(OriginalPart):
    """The original's sessions as the editor reads them (in their own time zone, as the events admin shows
    times), what to do instead, and where."""

    template_name = "courses/admin/original_sessions_panel.html"

    def part_context(self, original: Page) -> dict[str, Any]:
        from .admin import viewer_zone
        from .session_times import session_time

        zone_name = viewer_zone(self.request.user)
        return {
            "session_times": [session_time(session, zone_name)
                              for session in original.sessions.order_by("starts_at", "pk")],
            "viewer_zone": zone_name,
        }


class SessionsPanel(ReadFromOriginal, InlinePanel):
    """The sessions' InlinePanel where the form edits them, else the original's sessions, read-only."""

    original_panel = OriginalSessions

    def edited_by(self, form: Form) -> bool:
        return self.relation_name in form.formsets  # type: ignore[attr-defined]
