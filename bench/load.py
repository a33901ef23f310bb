"""A bounded, concurrent HTTP load generator for 127.0.0.1: a fixed number of requests, a fixed number of threads.

`run` sends the same GET again and again; `burst` sends a list of POSTs, each once (request n carries form n and
cookies n, so a thousand different people can each register once). Each thread keeps one http.client connection
open while the server allows it (keep-alive) and reconnects when the server closes it. Any unexpected status, a
body without the expected text, or a redirect to the wrong place stops the run with an error.
"""

from __future__ import annotations

import http.client
import itertools
import re
import threading
import time
import urllib.parse
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from http.cookies import SimpleCookie

LOOPBACK = "127.0.0.1"


class LoadError(RuntimeError):
    """A response that was not what the benchmark expected; the figures would be meaningless."""


@dataclass(frozen=True)
class Result:
    name: str
    requests: int
    seconds: float
    latencies_ms: list[float]

    @property
    def rps(self) -> float:
        return self.requests / self.seconds

    def percentile(self, p: float) -> float:
        """Nearest-rank percentile of the per-request latencies."""
        ordered = sorted(self.latencies_ms)
        rank = max(1, round(p / 100 * len(ordered)))
        return ordered[min(rank, len(ordered)) - 1]

    @property
    def p50(self) -> float:
        return self.percentile(50)

    @property
    def p95(self) -> float:
        return self.percentile(95)


def _connection(port: int) -> http.client.HTTPConnection:
    return http.client.HTTPConnection(LOOPBACK, port, timeout=30)


def _cookie_header(cookies: dict[str, str]) -> str:
    return "; ".join(f"{name}={value}" for name, value in cookies.items())


def _jar(response: http.client.HTTPResponse) -> SimpleCookie:
    jar = SimpleCookie()
    for header in response.headers.get_all("Set-Cookie") or []:
        jar.load(header)
    return jar


def _set_cookies(response: http.client.HTTPResponse) -> dict[str, str]:
    return {name: morsel.value for name, morsel in _jar(response).items()}


def _apply_cookies(cookies: dict[str, str], response: http.client.HTTPResponse) -> None:
    """What a browser's cookie jar does with a response: cookies set are kept, cookies expired are dropped."""
    for name, morsel in _jar(response).items():
        if morsel["max-age"] == "0" or not morsel.value:
            cookies.pop(name, None)
        else:
            cookies[name] = morsel.value


def log_in(port: int, email: str, password: str) -> dict[str, str]:
    """Sign in through allauth's real login form (CSRF token included); return the cookies to send afterwards."""
    conn = _connection(port)
    try:
        conn.request("GET", "/accounts/login/")
        response = conn.getresponse()
        body = response.read().decode("utf-8", "replace")
        if response.status != 200:
            raise LoadError(f"GET /accounts/login/ answered {response.status}")
        cookies = _set_cookies(response)
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body)
        if not match or "csrftoken" not in cookies:
            raise LoadError("the login page has no CSRF token")
        form = urllib.parse.urlencode(
            {"csrfmiddlewaretoken": match.group(1), "login": email, "password": password}
        )
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": _cookie_header(cookies),
            "Referer": f"http://{LOOPBACK}:{port}/accounts/login/",
        }
        conn.request("POST", "/accounts/login/", body=form, headers=headers)
        response = conn.getresponse()
        response.read()
        cookies.update(_set_cookies(response))
        location = response.getheader("Location")
        if response.status not in (302, 303) or "sessionid" not in cookies or not location:
            raise LoadError(f"signing in as {email} failed: {response.status}, Location {location}")
        # Land where the sign-in leads, as a browser does: the page shows the one-time "signed in" message and drops
        # its cookie, so the load's requests do not all carry a message no browser would still hold.
        conn.request("GET", urllib.parse.urlsplit(location).path or "/", headers={"Cookie": _cookie_header(cookies)})
        response = conn.getresponse()
        response.read()
        if response.status != 200:
            raise LoadError(f"the page after signing in ({location}) answered {response.status}")
        _apply_cookies(cookies, response)
        return cookies
    finally:
        conn.close()


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    body: bytes | None
    headers: dict[str, str]


# Raises LoadError if a response is not what the benchmark expected: (status, headers, body) -> None.
Check = Callable[[int, http.client.HTTPMessage, bytes], None]


def _drive(name: str, port: int, request_for: Callable[[int], Request], *, requests: int, concurrency: int,
           check: Check) -> Result:
    """Send requests 0..n-1 (request_for(n) builds each) from `concurrency` threads; return per-request latencies."""
    tickets = itertools.count()
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()

    def send(conn: http.client.HTTPConnection, request: Request) -> tuple[http.client.HTTPResponse, bytes]:
        conn.request(request.method, request.path, body=request.body, headers=request.headers)
        response = conn.getresponse()
        return response, response.read()

    def worker() -> None:
        conn = _connection(port)
        mine: list[float] = []
        try:
            while not errors:
                ticket = next(tickets)
                if ticket >= requests:
                    break
                request = request_for(ticket)
                started = time.perf_counter()
                try:
                    response, body = send(conn, request)
                except (ConnectionError, http.client.HTTPException):
                    # The server closed a kept-alive connection between requests: reconnect once and retry.
                    conn.close()
                    conn = _connection(port)
                    started = time.perf_counter()
                    response, body = send(conn, request)
                mine.append((time.perf_counter() - started) * 1000)
                check(response.status, response.headers, body)
                if response.will_close:
                    conn.close()
        except Exception as error:  # reported to the caller below, never swallowed
            with lock:
                errors.append(f"{type(error).__name__}: {error}")
        finally:
            conn.close()
            with lock:
                latencies.extend(mine)

    threads = [threading.Thread(target=worker, name=f"load-{name}-{n}", daemon=True) for n in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - started
    if errors:
        raise LoadError(f"{name}: {len(errors)} client thread(s) failed; first: {errors[0]}")
    if len(latencies) != requests:
        raise LoadError(f"{name}: {len(latencies)} responses for {requests} requests")
    return Result(name, requests, seconds, latencies)


def run(
    name: str,
    port: int,
    path: str,
    *,
    requests: int,
    concurrency: int,
    cookies: dict[str, str] | None = None,
    must_contain: str | None = None,
) -> Result:
    """Send exactly `requests` GETs for `path` from `concurrency` threads; every answer must be 200 (with the text)."""
    request = Request("GET", path, None, {"Cookie": _cookie_header(cookies)} if cookies else {})
    expected = must_contain.encode() if must_contain else None

    def check(status: int, headers: http.client.HTTPMessage, body: bytes) -> None:
        if status != 200:
            raise LoadError(f"{name}: GET {path} answered {status}: {body[:300]!r}")
        if expected is not None and expected not in body:
            raise LoadError(f"{name}: GET {path} answered 200 without {must_contain!r} (signed out?)")

    return _drive(name, port, lambda _ticket: request, requests=requests, concurrency=concurrency, check=check)


def burst(
    name: str,
    port: int,
    path: str,
    *,
    forms: Sequence[dict[str, str]],
    cookies: Sequence[dict[str, str]] | None = None,
    concurrency: int,
    expect_status: int = 303,
    expect_location: str | None = None,
) -> Result:
    """POST form n (with cookies n) to `path` once each, from `concurrency` threads at once.

    Every answer must be `expect_status`, redirecting to `expect_location` when given (a redirect to the login page
    or an error page would otherwise pass for a fast registration).
    """
    bodies = [urllib.parse.urlencode(form).encode() for form in forms]
    cookie_headers = [_cookie_header(jar) for jar in cookies] if cookies else None

    def request_for(ticket: int) -> Request:
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        if cookie_headers:
            headers["Cookie"] = cookie_headers[ticket]
        return Request("POST", path, bodies[ticket], headers)

    def check(status: int, headers: http.client.HTTPMessage, body: bytes) -> None:
        if status != expect_status:
            raise LoadError(f"{name}: POST {path} answered {status} (expected {expect_status}): {body[:300]!r}")
        location = headers.get("Location", "")
        if expect_location is not None and urllib.parse.urlsplit(location).path != expect_location:
            raise LoadError(f"{name}: POST {path} redirected to {location!r}, not {expect_location!r}")

    return _drive(name, port, request_for, requests=len(bodies), concurrency=concurrency, check=check)
