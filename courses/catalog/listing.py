"""What the catalog index lists: the offerings a viewer may see, filtered and paginated, each event card with its
next session (from `events.session_times`)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import OuterRef, Prefetch, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from cms.models import Partner, Topic
from cms.translated_snippets import originals, reader_language, with_reader_words
from lms.access import visible_access_levels
from lms.models import LANGUAGE_CHOICES
from lms.pager import Pager

from ..events.session_times import attach_next_sessions, viewer_zone, with_next_session
from ..models import CoursePage, EthicsModulePage, Level, Offering, WebinarPage, WorkshopPage

FORMATS = {cls.FORMAT: cls for cls in (CoursePage, EthicsModulePage, WorkshopPage, WebinarPage)}
PAGE_SIZE = 24


def card_prefetches() -> list[Prefetch]:
    """What an offering card lists beside the page, with the names in the reader's language
    (`shown_name`) read inside the prefetches' own queries."""
    return [
        Prefetch("topics", queryset=with_reader_words(Topic.objects.all(), "name")),
        Prefetch("co_hosts", queryset=with_reader_words(Partner.objects.all(), "name")),
    ]


def filter_choices(visible) -> dict[str, list[tuple[str, str]]]:
    """Every topic, and the languages and co-hosting partners of what the viewer may see, as (value, label)
    sorted by label: one UNION query, so the catalog's query count stays fixed as filters are added. Values are
    the original topics' and partners' slugs (what offerings point at), labels their names in the reader's
    language."""
    topics = with_reader_words(originals(Topic.objects.all()), "name").annotate(kind=Value("topic"))
    topic_choices = topics.values_list("kind", "slug", "shown_name")
    languages = visible.annotate(kind=Value("language"), label=Value("")).values_list("kind", "language", "label")
    partner_name = Partner.objects.filter(
        translation_key=OuterRef("co_hosts__translation_key"), locale__language_code=reader_language()
    ).order_by("pk").values("name")[:1]
    partners = visible.filter(co_hosts__isnull=False).annotate(
        kind=Value("partner"), label=Coalesce(Subquery(partner_name), "co_hosts__name")
    )
    partners = partners.values_list("kind", "co_hosts__slug", "label")
    choices: dict[str, list[tuple[str, str]]] = {"topic": [], "language": [], "partner": []}
    for kind, value, label in topic_choices.order_by().union(languages.order_by(), partners.order_by()):
        choices[kind].append((value, label))
    return {kind: sorted(found, key=lambda choice: choice[1]) for kind, found in choices.items()}


def catalog_context(index_page, request) -> dict:
    params = request.GET
    visible = Offering.objects.child_of(index_page).live().filter(access_level__in=visible_access_levels(request.user))
    offerings = with_next_session(
        visible.select_related("image")
        .prefetch_related(*card_prefetches(), "image__renditions")
        .order_by("-programme_year", "title")
    )
    # PostgreSQL refuses NUL bytes in text parameters (a 500); no real filter value contains one.
    selected = {
        key: params.get(key, "").replace("\x00", "")
        for key in ("topic", "format", "language", "level", "partner")
    }
    if selected["topic"]:
        offerings = offerings.filter(topics__slug=selected["topic"])
    if selected["format"] in FORMATS:
        offerings = offerings.type(FORMATS[selected["format"]])
    if selected["language"]:
        offerings = offerings.filter(language=selected["language"])
    if selected["level"]:
        offerings = offerings.filter(level=selected["level"])
    if selected["partner"]:
        offerings = offerings.filter(co_hosts__slug=selected["partner"])
    choices = filter_choices(visible)
    paginator = Paginator(offerings, PAGE_SIZE)
    page = paginator.get_page(params.get("page"))
    zone_name = viewer_zone()
    page.object_list = attach_next_sessions(page.object_list, zone_name)
    query = params.copy()
    query.pop("page", None)
    options = {
        "topic": (_("Topic"), _("All topics"), choices["topic"]),
        "format": (_("Format"), _("All formats"), [(key, cls.FORMAT_LABEL) for key, cls in FORMATS.items()]),
        "language": (
            _("Language"),
            _("All languages"),
            [(code, label) for code, label in LANGUAGE_CHOICES if code in dict(choices["language"])],
        ),
        "level": (_("Level"), _("All levels"), list(Level.choices)),
        "partner": (
            _("Partner"),
            _("All partners"),
            choices["partner"],
        ),
    }
    return {
        "offerings": page,
        "filters": [
            {"name": name, "label": label, "all_label": all_label, "options": choices, "selected": selected[name]}
            for name, (label, all_label, choices) in options.items()
        ],
        "selected": selected,
        "pager": Pager.of(page, query.urlencode()),
        "result_label": _("%(count)s offerings") % {"count": paginator.count},
        "viewer_zone": zone_name,
        "shows_times": any(offering.next_session for offering in page.object_list),
    }
