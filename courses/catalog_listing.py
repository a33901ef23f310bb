"""The catalog index listing: the offerings a viewer may see, filtered and paginated."""

from django.core.paginator import Paginator
from django.utils.translation import gettext_lazy as _

from cms.models import Topic
from lms.access import visible_access_levels
from lms.models import LANGUAGE_CHOICES

from .models import CoursePage, EthicsModulePage, Level, Offering

FORMATS = {cls.FORMAT: cls for cls in (CoursePage, EthicsModulePage)}
PAGE_SIZE = 24


def catalog_context(index_page, request) -> dict:
    params = request.GET
    visible = Offering.objects.child_of(index_page).live().filter(access_level__in=visible_access_levels(request.user))
    offerings = (
        visible.prefetch_related("topics", "co_hosts")
        .order_by("-programme_year", "title")
    )
    # PostgreSQL refuses NUL bytes in text parameters (a 500); no real filter value contains one.
    selected = {
        key: params.get(key, "").replace("\x00", "") for key in ("topic", "format", "language", "level")
    }
    if selected["topic"]:
        offerings = offerings.filter(topics__slug=selected["topic"])
    if selected["format"] in FORMATS:
        offerings = offerings.type(FORMATS[selected["format"]])
    if selected["language"]:
        offerings = offerings.filter(language=selected["language"])
    if selected["level"]:
        offerings = offerings.filter(level=selected["level"])
    languages_offered = set(visible.values_list("language", flat=True))
    paginator = Paginator(offerings, PAGE_SIZE)
    page = paginator.get_page(params.get("page"))
    query = params.copy()
    query.pop("page", None)
    options = {
        "topic": (_("Topic"), _("All topics"), list(Topic.objects.values_list("slug", "name"))),
        "format": (_("Format"), _("All formats"), [(key, cls.FORMAT_LABEL) for key, cls in FORMATS.items()]),
        "language": (
            _("Language"),
            _("All languages"),
            [(code, label) for code, label in LANGUAGE_CHOICES if code in languages_offered],
        ),
        "level": (_("Level"), _("All levels"), list(Level.choices)),
    }
    return {
        "offerings": page,
        "filters": [
            {"name": name, "label": label, "all_label": all_label, "options": choices, "selected": selected[name]}
            for name, (label, all_label, choices) in options.items()
        ],
        "selected": selected,
        "filter_query": query.urlencode(),
        "result_label": _("%(count)s offerings") % {"count": paginator.count},
    }
