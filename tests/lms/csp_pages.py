"""One page of every type the site serves, for the Content-Security-Policy checks (tests/lms and tests/e2e): what a
visitor, a member and staff open, plus the error pages. Built through the real rules and factories."""

from __future__ import annotations

import io
import uuid

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed

from certificates import issuance
from cms.site_pages import ensure_site_pages
from courses.learning import enrolment as enrolment_rules
from courses.models import WorkshopPage
from mentoring import relationships as relationship_rules
from mentoring import requests as request_rules
from tests import factories
from tests.certificates.factories import default_template, issued_certificate, make_image
from tests.mentoring.factories import RoundFactory, mentee, mentor, topic

VIDEO_URL = "https://www.youtube.com/watch?v=csp-check"


def lesson_media() -> list[dict]:
    """An image, an embedded video (its embed cached, so no network is needed) and a video shown as its poster and
    transcript."""
    Embed.objects.get_or_create(
        hash=get_embed_hash(VIDEO_URL, None, None),
        defaults={
            "url": VIDEO_URL,
            "type": "video",
            "title": "Flow in five minutes",
            "provider_name": "YouTube",
            "html": '<iframe src="https://www.youtube-nocookie.com/embed/csp-check" title="Flow in five minutes" '
            'width="560" height="315" allowfullscreen></iframe>',
        },
    )
    image = make_image(title="Value stream map")
    poster = make_image(title="Poster")
    return [
        {
            "type": "video",
            "id": str(uuid.uuid4()),
            "value": {"title": "Flow time explained", "video": "", "poster": poster.pk, "poster_alt_text": "",
                      "transcript": "<p>Flow time is the elapsed time from start to finish.</p>"},
        },
        {
            "type": "video",
            "id": str(uuid.uuid4()),
            "value": {"title": "Flow in five minutes", "video": VIDEO_URL, "transcript": ""},
        },
        {
            "type": "image",
            "id": str(uuid.uuid4()),
            "value": {"image": image.pk, "alt_text": "A value stream map", "caption": ""},
        },
    ]


def build_site() -> dict:
    """Pages by who opens them: {"visitor": {name: url}, "member": ..., "staff": ..., "errors": {name: (url, status)}},
    with the member and staff accounts."""
    flow = topic("Flow metrics")
    course = factories.build_offering(
        title="Flow Metrics Fundamentals", topics=[flow], modules=1, lessons_per_module=2, quiz_lessons=((0, 1),)
    )
    lesson = factories.lessons_of(course)[-1]  # the one with a quiz
    lesson.body = [*lesson.body.raw_data, *lesson_media()]
    lesson.save_revision().publish()
    course.image = make_image(title="Course picture")
    course.image_alt_text = "A bar chart of weekly throughput."
    course.save_revision().publish()
    ensure_site_pages()
    event = factories.build_event(
        title="Value Stream Mapping Workshop",
        page_class=WorkshopPage,
        topics=[flow],
        sessions=[factories.session_spec()],
    )
    call_command("catalog_reindex", stdout=io.StringIO())

    maya = mentor(first_name="Maya", last_name="Lindqvist", expertise=[flow])
    ines = mentee(first_name="Inés", last_name="García", email="ines@example.org", wanted=[flow]).member
    request = request_rules.request_mentor(ines, maya, "Could you help me with flow metrics?")
    mentorship = request_rules.accept_request(request, maya.member, "Gladly.")
    relationship_rules.log_meeting(mentorship, ines, timezone.localdate(mentorship.started_at), 45, note="Notes.")
    default_template()
    certificate = issued_certificate(ines, title="Kanban Cadences")
    withdrawn = issued_certificate(factories.MemberFactory(), title="Withdrawn course")
    staff = factories.StaffFactory(is_superuser=True)
    issuance.withdraw(withdrawn, by=staff)
    enrolment_rules.enrol(ines, course)
    matching_round = RoundFactory()
    return {
        "member_account": ines,
        "staff_account": staff,
        "visitor": {
            "home": "/",
            "catalog": f"/catalog/?topic={flow.slug}",
            "course": course.url,
            "event": event.url,
            "search": "/search/?q=flow",
            "sign-in": reverse("account_login"),
            "sign-up": reverse("account_signup"),
            "certificate verify": reverse("certificates:verify", args=[certificate.code]),
            "code of conduct": "/code-of-conduct/",
            "report a concern": "/report-a-concern/",
        },
        "member": {
            "lesson with a quiz": lesson.url,
            "My learning": reverse("courses:dashboard"),
            "mentoring": reverse("mentoring:home"),
            "mentor directory": reverse("mentoring:directory"),
            "mentor's page": reverse("mentoring:mentor", args=[maya.member.pk]),
            "relationship": reverse("mentoring:mentorship", args=[mentorship.pk]),
            "profile": reverse("lms:profile"),
            "e-mail preferences": reverse("lms:preferences"),
        },
        "staff": {
            "admin dashboard": "/admin/",
            "course editor": f"/admin/pages/{course.pk}/edit/",
            "event editor": f"/admin/pages/{event.pk}/edit/",
            "images": "/admin/images/",
            "image upload": "/admin/images/multiple/add/",
            "documents": "/admin/documents/",
            "certificates": reverse("certificates_admin:index"),
            "certificate": reverse("certificates_admin:detail", args=[certificate.pk]),
            "event registrations": reverse("courses_events:registrations", args=[event.pk]),
            "mentoring round": reverse("mentoring_admin:round", args=[matching_round.pk]),
            "new mentoring round": reverse("mentoring_admin:add"),
        },
        "errors": {
            "404": ("/no-such-page/", 404),
            "410": (reverse("certificates:verify", args=[withdrawn.code]), 410),
        },
    }
