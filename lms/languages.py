"""Which language the site speaks to a request.

A page's address says its language: English pages have no prefix, the others live under /es/, /fr/ and /pt/
(`i18n_patterns` in lms/urls.py; Django's LocaleMiddleware activates the prefix's language). An address without a
prefix is English only for someone who wants English: a visitor who chose another language in the switcher (the
language cookie), a member who chose one before (`Member.site_language`, so it follows them to a new browser), or a
first-time visitor whose browser asks for one (Accept-Language) is sent to the same page in that language. An
address with a prefix is never redirected: a shared link opens in the language it was shared in.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponseRedirect
from django.urls import translate_url
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import trans_real

from lms.roles import signed_in

# Only a page a person reads is sent to their language; a form's POST, a feed or the API keeps its address.
_REDIRECTED_METHODS = frozenset({"GET", "HEAD"})


def site_languages() -> list[tuple[str, str]]:
    """The languages the site is written in, each named in itself (settings.LANGUAGES), in the switcher's order."""
    return list(settings.LANGUAGES)


def is_site_language(code: object) -> bool:
    return isinstance(code, str) and code in dict(settings.LANGUAGES)


def chosen_language(request) -> str | None:
    """The language this person chose or their browser asks for, or None when nothing says: the switcher's cookie
    first (the choice made on this browser), then a signed-in member's remembered choice, then Accept-Language."""
    cookie = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    if is_site_language(cookie):
        return cookie
    user = getattr(request, "user", None)
    if signed_in(user) and is_site_language(user.site_language):
        return user.site_language
    header = request.META.get("HTTP_ACCEPT_LANGUAGE", "")
    # Django's own parser (bounded: it ignores an over-long header), matched against the site's languages only.
    for code, _quality in trans_real.parse_accept_lang_header(header):
        if code == "*":
            break
        try:
            return translation.get_supported_language_variant(code)
        except LookupError:
            continue
    return None


def translated_address(address: str, language: str) -> str:
    """The same page's address in another language; unchanged when the address has no language (the API, the
    admin, files) or does not resolve. The address is read in its own language first: read as English, /es/x/
    would be an English page called "es/x"."""
    own = translation.get_language_from_path(urlsplit(address).path) or settings.LANGUAGE_CODE
    with translation.override(own):
        return translate_url(address, language)


def has_versions(address: str) -> bool:
    """Whether an address is a page with a version per language (anything under `i18n_patterns`), rather than one
    for all (the admin, the API, files)."""
    other = next(code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE)
    return translated_address(address, other) != address


class LanguageChoiceMiddleware:
    """Sends a reader of an unprefixed (English) page to the language they chose or their browser asks for.

    After AuthenticationMiddleware, so a member's remembered choice is known; after LocaleMiddleware, which has
    already activated the address's language."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        prefixed = translation.get_language_from_path(request.path_info) is not None
        wanted = None if prefixed else chosen_language(request)
        if wanted and wanted != settings.LANGUAGE_CODE:
            if not has_versions(request.path):
                # An address with one version for all (the admin, the API) speaks the reader's language: Wagtail's
                # admin follows it unless the person chose an admin language in their account settings.
                translation.activate(wanted)
                request.LANGUAGE_CODE = wanted
            elif request.method in _REDIRECTED_METHODS:
                response = HttpResponseRedirect(translated_address(request.get_full_path(), wanted))
                patch_vary_headers(response, ("Accept-Language", "Cookie"))
                return response
        response = self.get_response(request)
        if not prefixed:
            patch_vary_headers(response, ("Accept-Language", "Cookie"))
        return response


def remember(request, response, language: str) -> None:
    """Keep a reader's choice: the cookie on this browser, and a signed-in member's record for the next one (and
    for their e-mails, which Member.interface_language writes in it)."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME, language,
        max_age=settings.LANGUAGE_COOKIE_AGE, path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN, secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY, samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    user = getattr(request, "user", None)
    if signed_in(user) and user.site_language != language:
        user.site_language = language
        user.save(update_fields=["site_language"])


def chosen_at_sign_up() -> str:
    """The site language a new account starts with: the one its sign-up form was read in when that was not the
    default (a visitor reading /es/ chose Spanish, and the confirmation e-mail sent next must be in it), else
    blank, so Member.interface_language follows their languages as before."""
    language = translation.get_language()
    return language if is_site_language(language) and language != settings.LANGUAGE_CODE else ""
