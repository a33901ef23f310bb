"""The words beside a proposed pair and beside an impossible round, in the reader's language.

The engine explains a pair as coded parts (mentoring.matching.explanation) built from the same numbers as its
score; here each code gets one translatable message, languages and topics their display names, and the hard rules
their names. A shared identity is only ever noted, never named: the engine passes no identity to explain.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from cms.models import Topic
from cms.translated_snippets import originals, with_reader_words
from lms.models import language_names
from mentoring.matching import Explanation, hard_rules
from mentoring.matching import explanation as codes
from mentoring.matching.solver import FORBIDDEN_BY_STAFF

from .regions import region_label

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

RULE_NAMES: Mapping[str, StrOrPromise] = {
    hard_rules.NO_SHARED_LANGUAGE: gettext_lazy("no shared language"),
    hard_rules.TOO_LITTLE_OVERLAP: gettext_lazy("too few hours free at the same time"),
    hard_rules.SAME_EMPLOYER: gettext_lazy("same employer"),
    hard_rules.PAST_PAIRING_ENDED_BADLY: gettext_lazy("an earlier pairing of the two ended badly"),
    hard_rules.MENTOR_NOT_SENIOR: gettext_lazy("mentor not further in their career than the mentee"),
    hard_rules.MUST_PREFERENCE_UNMET: gettext_lazy("a “must” preference not met"),
    FORBIDDEN_BY_STAFF: gettext_lazy("excluded by staff"),
}


def parts_as_data(explanation: Explanation) -> list[dict[str, Any]]:
    """The engine's explanation as JSON for storing with a proposal."""
    return [{"code": part.code, "terms": list(part.terms), "number": part.number} for part in explanation.parts]


def explanation_parts(parts: Iterable[Mapping[str, Any]], topic_names: Mapping[str, str] | None = None) -> list[str]:
    """One sentence fragment per stored part, translated, terms shown by their names."""
    languages = language_names()
    if topic_names is None:
        slugs = {term for part in parts if part.get("code") == codes.SHARED_EXPERTISE for term in part["terms"]}
        topic_names = dict(with_reader_words(originals(Topic.objects.filter(slug__in=slugs)), "name")
                           .values_list("slug", "shown_name")) if slugs else {}  # type: ignore[misc]  # annotated
    texts = []
    for part in parts:
        code, terms, number = part.get("code"), part.get("terms") or [], part.get("number") or 0
        if code == codes.SHARED_LANGUAGES:
            texts.append(_("shared language: %(languages)s")
                         % {"languages": ", ".join(languages.get(t, t) for t in terms)})
        elif code == codes.SHARED_EXPERTISE:
            texts.append(_("expertise asked for: %(topics)s")
                         % {"topics": ", ".join(topic_names.get(t, t) for t in terms)})
        elif code == codes.OVERLAP_HOURS:
            texts.append(ngettext("%(n)d hour a week free at the same time",
                                  "%(n)d hours a week free at the same time", number) % {"n": number})
        elif code == codes.CAREER_STAGES_AHEAD:
            texts.append(ngettext("mentor %(n)d career stage ahead", "mentor %(n)d career stages ahead", number)
                         % {"n": number})
        elif code == codes.PREFERRED_REGION:
            texts.append(_("in the region asked for (%(region)s)")
                         % {"region": ", ".join(region_label(t) for t in terms)})
        elif code == codes.SHARED_IDENTITY:
            texts.append(_("shares an identity the mentee asked for"))
    return texts


def explanation_text(parts: Iterable[Mapping[str, Any]], topic_names: Mapping[str, str] | None = None) -> str:
    parts = list(parts)
    return "; ".join(explanation_parts(parts, topic_names)) or _("no criterion adds to the score")


def excluded_pairs_text(excluded_by_rule: Mapping[str, int]) -> str:
    """'no shared language: 4 pairs; same employer: 1 pair', most frequent first."""
    counted = sorted(((rule, count) for rule, count in excluded_by_rule.items() if count), key=lambda x: -x[1])
    return "; ".join(
        ngettext("%(rule)s: %(n)d pair", "%(rule)s: %(n)d pairs", count)
        % {"rule": RULE_NAMES.get(rule, rule), "n": count}
        for rule, count in counted
    )


def broken_rules_text(rules: Iterable[str]) -> str:
    return ", ".join(str(RULE_NAMES.get(rule, rule)) for rule in rules)
