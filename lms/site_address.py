"""The site's public address: the one place every link the platform writes outside a request is built from.

QR codes, the URL printed on certificates, e-mails, calendars, share links and the ids inside signed credentials
(`did:web`, status list, achievement pages) leave the site and are followed later by someone else, so they must
name the address the site is really served on. That address is one setting, `WAGTAILADMIN_BASE_URL`: production
configures it; otherwise the settings derive it from the address `make run` serves on (`PORT`, `HOST`).

The settings module validates the value at start-up through `checked_base_url`; `base_url()` checks it again on
use, so a value swapped in later (a test's override) is held to the same rules.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Mapping
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

DEFAULT_PORT = 8000
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORTS = {"http": 80, "https": 443}
# A server bound to every interface is reached, from this machine, on the loopback address.
WILDCARD_HOSTS = {"0.0.0.0": "127.0.0.1", "::": "127.0.0.1", "[::]": "127.0.0.1"}  # noqa: S104 - only read
_HOST_NAME = re.compile(r"(?=.{1,253}\Z)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*\.?")
_SETTING = "WAGTAILADMIN_BASE_URL"

if TYPE_CHECKING:
    from wagtail.models import Page


class SiteAddress(NamedTuple):
    scheme: str
    hostname: str  # lower case; an IPv6 address without brackets
    port: int  # always given, the scheme's default when the URL leaves it out

    @property
    def netloc(self) -> str:
        """host[:port], the port only when it is not the scheme's default (what a browser shows)."""
        host = f"[{self.hostname}]" if ":" in self.hostname else self.hostname
        return host if self.port == DEFAULT_PORTS[self.scheme] else f"{host}:{self.port}"

    @property
    def url(self) -> str:
        return f"{self.scheme}://{self.netloc}"


def _refuse(value: str, problem: str) -> ImproperlyConfigured:
    return ImproperlyConfigured(
        f"{_SETTING}={value!r} {problem}. Give the site's public address as scheme and host, with a port when it "
        "is not the scheme's default and nothing after it, e.g. https://learning.example.org or http://127.0.0.1:8765."
    )


def _valid_host(hostname: str) -> bool:
    try:
        ipaddress.ip_address(hostname)
        return True
    except ValueError:
        return bool(_HOST_NAME.fullmatch(hostname))


def parse_base_url(value: str) -> SiteAddress:
    """The address in a base URL, or ImproperlyConfigured saying what is wrong with it."""
    text = (value or "").strip()
    if not text:
        raise _refuse(value, "is empty")
    if len(text) > 300:
        raise _refuse(text[:40] + "…", "is longer than 300 characters")
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError as exc:
        raise _refuse(text, f"is not a web address ({exc})") from None
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS:
        raise _refuse(text, "does not start with http:// or https://")
    if parts.username is not None or parts.password is not None:
        raise _refuse(text, "carries a user name or password")
    hostname = (parts.hostname or "").lower()
    if not hostname or not _valid_host(hostname):
        raise _refuse(text, "has no valid host name")
    if parts.path not in ("", "/"):
        raise _refuse(text, f"has a path ({parts.path}); the site is served from the root")
    if parts.query or parts.fragment or text.endswith(("?", "#")):
        raise _refuse(text, "has a query or fragment")
    if port == 0:
        raise _refuse(text, "has port 0")
    return SiteAddress(scheme, hostname, port or DEFAULT_PORTS[scheme])


def served_base_url(host: str, port: str) -> str:
    """The base URL of the development server `make run` starts on HOST:PORT (plain HTTP)."""
    host = (host or DEFAULT_HOST).strip()
    host = WILDCARD_HOSTS.get(host, host)
    if ":" in host and not host.startswith("["):
        host = f"[{host}]"  # an IPv6 address
    port_text = (str(port) if port is not None else "").strip() or str(DEFAULT_PORT)
    if not port_text.isdigit() or not 1 <= int(port_text) <= 65535:
        raise ImproperlyConfigured(f"PORT={port_text!r} is not a TCP port number (1 to 65535).")
    try:
        return parse_base_url(f"http://{host}:{int(port_text)}").url
    except ImproperlyConfigured:
        raise ImproperlyConfigured(f"HOST={host!r} is not a host name or IP address to serve on.") from None


def checked_base_url(environ: Mapping[str, str]) -> str:
    """The setting's value for an environment: WAGTAILADMIN_BASE_URL when set, else the served address; always
    validated and written the same way (lower-case scheme and host, no default port, no trailing slash)."""
    configured = (environ.get(_SETTING) or "").strip()
    if configured:
        return parse_base_url(configured).url
    return served_base_url(environ.get("HOST", ""), environ.get("PORT", ""))


@lru_cache(maxsize=8)
def _address(value: str) -> SiteAddress:
    return parse_base_url(value)


def site_address() -> SiteAddress:
    from django.conf import settings

    return _address(getattr(settings, _SETTING, ""))


def base_url() -> str:
    """The site's public base URL, without a trailing slash: https://learning.example.org."""
    return site_address().url


def host() -> str:
    """host[:port] of the site, as did:web and calendar uids name it."""
    return site_address().netloc


def absolute_url(path: str) -> str:
    """The public address of a path on this site ("/certificates/verify/X" -> "https://.../certificates/verify/X")."""
    if not path.startswith("/") or path.startswith("//"):
        raise ValueError(f"absolute_url takes a path from the site's root, not {path[:80]!r}")
    return base_url() + path


def page_url(page: Page) -> str | None:
    """A Wagtail page's public address on this site, or None when the page is outside the page tree's sites.

    Built from the page's path under its site root rather than the Site record's own address, so it follows the
    setting even before the Site record does (and keeps https on a non-default port, which Site.root_url cannot)."""
    parts = page.get_url_parts()
    if parts is None or parts[2] is None:
        return None
    return absolute_url(parts[2])
