"""What the Wagtail admin's home shows staff of mentoring: the rounds that need them (round_attention.py), each
linking to the round's page where the matcher is run and pairs are published."""

from __future__ import annotations

from typing import Any

from wagtail.admin.ui.components import Component

from lms.roles import is_staff_member

from .round_attention import rounds_needing_action


class RoundsNeedingActionPanel(Component):
    """Shown to staff only, and only when a round needs them."""

    name = "mentoring_rounds_needing_action"
    template_name = "mentoring/admin_home/rounds_needing_action.html"
    order = 180

    def get_context_data(self, parent_context: Any = None) -> dict[str, Any]:
        user = parent_context["request"].user
        return {"rows": rounds_needing_action() if is_staff_member(user) else []}
