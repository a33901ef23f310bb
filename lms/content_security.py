"""What a browser may load and run on our pages: the Content-Security-Policy (strict on the site, as strict as
Wagtail's admin can work under on /admin/) and the Permissions-Policy beside it.

The site has no inline script or style, so a script injected into a page (a crafted name, a stored title) neither
runs nor restyles the page. Settings build the policy here from the environment; the middleware picks the admin's.
"""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlsplit

from csp.constants import NONE, SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware, PolicyParts
from django.core.exceptions import ImproperlyConfigured

ADMIN_PREFIX = "/admin/"

# Video providers whose players lessons embed (EmbedBlock: YouTube, Vimeo). The demo embeds none: its video blocks
# show a poster and the transcript.
DEFAULT_FRAME_ORIGINS = (
    "https://www.youtube.com",
    "https://www.youtube-nocookie.com",
    "https://player.vimeo.com",
)

# No page asks for the camera, microphone, location, payment or the other powerful features; none may.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
)


def _origin(name: str, text: str) -> str:
    """scheme://host[:port] of an address given in the environment; anything else stops start-up with the reason."""
    parts = urlsplit(text.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname or "*" in text:
        raise ImproperlyConfigured(f"{name}={text!r}: give an origin such as https://media.example.org")
    return f"{parts.scheme}://{parts.netloc}"


def media_origin(variables: Mapping[str, str]) -> str | None:
    """Where the browser fetches media when they are on S3 (signed URLs point there, not at our site): CSP_MEDIA_ORIGIN
    if set, else the bucket's address from the AWS_* variables lms/media_storage.py reads; None for local media."""
    explicit = (variables.get("CSP_MEDIA_ORIGIN") or "").strip()
    if explicit:
        return _origin("CSP_MEDIA_ORIGIN", explicit)
    bucket = (variables.get("AWS_STORAGE_BUCKET_NAME") or "").strip()
    if not bucket:
        return None
    endpoint = (variables.get("AWS_S3_ENDPOINT_URL") or "").strip()
    style = (variables.get("AWS_S3_ADDRESSING_STYLE") or "").strip().lower()
    if endpoint:
        origin = _origin("AWS_S3_ENDPOINT_URL", endpoint)
        if style == "virtual":
            scheme, host = origin.split("://", 1)
            return f"{scheme}://{bucket}.{host}"
        return origin
    region = (variables.get("AWS_S3_REGION_NAME") or "us-east-1").strip()
    return f"https://{bucket}.s3.{region}.amazonaws.com"


def frame_origins(variables: Mapping[str, str]) -> list[str]:
    """Players lessons may embed: CSP_FRAME_ORIGINS (comma-separated origins) or the usual video providers."""
    text = (variables.get("CSP_FRAME_ORIGINS") or "").strip()
    if not text:
        return list(DEFAULT_FRAME_ORIGINS)
    return [_origin("CSP_FRAME_ORIGINS", item) for item in text.split(",") if item.strip()]


def site_policy(media: str | None, frames: list[str]) -> dict:
    """The CONTENT_SECURITY_POLICY setting: our own scripts and styles only, never inline."""
    images = [SELF, "data:"] + ([media] if media else [])
    return {
        "DIRECTIVES": {
            "default-src": [SELF],
            "script-src": [SELF],
            "style-src": [SELF],
            "img-src": images,
            "media-src": [SELF] + ([media] if media else []),
            "font-src": [SELF],
            "connect-src": [SELF],
            "frame-src": [SELF, *frames],
            "object-src": [NONE],
            "base-uri": [SELF],
            "form-action": [SELF],
            "frame-ancestors": [NONE],
        }
    }


# What Wagtail 8's admin needs beyond the site's policy, each seen blocked in Chromium (tests/e2e), nothing else:
# - script-src 'unsafe-inline': the page editor's widgets still print inline scripts (the date and time choosers,
#   InlinePanel and MultipleChooserPanel set-up), and its bundled jQuery runs the ones inside forms it adds to the
#   page (a new inline panel row); their ids differ per field and form, so neither hashes nor nonces can name them
#   (wagtail/wagtail#1288, #7053). Styles need no such exception: the admin sets none inline.
# - img-src blob: the image uploader previews the chosen file from a blob: address before it is sent.
# - frame-ancestors 'self': the editor's live preview frames the preview, which is an admin page.
# The admin's update check (a fetch to releases.wagtail.org) is switched off in settings instead of allowed.
def admin_replace(site: dict) -> dict[str, list[str]]:
    """The directives /admin/ answers with instead of the site's."""
    directives = site["DIRECTIVES"]
    return {
        "script-src": [SELF, UNSAFE_INLINE],
        "img-src": [*directives["img-src"], "blob:"],
        "frame-ancestors": [SELF],
    }


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, giving /admin/ its own policy and adding the Permissions-Policy header."""

    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and request.path_info.startswith(ADMIN_PREFIX):
            from django.conf import settings

            parts.replace = {**admin_replace(settings.CONTENT_SECURITY_POLICY), **(parts.replace or {})}
        return parts

    def process_response(self, request, response):
        response = super().process_response(request, response)
        if "Permissions-Policy" not in response:
            response["Permissions-Policy"] = PERMISSIONS_POLICY
        return response
