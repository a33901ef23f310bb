"""Translating as an editor does, for tests: the page of an offering in another locale, an alias made into a
translation (simple_translation's tree gives every page an alias in each locale; the editor converts one, writes it
in the locale's language and publishes), and a snippet's translation (a copy in the locale sharing its key)."""

from __future__ import annotations

from wagtail.models import Locale, Page

from cms.locale_trees import translate_alias


def page_in(page: Page, language: str) -> Page:
    """The page of `page`'s translation key in `language`'s locale (alias or translation), as its specific type."""
    return Page.objects.get(translation_key=page.translation_key, locale__language_code=language).specific


def translate(page: Page, into: str, **text) -> Page:
    """Convert the `into` locale's alias of `page` into an ordinary page, write `text` on it and publish it, as
    cms/locale_trees.py translates by code; the page as saved."""
    alias = page_in(page, into)
    translate_alias(alias, lambda translated: [setattr(translated, name, value) for name, value in text.items()])
    return Page.objects.get(pk=alias.pk).specific


def translate_snippet(row, into: str, **text):
    """What simple_translation's "Translate" makes of a topic, partner or campaign, with `text` written on it."""
    copy = row.copy_for_translation(Locale.objects.get(language_code=into))
    for name, value in text.items():
        setattr(copy, name, value)
    copy.save()
    return copy
