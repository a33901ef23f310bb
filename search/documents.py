"""One document shape for every offering and learning path: what both engines index, built from the live page
(and an offering's sessions, or a path's steps).

Engines never read pages; they index `CatalogDocument`s, so a course, a workshop, a webinar, an ethics module and
a learning path are found the same way.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from decimal import Decimal
from html.parser import HTMLParser

from django.db.models import Count
from django.utils import timezone
from wagtail.models import Locale, Page, PageViewRestriction

from courses.models import EventPage, LearningPathPage, LessonPage, ModulePage, Offering, Registration, Session
from courses.paths.progress import steps_of
from lms.access import AccessLevel
from lms.original_rows import originals

# A path's `format`: not an offering's format (courses/catalog/listing.py FORMATS), so a path is told apart from
# courses and events, and can be chosen or left out by the format facet.
LEARNING_PATH = "learning_path"
BODY_MAX_CHARS = 20_000  # enough for ranking; a 100-lesson course's full text is not needed to find it


@dataclass(frozen=True)
class CatalogDocument:
    page_id: int
    url_path: str
    title: str
    summary: str
    body: str
    format: str
    level: str
    language: str
    access_level: str
    cpd_hours: Decimal
    programme_year: int
    topics: list[str] = field(default_factory=list)  # slugs
    topic_names: list[str] = field(default_factory=list)
    career_stages: list[str] = field(default_factory=list)
    instructors: list[str] = field(default_factory=list)
    partners: list[str] = field(default_factory=list)  # slugs
    partner_names: list[str] = field(default_factory=list)
    regions: list[str] = field(default_factory=list)  # continents of live sessions' zones: "America", "Europe"
    time_zones: list[str] = field(default_factory=list)
    members_open_on: date | None = None
    public_open_on: date | None = None
    next_session_starts_at: datetime | None = None
    last_session_ends_at: datetime | None = None
    seats_available: bool | None = None  # live events only: does the next session still have a seat
    published_at: datetime | None = None
    # The page's locale (Locale.language_code): a search from /es/ reads the Spanish tree's pages only, where each
    # offering is once (an alias showing the original's text, or its translation).
    locale: str = ""

    def as_dict(self) -> dict:
        return asdict(self)


# Elements that end a run of words: their text is a word apart from what precedes and follows it. Inline ones
# (<b>, <a>, <span>...) are not here, so "<b>Kan</b>ban" stays one word.
BLOCK_ELEMENTS = frozenset({
    "address", "article", "aside", "blockquote", "br", "caption", "dd", "details", "div", "dl", "dt", "figcaption",
    "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "img", "li", "main", "nav", "ol", "p",
    "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
})
UNREAD_ELEMENTS = frozenset({"script", "style", "template"})


class _PlainText(HTMLParser):
    """The words of an HTML fragment, a space wherever a block element opens or closes: joining paragraphs
    directly ("trial.</p><p>Capacity") would make one token of two words for Elasticsearch's tokenizer."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)  # entities decoded: engines escape for display
        self.pieces: list[str] = []
        self.unread_depth = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in UNREAD_ELEMENTS:
            self.unread_depth += 1
        elif tag in BLOCK_ELEMENTS:
            self.pieces.append(" ")

    def handle_startendtag(self, tag: str, attrs) -> None:
        if tag in BLOCK_ELEMENTS:
            self.pieces.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in UNREAD_ELEMENTS:
            self.unread_depth = max(0, self.unread_depth - 1)
        elif tag in BLOCK_ELEMENTS:
            self.pieces.append(" ")

    def handle_data(self, data: str) -> None:
        if not self.unread_depth:
            self.pieces.append(data)


def plain_text(markup: str) -> str:
    """Plain text of rendered HTML, words separated wherever blocks (paragraphs, items, headings, cells) meet."""
    parser = _PlainText()
    parser.feed(markup)
    parser.close()
    return " ".join("".join(parser.pieces).split())


def _text(value) -> str:
    """Plain text of a block or rich text, for the body field."""
    return plain_text(str(value.render_as_block() if hasattr(value, "render_as_block") else value or ""))


def _public_text(stream) -> str:
    """The overview's text without its members-only sections: the catalog is searched by everyone, so words
    only members may read must not make an offering match, nor show in an excerpt."""
    return " ".join(_text(block) for block in stream if block.block_type != "members_only")


def _region(zone_name: str) -> str:
    return zone_name.split("/", 1)[0] if "/" in zone_name else "UTC"


def _topic_names_by_language(offerings: list[Offering]) -> dict[tuple[object, str], str]:
    """(topic translation key, language) -> the topic's name in that language, for every topic of these offerings:
    one query."""
    topics = [topic for offering in offerings for topic in offering.topics.all()]
    if not topics:
        return {}
    model = type(topics[0])
    rows = model._default_manager.filter(translation_key__in={t.translation_key for t in topics})
    return {(key, language): name for key, language, name in rows.values_list(
        "translation_key", "locale__language_code", "name")}


def _topic_names(offering: Offering, language: str, names: dict[tuple[object, str], str]) -> list[str]:
    """The offering's topics as its locale's readers call them, and as the original names them: a Spanish reader
    finds an English course tagged "Ethics" by "Ética", and a reader typing the original's word still finds it."""
    shown = [names.get((topic.translation_key, language), topic.name) for topic in offering.topics.all()]
    return list(dict.fromkeys([*shown, *(topic.name for topic in offering.topics.all())]))


def documents_for(offerings: list[Offering], now: datetime | None = None) -> list[CatalogDocument]:
    """Documents for specific, live offerings, in a fixed number of queries whatever their count."""
    now = now or timezone.now()
    ids = [o.pk for o in offerings]
    sessions: dict[int, list[Session]] = {}
    for session in Session.objects.filter(event_id__in=ids).order_by("starts_at", "pk"):
        sessions.setdefault(session.event_id, []).append(session)
    seats_taken = {
        row["session_id"]: row["n"]
        for row in Registration.objects.filter(
            session__event_id__in=ids, status=Registration.Status.CONFIRMED
        ).values("session_id").annotate(n=Count("pk"))
    }
    lessons_text: dict[int, list[str]] = {}
    for offering in offerings:
        if isinstance(offering, EventPage):
            continue
        outline = Page.objects.live().descendant_of(offering).type(ModulePage, LessonPage).specific()
        lessons_text[offering.pk] = [
            f"{page.title} {getattr(page, 'summary', '')}" for page in outline
        ]
    locales = dict(Locale.objects.values_list("pk", "language_code"))
    topic_names = _topic_names_by_language(offerings)
    documents = []
    for offering in offerings:
        own = sessions.get(offering.pk, [])
        upcoming = [s for s in own if s.ends_at > now]
        next_session = upcoming[0] if upcoming else None
        seats = None
        if next_session is not None:
            seats = next_session.capacity is None or seats_taken.get(next_session.pk, 0) < next_session.capacity
        body_parts = [_public_text(offering.overview), *lessons_text.get(offering.pk, [])]
        if isinstance(offering, EventPage):
            body_parts += [f"{b.value['name']} {b.value['affiliation']}" for b in offering.speakers]
        documents.append(
            CatalogDocument(
                page_id=offering.pk,
                url_path=offering.url or "",
                title=offering.title,
                summary=offering.summary,
                body=" ".join(part for part in body_parts if part)[:BODY_MAX_CHARS],
                format=offering.format,
                level=offering.level,
                language=offering.language,
                access_level=offering.access_level,
                cpd_hours=offering.cpd_hours,
                programme_year=offering.programme_year,
                topics=[t.slug for t in offering.topics.all()],
                topic_names=_topic_names(offering, locales.get(offering.locale_id, ""), topic_names),
                career_stages=list(offering.career_stages or []),
                instructors=[i.get_full_name() or "" for i in offering.instructors.all() if i.get_full_name()],
                partners=[p.slug for p in offering.co_hosts.all()],
                partner_names=[p.name for p in offering.co_hosts.all()],
                regions=sorted({_region(s.time_zone) for s in own}),
                time_zones=sorted({s.time_zone for s in own}),
                members_open_on=offering.members_open_on,
                public_open_on=offering.public_open_on,
                next_session_starts_at=next_session.starts_at if next_session else None,
                last_session_ends_at=own[-1].ends_at if own else None,
                seats_available=seats,
                published_at=offering.first_published_at,
                locale=locales.get(offering.locale_id, ""),
            )
        )
    return documents


def live_offerings(ids: list[int] | None = None):
    """The specific live offerings to index (all, or these ids), with what documents read prefetched."""
    queryset = Offering.objects.live()
    if ids is not None:
        queryset = queryset.filter(pk__in=ids)
    return list(
        queryset.specific().prefetch_related("topics", "co_hosts", "instructors")
    )


def live_paths(ids: list[int] | None = None, with_images: bool = False) -> list[LearningPathPage]:
    """The live learning paths to index or show (all, or these ids). A path page has no access level: it is served
    to whoever may see the page, which is everyone unless a Wagtail privacy setting (a password, groups, sign-in)
    covers it; such a path is not catalogued, as the catalog cannot tell who would pass it. At most two queries
    (three `with_images`, for cards)."""
    if ids is not None and not ids:
        return []
    queryset = LearningPathPage.objects.live().order_by("pk")
    if ids is not None:
        queryset = queryset.filter(pk__in=ids)
    if with_images:
        queryset = queryset.select_related("image", "locale").prefetch_related("image__renditions")
    paths = list(queryset)
    private = list(PageViewRestriction.objects.values_list("page__path", flat=True)) if paths else []
    return [path for path in paths if not any(path.path.startswith(above) for above in private)]


def path_documents(paths: list[LearningPathPage]) -> list[CatalogDocument]:
    """Documents for live learning paths, in a fixed number of queries whatever their count.

    As with offerings, a path is found in its locale only, by its own words, by its steps' titles as its locale
    reads them, and by its steps' topics in its readers' words and the original's. The steps are the original
    path's (a translation carries words only, docs/architecture.md "Learning paths"); the CPD hours are theirs.
    """
    if not paths:
        return []
    found = {path.translation_key: path for path in originals(
        LearningPathPage.objects.filter(translation_key__in={path.translation_key for path in paths}))}
    steps = {key: steps_of(original) for key, original in found.items()}
    offerings = {offering.pk: offering for offering in Offering.objects.filter(
        pk__in={step.offering_id for path_steps in steps.values() for step in path_steps}
    ).prefetch_related("topics")}
    titles = dict(
        ((key, locale_id), title) for key, locale_id, title in Page.objects.live().filter(
            translation_key__in={offering.translation_key for offering in offerings.values()},
            locale_id__in={path.locale_id for path in paths},
        ).values_list("translation_key", "locale_id", "title")
    )
    locales = dict(Locale.objects.values_list("pk", "language_code"))
    topic_names = _topic_names_by_language(list(offerings.values()))
    documents = []
    for path in paths:
        taken = [offerings[step.offering_id] for step in steps.get(path.translation_key, [])
                 if step.offering_id in offerings]  # a deleted offering drops out, as on the page
        locale = locales.get(path.locale_id, "")
        # Its words' language: an alias shows the original's words, so it is read in the original's language.
        written = found.get(path.translation_key, path) if path.alias_of_id else path
        documents.append(CatalogDocument(
            page_id=path.pk,
            url_path=path.url or "",
            title=path.title,
            summary=path.summary,
            body=" ".join(titles.get((o.translation_key, path.locale_id), o.title) for o in taken)[:BODY_MAX_CHARS],
            format=LEARNING_PATH,
            level="",  # a path has no level of its own: choosing a level leaves paths out
            language=locales.get(written.locale_id, ""),
            access_level=AccessLevel.PUBLIC,
            cpd_hours=sum((o.cpd_hours for o in taken), Decimal(0)),
            programme_year=max((o.programme_year for o in taken), default=0),
            topics=list(dict.fromkeys(t.slug for o in taken for t in o.topics.all())),
            topic_names=list(dict.fromkeys(name for o in taken for name in _topic_names(o, locale, topic_names))),
            published_at=path.first_published_at,
            locale=locale,
        ))
    return documents


def catalog_documents(ids: list[int]) -> list[CatalogDocument]:
    """The documents of the live offerings and paths among these page ids (the rest are not catalogued)."""
    return documents_for(live_offerings(ids)) + path_documents(live_paths(ids))
