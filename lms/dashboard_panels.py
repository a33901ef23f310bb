"""Panels other packages add to "My learning", so `courses` can show them without importing those packages.

A panel is a callable taking the request and returning the template to include and its context, or None when
it has nothing to show. Packages register their panel once, from their AppConfig.ready().
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest

Panel = Callable[[HttpRequest], tuple[str, dict] | None]

_panels: list[Panel] = []


def register(panel: Panel) -> Panel:
    """Add a panel (once: registering the same callable again changes nothing); usable as a decorator."""
    if panel not in _panels:
        _panels.append(panel)
    return panel


def unregister(panel: Panel) -> None:
    if panel in _panels:
        _panels.remove(panel)


def panels_for(request: HttpRequest) -> list[tuple[str, dict]]:
    """The (template, context) of every registered panel with something to show, in registration order."""
    shown = []
    for panel in _panels:
        answer = panel(request)
        if answer is not None:
            shown.append(answer)
    return shown
