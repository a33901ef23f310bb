"""How the Elasticsearch catalog reads text: accent folding, English and Spanish stemming, the field's jargon.

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
    """Equivalence rules for one language ("en", "es"), or for both when the field is language-neutral."""
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
_english_stemming = [
    token_filter("catalog_english_possessive", "stemmer", language="possessive_english"),
    token_filter("catalog_english_stemmer", "stemmer", language="english"),
]
_spanish_stemming = [token_filter("catalog_spanish_stemmer", "stemmer", language="light_spanish")]

folded = analyzer("catalog_folded", tokenizer="standard", filter=FOLDING)
folded_search = analyzer("catalog_folded_search", tokenizer="standard", filter=[*FOLDING, _synonyms(None)])
english = analyzer("catalog_english", tokenizer="standard", filter=[*FOLDING, *_english_stemming])
english_search = analyzer(
    "catalog_english_search", tokenizer="standard", filter=[*FOLDING, _synonyms("en"), *_english_stemming]
)
spanish = analyzer("catalog_spanish", tokenizer="standard", filter=[*FOLDING, *_spanish_stemming])
spanish_search = analyzer(
    "catalog_spanish_search", tokenizer="standard", filter=[*FOLDING, _synonyms("es"), *_spanish_stemming]
)

# Autocomplete: every word of a title is indexed by its prefixes, so "val str" finds "Value Stream ...".
AUTOCOMPLETE_MAX_GRAM = 20
autocomplete = analyzer(
    "catalog_autocomplete",
    tokenizer="standard",
    filter=[*FOLDING, token_filter("catalog_prefixes", "edge_ngram", min_gram=1, max_gram=AUTOCOMPLETE_MAX_GRAM)],
)

# Title sorting ignores case and accents ("Ética" sorts with "Ethics", not after "Z").
sortable = normalizer("catalog_sortable", filter=FOLDING)
