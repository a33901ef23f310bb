"""The catalog benchmark: the project's database engine and its Elasticsearch engine beside Wagtail's own database
search backend, on the same 10,000 generated offerings, in one process (no HTTP), with both engines' totals and facet
counts checked against the ORM.

Run by bench/run.py as separate processes with the production settings in their environment:

    python bench/catalog_search.py seed [--offerings N]
    python bench/catalog_search.py measure OUTPUT.json [--offerings N] [--queries N] [--rounds N] [--check-queries N]

`seed` builds N offerings (courses, ethics modules, workshops and webinars with sessions) from a fixed random seed,
through Wagtail's own `add_child`, then Wagtail's search index (`update_index`). It is slow (minutes), so run.py keeps
the seeded database between runs.

`measure` rebuilds the database engine's index and Elasticsearch's (on its own alias; ELASTICSEARCH_URL is required,
it exits 2 without it) from the pages, checks both engines' answers against counts computed independently from the
ORM, then times the same fixed queries on every engine, interleaved, and writes the figures and the verdicts to
OUTPUT.json. It exits 1 if a check fails.
"""

from __future__ import annotations

import argparse
import itertools
import json
import operator
import random
import re
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from datetime import time as clock
from decimal import Decimal
from functools import reduce
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent

SEED = 4  # the catalog issue's number: the same catalog and the same queries every run
SEED_FORMAT = 1  # bump when the generated catalog changes, so kept databases are rebuilt
DEFAULT_OFFERINGS = 10_000
FRESH_FOR_DAYS = 30  # sessions are placed relative to the seeding day; after a month the "when" mix has drifted
PAGE_SIZE = 20
ELASTICSEARCH_ALIAS = "lms-bench-catalog"  # the benchmark's own alias: it never touches the site's catalog index

# Every word any generated text (titles, summaries, bodies, topic and partner names) is made of. Chosen so that no
# two words share a lexeme in any PostgreSQL text search configuration the catalog reads queries in, and none is a
# stop word in any of them (tests/bench checks this): "the offering contains the word" is then exactly what a
# full-text match means, which lets the check below count matches with a plain ORM regex, independently of the
# engine.
VOCABULARY = tuple("""
flow value stream mapping metrics leadership coaching kanban backlog delivery portfolio governance funding strategy
roadmap planning forecasting throughput latency bottleneck variability queue capacity demand experiment hypothesis
evidence research integrity authorship plagiarism consent privacy security compliance audit risk safety quality
inspection calibration measurement sampling statistics regression inference bayesian causality dashboard
visualisation storytelling narrative facilitation negotiation mediation conflict feedback mentoring sponsorship
onboarding retention wellbeing burnout resilience mindfulness empathy inclusion diversity equity accessibility
sustainability climate carbon circularity procurement supplier contract budget accounting valuation pricing
marketing branding customer journey persona interview survey usability prototype design sprint retrospective standup
cadence increment release deployment automation pipeline testing refactoring architecture microservice database
cloud kubernetes observability telemetry incident outage postmortem reliability uptime scalability performance
optimisation algorithm heuristic machine learning neural network ontology taxonomy metadata curation archive
repository publication journal peer review citation impact bibliometrics grant proposal ethics committee protocol
trial laboratory specimen biosafety chemistry physics ecology genomics epidemiology vaccine hospital clinic nursing
pharmacy surgery radiology anatomy physiology nutrition fitness rehabilitation therapy psychology sociology economics
finance banking insurance actuarial taxation payroll logistics warehouse shipping freight routing scheduling
manufacturing assembly welding robotics sensor firmware hardware semiconductor battery energy turbine grid hydrogen
solar wind irrigation agriculture forestry fishery tourism catering retail wholesale ecommerce payments fraud
cryptography blockchain ledger identity authentication firewall malware phishing encryption backup recovery
continuity crisis emergency disaster humanitarian volunteer charity fundraising advocacy lobbying policy regulation
legislation litigation arbitration trademark patent copyright licensing publishing editing writing rhetoric
presentation podcast broadcast photography animation illustration typography calligraphy pottery carpentry plumbing
masonry gardening beekeeping winemaking brewing baking cooking pastry chocolate coffee espresso barista sommelier
astronomy geology volcano glacier ocean coral rainforest desert savanna tundra wildlife birdwatching orchestra
symphony opera ballet theatre cinema screenplay novelist poetry folklore mythology archaeology heritage museum
gallery exhibition library literacy numeracy pedagogy curriculum assessment rubric apprenticeship internship
graduate doctorate postdoc tenure faculty dean provost rector chancellor partnership alliance consortium federation
cooperative union guild chapter council summit forum symposium colloquium seminar masterclass bootcamp hackathon
workshop webinar lecture tutorial
""".split())

FORMAT_WEIGHTS = {"course": 45, "ethics_module": 10, "workshop": 20, "webinar": 25}
LANGUAGE_WEIGHTS = {"en": 45, "es": 15, "fr": 10, "pt": 8, "de": 8, "nl": 6, "it": 4, "pl": 4}
LEVEL_WEIGHTS = {"introductory": 45, "intermediate": 35, "advanced": 20}
ACCESS_WEIGHTS = {"public": 55, "member_first": 15, "member_enhanced": 15, "member_only": 15}
YEAR_WEIGHTS = {2022: 10, 2023: 15, 2024: 20, 2025: 25, 2026: 30}
CAREER_STAGES = ("student", "early_career", "mid_career", "senior", "executive")
CPD_HOURS = ("0.5", "1", "1.5", "2", "3", "4", "6", "8", "12", "16", "24", "40")
TIME_ZONES = ("Europe/London", "Europe/Madrid", "America/New_York", "America/Sao_Paulo", "Asia/Tokyo",
              "Australia/Sydney", "Africa/Nairobi")
TOPIC_COUNT = 20
PARTNER_COUNT = 12
PARTNER_KINDS = ("guild", "council", "alliance", "consortium", "federation", "cooperative", "union", "forum")
SESSION_DAYS = range(-150, 151)  # sessions fall in the five months either side of the seeding day
FILTERABLE = ("format", "topic", "level", "language", "access_level", "partner", "programme_year", "career_stage",
              "when")
ISSUE_EXAMPLE_FILTERS = ("format", "language", "programme_year")
WHEN_CHOICES = ("this_week", "this_month", "later", "past")


# ------------------------------------------------------------------------------------------ the seeded database


def seed_label(offerings: int, seeded_on: date) -> str:
    """What run.py writes on the database (as its comment) once a seed has finished."""
    return f"lms catalog bench: format {SEED_FORMAT}, seed {SEED}, {offerings} offerings, seeded {seeded_on}"


LABEL = re.compile(r"^lms catalog bench: format (\d+), seed (\d+), (\d+) offerings, seeded (\d{4}-\d{2}-\d{2})$")


def reusable_seed(label: str | None, offerings: int, today: date) -> tuple[bool, str]:
    """Whether a database carrying `label` already holds this catalog, fresh enough to measure; and why (not)."""
    match = LABEL.match(label or "")
    if not match:
        return False, "no finished seed recorded"
    seed_format, seed, count, seeded_on = match.groups()
    if (int(seed_format), int(seed), int(count)) != (SEED_FORMAT, SEED, offerings):
        return False, f"it holds a different catalog ({count} offerings, format {seed_format}, seed {seed})"
    age = (today - date.fromisoformat(seeded_on)).days
    if not 0 <= age <= FRESH_FOR_DAYS:
        return False, f"it was seeded {age} days ago (sessions are placed relative to the seeding day)"
    return True, f"seeded {seeded_on}"


# --------------------------------------------------------------------------------------------- planning the data


@dataclass(frozen=True)
class SessionPlan:
    days_ahead: int
    start_hour: int
    hours: int
    time_zone: str
    capacity: int | None
    online: bool


@dataclass(frozen=True)
class OfferingPlan:
    format: str
    title: str
    slug: str
    summary: str
    paragraphs: tuple[str, ...]
    language: str
    level: str
    access_level: str
    programme_year: int
    cpd_hours: Decimal
    career_stages: tuple[str, ...]
    topics: tuple[str, ...]  # slugs
    partners: tuple[str, ...]  # slugs
    published_days_ago: int
    sessions: tuple[SessionPlan, ...] = ()


def _weighted(rng: random.Random, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def catalog_labels() -> tuple[dict[str, str], dict[str, str]]:
    """The topics and partners (slug -> name), the same whatever the catalog's size."""
    rng = random.Random(SEED)
    words = rng.sample(VOCABULARY, TOPIC_COUNT * 2 + PARTNER_COUNT)
    topics = {}
    for first, second in zip(words[0:TOPIC_COUNT * 2:2], words[1:TOPIC_COUNT * 2:2], strict=True):
        topics[f"{first}-{second}"] = f"{first.capitalize()} {second.capitalize()}"
    partners = {}
    for word, kind in zip(words[TOPIC_COUNT * 2:], itertools.cycle(PARTNER_KINDS), strict=False):
        partners[f"{word}-{kind}"] = f"{word.capitalize()} {kind.capitalize()}"
    return topics, partners


class _Writer:
    """Text from the vocabulary, a few words common and most rare (a Zipf-like spread, as in real catalogs)."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.words = list(VOCABULARY)
        rng.shuffle(self.words)
        self.cumulative = list(itertools.accumulate(1 / (rank + 8) for rank in range(len(self.words))))

    def words_(self, count: int) -> list[str]:
        return self.rng.choices(self.words, cum_weights=self.cumulative, k=count)

    def title(self) -> str:
        return " ".join(word.capitalize() for word in dict.fromkeys(self.words_(self.rng.randint(3, 5))))

    def sentence(self, low: int, high: int) -> str:
        text = " ".join(self.words_(self.rng.randint(low, high)))
        return text[0].upper() + text[1:] + "."


def plan_offerings(count: int) -> list[OfferingPlan]:
    """`count` offerings, the same every time for the same count."""
    rng = random.Random(SEED * 1_000_003 + count)
    writer = _Writer(rng)
    topics, partners = catalog_labels()
    topic_slugs, partner_slugs = list(topics), list(partners)
    plans = []
    for number in range(count):
        format_ = _weighted(rng, FORMAT_WEIGHTS)
        is_event = format_ in ("workshop", "webinar")
        title = writer.title()
        sessions: tuple[SessionPlan, ...] = ()
        if is_event:
            first_day = rng.choice(SESSION_DAYS)
            sessions = tuple(
                SessionPlan(
                    days_ahead=first_day + 7 * n, start_hour=rng.randint(7, 16), hours=rng.randint(1, 4),
                    time_zone=rng.choice(TIME_ZONES), capacity=rng.choice((None, 20, 50, 100, 500)),
                    online=format_ == "webinar" or rng.random() < 0.4,
                )
                for n in range(rng.randint(1, 3))
            )
        partner_odds = 0.4 if is_event else 0.1
        plans.append(
            OfferingPlan(
                format=format_,
                title=title,
                slug=f"{'-'.join(title.lower().split())}-{number}",
                summary=writer.sentence(12, 24),
                paragraphs=tuple(writer.sentence(20, 45) for _ in range(rng.randint(2, 4))),
                language=_weighted(rng, LANGUAGE_WEIGHTS),
                level=_weighted(rng, LEVEL_WEIGHTS),
                access_level=_weighted(rng, ACCESS_WEIGHTS),
                programme_year=_weighted(rng, YEAR_WEIGHTS),
                cpd_hours=Decimal(rng.choice(CPD_HOURS)),
                career_stages=tuple(sorted(rng.sample(CAREER_STAGES, rng.randint(0, 3)))),
                topics=tuple(dict.fromkeys(rng.choices(topic_slugs, weights=range(TOPIC_COUNT, 0, -1),
                                                       k=rng.randint(1, 3)))),
                partners=tuple(rng.sample(partner_slugs, rng.randint(1, 2))) if rng.random() < partner_odds else (),
                published_days_ago=rng.randint(1, 3 * 365),
                sessions=sessions,
            )
        )
    return plans


# --------------------------------------------------------------------------------------------------- seeding


def seed(offerings: int) -> dict:
    """Build the catalog through Wagtail's `add_child`, then Wagtail's own search index; returns what it did.

    Wagtail's search index and reference index would otherwise be written once per page as it is saved; both are
    built once at the end instead (`update_index`), which is the same index, made in bulk.
    """
    from django.conf import settings
    from django.core.management import call_command
    from django.db import transaction
    from django.test import override_settings
    from django.utils import timezone
    from wagtail.models import Locale, Page
    from wagtail.signal_handlers import disable_reference_index_auto_update

    from cms.models import Partner, Topic
    from courses.catalog.listing import FORMATS
    from courses.models import CatalogIndexPage, Offering, Session

    started = time.perf_counter()
    plans = plan_offerings(offerings)
    topics, partners = catalog_labels()
    locale = Locale.get_default()  # bulk_create skips the save that gives a translatable snippet its locale
    Topic.objects.bulk_create([Topic(slug=slug, name=name, locale=locale) for slug, name in topics.items()])
    Partner.objects.bulk_create([Partner(slug=slug, name=name, locale=locale) for slug, name in partners.items()])
    topic_ids = dict(Topic.objects.filter(slug__in=topics).values_list("slug", "pk"))
    partner_ids = dict(Partner.objects.filter(slug__in=partners).values_list("slug", "pk"))

    catalog = CatalogIndexPage.objects.get()
    now = timezone.now()
    today = timezone.localdate()
    topic_rows, partner_rows, sessions = [], [], []
    quiet_search = {name: {**params, "AUTO_UPDATE": False} for name, params in settings.WAGTAILSEARCH_BACKENDS.items()}
    with override_settings(WAGTAILSEARCH_BACKENDS=quiet_search), disable_reference_index_auto_update():
        for start in range(0, len(plans), 250):
            with transaction.atomic():
                for plan in plans[start:start + 250]:
                    page = catalog.add_child(instance=_page_for(plan, FORMATS[plan.format], now, today))
                    topic_rows += [Offering.topics.through(offering_id=page.pk, topic_id=topic_ids[slug])
                                   for slug in plan.topics]
                    partner_rows += [Offering.co_hosts.through(offering_id=page.pk, partner_id=partner_ids[slug])
                                     for slug in plan.partners]
                    sessions += [_session_for(page.pk, order, spec, today) for order, spec in enumerate(plan.sessions)]
            done = min(start + 250, len(plans))
            if done % 1000 == 0 or done == len(plans):
                print(f"    {done:,} offerings ({time.perf_counter() - started:.0f}s)", flush=True)
    Offering.topics.through.objects.bulk_create(topic_rows, batch_size=2000)
    Offering.co_hosts.through.objects.bulk_create(partner_rows, batch_size=2000)
    Session.objects.bulk_create(sessions, batch_size=2000)
    pages_seconds = time.perf_counter() - started

    problems = [name for name, found in zip(("evil characters", "bad step length", "orphans", "wrong depth",
                                             "wrong child counts"), Page.find_problems(), strict=True) if found]
    if problems:
        raise RuntimeError(f"the page tree is not valid after seeding: {', '.join(problems)}")

    print("    Wagtail's search index (update_index)", flush=True)
    index_started = time.perf_counter()
    call_command("update_index", verbosity=0)
    return {
        "offerings": len(plans),
        "sessions": len(sessions),
        "pages_seconds": round(pages_seconds, 1),
        "wagtail_index_seconds": round(time.perf_counter() - index_started, 1),
        "seconds": round(time.perf_counter() - started, 1),
    }


def _page_for(plan: OfferingPlan, page_class, now: datetime, today: date):
    published = now - timedelta(days=plan.published_days_ago)
    opens = {}
    if plan.access_level == "member_first":
        opens = {"members_open_on": today - timedelta(days=30), "public_open_on": today + timedelta(days=30)}
    return page_class(
        title=plan.title,
        slug=plan.slug,
        summary=plan.summary,
        overview=[{"type": "rich_text", "value": "".join(f"<p>{text}</p>" for text in plan.paragraphs)}],
        language=plan.language,
        level=plan.level,
        access_level=plan.access_level,
        programme_year=plan.programme_year,
        cpd_hours=plan.cpd_hours,
        career_stages=list(plan.career_stages),
        first_published_at=published,
        last_published_at=published,
        **opens,
    )


def _session_for(event_id: int, order: int, spec: SessionPlan, today: date):
    from courses.models import Session

    session = Session(
        event_id=event_id,
        sort_order=order,
        date=today + timedelta(days=spec.days_ahead),
        start_time=clock(spec.start_hour),
        end_time=clock(spec.start_hour + spec.hours),
        time_zone=spec.time_zone,
        capacity=spec.capacity,
        joining_url="https://meet.example.org/j/bench" if spec.online else "",
        venue="" if spec.online else "Congress Centre, Room 4",
    )
    session.derive_instants()  # bulk_create skips save(), which derives starts_at / ends_at
    return session


# --------------------------------------------------------------------------------------------------- queries


@dataclass(frozen=True)
class BenchQuery:
    number: int
    viewer: str  # "member" or "non-member"
    query: object  # search.catalog.CatalogQuery

    def describe(self) -> str:
        filters = ", ".join(f"{facet}={'|'.join(values)}" for facet, values in self.query.filters.items())
        return f"#{self.number} {self.query.text!r} ({filters}; {self.viewer})"


def benchmark_queries(count: int) -> list[BenchQuery]:
    """`count` searches, each with text, three filters and every facet counted; the same every run.

    Half filter by format, language and programme year (the issue's example); the rest by three facets drawn from
    all of them. Viewers alternate between a member (sees every level) and a non-member (never member-only).
    """
    from django.contrib.auth.models import AnonymousUser

    from lms.access import visible_access_levels
    from lms.models import Member, MembershipTier
    from search.catalog import CatalogQuery

    rng = random.Random(SEED)
    topics, partners = catalog_labels()
    member = Member(membership_tier=MembershipTier.PROFESSIONAL, membership_expires_on=None)
    viewers = {"member": visible_access_levels(member), "non-member": visible_access_levels(AnonymousUser())}
    values = {
        "format": list(FORMAT_WEIGHTS), "topic": list(topics), "level": list(LEVEL_WEIGHTS),
        "language": list(LANGUAGE_WEIGHTS), "partner": list(partners),
        "programme_year": [str(year) for year in YEAR_WEIGHTS], "career_stage": list(CAREER_STAGES),
        "when": list(WHEN_CHOICES),
    }
    queries = []
    for number in range(1, count + 1):
        viewer = "member" if number % 2 else "non-member"
        levels = viewers[viewer]
        facets = ISSUE_EXAMPLE_FILTERS if number % 4 in (1, 2) else tuple(rng.sample(FILTERABLE, 3))
        filters = {}
        for facet in facets:
            choices = list(levels) if facet == "access_level" else values[facet]
            filters[facet] = (rng.choice(choices),)
        text = " ".join(rng.sample(VOCABULARY, 1 if rng.random() < 0.7 else 2))
        queries.append(BenchQuery(number, viewer, CatalogQuery(
            text=text, filters=filters, page_size=PAGE_SIZE, visible_access_levels=tuple(levels),
        )))
    return queries


# ------------------------------------------------------------------------------------ counting with the ORM


@dataclass
class Counted:
    """What a catalog page needs from a search, in a form every engine's answer can be compared in."""

    total: int
    hit_ids: list[int]
    facets: dict[str, dict[str, int]]  # non-zero counts only

    @classmethod
    def from_answer(cls, answer) -> Counted:
        facets = {facet: {c.value: c.count for c in counts if c.count} for facet, counts in answer.facets.items()}
        return cls(answer.total, [hit.page_id for hit in answer.hits], facets)


class OrmCatalog:
    """Filters and facet counts over `courses.Offering` pages with plain ORM queries: one GROUP BY per facet, each
    with every selection but that facet's own (the honest counting a faceted page needs).

    The Wagtail baseline counts with it after Wagtail's search has found the text; the check counts with it after
    matching the text by regex, to compare with the project's engine.
    """

    def __init__(self, now: datetime):
        from django.contrib.contenttypes.models import ContentType

        from courses.catalog.listing import FORMATS

        self.now = now
        content_types = ContentType.objects.get_for_models(*FORMATS.values(), for_concrete_models=False)
        self.format_of = {content_types[cls].pk: key for key, cls in FORMATS.items()}
        self.content_type_of = {key: pk for pk, key in self.format_of.items()}

    # -- when: by each event's next session that has not ended, and its last session's end (search.catalog)

    def _with_session_times(self, rows):
        from django.db.models import OuterRef, Subquery

        from courses.models import Session

        upcoming = Session.objects.filter(event_id=OuterRef("pk"), ends_at__gt=self.now).order_by("starts_at", "pk")
        latest = Session.objects.filter(event_id=OuterRef("pk")).order_by("-ends_at")
        return rows.annotate(next_start=Subquery(upcoming.values("starts_at")[:1]),
                             last_end=Subquery(latest.values("ends_at")[:1]))

    def _when_buckets(self) -> dict:
        from django.db.models import Q

        from search.engines import upcoming_windows

        buckets = {}
        for name, (start, before) in upcoming_windows(self.now).items():
            bucket = Q(next_start__isnull=False)
            if start is not None:
                bucket &= Q(next_start__gte=start)
            if before is not None:
                bucket &= Q(next_start__lt=before)
            buckets[name] = bucket
        buckets["past"] = Q(last_end__lt=self.now)
        return buckets

    # -- selections

    def selection(self, facet: str, values: Sequence[str]):
        from django.db.models import Q

        from courses.models import Offering

        if facet == "format":
            return Q(content_type_id__in=[self.content_type_of[v] for v in values])
        if facet == "topic":
            return Q(pk__in=Offering.topics.through.objects.filter(topic__slug__in=values).values("offering_id"))
        if facet == "partner":
            return Q(pk__in=Offering.co_hosts.through.objects.filter(partner__slug__in=values).values("offering_id"))
        if facet == "career_stage":
            return reduce(operator.or_, (Q(career_stages__contains=[v]) for v in values))
        if facet == "when":
            buckets = self._when_buckets()
            chosen = reduce(operator.or_, (buckets[v] for v in values))
            return Q(pk__in=self._with_session_times(Offering.objects.all()).filter(chosen).values("pk"))
        if facet == "programme_year":
            return Q(programme_year__in=[int(v) for v in values])
        return Q(**{f"{facet}__in": list(values)})

    def selections(self, filters: dict, leave_out: str | None = None):
        from django.db.models import Q

        return reduce(operator.and_, (self.selection(f, v) for f, v in filters.items() if f != leave_out), Q())

    # -- counting

    def counts(self, facet: str, rows) -> dict[str, int]:
        from django.db.models import Count, Q

        from courses.models import Offering

        rows = rows.order_by()
        if facet == "format":
            grouped = rows.values_list("content_type_id").annotate(n=Count("pk"))
            found = {self.format_of[ct]: n for ct, n in grouped}
        elif facet in ("topic", "partner"):
            through, label = ((Offering.topics.through, "topic") if facet == "topic"
                              else (Offering.co_hosts.through, "partner"))
            grouped = (through.objects.filter(offering_id__in=rows.values("pk")).order_by()
                       .values_list(f"{label}__slug").annotate(n=Count("offering_id")))
            found = dict(grouped)
        elif facet == "career_stage":
            found = rows.aggregate(**{stage: Count("pk", filter=Q(career_stages__contains=[stage]))
                                      for stage in CAREER_STAGES})
        elif facet == "when":
            buckets = self._when_buckets()
            found = self._with_session_times(rows).aggregate(**{name: Count("pk", filter=bucket)
                                                                 for name, bucket in buckets.items()})
        else:
            found = dict(rows.values_list(facet).annotate(n=Count("pk")))
        return {str(value): n for value, n in found.items() if n}

    def answer(self, matching, query, ranked_ids: Sequence[int] | None = None) -> Counted:
        """Total, first page (in `ranked_ids` order when given) and every facet's counts over `matching`."""
        from search.facets import FACET_NAMES

        filtered = set(matching.filter(self.selections(query.filters)).values_list("pk", flat=True))
        hits = [pk for pk in ranked_ids if pk in filtered][:query.page_size] if ranked_ids is not None else []
        facets = {facet: self.counts(facet, matching.filter(self.selections(query.filters, leave_out=facet)))
                  for facet in FACET_NAMES}
        return Counted(len(filtered), hits, facets)


def wagtail_baseline(orm: OrmCatalog) -> Callable[[object], Counted]:
    """Wagtail's configured search backend finds the text among the live offerings the viewer may see (filtering
    before `.search()`, as Wagtail requires, on the fields it indexes for filtering); the three filters and the
    per-facet counts then run on the pages it found."""
    from courses.models import Offering

    def search(query) -> Counted:
        visible = Offering.objects.live().filter(access_level__in=query.visible_access_levels)
        ranked_ids = [page.pk for page in visible.only("pk").search(query.text)]  # ids are all it needs
        return orm.answer(Offering.objects.filter(pk__in=ranked_ids), query, ranked_ids)

    return search


def text_matches(text: str):
    """Offerings whose title, summary, overview, topic names or partner names contain every word of `text` as a
    whole word (case aside): what a full-text match means on this vocabulary (see VOCABULARY)."""
    from django.db.models import Q, TextField
    from django.db.models.functions import Cast

    from courses.models import Offering

    condition = Q()
    for word in re.findall(r"\w+", text.lower()):
        pattern = rf"\m{re.escape(word)}\M"
        overview = Offering.objects.annotate(overview_text=Cast("overview", TextField()))
        condition &= (
            Q(title__iregex=pattern) | Q(summary__iregex=pattern)
            | Q(pk__in=overview.filter(overview_text__iregex=pattern).values("pk"))
            | Q(pk__in=Offering.topics.through.objects.filter(topic__name__iregex=pattern).values("offering_id"))
            | Q(pk__in=Offering.co_hosts.through.objects.filter(partner__name__iregex=pattern).values("offering_id"))
        )
    return condition


# ---------------------------------------------------------------------------------------------------- checking


def check(engine_searches: dict[str, Callable], orm: OrmCatalog, queries: Sequence[BenchQuery], offerings: int
          ) -> list[tuple[str, bool, str]]:
    """Every engine's answers against the ORM's: totals, every facet's counts, and hits the viewer may see.

    `engine_searches` maps an engine's label to its `search(query) -> SearchAnswer`; the ORM's answer to each query
    is computed once and every engine is held to it, so no engine is checked more leniently than another.
    """
    from django.contrib.contenttypes.models import ContentType
    from wagtail.search.models import IndexEntry

    from courses.catalog.listing import FORMATS
    from courses.models import Offering

    results: list[tuple[str, bool, str]] = []
    live = Offering.objects.live().count()
    results.append((f"the catalog holds {offerings:,} live offerings", live == offerings, f"{live:,}"))
    content_types = ContentType.objects.get_for_models(*FORMATS.values(), for_concrete_models=False).values()
    wagtail_indexed = IndexEntry.objects.filter(content_type__in=list(content_types)).count()
    results.append(("Wagtail's search index holds every live offering (the baseline searches it)",
                    wagtail_indexed == live, f"{wagtail_indexed:,}"))

    problems: dict[str, dict[str, list[str]]] = {
        label: {"totals": [], "counts": [], "hits": [], "member_only": []} for label in engine_searches
    }
    for bench_query in queries:
        query = bench_query.query
        visible = Offering.objects.live().filter(access_level__in=query.visible_access_levels)
        truth = orm.answer(visible.filter(text_matches(query.text)), query)
        allowed = set(visible.filter(text_matches(query.text)).filter(orm.selections(query.filters))
                      .values_list("pk", flat=True))
        for label, engine_search in engine_searches.items():
            found = problems[label]
            engine = Counted.from_answer(engine_search(query))
            if engine.total != truth.total:
                found["totals"].append(f"{bench_query.describe()}: {engine.total} vs {truth.total}")
            for facet in sorted(truth.facets.keys() | engine.facets.keys()):
                if engine.facets.get(facet, {}) != truth.facets.get(facet, {}):
                    found["counts"].append(f"{bench_query.describe()} {facet}: engine {engine.facets.get(facet, {})}"
                                           f" vs ORM {truth.facets.get(facet, {})}")
            strays = [pk for pk in engine.hit_ids if pk not in allowed]
            if strays or len(engine.hit_ids) != min(truth.total, query.page_size):
                found["hits"].append(f"{bench_query.describe()}: {len(engine.hit_ids)} hits, {len(strays)} not "
                                     f"allowed")
            if bench_query.viewer == "non-member" and "member_only" in engine.facets.get("access_level", {}):
                found["member_only"].append(bench_query.describe())

    def first(wrong: list[str], fine: str) -> str:
        return f"{len(wrong)} wrong, e.g. {wrong[0]}" if wrong else fine

    n = len(queries)
    for label, found in problems.items():
        results += [
            (f"{label}: totals equal the ORM's ({n} queries)", not found["totals"],
             first(found["totals"], f"{n}/{n} equal")),
            (f"{label}: every facet's counts equal the ORM's ({n} queries x 9 facets)", not found["counts"],
             first(found["counts"], f"{n * 9}/{n * 9} equal")),
            (f"{label}: hits are live, visible to the viewer, match the text and the three filters; a full first "
             f"page", not found["hits"], first(found["hits"], "all")),
            (f"{label}: member-only offerings never counted for non-members", not found["member_only"],
             first(found["member_only"], "none counted")),
        ]
    return results


# The issue's targets: Wagtail's p95 divided by the engine's, per engine (reported, never asserted).
TARGET_RATIOS = {"database": 3.0, "elasticsearch": 5.0}
ENGINE_LABELS = {"database": "database engine", "elasticsearch": "Elasticsearch",
                 "wagtail": "Wagtail database backend + per-facet counts"}


def target_verdicts(figures: dict[str, dict]) -> list[tuple[str, float, float, bool]]:
    """Per engine with a target: (label, Wagtail p95 / engine p95, the target, whether it is met)."""
    wagtail_p95 = figures["wagtail"]["p95_ms"]
    verdicts = []
    for name, target in TARGET_RATIOS.items():
        if name not in figures:
            raise ValueError(f"the {name} engine was not measured: every catalog run measures it")
        ratio = wagtail_p95 / figures[name]["p95_ms"]
        verdicts.append((ENGINE_LABELS[name], ratio, target, ratio >= target))
    return verdicts


class ElasticsearchMissing(RuntimeError):
    """The catalog benchmark measures Elasticsearch too; it never leaves it out silently."""


def require_elasticsearch(url: str | None) -> str:
    """The Elasticsearch URL the catalog benchmark measures, or a clear refusal when there is none."""
    if not url:
        raise ElasticsearchMissing(
            "The catalog benchmark measures Elasticsearch beside the database engine and Wagtail, but "
            "ELASTICSEARCH_URL is not set. Run `make services` and export the ELASTICSEARCH_URL line it prints "
            "(`make bench` starts the services itself), or run the other targets with --only."
        )
    return url


# --------------------------------------------------------------------------------------------------- timing


def time_engines(engines: dict[str, Callable], queries: Sequence[BenchQuery], rounds: int) -> dict[str, dict]:
    """Every query on every engine, `rounds` times after one unmeasured round; the engines' order rotates per query
    so none always runs first (or last) against a warm cache."""
    from load import Result

    latencies: dict[str, list[float]] = {name: [] for name in engines}
    totals: dict[str, list[int]] = {name: [] for name in engines}
    names = list(engines)
    started = time.perf_counter()
    for round_number in range(rounds + 1):
        for position, bench_query in enumerate(queries):
            shift = (position + round_number) % len(names)
            for name in names[shift:] + names[:shift]:
                begun = time.perf_counter()
                answer = engines[name](bench_query.query)
                elapsed = (time.perf_counter() - begun) * 1000
                if round_number:
                    latencies[name].append(elapsed)
                    totals[name].append(answer.total)
        label = "warm-up round" if round_number == 0 else f"round {round_number}/{rounds}"
        print(f"    {label} done ({time.perf_counter() - started:.0f}s)", flush=True)
    figures = {}
    for name in names:
        result = Result(name, len(latencies[name]), sum(latencies[name]) / 1000, latencies[name])
        figures[name] = {
            "searches": result.requests,
            "p50_ms": round(result.p50, 2),
            "p95_ms": round(result.p95, 2),
            "mean_total": round(sum(totals[name]) / len(totals[name]), 1),
        }
    return figures


def measure(offerings: int, query_count: int, rounds: int, check_count: int) -> dict:
    from django.conf import settings
    from django.db import connection
    from django.utils import timezone

    from search.documents import documents_for, live_offerings
    from search.engines.database import DatabaseCatalogEngine

    seconds: dict[str, float] = {}

    def lap(name: str, since: float) -> None:
        seconds[name] = round(time.perf_counter() - since, 1)

    began = time.perf_counter()
    print("    documents from the pages (search.documents)", flush=True)
    documents = documents_for(live_offerings())
    lap("documents", began)
    project = DatabaseCatalogEngine()
    begun = time.perf_counter()
    project.rebuild(documents)
    lap("index_database", begun)
    print(f"    database engine index rebuilt ({seconds['index_database']}s)", flush=True)

    # Fresh planner statistics for every table just written (as autovacuum keeps them in production): without them
    # PostgreSQL plans the ORM's counts, and the engine's, for the empty tables it last saw.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")

    from search.engines.elasticsearch import ElasticsearchCatalogEngine

    # The longest request timeout the engine accepts: a slow answer is a figure to report, not a reason to stop.
    elasticsearch = ElasticsearchCatalogEngine(require_elasticsearch(settings.ELASTICSEARCH_URL),
                                               index_alias=ELASTICSEARCH_ALIAS, request_timeout=60)
    begun = time.perf_counter()
    elasticsearch.rebuild(documents)
    lap("index_elasticsearch", begun)
    print(f"    Elasticsearch index rebuilt on alias {ELASTICSEARCH_ALIAS} ({seconds['index_elasticsearch']}s)",
          flush=True)

    orm = OrmCatalog(timezone.now())
    engines: dict[str, Callable] = {
        "database": lambda query: Counted.from_answer(project.search(query)),
        "elasticsearch": lambda query: Counted.from_answer(elasticsearch.search(query)),
        "wagtail": wagtail_baseline(orm),
    }
    queries = benchmark_queries(query_count)

    begun = time.perf_counter()
    verdicts = check({ENGINE_LABELS["database"]: project.search, ENGINE_LABELS["elasticsearch"]: elasticsearch.search},
                     OrmCatalog(timezone.now()), queries[:check_count], offerings)
    lap("check", begun)
    print(f"    checked {min(check_count, len(queries))} queries on both engines against the ORM "
          f"({seconds['check']}s)", flush=True)

    begun = time.perf_counter()
    figures = time_engines(engines, queries, rounds)
    lap("timing", begun)
    return {
        "offerings": offerings,
        "documents": len(documents),
        "queries": len(queries),
        "rounds": rounds,
        "checked_queries": min(check_count, len(queries)),
        "example_query": queries[0].describe(),
        "engines": figures,
        "verdicts": verdicts,
        "seconds": seconds,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    seeding = commands.add_parser("seed")
    seeding.add_argument("--offerings", type=int, default=DEFAULT_OFFERINGS)
    seeding.add_argument("--output", type=Path, help="write what was built here as JSON")
    measuring = commands.add_parser("measure")
    measuring.add_argument("output", type=Path)
    measuring.add_argument("--offerings", type=int, default=DEFAULT_OFFERINGS)
    measuring.add_argument("--queries", type=int, default=50)
    measuring.add_argument("--rounds", type=int, default=5)
    measuring.add_argument("--check-queries", type=int, default=20)
    options = parser.parse_args()

    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    if options.command == "measure":
        from django.conf import settings

        try:
            require_elasticsearch(settings.ELASTICSEARCH_URL)
        except ElasticsearchMissing as missing:
            print(missing, file=sys.stderr)
            return 2
    if options.command == "seed":
        facts = seed(options.offerings)
        if options.output:
            options.output.write_text(json.dumps(facts))
        return 0
    report = measure(options.offerings, options.queries, options.rounds, options.check_queries)
    options.output.write_text(json.dumps(report))
    return 0 if all(passed for _, passed, _ in report["verdicts"]) else 1


if __name__ == "__main__":
    sys.exit(main())
