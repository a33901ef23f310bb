"""What the browser tests share: signing a member in, the accessibility checks every visited page gets, and
screenshots for a person to look at."""

from __future__ import annotations

from django.conf import settings
from django.test import Client

from tests.e2e.axe import assert_no_axe_violations


def sign_in(page, live_server, member) -> None:
    """Give the browser a signed-in session for `member` (signing in itself is covered by the learner journey)."""
    client = Client()
    client.force_login(member)
    page.context.add_cookies([{
        "name": settings.SESSION_COOKIE_NAME, "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
        "url": live_server.url,
    }])


# Visible form controls with no accessible name from aria-label, aria-labelledby or <label for>.
UNLABELLED_CONTROLS_JS = """
() => {
    const named = (el) => {
        if ((el.getAttribute('aria-label') || '').trim()) return true;
        const ids = (el.getAttribute('aria-labelledby') || '').split(/\\s+/).filter(Boolean);
        if (ids.some((id) => (document.getElementById(id)?.textContent || '').trim())) return true;
        // A <label for=id> or a <label> wrapping the control: both are in el.labels.
        return [...(el.labels || [])].some((label) => label.textContent.trim());
    };
    return [...document.querySelectorAll('input, select, textarea')]
        .filter((el) => el.type !== 'hidden' && el.checkVisibility())
        .filter((el) => !named(el))
        .map((el) => el.outerHTML.slice(0, 160));
}
"""

FOCUSED_ELEMENT_JS = """
() => {
    const el = document.activeElement;
    return {tag: el.tagName, href: el.getAttribute('href'), className: el.className, text: el.textContent.trim()};
}
"""


def check_accessibility(page) -> None:
    """One h1, a page language, a name for every visible form control, and the skip link first in tab order."""
    where = page.url
    assert page.locator("h1").count() == 1, f"{where}: expected exactly one h1"
    assert (page.locator("html").get_attribute("lang") or "").strip(), f"{where}: <html lang> is missing"
    assert page.evaluate(UNLABELLED_CONTROLS_JS) == [], f"{where}: form controls without an accessible label"
    if page.evaluate("() => document.activeElement !== document.body"):
        # The page moved focus on purpose (the quiz result is the #fragment target, focusable so it is announced);
        # the tab order is still checked from the start of the document.
        page.evaluate(
            "() => { const root = document.documentElement; root.tabIndex = -1; root.focus(); "
            "root.removeAttribute('tabindex'); }"
        )
    page.keyboard.press("Tab")
    focused = page.evaluate(FOCUSED_ELEMENT_JS)
    assert focused["tag"] == "A" and focused["href"] == "#main" and "skip-link" in focused["className"], (
        f"{where}: the first Tab reached {focused}, not the skip link"
    )
    assert page.locator(".skip-link").is_visible(), f"{where}: the focused skip link is not visible"
    page.keyboard.press("Escape")


def save_screenshot(page, directory, name: str) -> None:
    """A full-page screenshot for a person to look at, without the focus ring the accessibility check left."""
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    page.screenshot(path=str(directory / f"e2e-{name}.png"), full_page=True)


def publish_from_editor(page) -> None:
    """Publish the page open in Wagtail's editor, which must have been served with autosave off
    (`settings.WAGTAIL_AUTOSAVE_INTERVAL = 0`).

    Wagtail's autosave polls the form for edits and saves a draft when it sees one, so on a loaded machine that
    draft may land before or after the publish, or not at all: a test that publishes cannot know which."""
    assert page.locator("form[data-edit-form][data-controller~='w-autosave']").count() == 0, (
        "the editor autosaves: set WAGTAIL_AUTOSAVE_INTERVAL = 0 before opening it")
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish").click()


WIDTHS = {"phone": {"width": 320, "height": 640}, "desktop": {"width": 1280, "height": 900}}
SIDEWAYS_JS = "() => document.documentElement.scrollWidth - window.innerWidth"
# The innermost elements that stick out past the window's right edge, named by tag and classes, for the message.
CULPRITS_JS = """
() => {
    const sticksOut = (el) => el.getBoundingClientRect().right > window.innerWidth + 0.5 && el.checkVisibility();
    return [...document.body.querySelectorAll('*')].filter((el) => sticksOut(el) && ![...el.children].some(sticksOut))
        .map((el) => el.tagName.toLowerCase() + [...el.classList].map((c) => '.' + c).join('')).slice(0, 5);
}
"""


def checked_at_both_widths(page, screenshot_dir, name: str) -> None:
    """The page's accessibility basics, then at 320 and 1280 px: nothing scrolls sideways, axe-core finds nothing,
    and a screenshot `e2e-<name>-<phone|desktop>.png`; the viewport is left at the desktop width."""
    check_accessibility(page)
    for label, size in WIDTHS.items():
        page.set_viewport_size(size)
        assert page.evaluate(SIDEWAYS_JS) <= 0, (
            f"{name} scrolls sideways at {size['width']} px: {page.evaluate(CULPRITS_JS)}")
        assert_no_axe_violations(page)
        save_screenshot(page, screenshot_dir, f"{name}-{label}")
    page.set_viewport_size(WIDTHS["desktop"])
