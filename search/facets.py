"""The values each facet can take, with the labels people read: what a query may ask for, and how to show it."""

from __future__ import annotations

from django.utils.translation import gettext as _

from cms.models import Partner, Topic
from courses.catalog.listing import FORMATS
from courses.models import Level, Offering
from lms.access import AccessLevel
from lms.models import LANGUAGE_CHOICES, CareerStage

from .catalog import FACETS

FACET_LABELS = {
    "format": _("Format"),
    "topic": _("Topic"),
    "level": _("Level"),
    "career_stage": _("Career stage"),
    "language": _("Language"),
    "access_level": _("Access"),
    "partner": _("Partner"),
    "programme_year": _("Programme year"),
    "when": _("When"),
}

WHEN_LABELS = {
    "this_week": _("Upcoming this week"),
    "this_month": _("Upcoming this month"),
    "later": _("Upcoming later"),
    "past": _("Past events"),
}


def facet_vocabulary() -> dict[str, dict[str, str]]:
    """Per facet, every value that exists, mapped to its label (three small queries)."""
    vocabulary = {
        "format": {key: str(cls.FORMAT_LABEL) for key, cls in FORMATS.items()},
        "topic": dict(Topic.objects.values_list("slug", "name")),
        "level": {value: str(label) for value, label in Level.choices},
        "career_stage": {value: str(label) for value, label in CareerStage.choices},
        "language": dict(LANGUAGE_CHOICES),
        "access_level": {value: str(label).split(":")[0] for value, label in AccessLevel.choices},
        "partner": dict(Partner.objects.values_list("slug", "name")),
        "programme_year": {
            str(year): str(year)
            for year in Offering.objects.live().order_by().values_list("programme_year", flat=True).distinct()
        },
        "when": {key: str(label) for key, label in WHEN_LABELS.items()},
    }
    assert set(vocabulary) == set(FACETS)  # noqa: S101 - a facet added to the contract needs its labels here
    return vocabulary
