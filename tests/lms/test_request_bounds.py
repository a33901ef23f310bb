"""How much one request may send: form fields, the text of a form, a whole body; each breach answered with an
explained 400 or 413 page (JSON on the API), nothing saved."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from courses.models import QuizAttempt
from tests import factories
from tests.courses.journeys import enrol
from tests.factories import QUIZ_CORRECT_ANSWERS, lessons_of, quiz_post_data

pytestmark = pytest.mark.django_db

# The largest real form, measured in Chromium on the demo (FormData entries of the Wagtail page editor for the
# longest lesson): 176 fields, 15 KB. The bounds leave room for pages several times larger.
LARGEST_REAL_FORM_FIELDS = 176


def test_the_bounds_are_set_and_sane():
    assert LARGEST_REAL_FORM_FIELDS * 4 <= settings.DATA_UPLOAD_MAX_NUMBER_FIELDS <= 2_000
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE <= 5 * 1024 * 1024
    assert settings.FILE_UPLOAD_MAX_MEMORY_SIZE <= 5 * 1024 * 1024
    largest_upload = max(settings.WAGTAILDOCS_MAX_UPLOAD_SIZE, settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE)
    assert largest_upload < settings.MAX_REQUEST_BODY_SIZE <= largest_upload + 5 * 1024 * 1024


@pytest.fixture
def quiz_lesson(course, learner):
    enrol(learner, course)
    return lessons_of(course)[-1]


def test_a_form_with_thousands_of_fields_gets_an_explained_400_and_nothing_is_saved(
    member_client, learner, quiz_lesson
):
    form = quiz_post_data(quiz_lesson, QUIZ_CORRECT_ANSWERS)
    form.update({f"f{n}": "x" for n in range(1_500)})
    answer = member_client.post(quiz_lesson.url + "quiz/", form)
    assert answer.status_code == 400
    text = answer.content.decode()
    assert "This form sent more fields than any form on this site has" in text
    assert "<h1>This request could not be handled</h1>" in text  # the site's page, not Django's bare one
    assert not QuizAttempt.objects.filter(member=learner).exists()


def test_a_form_with_too_much_text_gets_an_explained_413(member_client, quiz_lesson):
    form = quiz_post_data(quiz_lesson, QUIZ_CORRECT_ANSWERS)
    form["q1"] = "1" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
    answer = member_client.post(quiz_lesson.url + "quiz/", form)
    assert answer.status_code == 413
    assert "This form sent more text than this site accepts" in answer.content.decode()


def test_a_body_over_the_limit_is_refused_unread_with_413(client, settings):
    settings.MAX_REQUEST_BODY_SIZE = 64 * 1024
    upload = SimpleUploadedFile("report.csv", b"Email,Minutes\n" + b"a@example.org,60\n" * 10_000)
    answer = client.post("/accounts/login/", {"login": "a@example.org", "password": "x", "file": upload})
    assert answer.status_code == 413
    assert "What you sent is larger than this site accepts (at most 64.0\xa0KB in one request)" in (
        answer.content.decode()
    )
    assert answer["Connection"] == "close"
    assert "script-src 'self'" in answer["Content-Security-Policy"]  # the page is under the site's policy too


@pytest.mark.parametrize("length", [str(22 * 1024 * 1024), "9" * 30, "9" * 5000])
def test_an_announced_length_over_the_limit_is_refused_before_reading(client, length):
    answer = client.post(
        "/accounts/login/", b"login=a", content_type="application/x-www-form-urlencoded", CONTENT_LENGTH=length
    )
    assert answer.status_code == 413


def test_the_api_answers_a_breach_in_json(client):
    fields = "&".join(f"f{n}=x" for n in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1))
    answer = client.post(
        "/api/v1/certificates/7K3Q-9F2M-XW4D-8HJT-2BNC", fields, content_type="application/x-www-form-urlencoded"
    )
    assert answer.status_code == 400
    assert "more fields" in answer.json()["error"]


def test_other_bad_requests_get_the_sites_400_page():
    response = Client(HTTP_HOST="bad host name").get("/")  # DisallowedHost: Django's own 400
    assert response.status_code == 400
    assert "This request could not be handled" in response.content.decode()


def test_an_ordinary_form_still_works(client):
    member = factories.MemberFactory(email="reader@example.org")
    member.set_password("a long enough passphrase")
    member.save()
    answer = client.post("/accounts/login/", {"login": "reader@example.org", "password": "a long enough passphrase"})
    assert answer.status_code in (200, 302)


@pytest.mark.parametrize("length", ["-1", "\u0661\u0662", "12abc", ""])
@pytest.mark.parametrize("content_type", ["application/x-www-form-urlencoded", "multipart/form-data; boundary=xyz"])
def test_a_malformed_length_on_a_form_never_answers_5xx(client, length, content_type):
    answer = client.post("/accounts/login/", b"login=a", content_type=content_type, CONTENT_LENGTH=length)
    assert answer.status_code < 500
    if length:
        assert answer.status_code == 400
        assert "The Content-Length header is not a number." in answer.content.decode()
