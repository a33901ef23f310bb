"""Whether a client may look up another certificate code: codes are unguessable only while guessing is slow.

Every look-up of a code that names no certificate counts as a miss for the client's address; after
`CERTIFICATE_LOOKUP_MISS_LIMIT` misses within `CERTIFICATE_LOOKUP_WINDOW_SECONDS` every look-up from that
address is refused until the window, which opens at the first miss, has passed. Found codes do not count.
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

from .issuance import find_certificate
from .models import Certificate

DEFAULT_MISS_LIMIT = 20
DEFAULT_WINDOW_SECONDS = 10 * 60
KEY_PREFIX = "certificates:lookup-misses"
# An IPv6 client usually holds a whole /64; counting per address would give it 2**64 fresh allowances.
IPV6_CLIENT_PREFIX = 64


@dataclass(frozen=True)
class Refusal:
    """A client is over the limit; `retry_after` is the whole number of seconds until the window ends."""

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


def refusal_for(request: HttpRequest) -> Refusal | None:
    """A Refusal when this client has used up its misses for the current window, else None."""
    count_key, opened_key = _keys(request)
    values = cache.get_many([count_key, opened_key])
    if int(values.get(count_key) or 0) < miss_limit():
        return None
    opened = float(values.get(opened_key) or time.time())
    remaining = opened + window_seconds() - time.time()
    return Refusal(retry_after=max(1, math.ceil(remaining)))


def record_miss(request: HttpRequest) -> int:
    """Count one look-up of a code that names no certificate; returns the client's misses in this window."""
    count_key, opened_key = _keys(request)
    window = window_seconds()
    cache.add(opened_key, time.time(), timeout=window)
    cache.add(count_key, 0, timeout=window)
    try:
        return cache.incr(count_key)
    except ValueError:  # the window ended between add() and incr(): this miss opens the next one
        cache.set(opened_key, time.time(), timeout=window)
        cache.set(count_key, 1, timeout=window)
        return 1


def look_up(request: HttpRequest, code_text: str) -> Certificate | Refusal | None:
    """The certificate a code names, as far as the limit allows: a Refusal when the client is over it, None (and
    one more miss counted) when the code is malformed or unknown."""
    refusal = refusal_for(request)
    if refusal is not None:
        return refusal
    certificate = find_certificate(code_text)
    if certificate is None:
        record_miss(request)
    return certificate
