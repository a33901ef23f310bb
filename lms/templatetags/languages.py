"""The language switcher and addresses in the reader's language: `{% load languages %}`."""

from __future__ import annotations

from django import template
from django.conf import settings
from django.utils import translation

from lms import languages

register = template.Library()


def _choices(context, *, remembered: bool) -> dict:
    request = context.get("request")
    here = request.get_full_path() if request is not None else "/"
    current = translation.get_language()
    return {
        "choices": [
            {"code": code, "name": name, "current": code == current,
             "bidi": translation.get_language_info(code)["bidi"],
             "address": None if remembered else languages.translated_address(here, code)}
            for code, name in languages.site_languages()
        ],
        "remembered": remembered,
        "next": here,
        "csrf_token": context.get("csrf_token") if remembered else None,
    }


@register.inclusion_tag("lms/_language_switcher.html", takes_context=True)
def language_switcher(context):
    """One button per language, each named in itself and marked with its own `lang`, posting to the switcher (which
    remembers the choice) with this page's address to come back to."""
    return _choices(context, remembered=True)


@register.inclusion_tag("lms/_language_switcher.html", takes_context=True)
def language_links(context):
    """The same choice as plain links to this page in each language, remembering nothing: for the pages that must
    set no cookie (the one-click unsubscribe page mail programs open), where the switcher's CSRF token would."""
    return _choices(context, remembered=False)


@register.simple_tag
def localized(address: str) -> str:
    """A fixed site address (`{% localized "/catalog/" %}`) in the language being read: "/es/catalog/"."""
    return languages.translated_address(address, translation.get_language() or settings.LANGUAGE_CODE)
