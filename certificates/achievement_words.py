"""An achievement's title and description in a given language, from one place per kind: an offering's live
translation (`offering_words`), a learning path's (`certificates.programme.path_words`), a CPD cycle's fixed phrase
with its scheme (`certificates.cpd.credential.cycle_words`). A new version printed in another language (a re-issue,
a renewal) asks here, so it is not left with the first language's words.

Kinds other than offerings answer through the `achievement_words` hook (a function taking the certificate and the
language, returning (title, description) or None when the certificate is not its kind), because certificates
never imports certificates.cpd; certificates registers the programme's itself."""

from __future__ import annotations

from typing import TYPE_CHECKING

from wagtail import hooks

from courses.models import Offering

if TYPE_CHECKING:
    from .models import Certificate

ACHIEVEMENT_WORDS = "achievement_words"


def offering_words(offering: Offering | None, language: str, title: str, description: str) -> tuple[str, str]:
    """The offering's title and description as printed in `language`: its live translation's in that language
    when there is one, else `title` and `description` (what was credited, in the original's words). An alias only
    repeats the original's words, so it is not a translation; the certificate stays on the original offering."""
    if offering is None:
        return title, description
    translated = (
        Offering.objects.live()
        .filter(translation_key=offering.translation_key, locale__language_code=language, alias_of__isnull=True)
        .exclude(pk=offering.pk).values_list("title", "summary").first()
    )
    if translated is None:
        return title, description
    return translated[0], translated[1] or description


def words_in(certificate: Certificate, offering: Offering | None, language: str) -> tuple[str, str]:
    """The certificate's achievement worded in `language`; its own words when nothing knows better (the path or
    cycle was deleted, say)."""
    title, description = certificate.achievement_title, certificate.achievement_description
    if certificate.offering_id is not None:
        return offering_words(offering, language, title, description)
    for words_of in hooks.get_hooks(ACHIEVEMENT_WORDS):
        words = words_of(certificate, language)
        if words is not None:
            return words
    return title, description
