"""Chromium under the site's Content-Security-Policy: every page type loads with no violation reported, neither as a
`securitypolicyviolation` event nor in the console, for a visitor, a member and staff in the Wagtail admin (its
page editor included). The pages are the ones tests/lms/test_content_security_policy.py checks on the server."""

from __future__ import annotations

import pytest

from tests.certificates.factories import png_bytes
from tests.e2e.browsing import sign_in
from tests.lms.csp_pages import build_site

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("media_root")]

# Runs before any page script (Playwright injects it through the DevTools protocol, which the policy does not
# govern): every violation the page reports is kept for the test to read.
RECORD_VIOLATIONS_JS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (event) => {
    window.__cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI || 'inline'}`
        + ` (${event.sourceFile || ''}:${event.lineNumber || ''}) ${event.sample || ''}`);
});
"""


@pytest.fixture
def site(live_server):
    return build_site()


def visit(page, url: str, console: list[str]) -> list[str]:
    """Open `url`, let its scripts settle, and return the violations seen there."""
    console.clear()
    response = page.goto(url)
    assert response is not None and response.status < 500, url
    page.wait_for_load_state("networkidle")
    return page.evaluate("() => window.__cspViolations") + list(console)


def test_no_page_reports_a_policy_violation(page, live_server, site, browser_errors):
    page.context.add_init_script(RECORD_VIOLATIONS_JS)
    console: list[str] = []
    page.on(
        "console",
        lambda message: "Content Security Policy" in message.text and console.append(f"console: {message.text}"),
    )
    problems: list[str] = []

    def check(who: str, name: str, url: str) -> None:
        seen = visit(page, url, console)
        if seen:
            problems.append(f"{who} {name} ({url}):\n  " + "\n  ".join(seen))

    for name, url in site["visitor"].items():
        check("visitor", name, url)
    for name, (url, _status) in site["errors"].items():
        check("visitor", name, url)

    sign_in(page, live_server, site["member_account"])
    for name, url in site["member"].items():
        check("member", name, url)
    # The lesson's picture and its embedded player are allowed (no violation above for the lesson).
    page.goto(site["member"]["lesson with a quiz"])
    assert page.locator("iframe[src^='https://www.youtube-nocookie.com/']").count() == 1
    # (Local media are served by the web server in production and by runserver in development, not by the test
    # server: the picture's address is what the policy must allow.)
    assert page.locator("main figure img").first.get_attribute("src").startswith("/media/")

    page.context.clear_cookies()
    sign_in(page, live_server, site["staff_account"])
    for name, url in site["staff"].items():
        check("staff", name, url)
    # Uploading a picture: the uploader previews it before sending it, then shows the stored image.
    page.goto(site["staff"]["image upload"])
    page.locator("input[type=file]").set_input_files(
        files=[{"name": "map.png", "mimeType": "image/png", "buffer": png_bytes(text="Map")}]
    )
    page.get_by_text("Upload successful. Please update").first.wait_for(state="visible")
    assert page.evaluate("() => window.__cspViolations") == []
    # Public pages as an editor sees them: with Wagtail's user bar (and its accessibility checker) on the page.
    for name in ("home", "course", "event"):
        check("staff", name, site["visitor"][name])
    assert page.locator("wagtail-userbar").count() == 1

    assert problems == [], "\n".join(problems)

    # The page editor works under the admin's policy: its scripts built the form (the date chooser among them)
    # and a change can be saved as a draft.
    page.goto(site["staff"]["course editor"])
    title = page.locator("#id_title")
    title.fill("Flow Metrics Fundamentals, revised")
    page.get_by_role("button", name="Save draft").click()
    page.wait_for_load_state("networkidle")
    assert page.locator(".messages .success").count() == 1, page.locator(".messages").inner_text()
    assert page.evaluate("() => window.__cspViolations") == []

    assert browser_errors == []
