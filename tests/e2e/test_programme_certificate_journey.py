"""The programme certificate in a real browser: a member who finished every step of a learning path finds
"Download your programme certificate" on the path page, reaches it with the keyboard and gets the PDF; the
certificate is in My learning's certificates. axe-core and sideways scrolling are checked at 320 and 1280 px."""

from __future__ import annotations

import pytest

from tests import factories
from tests.certificates.factories import default_template
from tests.courses.journeys import enrol, finish
from tests.e2e.axe import serve_axe
from tests.e2e.browsing import checked_at_both_widths, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]




def test_a_member_who_finished_a_path_downloads_its_programme_certificate(page, live_server, browser_errors,
                                                                        screenshot_dir):
    default_template()  # a transactional test's flush removed the data migration's default
    member = factories.MemberFactory(first_name="Noor", last_name="Haddad")
    fundamentals = factories.build_offering(title="Flow Metrics Fundamentals", modules=1, lessons_per_module=1)
    mapping = factories.build_offering(title="Value Stream Mapping Essentials", modules=1, lessons_per_module=1)
    path = factories.build_learning_path([fundamentals, mapping])
    for offering in (fundamentals, mapping):  # each completion commits: the certificates are issued and rendered
        enrol(member, offering)
        finish(member, factories.lessons_of(offering))
    serve_axe(page.context)

    sign_in(page, live_server, member)
    page.goto(path.url)
    progress = page.get_by_role("region", name="Your progress")
    assert "You have completed every step of this path." in progress.inner_text()
    download = progress.get_by_role("link", name="Download your programme certificate")
    download.focus()
    assert page.evaluate("() => document.activeElement.textContent").startswith("Download your programme certificate")
    checked_at_both_widths(page, screenshot_dir, "programme-certificate-path-page")
    answer = page.request.get(download.get_attribute("href"))
    assert answer.status == 200 and answer.headers["content-type"] == "application/pdf"
    assert answer.body().startswith(b"%PDF")

    page.goto("/my-learning/")
    certificates = page.get_by_role("region", name="Certificates")
    assert certificates.get_by_role("heading", name="Value stream practitioner").is_visible()
    checked_at_both_widths(page, screenshot_dir, "programme-certificate-my-learning")
    assert browser_errors == []
