"""Every page type answers with the strict Content-Security-Policy and the other security headers, and its HTML has
no inline script or style the policy would block (the browser suite, tests/e2e/test_content_security_policy.py,
checks that Chromium reports no violation). The admin answers with its own policy (lms/content_security.py)."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.test import Client

from lms.content_security import ADMIN_PREFIX, frame_origins, media_origin, site_policy
from tests.certificates.public_support import fresh_address

from .csp_pages import build_site

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]

# Script elements that carry data, not code: the policy does not apply to them.
DATA_SCRIPT_TYPES = {"application/json", "application/ld+json", "text/template"}


def directives(header: str) -> dict[str, list[str]]:
    policy = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            policy[words[0]] = words[1:]
    return policy


class InlineCode(HTMLParser):
    """Collects what a nonce-less strict policy would block: inline scripts and styles, style and on* attributes,
    javascript: addresses."""

    def __init__(self, nonce: str | None):
        super().__init__(convert_charrefs=True)
        self.nonce = nonce
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        has_nonce = self.nonce is not None and attributes.get("nonce") == self.nonce
        if tag == "script" and not attributes.get("src") and attributes.get("type") not in DATA_SCRIPT_TYPES:
            if not has_nonce:
                self.found.append(f"inline <script> at line {self.getpos()[0]}")
        if tag == "style" and not has_nonce:
            self.found.append(f"<style> at line {self.getpos()[0]}")
        for name, value in attrs:
            if name == "style":
                self.found.append(f"style attribute on <{tag}> at line {self.getpos()[0]}: {value!r}")
            elif name.startswith("on"):
                self.found.append(f"{name} handler on <{tag}> at line {self.getpos()[0]}")
            elif name in ("href", "src", "action", "formaction") and (value or "").strip().lower().startswith(
                "javascript:"
            ):
                self.found.append(f"javascript: address on <{tag}> at line {self.getpos()[0]}")


def inline_code(html: str, nonce: str | None) -> list[str]:
    parser = InlineCode(nonce)
    parser.feed(html)
    return parser.found


def nonce_of(policy: dict[str, list[str]]) -> str | None:
    for source in policy.get("script-src", []) + policy.get("style-src", []):
        if source.startswith("'nonce-"):
            return source[len("'nonce-") : -1]
    return None


def assert_strict(name: str, response) -> None:
    assert "Content-Security-Policy" in response, f"{name}: no Content-Security-Policy"
    policy = directives(response["Content-Security-Policy"])
    assert policy["default-src"] == ["'self'"], name
    assert policy["object-src"] == ["'none'"], name
    assert policy["base-uri"] == ["'self'"], name
    assert policy["form-action"] == ["'self'"], name
    assert "'unsafe-inline'" not in policy["style-src"], name
    for directive in ("script-src", "style-src"):
        assert "'unsafe-eval'" not in policy[directive], f"{name}: {directive} {policy[directive]}"
    assert response["X-Content-Type-Options"] == "nosniff", name
    assert response["Referrer-Policy"] == "same-origin", name
    assert "camera=()" in response["Permissions-Policy"], name
    if not response.wsgi_request.path_info.startswith(ADMIN_PREFIX):
        assert policy["frame-ancestors"] == ["'none'"], name
        assert policy["script-src"] == ["'self'"] and policy["style-src"] == ["'self'"], name
        assert inline_code(response.content.decode(), nonce_of(policy)) == [], name


def test_the_site_policy_is_strict_and_follows_the_media_and_video_origins():
    local = site_policy(media_origin({}), frame_origins({}))["DIRECTIVES"]
    assert local["img-src"] == ["'self'", "data:"] and local["style-src"] == ["'self'"]
    assert "https://www.youtube-nocookie.com" in local["frame-src"]
    on_s3 = {"AWS_STORAGE_BUCKET_NAME": "media", "AWS_S3_ENDPOINT_URL": "http://127.0.0.1:9000/"}
    assert media_origin(on_s3) == "http://127.0.0.1:9000"
    assert media_origin({"AWS_STORAGE_BUCKET_NAME": "media", "AWS_S3_REGION_NAME": "eu-west-1"}) == (
        "https://media.s3.eu-west-1.amazonaws.com"
    )
    assert media_origin({**on_s3, "CSP_MEDIA_ORIGIN": "https://cdn.example.org/x"}) == "https://cdn.example.org"
    assert site_policy("https://cdn.example.org", [])["DIRECTIVES"]["img-src"][-1] == "https://cdn.example.org"
    assert frame_origins({"CSP_FRAME_ORIGINS": "https://a.example, https://b.example"}) == [
        "https://a.example",
        "https://b.example",
    ]


@pytest.mark.parametrize("bad", ["*", "https://*.example.org", "ftp://media.example.org", "media.example.org"])
def test_a_malformed_origin_stops_start_up(bad):
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured, match="CSP_MEDIA_ORIGIN"):
        media_origin({"CSP_MEDIA_ORIGIN": bad})


def test_every_page_type_answers_with_the_policy_and_no_inline_code(client, settings):
    site = build_site()
    client.defaults["REMOTE_ADDR"] = fresh_address()
    for name, url in site["visitor"].items():
        response = client.get(url)
        assert response.status_code == 200, (name, url, response.status_code)
        assert_strict(name, response)
    for name, (url, status) in site["errors"].items():
        response = client.get(url)
        assert response.status_code == status, (name, url)
        assert_strict(name, response)

    settings.CERTIFICATE_LOOKUP_MISS_LIMIT = 1
    client.get("/certificates/verify/7K3Q-9F2M-XW4D-8HJT-2BNC")
    limited = client.get("/certificates/verify/8K3Q-9F2M-XW4D-8HJT-2BNC")
    assert limited.status_code == 429
    assert_strict("429", limited)

    member = Client(REMOTE_ADDR=fresh_address())
    member.force_login(site["member_account"])
    signed_in_pages = {name: url for name, url in site["visitor"].items() if not name.startswith("sign-")}
    for name, url in {**signed_in_pages, **site["member"]}.items():
        response = member.get(url)
        assert response.status_code == 200, (name, url, response.status_code)
        assert_strict(f"member's {name}", response)

    staff = Client(REMOTE_ADDR=fresh_address())
    staff.force_login(site["staff_account"])
    for name, url in site["staff"].items():
        response = staff.get(url)
        assert response.status_code == 200, (name, url, response.status_code)
        assert_strict(name, response)
        policy = directives(response["Content-Security-Policy"])
        assert policy["frame-ancestors"] == ["'self'"], name  # the admin's previews frame admin pages
        assert policy["script-src"] == ["'self'", "'unsafe-inline'"], name  # why: lms/content_security.py
        assert policy["style-src"] == ["'self'"], name
        styles = [found for found in inline_code(response.content.decode(), None) if "style" in found]
        assert styles == [], name


def test_the_server_error_page_has_no_inline_style():
    from django.template.loader import render_to_string

    assert inline_code(render_to_string("500.html"), None) == []
