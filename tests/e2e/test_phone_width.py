"""Every key page at a phone's 320 CSS px and a desktop's 1280 px: no sideways scrolling (WCAG 1.4.10 Reflow) and no
WCAG 2.0/2.1/2.2 A or AA violation that axe-core can find, for a visitor and for a signed-in member.

The data carries what real members write: a long German compound in a title, a long URL in a lesson, a partner with
a long name in the filters. Screenshots of each page go to E2E_SCREENSHOT_DIR (or the temp folder) for a person.
"""

from __future__ import annotations

import io
import uuid
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed

from cms.site_pages import ensure_site_pages
from courses.learning import enrolment as enrolment_rules
from courses.models import WorkshopPage
from mentoring import relationships as relationship_rules
from mentoring import requests as request_rules
from tests import factories
from tests.certificates.factories import default_template, issued_certificate, make_image, png_bytes
from tests.cpd.factories import activity as cpd_activity
from tests.cpd.factories import scheme as cpd_scheme
from tests.e2e.axe import axe_violations, describe, serve_axe
from tests.e2e.browsing import sign_in
from tests.mentoring.factories import mentee, mentor, topic

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("media_root")]

VIEWPORTS = {"phone": {"width": 320, "height": 640}, "desktop": {"width": 1280, "height": 800}}
LONG_WORD = "Wertstromdesignmethodenkompetenzentwicklungsprogramm"
VIDEO_URL = "https://www.youtube-nocookie.com/embed/flow-in-five-minutes"
LONG_URL = "https://standards.example.org/value-stream-management/flow-metrics/2026/reference-implementation-guide"

# How wide the page is, and the innermost elements that reach beyond the window (the ones to fix).
OVERFLOW_JS = """
() => {
    const limit = window.innerWidth;
    const sticksOut = (el) => el.getBoundingClientRect().right > limit + 0.5 && el.checkVisibility();
    const culprits = [...document.body.querySelectorAll('*')]
        .filter((el) => sticksOut(el) && ![...el.children].some(sticksOut))
        .map((el) => {
            const name = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
                + [...el.classList].map((c) => '.' + c).join('');
            const right = Math.round(el.getBoundingClientRect().right);
            return `${name} "${el.textContent.replace(/\\s+/g, ' ').trim().slice(0, 40)}" (right edge ${right} px)`;
        });
    return {scrollWidth: document.documentElement.scrollWidth, innerWidth: limit, culprits: culprits.slice(0, 6)};
}
"""


def wide_media() -> list[dict]:
    """A video embedded at 560 px (its oEmbed answer cached, so nothing is fetched), a video given only as a poster
    and its transcript, and a picture 1000 px wide."""
    Embed.objects.get_or_create(
        hash=get_embed_hash(VIDEO_URL, None, None),
        defaults={
            "url": VIDEO_URL,
            "type": "video",
            "title": "Flow in five minutes",
            "provider_name": "YouTube",
            "html": f'<iframe src="{VIDEO_URL}" title="Flow in five minutes" width="560" height="315"></iframe>',
        },
    )
    # A fresh mark and its hash recorded: Wagtail caches renditions by image id and file hash, and the cache (Redis)
    # outlives the test's database and media folder.
    picture = make_image(title="Value stream map", content=png_bytes(1000, 400, text=uuid.uuid4().hex))
    picture.get_file_hash()
    poster = make_image(title="Poster", content=png_bytes(1280, 720, text=uuid.uuid4().hex))
    poster.get_file_hash()
    return [
        {"type": "video", "id": str(uuid.uuid4()), "value": {"title": "Flow in five minutes", "video": VIDEO_URL}},
        {"type": "video", "id": str(uuid.uuid4()), "value": {
            "title": f"Explainer: {LONG_WORD}", "video": "", "poster": poster.pk, "poster_alt_text": "",
            "transcript": f"<p>The transcript, with the guide at {LONG_URL}.</p>"}},
        {"type": "image", "id": str(uuid.uuid4()), "value": {"image": picture.pk, "alt_text": "A value stream map"}},
    ]


@pytest.fixture
def site(live_server):
    """One of each key page, with a member who has learned, earned a certificate and found a mentor."""
    flow = topic("Flow metrics")
    partner = factories.PartnerFactory(
        name="International Institute for Value Stream Management Research", slug="iivsmr"
    )
    course = factories.build_offering(
        title=f"Flow Metrics Fundamentals: {LONG_WORD}",
        topics=[flow],
        co_hosts=[partner],
        modules=1,
        lessons_per_module=2,
        quiz_lessons=((0, 1),),
    )
    lesson = factories.lessons_of(course)[0]
    lesson.body = [factories.text_block(f"Read the guide at {LONG_URL} before the next lesson."), *wide_media()]
    lesson.save_revision().publish()
    course.image = make_image(title="Course picture", content=png_bytes(1600, 900, text=uuid.uuid4().hex))
    course.image.get_file_hash()
    course.image_alt_text = "A bar chart of weekly throughput with a trend line."
    course.save_revision().publish()
    ensure_site_pages()
    event = factories.build_event(
        title="Value Stream Mapping Workshop",
        page_class=WorkshopPage,
        topics=[flow],
        co_hosts=[partner],
        sessions=[
            factories.session_spec(joining_url="", venue="Room 4, Congress Centre, Lisbon", time_zone="Europe/Lisbon")
        ],
    )
    call_command("catalog_reindex", stdout=io.StringIO())

    maya = mentor(first_name="Maya", last_name="Lindqvist", expertise=[flow], time_zone="Europe/London")
    ines = mentee(
        first_name="Inés", last_name="García", email="ines@example.org", wanted=[flow], time_zone="Europe/Madrid"
    ).member
    request = request_rules.request_mentor(ines, maya, "Hola Maya, could you help me with flow metrics?")
    mentorship = request_rules.accept_request(request, maya.member, "Gladly.")
    relationship_rules.log_meeting(
        mentorship, ines, timezone.localdate(mentorship.started_at), 45, note=f"Went through {LONG_URL} together."
    )
    default_template()  # a transactional test's flush removed the data migration's default
    certificate = issued_certificate(ines, title="Kanban Cadences")  # rendered once the issue commits
    enrolment_rules.enrol(ines, course)
    cpd_scheme()
    cpd_activity(ines, title=f"{LONG_WORD} Konferenz", category="giving_back", status="approved")
    return {
        "member": ines,
        "visitor pages": {
            "home": "/",
            "catalog": f"/catalog/?topic={flow.slug}&partner={partner.slug}",
            "course": course.url,
            "event": event.url,
            "search results": "/search/?q=flow",
            "sign-in": reverse("account_login"),
            "sign-up": reverse("account_signup"),
            "certificate lookup": reverse("certificates:verify_form"),
            "certificate verify": reverse("certificates:verify", args=[certificate.code]),
            "code of conduct": "/code-of-conduct/",
            "report a concern": "/report-a-concern/",
            "accessibility statement": "/accessibility/",
        },
        "member pages": {
            "catalog": "/catalog/",
            "course": course.url,
            "module": lesson.get_parent().url,
            "lesson": lesson.url,
            "event": event.url,
            "My learning": reverse("courses:dashboard"),
            "My CPD": reverse("cpd:page"),
            "mentoring": reverse("mentoring:home"),
            "mentee profile": reverse("mentoring:mentee_profile"),
            "mentor profile": reverse("mentoring:mentor_profile"),
            "mentor directory": reverse("mentoring:directory"),
            "mentor's page": reverse("mentoring:mentor", args=[maya.member.pk]),
            "request": reverse("mentoring:request", args=[request.pk]),
            "relationship": reverse("mentoring:mentorship", args=[mentorship.pk]),
            "profile": reverse("lms:profile"),
            "e-mail preferences": reverse("lms:preferences"),
        },
    }


def answer_from_the_site_only(route, site_url: str, media_root: Path) -> None:
    """The site answers; media files come from the test's media folder (object storage's part in production, which
    the test server does not play); anything elsewhere (the embedded video) is refused, so nothing leaves the machine.
    """
    url = route.request.url
    if url.startswith(f"{site_url}{settings.MEDIA_URL}"):
        stored = media_root / unquote(urlsplit(url).path.removeprefix(settings.MEDIA_URL))
        if stored.resolve().is_relative_to(media_root.resolve()) and stored.is_file():
            route.fulfill(path=stored)
        else:
            route.fulfill(status=404)
    elif url.startswith(site_url):
        route.continue_()
    else:
        route.abort()


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=VIEWPORTS)
def test_every_key_page_fits_the_width_and_passes_axe(
    viewport, browser, live_server, site, browser_errors, screenshot_dir, media_root
):
    context = browser.new_context(base_url=live_server.url, locale="en-GB", viewport=VIEWPORTS[viewport])
    context.set_default_timeout(15_000)
    context.route("**/*", lambda route: answer_from_the_site_only(route, live_server.url, media_root))
    serve_axe(context)
    page = context.new_page()
    page.on("response", lambda r: r.status >= 500 and browser_errors.append(f"HTTP {r.status} {r.url}"))
    page.on("pageerror", lambda error: browser_errors.append(f"script error: {error}"))
    problems: list[str] = []
    try:
        for who in ("visitor", "member"):
            if who == "member":
                sign_in(page, live_server, site["member"])
            for name, url in site[f"{who} pages"].items():
                response = page.goto(url)
                assert response.status == 200, f"{who} {name} {url}: HTTP {response.status}"
                page.screenshot(
                    path=str(screenshot_dir / f"e2e-width-{viewport}-{who}-{name.replace(' ', '-')}.png"),
                    full_page=True,
                )
                overflow = page.evaluate(OVERFLOW_JS)
                if overflow["scrollWidth"] > overflow["innerWidth"]:
                    problems.append(
                        f"{who} {name} ({url}) is {overflow['scrollWidth']} px wide in a {overflow['innerWidth']} px "
                        f"window; sticking out: {', '.join(overflow['culprits'])}"
                    )
                violations = axe_violations(page)
                if violations:
                    problems.append(f"{who} {name} ({url}), axe-core:\n{describe(violations)}")
    finally:
        context.close()
    assert not problems, "\n".join(problems)
    assert browser_errors == []


def test_axe_names_the_rule_and_the_element_it_finds_broken(page, live_server):
    """The helper itself: a picture without a text alternative is reported by rule, impact and element."""
    serve_axe(page.context)
    page.goto("/")
    page.evaluate(
        "() => { const img = document.createElement('img'); img.id = 'no-alt'; img.width = 40; img.height = 40;"
        " img.src = '/static/none.png'; document.querySelector('main').append(img); }"
    )
    violations = axe_violations(page)
    assert [v["id"] for v in violations] == ["image-alt"]
    assert "image-alt (critical)" in describe(violations) and "#no-alt" in describe(violations)
