"""What staff read beside a proposed pair, and why a round matched nobody: structured parts and their English.

An explanation is a tuple of parts, each a code with its terms or number, built from the same criterion values that
made the pair's score (scoring.py), so the words cannot disagree with the score. `render` gives the English, e.g.
"shared: Spanish; flow metrics; 4 h/week overlap; mentor two career stages ahead". The Django side translates by
code instead: one gettext (or ngettext, for the numbers) message per code, the terms passed through its own labels
(language names, topic titles), and the parts joined with "; ". A shared identity is never named, only noted:
staff need to know the mentee's wish was met, not which self-described identity the two share.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from . import hard_rules

SHARED_LANGUAGES = "shared_languages"
SHARED_EXPERTISE = "shared_expertise"
OVERLAP_HOURS = "overlap_hours"
CAREER_STAGES_AHEAD = "career_stages_ahead"
PREFERRED_REGION = "preferred_region"
SHARED_IDENTITY = "shared_identity"

_NUMBER_WORDS = {1: "one", 2: "two", 3: "three", 4: "four"}

RULE_NAMES: Mapping[str, str] = {
    hard_rules.NO_SHARED_LANGUAGE: "no shared language",
    hard_rules.TOO_LITTLE_OVERLAP: "too few overlapping hours a week",
    hard_rules.SAME_EMPLOYER: "same employer",
    hard_rules.PAST_PAIRING_ENDED_BADLY: "a past pairing that ended badly",
    hard_rules.MENTOR_NOT_SENIOR: "mentor not senior to the mentee",
    hard_rules.MUST_PREFERENCE_UNMET: "a 'must' preference unmet",
    "forbidden_by_staff": "excluded by staff",
}


@dataclass(frozen=True)
class ExplanationPart:
    code: str
    terms: tuple[str, ...] = ()
    number: int | None = None


@dataclass(frozen=True)
class Explanation:
    """Why a pair scored what it did: the contributing criteria, in a fixed order, and the pair's exact score."""

    parts: tuple[ExplanationPart, ...]
    score: Decimal

    def render(self, labels: Mapping[str, str] | None = None) -> str:
        return render(self.parts, labels)


def render(parts: tuple[ExplanationPart, ...], labels: Mapping[str, str] | None = None) -> str:
    """English text for staff; `labels` maps a term (a language code, a topic slug) to the words to show."""
    labels = labels or {}

    def terms(part: ExplanationPart) -> str:
        return ", ".join(labels.get(term, term) for term in part.terms)

    texts = []
    for part in parts:
        if part.code == SHARED_LANGUAGES:
            texts.append(f"shared: {terms(part)}")
        elif part.code == SHARED_EXPERTISE:
            texts.append(terms(part))
        elif part.code == OVERLAP_HOURS:
            texts.append(f"{part.number} h/week overlap")
        elif part.code == CAREER_STAGES_AHEAD:
            number = part.number or 0
            stages = "career stage" if number == 1 else "career stages"
            texts.append(f"mentor {_NUMBER_WORDS.get(number, str(number))} {stages} ahead")
        elif part.code == PREFERRED_REGION:
            texts.append(f"in the region asked for ({terms(part)})")
        elif part.code == SHARED_IDENTITY:
            texts.append("shares an identity the mentee asked for")
        else:
            raise ValueError(f"unknown explanation part {part.code!r}")
    return "; ".join(texts)


def no_match_reason(excluded_by_rule: Mapping[str, int], allowed_pairs: int, usable_pairs: int) -> str:
    """A plain sentence saying why a round matched nobody, naming the hard rule that excluded the most pairs."""
    if allowed_pairs == 0:
        counted = {rule: count for rule, count in excluded_by_rule.items() if count and rule in hard_rules.HARD_RULES}
        if counted:
            worst = max(counted, key=lambda rule: (counted[rule], -hard_rules.HARD_RULES.index(rule)))
            return (f"No mentee has an allowed mentor: every pair breaks a hard rule "
                    f"(most often: {RULE_NAMES[worst]})")
        return "No mentee has an allowed mentor: there is no allowed pair"
    if usable_pairs == 0:
        return "No mentee has an allowed mentor: staff excluded every allowed pair"
    return "No allowed pair can be used: every mentor with one has no capacity left"
