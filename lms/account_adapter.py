"""allauth hooks for the sign-in limits (`lms/sign_in_limits.py` decides): count password attempts three ways,
and answer every sign-in limit with 429, Retry-After and a page that offers the e-mailed sign-in code. And the
account e-mails (confirm an address, reset a password, a sign-in code, "you already have an account"), written
like every other e-mail by `lms.letter_writing.compose`: one source as text and HTML, in the member's language.

Both limits stop the request from inside allauth's form validation by raising allauth's ImmediateHttpResponse,
which its AccountMiddleware turns into the response; allauth alone would re-show the form with 200.
"""

from __future__ import annotations

import math
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from allauth.account import app_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.forms import RequestLoginCodeForm
from allauth.core import context
from allauth.core.exceptions import ImmediateHttpResponse
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from . import letter_writing, onboarding, sign_in_limits, site_address
from .models import Member
from .sign_in_limits import Paused

# Our wording of allauth's account e-mails: lms/templates/lms/email/account/<name>_subject.txt and _body.txt.
ACCOUNT_LETTERS = "lms/email/account/"


def minutes_text(seconds: int) -> str:
    minutes = max(1, math.ceil(seconds / 60))
    return ngettext("%(minutes)d minute", "%(minutes)d minutes", minutes) % {"minutes": minutes}


def paused_reason(paused: Paused) -> str:
    wait = minutes_text(paused.retry_after)
    if paused.scope == "address_account":
        return _(
            "Too many wrong passwords were tried for this account from your network, so password sign-in "
            "to it from here is paused for %(wait)s."
        ) % {"wait": wait}
    if paused.scope == "address":
        return _(
            "Too many wrong passwords were tried from your network, for several accounts, so password "
            "sign-in from here is paused for %(wait)s."
        ) % {"wait": wait}
    return _(
        "Too many wrong passwords were tried for this account recently, so to protect it, password sign-in "
        "to it is paused for %(wait)s."
    ) % {"wait": wait}


def limited_response(
    request: HttpRequest, *, title: str, reason: str, retry_after: int, email: str = "", offer_code: bool = True
) -> HttpResponse:
    """The 429 page: why, for how long, and (to anyone not signed in) the e-mailed sign-in code, which works now."""
    offer_code = offer_code and app_settings.LOGIN_BY_CODE_ENABLED and not request.user.is_authenticated
    response = render(
        request,
        "account/sign_in_limited.html",
        {"title": title, "reason": reason, "email": email[:254], "offer_code": offer_code},
        status=429,
    )
    response["Retry-After"] = str(retry_after)
    add_never_cache_headers(response)
    return response


def _addressee(email: str, context: dict[str, Any]) -> Member:
    """Whom an account e-mail speaks to: the account it is about, else the one with that address, else (no
    account yet: "unknown account") a stand-in, never saved, in the language the request was read in."""
    user = context.get("user")
    if isinstance(user, Member):
        return user
    member = Member.objects.filter(email__iexact=email).first()
    return member if member is not None else Member(email=email, preferred_languages=[translation.get_language()])


def _on_site(url: str) -> str:
    """A link allauth built from the request's host, moved to the address the site is served on (a proxy's
    internal host or a spoofed Host header must never reach an e-mail)."""
    parts = urlsplit(url)
    return site_address.absolute_url(urlunsplit(("", "", parts.path or "/", parts.query, "")))


class AccountAdapter(DefaultAccountAdapter):
    def login(self, request: HttpRequest, user: Any) -> None:
        """Every sign-in comes here (the admin's login redirects to allauth's): before Django records this one as
        the last, a member back from a long absence is noted as returning (lms/onboarding.py)."""
        if isinstance(user, Member):
            onboarding.note_sign_in(user, timezone.now())
        super().login(request, user)

    def render_mail(self, template_prefix: str, email: str | list[str], context: dict[str, Any],
                    headers: dict[str, str] | None = None) -> EmailMessage:
        """allauth's account e-mails as the site's other e-mails: text and HTML from our one source, in the
        member's language and zone, links on the site's address; transactional, so no unsubscribe. A kind we
        have not worded (none the settings enable) keeps allauth's own rendering."""
        templates = ACCOUNT_LETTERS + template_prefix.rsplit("/", 1)[-1]
        try:
            get_template(f"{templates}_body.txt")
        except TemplateDoesNotExist:
            return super().render_mail(template_prefix, email, context, headers)
        to = [email] if isinstance(email, str) else list(email)
        values = {key: _on_site(value) if key.endswith("_url") and isinstance(value, str) and value else value
                  for key, value in context.items()}
        message = letter_writing.compose(_addressee(to[0], context), templates, values, headers=headers)
        message.to = to  # the address being confirmed, which need not be the account's primary one yet
        message.subject = self.format_email_subject(message.subject)
        message.from_email = self.get_from_email()
        return message

    def pre_authenticate(self, request: HttpRequest, **credentials: Any) -> None:
        """Count the attempt per address and account, per address and per account (allauth counts the last two
        only, and refuses the owner everywhere once the account's count is full)."""
        counted = sign_in_limits.count_password_attempt(
            request, self._get_login_attempts_cache_key(request, **credentials)
        )
        if isinstance(counted, Paused):
            raise ImmediateHttpResponse(
                limited_response(
                    request,
                    title=_("Password sign-in is paused"),
                    reason=paused_reason(counted),
                    retry_after=counted.retry_after,
                    email=str(credentials.get("email") or ""),
                )
            )
        # allauth's authenticate() rolls this back when the password is right, so only failures stay counted.
        self._login_failed_rl_usage = counted

    def _delete_login_attempts_cached_email(self, request: HttpRequest, **credentials: Any) -> None:
        """allauth calls this after a password reset to clear the failure counts; ours per address go too."""
        super()._delete_login_attempts_cached_email(request, **credentials)
        sign_in_limits.forget_failures_from_address(request, self._get_login_attempts_cache_key(request, **credentials))


class CodeRequestForm(RequestLoginCodeForm):
    """allauth's "e-mail me a sign-in code" form, answering its limit with 429 instead of a form error."""

    def clean_email(self) -> str:
        try:
            return super().clean_email()
        except ValidationError as error:
            if error.code != "too_many_login_attempts":
                raise
            request = context.request
            retry_after = sign_in_limits.code_requests_paused_for(request, self.cleaned_data.get("email") or "")
            raise ImmediateHttpResponse(
                limited_response(
                    request,
                    title=_("Too many sign-in codes requested"),
                    reason=_(
                        "Too many sign-in codes were requested from your network, so no more are sent from here "
                        "for %(wait)s."
                    )
                    % {"wait": minutes_text(retry_after)},
                    retry_after=retry_after,
                    offer_code=False,
                )
            ) from error
