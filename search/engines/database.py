"""The catalog on the database: PostgreSQL full-text search, with a plain fallback on SQLite for `make run`.

Text is folded (lower case, no accents) before it is stored or searched, so both databases read words alike. On
PostgreSQL each entry carries a weighted vector (title and topics A; summary, partners and people B; body C) in
its language's text search configuration (a copy that also folds with `unaccent`), ranked with `ts_rank`, and
mistyped words are corrected against the catalog's vocabulary by trigram distance. On SQLite the folded words are
matched by prefix, ranked by where they occur, and typos corrected with difflib. Either way a search is four
queries at most, whatever the text, the filters or the page.
"""

from __future__ import annotations

import difflib
import functools
import hashlib
import html
import json
import operator
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import reduce

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection, transaction
from django.db.models import Case, Count, Exists, F, OuterRef, Q, Value, When, Window
from django.db.models.functions import RowNumber
from django.utils import timezone
from django.utils.html import escape

from ..catalog import CatalogQuery, FacetCount, Hit, SearchAnswer, Suggestion
from ..documents import CatalogDocument
from ..facets import FACETS, FACETS_BY_NAME, STORED_FACETS, WHEN
from ..models import CatalogEntry, CatalogFacetValue, CatalogTerm
from . import upcoming_windows

# ------------------------------------------------------------------------------------------------ reading text

# The PostgreSQL configuration for each offering language that has a stemmer; others read words as written.
# Migration 0002 creates the "catalog_" copies (with accent folding) of each of these.
STEMMED_LANGUAGES = {
    "en": "english", "es": "spanish", "fr": "french", "pt": "portuguese", "de": "german", "it": "italian",
    "nl": "dutch", "ru": "russian", "el": "greek", "tr": "turkish", "ar": "arabic", "hi": "hindi", "id": "indonesian",
}
SIMPLE_CONFIG = "catalog_simple"
# A query is read in every language at once (any reading may match), so it stays one constant expression
# that the GIN index can serve, whatever the languages of the entries it meets.
QUERY_CONFIGS = (SIMPLE_CONFIG, *sorted({f"catalog_{name}" for name in STEMMED_LANGUAGES.values()}))

WORD = re.compile(r"\w+")
MAX_QUERY_WORDS = 12
VOCABULARY_WORD = re.compile(r"^(?=.*[^\W\d_])\w{3,64}$")  # three letters or more, not only digits


def text_search_config(language: str) -> str:
    return f"catalog_{STEMMED_LANGUAGES[language]}" if language in STEMMED_LANGUAGES else SIMPLE_CONFIG


def fold(text: str) -> str:
    """Lower case without accents: "Ética" and "etica" are the same word to the catalog."""
    if text.isascii():  # nothing to decompose, and ASCII's case folding is its lower case
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


def words(text: str) -> list[str]:
    """The folded words of a text; every other character (quotes, colons, brackets, stars) is a separator."""
    return WORD.findall(fold(text))


def word_stream(*texts: str) -> str:
    """Folded words joined by single spaces and padded, so `contains(" " + w)` finds a word starting with w."""
    return " " + " ".join(word for text in texts for word in words(text)) + " "


# ---------------------------------------------------------------------------------------------- correcting typos

MIN_CORRECTABLE_LENGTH = 4  # shorter words have too many neighbours to guess from
CANDIDATES_PER_WORD = 20


def edit_distance(a: str, b: str) -> int:
    """Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours cost 1."""
    previous_row: list[int] | None = None
    row = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        before, previous_row, row = previous_row, row, [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            row[j] = min(previous_row[j] + 1, row[j - 1] + 1, previous_row[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1] and before is not None:
                row[j] = min(row[j], before[j - 2] + 1)
    return row[len(b)]


def _same_stem(a: str, b: str) -> bool:
    """A word the stemmer matches anyway ("modules" for "module") is not a typo."""
    shorter, longer = sorted((a, b), key=len)
    return len(shorter) >= MIN_CORRECTABLE_LENGTH and longer.startswith(shorter) and len(longer) - len(shorter) <= 3


def correction_for(word: str, candidates: Sequence[str]) -> str | None:
    """The indexed word a mistyped `word` most likely meant, among `candidates` (best first), or None when the
    word is known, too short to guess, or nothing is near enough."""
    if len(word) < MIN_CORRECTABLE_LENGTH or any(c == word or _same_stem(word, c) for c in candidates):
        return None
    allowed = 1 if len(word) < 8 else 2
    scored = sorted(
        (edit_distance(word, candidate), candidate[0] != word[0], position, candidate)
        for position, candidate in enumerate(candidates)
    )
    if scored and scored[0][0] <= allowed:
        return scored[0][3]
    return None


def _like_prefix(word: str) -> str:
    return word[:2].replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _postgresql_candidates(unknown: list[str]) -> dict[str, list[str]]:
    """Nearest vocabulary words by trigram distance, plus the nearest sharing the first two letters (a swap in the
    middle of a short word shares few trigrams): one query for every word."""
    sql = """
        SELECT q.word, c.word FROM unnest(%s::text[], %s::text[]) AS q(word, prefix)
        CROSS JOIN LATERAL (
            (SELECT t.word, t.word <-> q.word AS distance FROM search_catalogterm t
             ORDER BY t.word <-> q.word LIMIT %s)
            UNION
            (SELECT t.word, t.word <-> q.word AS distance FROM search_catalogterm t WHERE t.word LIKE q.prefix
             ORDER BY t.word <-> q.word LIMIT %s)
        ) c
        ORDER BY q.word, c.distance, c.word
    """
    found: dict[str, list[str]] = {word: [] for word in unknown}
    with connection.cursor() as cursor:
        cursor.execute(sql, [unknown, [_like_prefix(w) for w in unknown], CANDIDATES_PER_WORD, CANDIDATES_PER_WORD])
        for word, candidate in cursor.fetchall():
            found[word].append(candidate)
    return found


def _python_candidates(unknown: list[str]) -> dict[str, list[str]]:
    vocabulary = list(CatalogTerm.objects.values_list("word", flat=True))
    known = set(vocabulary)
    return {
        word: ([word] if word in known else [])
        + difflib.get_close_matches(word, vocabulary, n=CANDIDATES_PER_WORD, cutoff=0.6)
        for word in unknown
    }


@dataclass(frozen=True)
class ReadText:
    terms: list[str]  # folded, corrected
    corrected_text: str  # "" when nothing was corrected


def read_text(text: str) -> ReadText:
    """The words to search for, with typos corrected against the vocabulary (at most one query)."""
    originals = WORD.findall(text)[:MAX_QUERY_WORDS]
    terms = [fold(word) for word in originals]
    checkable = sorted({term for term in terms if len(term) >= MIN_CORRECTABLE_LENGTH})
    if not checkable:
        return ReadText(terms, "")
    candidates = (_postgresql_candidates if connection.vendor == "postgresql" else _python_candidates)(checkable)
    corrections = {term: correction_for(term, candidates.get(term, [])) for term in checkable}
    if not any(corrections.values()):
        return ReadText(terms, "")
    corrected_terms = [corrections.get(term) or term for term in terms]
    shown = [corrections.get(term) or original for original, term in zip(originals, terms, strict=True)]
    return ReadText(corrected_terms, " ".join(shown))


# ----------------------------------------------------------------------------------------------- what matches

A_WEIGHT, B_WEIGHT, C_WEIGHT = 10.0, 4.0, 1.0  # the SQLite ranking, in the proportions of PostgreSQL's weights


class EveryLanguageQuery(SearchQuery):
    """The words read in every catalog language, the distinct readings OR-ed: an entry matches when its own
    language's reading does. Computed once per statement (an uncorrelated subquery), so it is a constant the GIN
    index can serve, and ranking weighs a handful of readings rather than one per language."""

    def __init__(self, terms: Sequence[str]):
        super().__init__(" ".join(terms))
        self.text = " ".join(terms)

    def as_sql(self, compiler, connection, function=None, template=None):
        return (
            "(SELECT string_agg(DISTINCT '(' || reading::text || ')', ' | ')::tsquery"
            " FROM unnest(%s::regconfig[]) AS language(config), plainto_tsquery(language.config, %s) AS reading"
            " WHERE numnode(reading) > 0)",
            [list(QUERY_CONFIGS), self.text],
        )


class _Criteria:
    """A query's conditions, written from an entry (`prefix=""`) or from one of its facet rows (`"entry__"`)."""

    def __init__(self, query: CatalogQuery, terms: list[str], now: datetime):
        self.query = query
        self.terms = terms
        self.now = now
        self.postgresql = connection.vendor == "postgresql"
        self.tsquery = EveryLanguageQuery(terms) if terms and self.postgresql else None
        self.selected = {
            facet: tuple(values) for facet, values in query.filters.items() if facet in FACETS_BY_NAME and values
        }

    def base(self, prefix: str = "") -> Q:
        """What is visible and matches the text and the CPD range: every count and every hit starts from this."""
        q = Q(**{f"{prefix}access_level__in": list(self.query.visible_access_levels)})
        if self.query.locale:
            q &= Q(**{f"{prefix}locale": self.query.locale})
        if self.query.cpd_min is not None:
            q &= Q(**{f"{prefix}cpd_hours__gte": self.query.cpd_min})
        if self.query.cpd_max is not None:
            q &= Q(**{f"{prefix}cpd_hours__lte": self.query.cpd_max})
        if self.tsquery is not None:
            q &= Q(**{f"{prefix}search_vector": self.tsquery})
        elif self.terms:
            for term in self.terms:
                q &= reduce(operator.or_, (Q(**{f"{prefix}{column}__contains": f" {term}"})
                                           for column in ("text_a", "text_b", "text_c")))
        return q

    def when_buckets(self, prefix: str = "") -> dict[str, Q]:
        upcoming = Q(**{f"{prefix}last_session_ends_at__gte": self.now,
                        f"{prefix}next_session_starts_at__isnull": False})
        buckets = {}
        for name, (start, before) in upcoming_windows(self.now).items():
            q = upcoming
            if start is not None:
                q &= Q(**{f"{prefix}next_session_starts_at__gte": start})
            if before is not None:
                q &= Q(**{f"{prefix}next_session_starts_at__lt": before})
            buckets[name] = q
        buckets["past"] = Q(**{f"{prefix}last_session_ends_at__lt": self.now})
        return buckets

    def selection(self, name: str, prefix: str = "") -> Q:
        """The entries carrying any of the selected values of one facet: the entry's column of a single-valued
        facet, its JSON array of a many-valued one (SQLite reads those through `CatalogFacetValue` rows), or the
        schedule's date windows."""
        facet, values = FACETS_BY_NAME[name], self.selected[name]
        if not facet.stored:
            buckets = self.when_buckets(prefix)
            return reduce(operator.or_, (buckets[v] for v in values if v in buckets), Q(pk__in=[]))
        if facet.multi_valued:
            if self.postgresql:  # jsonb "?|": does the array hold any of these strings (no subquery per row)
                return Q(**{f"{prefix}{facet.field}__has_any_keys": list(values)})
            rows = CatalogFacetValue.objects.filter(entry_id=OuterRef(f"{prefix}pk"), facet=name, value__in=values)
            return Q(Exists(rows))
        if facet.numeric:
            return Q(**{f"{prefix}{facet.field}__in": [int(v) for v in values if v.isdigit()]})
        return Q(**{f"{prefix}{facet.field}__in": values})

    def selections(self, prefix: str = "", leave_out: str | None = None) -> Q:
        return reduce(operator.and_, (self.selection(f, prefix) for f in self.selected if f != leave_out), Q())

    def rank(self):
        if self.tsquery is not None:
            return SearchRank(F("search_vector"), self.tsquery)
        weights = (("text_a", A_WEIGHT), ("text_b", B_WEIGHT), ("text_c", C_WEIGHT))
        return reduce(operator.add, (
            Case(When(Q(**{f"{column}__contains": f" {term}"}), then=Value(weight)), default=Value(0.0))
            for term in self.terms for column, weight in weights
        ))


SORT_ORDERS = {
    "soonest": [F("next_session_starts_at").asc(nulls_last=True), F("published_at").desc(nulls_last=True)],
    "newest": [F("published_at").desc(nulls_last=True)],
    "title": [F("sort_title").asc()],
}

# ------------------------------------------------------------------------------------------------ highlighting

MARK_START, MARK_END = "\x02", "\x03"  # placeholders that survive escaping, then become <mark> and </mark>
EXCERPT_WORDS = 30


def _marked(text: str) -> str:
    return escape(" ".join(text.split())).replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")


@functools.lru_cache(maxsize=8192)
def _folded_word(word: str) -> str:
    return fold(word)  # a catalog's words repeat across excerpts: fold each once per process


def _stems(terms: Sequence[str]) -> tuple[str, ...]:
    """What a written word must start with to answer each search term: "boards" answers "board", "ethical"
    answers "ethics" (a crude stem)."""
    return tuple(term[:max(MIN_CORRECTABLE_LENGTH, len(term) - 2)] for term in terms)


def python_excerpt(text: str, terms: Sequence[str], length: int = EXCERPT_WORDS) -> str:
    """A short escaped excerpt around the first word answering a search term, those words in <mark>; "" if none."""
    text = text.replace(MARK_START, "").replace(MARK_END, "")
    stems = _stems(terms)
    folded_text = fold(text)  # folding goes character by character, so a word's stem shows in the folded text
    if not any(stem in folded_text for stem in stems):
        return ""
    pieces = re.split(r"(\w+)", text)  # words at odd positions, what separates them at even ones
    word_positions = list(range(1, len(pieces), 2))
    first = next((n for n, i in enumerate(word_positions) if _folded_word(pieces[i]).startswith(stems)), None)
    if first is None:
        return ""
    start = max(0, first - length // 3)
    chosen = word_positions[start:start + length]
    to_end = chosen[-1] == word_positions[-1]
    first_piece = 0 if start == 0 else chosen[0]
    shown = [
        MARK_START + piece + MARK_END if i % 2 and _folded_word(piece).startswith(stems) else piece
        for i, piece in enumerate(pieces) if first_piece <= i and (to_end or i <= chosen[-1])
    ]
    return _marked(("… " if start else "") + "".join(shown).strip() + ("" if to_end else " …"))


def excerpt(title: str, summary: str, body: str, terms: Sequence[str]) -> str:
    """Why it matched, beyond the title on the card: the summary's matching words, else the body's, else the title."""
    return python_excerpt(summary, terms) or python_excerpt(body, terms) or python_excerpt(title, terms)


# ---------------------------------------------------------------------------------------------------- indexing

INDEX_FORMAT = "2"  # change it when what an entry stores changes: reconcile then rewrites every entry
WRITE_BATCH = 500
ENTRY_FIELDS = [
    "url_path", "title", "sort_title", "summary", "body", "text_a", "text_b", "text_c", "format", "level", "language",
    "locale", "text_search_config", "access_level", "cpd_hours", "programme_year", "topics", "topic_names",
    "career_stages", "instructors", "partners", "partner_names", "regions", "time_zones", "members_open_on",
    "public_open_on", "next_session_starts_at", "last_session_ends_at", "seats_available", "published_at",
    "fingerprint", "indexed_at",
]


def fingerprint(document: CatalogDocument) -> str:
    """Changes whenever anything indexed about the offering changes (its next session passing included)."""
    payload = json.dumps([INDEX_FORMAT, document.as_dict()], sort_keys=True, default=str)
    return hashlib.sha256(payload.encode()).hexdigest()


def facet_values_of(document: CatalogDocument) -> set[tuple[str, str]]:
    """Every (facet, value) a document can be filtered and counted by ("when" is read from dates at query time)."""
    return {(facet.name, value) for facet in STORED_FACETS for value in facet.values_of(document)}


def entry_for(document: CatalogDocument) -> CatalogEntry:
    body = html.unescape(document.body)  # plain text of rendered rich text still carries entities ("&amp;")
    return CatalogEntry(
        page_id=document.page_id,
        url_path=document.url_path,
        title=document.title,
        sort_title=" ".join(words(document.title)),
        summary=document.summary,
        body=body,
        text_a=word_stream(document.title, *document.topic_names),
        text_b=word_stream(document.summary, *document.partner_names, *document.instructors),
        text_c=word_stream(body),
        format=document.format,
        level=document.level,
        language=document.language,
        text_search_config=text_search_config(document.language),
        locale=document.locale,
        access_level=document.access_level,
        cpd_hours=document.cpd_hours,
        programme_year=document.programme_year,
        topics=list(document.topics),
        topic_names=list(document.topic_names),
        career_stages=list(document.career_stages),
        instructors=list(document.instructors),
        partners=list(document.partners),
        partner_names=list(document.partner_names),
        regions=list(document.regions),
        time_zones=list(document.time_zones),
        members_open_on=document.members_open_on,
        public_open_on=document.public_open_on,
        next_session_starts_at=document.next_session_starts_at,
        last_session_ends_at=document.last_session_ends_at,
        seats_available=document.seats_available,
        published_at=document.published_at,
        fingerprint=fingerprint(document),
    )


def _batches(items: Sequence, size: int) -> Iterable[Sequence]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _weighted_vector():
    config = F("text_search_config")
    return (SearchVector("text_a", config=config, weight="A") + SearchVector("text_b", config=config, weight="B")
            + SearchVector("text_c", config=config, weight="C"))


class DatabaseCatalogEngine:
    """`search.catalog.CatalogEngine` on the project's own database (PostgreSQL, or SQLite for `make run`)."""

    name = "database"

    # --------------------------------------------------------------------------------------------- searching

    def search(self, query: CatalogQuery) -> SearchAnswer:
        now = timezone.now()
        text = read_text(query.text)
        criteria = _Criteria(query, text.terms, now)
        hits = self._hits(criteria)
        total, when_counts = self._total_and_when_counts(criteria)
        counts = self._facet_counts(criteria)
        counts[WHEN.name] = {value: when_counts[value] for value in WHEN.fixed_values if when_counts[value]}
        facets = {}
        for facet in FACETS:
            chosen = criteria.selected.get(facet.name, ())
            found = counts.get(facet.name, {})
            values = {**found, **{value: found.get(value, 0) for value in chosen}}
            if facet.fixed_values:
                ordered = [value for value in facet.fixed_values if value in values]
            else:
                ordered = sorted(values, key=lambda value: (-values[value], value))
            facets[facet.name] = [FacetCount(value=value, count=values[value], selected=value in chosen)
                                  for value in ordered]
        return SearchAnswer(total=total, hits=hits, facets=facets, corrected_text=text.corrected_text,
                            engine=self.name)

    def _hits(self, criteria: _Criteria) -> list[Hit]:
        query = criteria.query
        entries = CatalogEntry.objects.filter(criteria.base() & criteria.selections())
        fields = ["page_id"]
        if criteria.terms:
            entries = entries.annotate(rank=criteria.rank())
            fields += ["rank", "title", "summary", "body"]
        if query.sort == "relevance" and criteria.terms:
            order = [F("rank").desc(), F("published_at").desc(nulls_last=True)]
        else:
            order = SORT_ORDERS.get(query.sort, SORT_ORDERS["newest"])
        rows = entries.order_by(*order, "page_id").values(*fields)[query.offset:query.offset + query.page_size]
        return [
            Hit(page_id=row["page_id"], score=float(row.get("rank") or 0.0),
                highlight=excerpt(row["title"], row["summary"], row["body"], criteria.terms) if criteria.terms else "")
            for row in rows
        ]

    def _total_and_when_counts(self, criteria: _Criteria) -> tuple[int, dict[str, int]]:
        """The total and the "when" counts (which ignore the "when" selection) in one pass."""
        entries = CatalogEntry.objects.filter(criteria.base() & criteria.selections(leave_out=WHEN.name))
        when_selected = WHEN.name in criteria.selected
        buckets = criteria.when_buckets()
        row = entries.aggregate(
            total=Count("pk", filter=criteria.selection(WHEN.name)) if when_selected else Count("pk"),
            **{name: Count("pk", filter=bucket) for name, bucket in buckets.items()},
        )
        return row.pop("total"), row

    def _facet_counts(self, criteria: _Criteria) -> dict[str, dict[str, int]]:
        """Every stored facet's counts in one GROUP BY: a facet row counts when its entry matches every selection
        except the one on the row's own facet."""
        rows = CatalogFacetValue.objects.filter(criteria.base("entry__"))
        # Implied by the per-row conditions below, but on the entry alone: an entry contributes a row only if it
        # matches every selection but at most one (its row's own facet), so the planner drops the other entries
        # before reading their facet rows (a common word matches most of the catalog; three filters leave a tenth).
        stored = [name for name in criteria.selected if FACETS_BY_NAME[name].stored]
        if len(stored) > 1:
            rows = rows.filter(reduce(operator.or_, (criteria.selections("entry__", leave_out=facet)
                                                     for facet in stored)))
        for name in criteria.selected:
            condition = criteria.selection(name, "entry__")
            rows = rows.filter((Q(facet=name) | condition) if FACETS_BY_NAME[name].stored else condition)
        counts: dict[str, dict[str, int]] = {}
        for facet, value, count in rows.order_by().values_list("facet", "value").annotate(n=Count("pk")):
            counts.setdefault(facet, {})[value] = count
        return counts

    def autocomplete(self, text: str, visible_access_levels: Sequence[str], per_format: int = 3,
                     locale: str = "") -> list[Suggestion]:
        """Titles with a word starting with each typed word; the best `per_format` of each format."""
        prefixes = words(text)[:MAX_QUERY_WORDS]
        if not prefixes or per_format < 1:
            return []
        matches = Q(access_level__in=list(visible_access_levels))
        if locale:
            matches &= Q(locale=locale)
        for prefix in prefixes:
            matches &= Q(sort_title__startswith=prefix) | Q(sort_title__contains=f" {prefix}")
        leading = Case(When(sort_title__startswith=prefixes[0], then=Value(0)), default=Value(1))
        rows = (
            CatalogEntry.objects.filter(matches)
            .annotate(position=Window(RowNumber(), partition_by=[F("format")],
                                      order_by=[leading.asc(), F("sort_title").asc(), F("page_id").asc()]))
            .filter(position__lte=per_format)
            .order_by("format", "position")
            .values_list("page_id", "title", "format")
        )
        return [Suggestion(page_id=page_id, title=title, format=format_) for page_id, title, format_ in rows]

    # --------------------------------------------------------------------------------------------- indexing

    def index(self, documents: Sequence[CatalogDocument]) -> None:
        if documents:
            with transaction.atomic():
                self._write(documents)

    def remove(self, page_ids: Sequence[int]) -> None:
        if page_ids:
            CatalogEntry.objects.filter(pk__in=list(page_ids)).delete()

    def indexed_ids(self) -> set[int]:
        return set(CatalogEntry.objects.values_list("pk", flat=True))

    def stale_ids(self, documents: Sequence[CatalogDocument]) -> set[int]:
        """Which of these (fresh) documents the index holds differently, or not at all."""
        stored = dict(CatalogEntry.objects.filter(pk__in=[d.page_id for d in documents])
                      .values_list("pk", "fingerprint"))
        return {d.page_id for d in documents if stored.get(d.page_id) != fingerprint(d)}

    def rebuild(self, documents: Sequence[CatalogDocument]) -> None:
        """Everything replaced in one transaction: readers see the old catalog until the new one is whole."""
        with transaction.atomic():
            CatalogFacetValue.objects.all().delete()
            CatalogEntry.objects.all().delete()
            CatalogTerm.objects.all().delete()
            self._write(documents)

    def _write(self, documents: Sequence[CatalogDocument]) -> None:
        postgresql = connection.vendor == "postgresql"
        for batch in _batches(list({d.page_id: d for d in documents}.values()), WRITE_BATCH):
            ids = [d.page_id for d in batch]
            entries = [entry_for(d) for d in batch]
            CatalogEntry.objects.bulk_create(entries, update_conflicts=True, unique_fields=["page"],
                                             update_fields=ENTRY_FIELDS)
            CatalogFacetValue.objects.filter(entry_id__in=ids).delete()
            CatalogFacetValue.objects.bulk_create(
                [CatalogFacetValue(entry_id=d.page_id, facet=facet, value=value[:200])
                 for d in batch for facet, value in sorted(facet_values_of(d))]
            )
            vocabulary = {
                word for entry in entries for stream in (entry.text_a, entry.text_b, entry.text_c)
                for word in stream.split() if VOCABULARY_WORD.match(word)
            }
            CatalogTerm.objects.bulk_create([CatalogTerm(word=w) for w in sorted(vocabulary)], ignore_conflicts=True,
                                            batch_size=1000)
            if postgresql:
                CatalogEntry.objects.filter(pk__in=ids).update(search_vector=_weighted_vector())
