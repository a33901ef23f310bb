"""`{% lesson_state lp %}`: a lesson's state in the outline (courses/learning/outline.py says why it is separate)."""

from django import template
from django.utils.safestring import SafeString

from ..learning.outline import lesson_state_html

register = template.Library()


@register.simple_tag(takes_context=True)
def lesson_state(context, lesson_progress) -> SafeString:
    """The state's own marker when the cached skeleton is rendered, else the state, each distinct one rendered once."""
    marker = getattr(lesson_progress, "state_marker", None)
    if marker is not None:
        return marker
    memo = context.render_context.setdefault("courses.outline.lesson_states", {})
    return lesson_state_html(lesson_progress, memo)
