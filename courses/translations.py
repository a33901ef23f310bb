"""Which page of a translated offering is its original, and which one a reader is shown.

An offering exists once per locale (cms/locale_trees.py): its original, and in each other locale an alias of it
or a translation made from that alias. Everything that happens to an offering belongs to the original, whichever
language the member read it in: its sessions (an alias or translation carries copies Wagtail makes, which nothing
reads), enrolments, lesson completions, quiz attempts, registrations, attendance and certificates. Readers are
shown the page in their own language when there is one (Wagtail's `localized`).

Which page is the original is lms/original_rows.py's rule, the same for pages and snippets.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from django.conf import settings
from django.db.models import F, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import translation
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page

from lms.original_rows import earlier_originals, originals, reader_language
from lms.original_rows import original_of as original_of  # the offerings' rule is the one for every row

P = TypeVar("P", bound=Page)


def is_translation(page: Page) -> bool:
    """Whether `page` is a translation made from another page (not an alias, not the original): one query, never
    remembered, for saving a page whose state is changing."""
    return (page.pk is not None and page.alias_of_id is None
            and earlier_originals(Page, page.translation_key, page.pk).exists())


def in_reader_language(page: P) -> P:
    """The live page in the active language when there is one (a translation or an alias), else `page`."""
    return page.localized


def reader_locale():
    """The reader's locale as an SQL expression, to filter pages inside their own query: the locale of the active
    language, else the default one (as Wagtail's Locale.get_active, without a query of its own)."""
    def locale_of(language: str):
        return Subquery(Locale.objects.filter(language_code=language).values("pk")[:1])

    return Coalesce(locale_of(get_supported_content_language_variant(translation.get_language())),
                    locale_of(get_supported_content_language_variant(settings.LANGUAGE_CODE)))


def in_reader_locale(pages: QuerySet[P]) -> QuerySet[P]:
    """Each of these offerings once, as the page of the reader's locale (alias or translation): for lists built
    from relations (a partner's, a campaign's), which reach every locale's copy of an offering. One query."""
    keys = originals(pages).values("translation_key")
    return pages.model.objects.filter(locale_id=reader_locale(), translation_key__in=keys)


def in_reader_language_each(pages: Iterable[Page]) -> dict[str, Page]:
    """For many pages at once, in one query: translation key -> the live page in the active language (a
    translation or an alias). Lists (My learning, recommendations, the digest) link each entry to it; a key without
    one is left out, and the caller keeps its page. The pages found are plain `Page`s carrying `language`, their
    offering's language field (None for a lesson), for the title's lang attribute."""
    keys = {page.translation_key for page in pages}
    language = reader_language()
    if not keys or language is None:
        return {}
    found = (
        Page.objects.live().filter(translation_key__in=keys, locale__language_code=language)
        .annotate(language=F("offering__language"))
    )
    return {page.translation_key: page for page in found}
