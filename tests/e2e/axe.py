"""axe-core in the browser suite: the page is checked against WCAG 2.0, 2.1 and 2.2 levels A and AA.

axe-core comes from npm (tests/browser, installed by `make test` from its lock file). It is served to the page as a
same-origin script through a Playwright route, so the site's Content-Security-Policy (script-src 'self') stays in
force while axe runs: no `bypass_csp`, no inline script.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

AXE_SOURCE = Path(__file__).resolve().parent.parent / "browser" / "node_modules" / "axe-core" / "axe.min.js"
# A path the site never serves; the route below answers it from the file above.
AXE_URL_PATH = "/__tests__/axe-core/axe.min.js"
WCAG_A_AND_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]

RUN_AXE_JS = """
async (tags) => {
    // Frames hold other sites' pages (embedded videos): not ours to check, and a frame that never answers would
    // hold axe for a minute. Our side of a frame (its title) is still checked.
    const options = {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations'], iframes: false};
    const results = await window.axe.run(document, options);
    return results.violations.map((v) => ({
        id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
        nodes: v.nodes.map((n) => ({
            target: n.target.join(' '), html: n.html.slice(0, 200), summary: n.failureSummary,
        })),
    }));
}
"""


@cache
def axe_source() -> bytes:
    if not AXE_SOURCE.exists():
        pytest.fail(f"{AXE_SOURCE} is missing: run `make install-test` (npm ci in tests/browser).")
    return AXE_SOURCE.read_bytes()


def serve_axe(context) -> None:
    """Let every page of this browser context load axe-core from its own origin. The file is read here, first: a
    route handler that fails never answers, and the page would wait for the script for ever."""
    axe_source()
    context.route(
        f"**{AXE_URL_PATH}",
        lambda route: route.fulfill(status=200, content_type="text/javascript", body=axe_source()),
    )


# Tallest window axe is run in, in CSS pixels (a page longer than this is checked in its first part's window).
TALLEST_WINDOW = 12000


def axe_violations(page) -> list[dict]:
    """The page's WCAG A/AA violations as axe-core reports them (the context must have had `serve_axe`).

    The page is judged at rest: nothing focused (a focused skip link lies over the header, as skip links do, and axe
    would read the buttons under it as too small to tap), and the window stretched to the whole page (axe reads a
    button cut by the window's edge as covered too)."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(url=AXE_URL_PATH)
    # Whatever had the focus gets it back afterwards, so a test goes on with the keyboard where it was.
    page.evaluate("() => { window.__focusBeforeAxe = document.activeElement; document.activeElement?.blur(); }")
    window = page.viewport_size
    height = page.evaluate("() => document.documentElement.scrollHeight")
    stretched = window is not None and height > window["height"]
    if stretched:
        page.set_viewport_size({"width": window["width"], "height": min(height, TALLEST_WINDOW)})
    try:
        return page.evaluate(RUN_AXE_JS, WCAG_A_AND_AA)
    finally:
        if stretched:
            page.set_viewport_size(window)
        page.evaluate("() => { const el = window.__focusBeforeAxe; if (el && el !== document.body) el.focus(); }")


def describe(violations: list[dict]) -> str:
    """One readable paragraph per violation: rule, impact, what it asks, and each offending node."""
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']} <{violation['helpUrl']}>")
        for node in violation["nodes"]:
            summary = " ".join((node["summary"] or "").split())
            lines.append(f"    at {node['target']}: {node['html']}\n      {summary}")
    return "\n".join(lines)


def assert_no_axe_violations(page) -> None:
    violations = axe_violations(page)
    assert not violations, f"{page.url}: axe-core found WCAG A/AA violations:\n{describe(violations)}"
