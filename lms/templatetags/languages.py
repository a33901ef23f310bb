"""The language switcher and addresses in the reader's language: `{% load languages %}`."""

from __future__ import annotations

from django import template
from django.conf import settings
from django.utils import translation

from lms import languages

register = template.Library()


@register.inclusion_tag("lms/_language_switcher.html", takes_context=True)
def language_switcher(context):
    """One button per language, each named in itself and marked with its own `lang`, posting to the switcher with
    this page's address to come back to."""
    request = context.get("request")
    current = translation.get_language()
    return {
        "choices": [
            {"code": code, "name": name, "current": code == current,
             "bidi": translation.get_language_info(code)["bidi"]}
            for code, name in languages.site_languages()
        ],
        "next": request.get_full_path() if request is not None else "/",
        "csrf_token": context.get("csrf_token"),
    }


@register.simple_tag
def localized(address: str) -> str:
    """A fixed site address (`{% localized "/catalog/" %}`) in the language being read: "/es/catalog/"."""
    return languages.translated_address(address, translation.get_language() or settings.LANGUAGE_CODE)
