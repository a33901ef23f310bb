"""Arabic pages run right to left, and the layout truly mirrors: checked by where things are on the screen, not by
reading the stylesheet.

Under /ar/ every page of a learner's journey is visited at a phone's 320 CSS px and a desktop's 1280 px: the page
says <html dir="rtl" lang="ar">, does not scroll sideways, passes axe-core, and its parts sit where a right-to-left
reader looks for them: the brand at the right edge with the navigation to its left, a card grid's first card
rightmost, the pager's "next" at the left, labels aligned right, the "previous lesson" arrow pointing right. The
English page at the same width keeps its brand at the left, so the mirroring is the direction's doing. Until the
Arabic catalogues land the words are English; the layout is what is checked. Screenshots go to E2E_SCREENSHOT_DIR.
"""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from courses.learning import enrolment as enrolment_rules
from lms.languages import translated_address
from tests import factories
from tests.certificates.factories import default_template, issued_certificate
from tests.e2e.axe import axe_violations, describe, serve_axe
from tests.e2e.browsing import sign_in
from tests.e2e.test_phone_width import OVERFLOW_JS

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("media_root")]

VIEWPORTS = {"phone": {"width": 320, "height": 640}, "desktop": {"width": 1280, "height": 800}}
# A pixel of rounding either way when two edges are meant to meet.
SLACK = 1.5

# The header's content box, the brand's and the main navigation's boxes, in CSS px from the window's left.
HEADER_JS = """
() => {
    const box = (el) => { const r = el.getBoundingClientRect(); return {left: r.left, right: r.right, top: r.top}; };
    const inner = document.querySelector('.header-inner');
    const style = getComputedStyle(inner);
    const r = inner.getBoundingClientRect();
    return {
        start: r.left + parseFloat(style.paddingLeft), end: r.right - parseFloat(style.paddingRight),
        brand: box(document.querySelector('.header-inner .brand')),
        nav: box(document.querySelector('.header-inner nav')),
    };
}
"""

# Where a label's words are (not its box, which spans the line) and where its control is.
LABEL_JS = """
(selector) => {
    const label = document.querySelector(selector);
    const control = label.control;
    const words = document.createRange();
    words.selectNodeContents(label);
    const text = words.getBoundingClientRect();
    const field = control.getBoundingClientRect();
    return {textLeft: text.left, textRight: text.right, fieldLeft: field.left, fieldRight: field.right};
}
"""


def left_and_right(page, selector: str) -> tuple[float, float]:
    box = page.locator(selector).first.bounding_box()
    assert box, f"{page.url}: {selector} is not on the screen"
    return box["x"], box["x"] + box["width"]


@pytest.fixture
def journey(live_server):
    """A course with three lessons, a webinar, three offerings the search finds, and a member who is enrolled and
    holds a certificate; every address in its Arabic version."""
    course = factories.build_offering(title="Flow Metrics Fundamentals", modules=1, lessons_per_module=3)
    factories.build_offering(title="Flow Efficiency in Practice", modules=1, lessons_per_module=1)
    webinar = factories.build_event(title="Flow Metrics Live")
    call_command("catalog_reindex", stdout=io.StringIO())
    member = factories.MemberFactory(email="layla@example.org", first_name="Layla", preferred_languages=["ar", "en"])
    enrolment_rules.enrol(member, course)
    default_template()  # a transactional test's flush removed the data migration's default
    certificate = issued_certificate(member, title="Kanban Cadences")

    def arabic(address: str) -> str:
        return translated_address(address, "ar")

    return {
        "member": member,
        "visitor pages": {
            "home": arabic("/"),
            "catalog": arabic("/catalog/"),
            "course": arabic(course.url),
            "webinar": arabic(webinar.url),
            "search": arabic(reverse("search:page")) + "?q=flow&page_size=1&page=2",
            "sign-in": arabic(reverse("account_login")),
            "certificate verify": arabic(reverse("certificates:verify", args=[certificate.code])),
        },
        "member pages": {
            "lesson": arabic(factories.lessons_of(course)[1].url),  # the middle one: both ways on
            "My learning": arabic(reverse("courses:dashboard")),
            "profile": arabic(reverse("lms:profile")),
        },
        "english home": "/",
    }


def mirroring_problems(page, name: str) -> list[str]:
    """What on this page is not where a right-to-left reader expects it (empty when all is)."""
    problems = []
    header = page.evaluate(HEADER_JS)
    brand, nav = header["brand"], header["nav"]
    if abs(brand["right"] - header["end"]) > SLACK:
        problems.append(f"{name}: the brand ends at {brand['right']:.0f} px, not at the right edge {header['end']:.0f}")
    if nav["top"] < brand["top"] + SLACK and nav["right"] > brand["left"] + SLACK:
        problems.append(f"{name}: the navigation (right edge {nav['right']:.0f}) is not left of the brand")
    if name == "catalog" and page.locator(".cards > li").count() >= 2:
        first, second = (left_and_right(page, f".cards > li:nth-child({n})") for n in (1, 2))
        if page.viewport_size["width"] >= 1000 and not first[0] > second[1] - SLACK:
            problems.append(f"catalog: the first card {first} is not right of the second {second}")
    if name in ("search", "lesson"):
        previous, following = left_and_right(page, ".pager [rel=prev]"), left_and_right(page, ".pager [rel=next]")
        if not previous[0] > following[1] - SLACK:
            problems.append(f"{name}: the pager's previous {previous} is not right of its next {following}")
    if name == "lesson":
        arrows = page.eval_on_selector_all(
            ".pager .direction-arrow", "arrows => arrows.map((arrow) => getComputedStyle(arrow).transform)"
        )
        if arrows != ["matrix(-1, 0, 0, 1, 0, 0)"] * 2:
            problems.append(f"lesson: the pager's arrows are not turned to point the reading way: {arrows}")
    if name == "sign-in":
        label = page.evaluate(LABEL_JS, "main form label")
        if abs(label["textRight"] - label["fieldRight"]) > SLACK or label["textLeft"] < label["fieldLeft"] - SLACK:
            problems.append(f"sign-in: the first label's words are not aligned right over their field: {label}")
    if name == "certificate verify":
        code = page.locator(".certificate-code bdi")
        if code.get_attribute("dir") != "ltr":
            problems.append("certificate verify: the code is not isolated left to right")
    return problems


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=VIEWPORTS)
def test_arabic_pages_mirror_and_stay_accessible(
    viewport, browser, live_server, journey, browser_errors, screenshot_dir
):
    context = browser.new_context(base_url=live_server.url, locale="ar", viewport=VIEWPORTS[viewport])
    context.set_default_timeout(15_000)
    serve_axe(context)
    page = context.new_page()
    page.on("response", lambda r: r.status >= 500 and browser_errors.append(f"HTTP {r.status} {r.url}"))
    page.on("pageerror", lambda error: browser_errors.append(f"script error: {error}"))
    problems: list[str] = []
    try:
        for who in ("visitor", "member"):
            if who == "member":
                sign_in(page, live_server, journey["member"])
            for name, address in journey[f"{who} pages"].items():
                response = page.goto(address)
                assert response.status == 200, f"{name} {address}: HTTP {response.status}"
                html = page.locator("html")
                assert (html.get_attribute("dir"), html.get_attribute("lang")) == ("rtl", "ar"), f"{name} {address}"
                shot = screenshot_dir / f"rtl-{viewport}-{name.replace(' ', '-')}.png"
                page.screenshot(path=str(shot), full_page=True)
                overflow = page.evaluate(OVERFLOW_JS)
                if overflow["scrollWidth"] > overflow["innerWidth"]:
                    problems.append(f"{name}: {overflow['scrollWidth']} px wide in {overflow['innerWidth']} px")
                problems += mirroring_problems(page, name)
                violations = axe_violations(page)
                if violations:
                    problems.append(f"{name} ({address}), axe-core:\n{describe(violations)}")
    finally:
        context.close()
    assert not problems, "\n".join(problems)
    assert browser_errors == []


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=VIEWPORTS)
def test_the_english_page_keeps_its_brand_at_the_left(viewport, browser, live_server, journey):
    context = browser.new_context(base_url=live_server.url, locale="en-GB", viewport=VIEWPORTS[viewport])
    page = context.new_page()
    try:
        page.goto(journey["english home"])
        assert page.locator("html").get_attribute("dir") == "ltr"
        header = page.evaluate(HEADER_JS)
    finally:
        context.close()
    assert abs(header["brand"]["left"] - header["start"]) <= SLACK, header
    assert header["nav"]["top"] > header["brand"]["top"] + SLACK or header["nav"]["left"] >= header["brand"]["right"]
