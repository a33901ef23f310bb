"""One document shape for every offering: what both engines index, built from the live page and its sessions.

Engines never read pages; they index `CatalogDocument`s, so a course, a workshop, a webinar and an ethics
module are found the same way.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from decimal import Decimal
from html.parser import HTMLParser

from django.db.models import Count
from django.utils import timezone
from wagtail.models import Locale, Page

from courses.models import EventPage, LessonPage, ModulePage, Offering, Registration, Session

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
