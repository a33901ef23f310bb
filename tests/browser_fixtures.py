"""Browser fixtures for every test that drives a browser (tests/e2e and the admin browser tests elsewhere): Debian's
Chromium, driven headless by Playwright's sync API, against pytest-django's live server. Loaded for the whole suite
by `pytest_plugins` in tests/conftest.py, so a test asks for `page` and never imports a fixture.

Never `playwright install`: the browser is the system package (`make system-deps` installs it).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def allow_orm_beside_playwright_loop():
    """Playwright's sync API keeps an asyncio loop running in the test thread, so Django would refuse ORM calls.

    Set for the modules that start a browser only (`browser` asks for it; restored after them), not for the rest of
    the suite.
    """
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="module")
def browser(allow_orm_beside_playwright_loop):
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make system-deps` (Debian's chromium package).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def browser_errors() -> list[str]:
    """Server errors (5xx responses) and uncaught script errors seen by `page`; a test asserts it stays empty."""
    return []


@pytest.fixture
def page(browser, live_server, browser_errors, settings):
    """A fresh browser profile per test, with base_url set to the live server, which is also where the site says it
    is served: links in e-mails (the account e-mails name the site's address, never the request's host) lead back
    to the server the browser is on."""
    settings.WAGTAILADMIN_BASE_URL = live_server.url
    context = browser.new_context(
        base_url=live_server.url, accept_downloads=True, locale="en-GB", viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.on("response", lambda r: r.status >= 500 and browser_errors.append(f"HTTP {r.status} {r.url}"))
    page.on("pageerror", lambda error: browser_errors.append(f"script error: {error}"))
    try:
        yield page
    finally:
        context.close()


@pytest.fixture
def screenshot_dir() -> Path:
    """Where screenshots go for a person to look at: E2E_SCREENSHOT_DIR, or the system temp directory."""
    directory = Path(os.environ.get("E2E_SCREENSHOT_DIR") or tempfile.gettempdir())
    directory.mkdir(parents=True, exist_ok=True)
    return directory
