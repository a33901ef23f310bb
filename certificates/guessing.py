"""Whether a certificate code gets its answer or a pause: misses are counted per client, hits always answer.

Codes carry 100 random bits (`certificates/codes.py`), so no limit is needed to keep them secret: guessing one
at random is hopeless however fast it goes. The limit's job is to make enumeration noisy and cheap to refuse,
never to deny anyone a certificate: a code that names a certificate always answers (page, API, PDF, credential),
whoever asks and however many misses came from the same address. Only misses count, and over the limit only
misses are refused: after `CERTIFICATE_LOOKUP_MISS_LIMIT` misses within `CERTIFICATE_LOOKUP_WINDOW_SECONDS` (the
window opens at the first miss) a further miss answers 429 until the window ends. Input that cannot be a code is
answered as not found before any database or cache work and is not counted: it explores nothing.
Counts live in the Django cache (Redis in production and tests), so all web processes share them.
"""

from __future__ import annotations

import hashlib
import ipaddress
import math
import time
from dataclasses import dataclass

from allauth.account.adapter import get_adapter
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.http import HttpRequest

from .codes import normalise_code
from .issuance import find_certificate
from .models import Certificate

DEFAULT_MISS_LIMIT = 20
DEFAULT_WINDOW_SECONDS = 10 * 60
KEY_PREFIX = "certificates:lookup-misses"
# An IPv6 client usually holds a whole /64; counting per address would give it 2**64 fresh allowances.
IPV6_CLIENT_PREFIX = 64


@dataclass(frozen=True)
class Refusal:
    """A miss from a client over the limit; `retry_after` is the whole number of seconds until the window ends."""

    retry_after: int


def miss_limit() -> int:
    return int(getattr(settings, "CERTIFICATE_LOOKUP_MISS_LIMIT", DEFAULT_MISS_LIMIT))


def window_seconds() -> int:
    return int(getattr(settings, "CERTIFICATE_LOOKUP_WINDOW_SECONDS", DEFAULT_WINDOW_SECONDS))


def client_address(request: HttpRequest) -> str:
    """The client's address as allauth's rate limits see it (REMOTE_ADDR, or the X-Forwarded-For hop added by
    the last trusted proxy when ALLAUTH_TRUSTED_PROXY_COUNT is set), with IPv6 widened to its /64."""
    try:
        address = get_adapter(request).get_client_ip(request)
    except (ImproperlyConfigured, PermissionDenied):
        # A forwarded header shorter than the configured proxy chain: the request did not come through the
        # proxies, so the connecting address is the one to count.
        address = request.META.get("REMOTE_ADDR", "")
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address or "unknown"
    if isinstance(parsed, ipaddress.IPv6Address):
        if parsed.ipv4_mapped is not None:
            return str(parsed.ipv4_mapped)
        return str(ipaddress.ip_network(f"{parsed}/{IPV6_CLIENT_PREFIX}", strict=False))
    return str(parsed)


def _keys(request: HttpRequest) -> tuple[str, str]:
    digest = hashlib.sha256(client_address(request).encode()).hexdigest()[:32]
    return f"{KEY_PREFIX}:{digest}:count", f"{KEY_PREFIX}:{digest}:opened"


def record_miss(request: HttpRequest) -> Refusal | None:
    """Count one look-up of a code that names no certificate; a Refusal when it is beyond this window's limit.

    The count is one atomic increment, so concurrent misses cannot slip past the limit together; misses beyond
    it are still counted but never extend the window, which ends a fixed time after its first miss."""
    count_key, opened_key = _keys(request)
    window = window_seconds()
    cache.add(opened_key, time.time(), timeout=window)
    cache.add(count_key, 0, timeout=window)
    try:
        count = cache.incr(count_key)
    except ValueError:  # the window ended between add() and incr(): this miss opens the next one
        cache.set(opened_key, time.time(), timeout=window)
        cache.set(count_key, 1, timeout=window)
        count = 1
    if count <= miss_limit():
        return None
    opened = cache.get(opened_key)
    remaining = (float(opened) if opened is not None else time.time()) + window - time.time()
    return Refusal(retry_after=max(1, min(window, math.ceil(remaining))))


def look_up(request: HttpRequest, code_text: str) -> Certificate | Refusal | None:
    """The certificate a code names, whatever the client's misses; else None for a miss within the limit, or a
    Refusal for a miss beyond it. Malformed input is None at once: no database look-up, no count."""
    if normalise_code(code_text) is None:
        return None
    certificate = find_certificate(code_text)
    if certificate is not None:
        return certificate
    return record_miss(request)
