"""Every facet the catalog can be narrowed by, each defined once: what the query reader, both engines, the search
page, the API description and the Elasticsearch mapping read.

Adding a facet means adding one `Facet` to `FACETS` (and its value to `CatalogDocument`, filled in
`search/documents.py`); the engines filter and count it by looping over the definitions. A facet without a
document field is the schedule (`when`): engines read it from the sessions' dates at query time, in the windows
`search.engines.upcoming_windows` defines.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from cms.models import Partner, Topic
from cms.translated_snippets import originals, with_reader_words
from courses.catalog.listing import FORMATS
from courses.models import Level, Offering
from lms.access import AccessLevel
from lms.models import LANGUAGE_CHOICES, CareerStage

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

from .documents import LEARNING_PATH, CatalogDocument

Vocabulary = Callable[[], dict[str, str]]


@dataclass(frozen=True)
class Facet:
    """One facet: several values of it are OR-ed in a query, different facets AND-ed."""

    # The request parameter (the page's checkboxes and the API) and the key of its counts in an answer.
    name: str
    label: Promise
    # Every value that exists, mapped to the label people read (asked once per search).
    vocabulary: Vocabulary
    # The `CatalogDocument` attribute holding the values, which is also the database entry's column and the
    # Elasticsearch keyword field; None for the schedule, which is read from dates rather than stored.
    field: str | None = None
    multi_valued: bool = False  # the field holds a list of values, any of which matches
    numeric: bool = False  # held as a whole number (a year): compared as one, but sent and counted as text
    # Values known without asking the database, in the order they are shown; the API lists them as its enum.
    fixed_values: tuple[str, ...] = ()

    @property
    def stored(self) -> bool:
        """Is it a value of the document (indexed), rather than read from dates when searching?"""
        return self.field is not None

    def values_of(self, document: CatalogDocument) -> list[str]:
        """The facet's values in one document, as text (what is indexed, filtered and counted). An empty one is no
        value: a learning path has no level, and is neither counted nor chosen by any."""
        if self.field is None:
            return []
        value = getattr(document, self.field)
        return [str(v) for v in value] if self.multi_valued else [str(value)] if value != "" else []


def _choices(choices: Iterable[tuple[str, StrOrPromise]]) -> Vocabulary:
    return lambda: {value: str(label) for value, label in choices}


def _named_by_slug(model: type[Topic] | type[Partner]) -> Vocabulary:
    """The originals' slugs (what offerings carry), named in the reader's language when translated."""
    return lambda: dict(with_reader_words(originals(model.objects.all()), "name").values_list("slug", "shown_name"))


def _formats() -> dict[str, str]:
    """The offerings' formats, and learning paths' (a path is found by the catalog too, told apart by its format)."""
    return {**{key: str(cls.FORMAT_LABEL) for key, cls in FORMATS.items()}, LEARNING_PATH: str(_("Learning path"))}


def _access_levels() -> dict[str, str]:
    return {value: str(label).split(":")[0] for value, label in AccessLevel.choices}  # "Members first: ..." -> name


def _programme_years() -> dict[str, str]:
    years = Offering.objects.live().order_by().values_list("programme_year", flat=True).distinct()
    return {str(year): str(year) for year in years}


WHEN_LABELS = {
    "this_week": _("Upcoming this week"),
    "this_month": _("Upcoming this month"),
    "later": _("Upcoming later"),
    "past": _("Past events"),
}

WHEN = Facet(name="when", label=_("When"), vocabulary=_choices(WHEN_LABELS.items()), fixed_values=tuple(WHEN_LABELS))

# In the order the page shows them and answers list them.
FACETS: tuple[Facet, ...] = (
    Facet(name="format", label=_("Format"), field="format", vocabulary=_formats),
    Facet(name="topic", label=_("Topic"), field="topics", multi_valued=True, vocabulary=_named_by_slug(Topic)),
    Facet(name="level", label=_("Level"), field="level", vocabulary=_choices(Level.choices)),
    Facet(name="career_stage", label=_("Career stage"), field="career_stages", multi_valued=True,
          vocabulary=_choices(CareerStage.choices)),
    Facet(name="language", label=_("Language"), field="language", vocabulary=lambda: dict(LANGUAGE_CHOICES)),
    Facet(name="access_level", label=_("Access"), field="access_level", vocabulary=_access_levels),
    Facet(name="partner", label=_("Partner"), field="partners", multi_valued=True,
          vocabulary=_named_by_slug(Partner)),
    Facet(name="programme_year", label=_("Programme year"), field="programme_year", numeric=True,
          vocabulary=_programme_years),
    WHEN,
)
FACET_NAMES = tuple(facet.name for facet in FACETS)
FACETS_BY_NAME = {facet.name: facet for facet in FACETS}
STORED_FACETS = tuple(facet for facet in FACETS if facet.stored)


def facet_vocabulary() -> dict[str, dict[str, str]]:
    """Per facet name, every value that exists, mapped to its label (three small queries)."""
    return {facet.name: facet.vocabulary() for facet in FACETS}
