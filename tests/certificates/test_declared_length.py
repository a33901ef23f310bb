"""The verify API reads the declared Content-Length through the site's one reading of it
(lms.request_bounds.declared_length): a length of thousands of digits is too large and one in other scripts' digits
not a number, each a clear 413 or 400, never a 500 (int() refused more than 4,300 digits)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("declared", "status", "words"),
    [
        ("9" * 5000, 413, "larger than 256 KiB"),
        ("9" * 30, 413, "larger than 256 KiB"),
        ("262145", 413, "larger than 256 KiB"),
        ("\u0661\u0662", 400, "Content-Length header is not a number"),
        ("-1", 400, "Content-Length header is not a number"),
    ],
)
def test_a_declared_length_beyond_reason_is_refused_with_the_reason(client, declared, status, words):
    response = client.post("/api/v1/certificates/verify", b"{}", content_type="application/json",
                           CONTENT_LENGTH=declared)
    assert response.status_code == status
    assert words in response.json()["error"]
