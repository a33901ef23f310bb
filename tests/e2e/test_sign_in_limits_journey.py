"""The limit pages in a real browser: a member whose password sign-in is paused gets a clear 429 page, asks for a
code by e-mail and is signed in with it; a network that tried too many unknown certificate codes gets a clear
429 page that still lets it check a real code. Each page also gets the basic accessibility checks."""

from __future__ import annotations

import re
import uuid

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from lms.settings import base
from tests.e2e.browsing import check_accessibility, save_screenshot
from tests.factories import MemberFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery"  # what MemberFactory sets


@pytest.fixture
def sign_in_limits(settings):
    """Three wrong passwords per address and account; the live server's one address (127.0.0.1) is shared by
    every run, so its across-accounts limit is set out of the way."""
    settings.ACCOUNT_RATE_LIMITS = {
        **base.ACCOUNT_RATE_LIMITS,
        "login_failed_from_address": "3/15m/key",
        "login_failed": "1000/15m/ip,1000/1h/key",
        "request_login_code": "1000/15m/ip",
    }


def submit_password(page, email: str, password: str):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    with page.expect_response(lambda r: r.url.endswith("/accounts/login/") and r.request.method == "POST") as info:
        page.get_by_role("button", name="Sign In").click()
    return info.value


def test_a_paused_member_signs_in_with_an_emailed_code(page, sign_in_limits, browser_errors, screenshot_dir):
    member = MemberFactory(email=f"paused-{uuid.uuid4().hex[:10]}@example.org")
    EmailAddress.objects.create(user=member, email=member.email, verified=True, primary=True)

    page.goto("/accounts/login/")
    check_accessibility(page)
    assert page.get_by_role("link", name="Send me a sign-in code").is_visible()

    for _ in range(3):
        assert submit_password(page, member.email, "a wrong guess 1").status == 200
    paused = submit_password(page, member.email, PASSWORD)
    assert paused.status == 429 and int(paused.headers["retry-after"]) > 0
    assert page.get_by_role("heading", level=1).inner_text() == "Password sign-in is paused"
    assert (
        "Too many wrong passwords were tried for this account from your network"
        in page.get_by_role("alert").inner_text()
    )
    check_accessibility(page)
    save_screenshot(page, screenshot_dir, "sign-in-paused")

    mail.outbox.clear()
    assert page.get_by_label("E-mail address").input_value() == member.email
    page.get_by_role("button", name="E-mail me a sign-in code").click()
    page.wait_for_url("**/accounts/login/code/confirm/")
    check_accessibility(page)
    (message,) = mail.outbox
    code = re.search(r"browser window\.\s+(\S+)\s", message.body).group(1)
    page.get_by_label("Code").fill(code)
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_url("**/my-learning/")
    assert browser_errors == []


def test_too_many_unknown_codes_get_a_clear_page_that_still_checks_real_ones(
    page, settings, browser_errors, screenshot_dir
):
    settings.CERTIFICATE_LOOKUP_MISS_LIMIT = 1
    unknown = "7K3Q-9F2M-XW4D-8HJT-2BNC"
    statuses = [page.goto(f"/certificates/verify/{unknown}").status for _ in range(2)]
    assert statuses[-1] == 429, statuses
    assert page.get_by_role("heading", level=1).inner_text() == "Too many unknown codes tried"
    assert "A code printed on a real certificate still opens at any time" in page.locator("main").inner_text()
    assert page.get_by_label("Verification code").is_visible()
    check_accessibility(page)
    save_screenshot(page, screenshot_dir, "certificate-lookups-paused")
    assert browser_errors == []
