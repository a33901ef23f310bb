"""Whether a password may be tried for an account from an address: guessing is slowed, the owner never locked out.

A wrong password counts three ways, each an allauth rate in ACCOUNT_RATE_LIMITS (the settings say how many in
what time):

- per address and account together (`FROM_ADDRESS_ACTION`): one address guessing one account is slowed at once,
  and that costs the owner elsewhere nothing;
- per address across accounts (the `ip` part of allauth's own `login_failed`): one address spraying a common
  password over many accounts;
- per account across every address (the `key` part of `login_failed`, generous): many addresses guessing one.

They are tried in that order and an attempt refused by one is not counted by the later ones, so an address that
is only guessing one account never uses up that account's allowance for everyone. As in allauth, an attempt is
counted before the password is checked and taken back when it was right, so only failures stay counted, and a
paused attempt is refused without checking the password (a right guess would look the same as a wrong one).
A pause never leaves the owner without a way in: signing in by a one-time code e-mailed to the account's address
(allauth's login by code, limited per address only, so nobody can use up someone else's codes) is offered with it.

Counting uses allauth's own rate limiter (`allauth.core.internal.ratelimit`, as its adapter does), so the counts
share its cache keys, its proxy handling (ALLAUTH_TRUSTED_PROXY_COUNT) and its IPv6 /64 grouping.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from typing import Literal

from allauth.account import app_settings
from allauth.core.internal import ratelimit
from django.core.cache import cache
from django.http import HttpRequest

APP = "allauth.account"
FAILED_ACTION = "login_failed"  # allauth's own: per address (ip) and per account (key)
FROM_ADDRESS_ACTION = "login_failed_from_address"  # ours: per address and account together
CODE_ACTION = "request_login_code"  # allauth's: e-mailing a sign-in code

Scope = Literal["address_account", "address", "account"]


@dataclass(frozen=True)
class Paused:
    """Password sign-in is paused for this attempt: which count is full, and whole seconds until it has room."""

    scope: Scope
    retry_after: int


def _rates(action: str) -> list[str]:
    """The configured rates of one action, each as written (e.g. "5/15m/key")."""
    configured = app_settings.RATE_LIMITS.get(action) or ""
    return [part.strip() for part in configured.split(",") if part.strip()]


def seconds_until_room(request: HttpRequest, action: str, rate_text: str, key: str | None) -> int:
    """How long until one more attempt fits `rate_text`: when the oldest attempt that keeps it full expires."""
    rate = ratelimit.parse_rate(rate_text)
    cache_key = ratelimit.get_cache_key(request, app=APP, action=action, rate=rate, key=key)
    now = time.time()
    history: list[float] = [stamp for stamp in cache.get(cache_key, []) if stamp > now - rate.duration]  # newest first
    if len(history) < rate.amount:
        return 1
    oldest_keeping_it_full = history[int(rate.amount) - 1]
    return max(1, math.ceil(oldest_keeping_it_full + float(rate.duration) - now))


def _scope(action: str, rate_text: str) -> Scope:
    if action == FROM_ADDRESS_ACTION:
        return "address_account"
    return "address" if ratelimit.parse_rate(rate_text).per == "ip" else "account"


def _address_account_key(request: HttpRequest, account_key: str) -> str:
    return f"{ratelimit.get_ip(request)}|{account_key}"


def count_password_attempt(request: HttpRequest, account_key: str) -> ratelimit.RateLimitUsage | Paused:
    """Count one password attempt for the account `account_key` names (allauth's login-failed key, the same
    whether or not such an account exists), or say why it is paused. The usage is rolled back when the
    password turns out right."""
    address_account_key = _address_account_key(request, account_key)
    counted: list[ratelimit.SingleRateLimitUsage] = []
    for action, key in ((FROM_ADDRESS_ACTION, address_account_key), (FAILED_ACTION, account_key)):
        # Per address before per account, however the rates are written.
        for rate_text in sorted(_rates(action), key=lambda text: ratelimit.parse_rate(text).per != "ip"):
            usage = ratelimit.consume(request, app=APP, action=action, config={action: rate_text}, key=key)
            if usage is None:
                ratelimit.RateLimitUsage(usage=counted).rollback()
                return Paused(_scope(action, rate_text), seconds_until_room(request, action, rate_text, key))
            counted.extend(usage.usage)
    return ratelimit.RateLimitUsage(usage=counted)


def code_requests_paused_for(request: HttpRequest, email: str) -> int:
    """Seconds until this address may ask for another e-mailed sign-in code (allauth refused the last one)."""
    waits = [seconds_until_room(request, CODE_ACTION, rate_text, email.lower()) for rate_text in _rates(CODE_ACTION)]
    return max(waits, default=1)


def forget_failures_from_address(request: HttpRequest, account_key: str) -> None:
    """After a password reset from this address, its failures for the account go (allauth clears the other two
    counts itself), so the new password works here at once."""
    ratelimit.clear(request, app=APP, action=FROM_ADDRESS_ACTION, key=_address_account_key(request, account_key))
