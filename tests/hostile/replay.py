"""What every hostile replay checks, in one place: the answer is not a server error, and it came within a generous
bound.

The bound is a hang guard, not a speed target (speed lives in bench/): a single 40-byte attendance report holding
`1e10000000` once froze the whole site for about 50 minutes, because turning that Decimal into an int takes time
that grows with the square of the exponent. Any input that makes one request or one command run for BOUND_SECONDS
is that kind of bug again.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Mapping
from typing import TypeVar
from urllib.parse import quote

BOUND_SECONDS = 10.0

T = TypeVar("T")


def within_bound(call: Callable[[], T], what: str) -> T:
    """Run `call`, failing the test if it took BOUND_SECONDS or longer (measured with time.monotonic)."""
    started = time.monotonic()
    result = call()
    took = time.monotonic() - started
    assert took < BOUND_SECONDS, f"{what} took {took:.1f} s: a pathological input must not run for seconds"
    return result


def encoded(value: str) -> str:
    """A value percent-encoded as UTF-8, lone surrogates included as the raw (invalid) bytes a hostile client can
    send; the test client's own encoder would raise before any request is made."""
    return quote(value.encode("utf-8", "surrogatepass"), safe="")


def form_body(fields: Mapping[str, str | Iterable[str]]) -> str:
    """An application/x-www-form-urlencoded body; a list value repeats the field, as a browser does."""
    pairs = []
    for name, value in fields.items():
        for one in [value] if isinstance(value, str) else value:
            pairs.append(f"{encoded(name)}={encoded(one)}")
    return "&".join(pairs)


def query(fields: Mapping[str, str]) -> str:
    return "?" + form_body(fields) if fields else ""


FORM = "application/x-www-form-urlencoded"


def post_form(client, url: str, fields: Mapping[str, str | Iterable[str]], what: str = ""):
    """POST a form body built by form_body, within the bound; the answer must not be a server error."""
    response = within_bound(lambda: client.post(url, form_body(fields), content_type=FORM), what or f"POST {url}")
    assert response.status_code < 500, f"{what or url}: {response.status_code}"
    return response


def get(client, url: str, what: str = ""):
    """GET within the bound; the answer must not be a server error."""
    response = within_bound(lambda: client.get(url), what or f"GET {url}")
    assert response.status_code < 500, f"{what or url}: {response.status_code}"
    return response
