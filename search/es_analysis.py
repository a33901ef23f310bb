"""How the Elasticsearch catalog reads text: accent folding, stemming in each catalog language, the field's jargon.

Synonyms apply at search time only (a `synonym_graph` filter in the search analyzers), so the list can grow
with a reindex of nothing but settings, and multi-word expansions ("value stream management") match as
phrases instead of loose words.
"""

from __future__ import annotations

from elasticsearch.dsl import analyzer, normalizer, token_filter

# One row per concept: the short form people type, then its English and Spanish spellings (accents are folded
# before synonyms apply, so write them without accents).
JARGON: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("vsm", ("value stream management",), ("gestion del flujo de valor", "gestion de flujos de valor")),
    ("rcr", ("responsible conduct of research",),
     ("conducta responsable en investigacion", "conducta responsable en la investigacion")),
    ("wip", ("work in progress",), ("trabajo en curso", "trabajo en progreso")),
    ("dora", ("devops research and assessment",), ()),
    ("okr", ("okrs", "objectives and key results"), ("objetivos y resultados clave",)),
    ("kpi", ("kpis", "key performance indicator"), ("indicador clave de rendimiento",)),
    ("cpd", ("continuing professional development",), ("dpc", "desarrollo profesional continuo")),
    ("coi", ("conflict of interest",), ("conflicto de intereses",)),
    ("irb", ("institutional review board",), ("comite de etica de la investigacion",)),
)


def synonym_rules(language: str | None) -> list[str]:
    """Equivalence rules for one language ("en", "es"; others have only the short forms, so no rules), or for
    every language when the field is language-neutral."""
    rules = []
    for short, english, spanish in JARGON:
        terms = (short, *(english if language in (None, "en") else ()), *(spanish if language in (None, "es") else ()))
        if len(terms) > 1:
            rules.append(", ".join(terms))
    return rules


def _synonyms(language: str | None):
    name = f"catalog_synonyms_{language or 'all'}"
    return token_filter(name, "synonym_graph", synonyms=synonym_rules(language), lenient=True)


# Folding before stemming, so "gestión" and "gestion" meet; no stop-word removal, so the phrases the
# synonyms expand to ("conduct of research") keep every position.
FOLDING = ["lowercase", "asciifolding"]


def _stemmer(name: str, language: str):
    return token_filter(name, "stemmer", language=language)


# French writes an article or pronoun into the next word ("l'atelier", "d'éthique", "qu'un"): the article is taken
# off before anything else, so "atelier" finds "l'atelier". Case-insensitive, since a title may begin "L'atelier".
FRENCH_ELISION = token_filter(
    "catalog_french_elision", "elision", articles_case=True,
    articles=["l", "m", "t", "qu", "n", "s", "j", "d", "c", "jusqu", "quoiqu", "lorsqu", "puisqu"],
)

# Each catalog language whose words are read in it: the filters that go before folding (elision), and its
# stemming filters after it. Light stemmers for the Romance languages (plurals and gender, "métricas"/"métrica"),
# not Snowball's, which conflates too much for titles. Arabic is normalised (short vowels, tatweel, the forms of
# alef, yeh and teh marbuta) and then stemmed of its prefixes and suffixes ("الأخلاقيات" and "أخلاقيات" meet).
# Any other language's text is read folded as written (the `catalog_folded` analyzers).
BEFORE_FOLDING: dict[str, list] = {"fr": [FRENCH_ELISION]}
STEMMING: dict[str, list] = {
    "en": [_stemmer("catalog_english_possessive", "possessive_english"),
           _stemmer("catalog_english_stemmer", "english")],
    "es": [_stemmer("catalog_spanish_stemmer", "light_spanish")],
    "fr": [_stemmer("catalog_french_stemmer", "light_french")],
    "pt": [_stemmer("catalog_portuguese_stemmer", "light_portuguese")],
    "ar": [token_filter("catalog_arabic_normalization", "arabic_normalization"),
           _stemmer("catalog_arabic_stemmer", "arabic")],
}
STEMMED_LANGUAGES = tuple(STEMMING)
_NAMES = {"en": "english", "es": "spanish", "fr": "french", "pt": "portuguese", "ar": "arabic"}


def _search_filters(language: str | None) -> list:
    """Synonyms only where the jargon list has rules for the language (an empty synonym filter is refused)."""
    return [_synonyms(language)] if synonym_rules(language) else []


folded = analyzer("catalog_folded", tokenizer="standard", filter=FOLDING)
folded_search = analyzer("catalog_folded_search", tokenizer="standard", filter=[*FOLDING, *_search_filters(None)])
# language -> (index analyzer, search analyzer): the text of an offering in that language, and a query read in it.
LANGUAGE_ANALYZERS = {
    language: (
        analyzer(f"catalog_{_NAMES[language]}", tokenizer="standard",
                 filter=[*BEFORE_FOLDING.get(language, []), *FOLDING, *stemming]),
        analyzer(f"catalog_{_NAMES[language]}_search", tokenizer="standard",
                 filter=[*BEFORE_FOLDING.get(language, []), *FOLDING, *_search_filters(language), *stemming]),
    )
    for language, stemming in STEMMING.items()
}
english, english_search = LANGUAGE_ANALYZERS["en"]
spanish, spanish_search = LANGUAGE_ANALYZERS["es"]

# Autocomplete: every word of a title is indexed by its prefixes, so "val str" finds "Value Stream ...".
AUTOCOMPLETE_MAX_GRAM = 20
autocomplete = analyzer(
    "catalog_autocomplete",
    tokenizer="standard",
    filter=[*FOLDING, token_filter("catalog_prefixes", "edge_ngram", min_gram=1, max_gram=AUTOCOMPLETE_MAX_GRAM)],
)

# Title sorting ignores case and accents ("Ética" sorts with "Ethics", not after "Z").
sortable = normalizer("catalog_sortable", filter=FOLDING)
