"""The project's own Wagtail hooks: where a package adds to what another shows, without either importing the other.

Each name is a hook registered with `wagtail.hooks.register(NAME, order=...)` in the adding package's
wagtail_hooks.py and read with `hooks.get_hooks(NAME)`, which returns the functions sorted by `order` (ties keep
the order Wagtail found the modules in, which is INSTALLED_APPS). So the order things appear in is stated where
they are added, and lms and courses name none of the packages that add to them.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest
from wagtail import hooks

# A function taking no arguments and returning the package's `ninja.Router`; lms.api mounts each at the site root
# (every operation states its full path). Used by certificates (order 100) and search (order 200).
API_ROUTERS = "api_routers"

# A panel on "My learning" (courses): a function taking the request and returning the template to include and
# its context, or None when it has nothing to show. Used by certificates (order 100), mentoring (order 200) and
# courses itself (order 300, the recommendations).
MY_LEARNING_PANELS = "my_learning_panels"

Panel = Callable[[HttpRequest], tuple[str, dict] | None]

# The e-mails a package sends through the outbox (lms/outbox.py): a function taking nothing and returning the
# package's `outbox.Letter`s. Used by courses, certificates and mentoring; the order does not matter.
OUTBOX_LETTERS = "outbox_letters"


def my_learning_panels(request: HttpRequest) -> list[tuple[str, dict]]:
    """The (template, context) of every panel with something to show this member, in hook order."""
    panels: list[Panel] = hooks.get_hooks(MY_LEARNING_PANELS)
    return [shown for panel in panels if (shown := panel(request)) is not None]
