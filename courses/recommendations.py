"""What to suggest a member takes next, and why: the rule "My learning" shows, the personalised home page and the
recommendations digest reuse.

A pure function of (member, now) returning plain data, read from the database in a fixed number of queries, with
no outside service. An offering is suggested only if the member could take it today and has not already:

- it is live, not behind a page view restriction, visible to them and open to them now (`lms.access`), its
  prerequisites are completed, and an event has a session whose registration is still open;
- it is in one of their languages (their profile's, else the site's) or translated into one, and designed for
  their career stage if the offering names stages and they have one;
- they have no enrolment in it (in progress, completed or withdrawn from), no registration for any of its
  sessions (cancelled ones included: they chose), and do not teach it.

Each suggestion carries its one strongest reason, strongest first (`KINDS`); ties go to the better match (more of
the member's interests), then the newer programme year, then the title and id, so the same data always gives the
same list. An offering with no reason is not suggested: this is not the catalog.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import (
    CharField,
    DateTimeField,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Value,
)
from django.db.models.functions import Substr
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page, PageViewRestriction

from cms.models import Topic
from lms.access import enrolment_decision, visible_access_levels
from lms.models import CareerStage, Member
from lms.models import language_names as shown_language_names
from lms.original_rows import originals, reader_word

from .models import (
    CoursePage,
    Enrolment,
    EthicsModulePage,
    EventPage,
    Offering,
    Registration,
    Session,
    WebinarPage,
    WorkshopPage,
)
from .translations import in_reader_language_each

# At most this many suggestions: a short list is read, a long one is a second catalog.
MAX_RECOMMENDATIONS = 6

# The reasons, strongest first.
NEXT_STEP = "next_step"  # it builds on (lists as a prerequisite) an offering the member completed
INTEREST = "interest"  # it carries a topic of interest from the member's profile
RELATED = "related"  # it shares a topic with an offering the member completed
CAREER_STAGE = "career_stage"  # it is designed for the member's career stage
LANGUAGE = "language"  # it is offered in one of the member's languages other than the site's own
KINDS = (NEXT_STEP, INTEREST, RELATED, CAREER_STAGE, LANGUAGE)

_FORMAT_LABELS = {cls._meta.model_name: cls.FORMAT_LABEL
                  for cls in (CoursePage, EthicsModulePage, WorkshopPage, WebinarPage)}


@dataclass(frozen=True)
class Recommendation:
    """One suggestion, as plain data: what to show and link to, and the sentence saying why."""

    offering_id: int
    title: str
    url: str
    language: str  # the offering's, for the title's lang attribute
    format_label: str
    kind: str  # one of KINDS
    reason: str  # translated into the language active when the list was made


def stage_reason(stage: str) -> str:
    """"For early-career members" and the like: one whole sentence per stage, so each translates as a whole."""
    sentences = {
        CareerStage.STUDENT: _("For student members"),
        CareerStage.EARLY_CAREER: _("For early-career members"),
        CareerStage.MID_CAREER: _("For mid-career members"),
        CareerStage.SENIOR: _("For senior practitioners"),
        CareerStage.EXECUTIVE: _("For executives and leaders"),
    }
    return sentences[CareerStage(stage)]


def _reason(kind: str, term: str) -> str:
    if kind == NEXT_STEP:
        return _("Because you completed “%(title)s”") % {"title": term}
    if kind == INTEREST:
        return _("Matches your interest in %(topic)s") % {"topic": term}
    if kind == RELATED:
        return _("Related to “%(title)s”, which you completed") % {"title": term}
    if kind == CAREER_STAGE:
        return stage_reason(term)
    return _("Offered in %(language)s, one of your languages") % {"language": term}


def member_languages(member) -> list[str]:
    """The languages the member learns in: their profile's, or the site's own when they named none."""
    return list(member.preferred_languages or []) or [settings.LANGUAGE_CODE]


def recommendations_for(member, now: datetime, limit: int = MAX_RECOMMENDATIONS) -> list[Recommendation]:
    """At most `limit` (itself at most MAX_RECOMMENDATIONS) suggestions for the member, best first.

    Four queries whatever the catalog or the member's history (the fourth finds the suggestions' pages in the
    reader's language; one more the first time the site's root paths are read into the cache); none per offering.
    """
    return suggestions(member, now, limit=max(0, min(limit, MAX_RECOMMENDATIONS)))


def suggestions(member, now: datetime, *, limit: int, reasons: tuple[str, ...] = KINDS,
                first_published: tuple[datetime, datetime] | None = None) -> list[Recommendation]:
    """The rule itself, for callers that narrow it: only offerings whose strongest reason among `reasons` holds
    (the digest asks for INTEREST alone), and only those first published in [start, end) when given. The same
    exclusions always apply, so a digest never offers what "My learning" would not."""
    if limit <= 0 or member is None or not getattr(member, "is_authenticated", False) or not member.is_active:
        return []
    history = list(
        Enrolment.objects.filter(member=member, offering__isnull=False)
        .order_by("-completed_at", "-pk")
        .values_list("offering_id", "completed_at", "offering__title")
    )
    taken = {offering_id for offering_id, _completed, _title in history}
    # Newest completion first, so a reason names the most recent one.
    completed = {offering_id: title for offering_id, completed_at, title in history if completed_at is not None}
    today = timezone.localdate(now)
    offerings = (
        originals(Offering.objects.live())  # an offering once, whatever its translations; taken on the original
        .filter(access_level__in=visible_access_levels(member, today))
        .filter(Q(language__in=member_languages(member)) | Exists(_translated_into(member_languages(member))))
        .filter(~Exists(_view_restrictions_over(OuterRef("path"))))
        .exclude(pk__in=taken)
        .exclude(pk__in=Registration.objects.filter(member=member).values("session__event_id"))
        .exclude(pk__in=Offering.instructors.through.objects.filter(member=member).values("offering_id"))
    )
    if first_published is not None:
        offerings = offerings.filter(first_published_at__gte=first_published[0],
                                     first_published_at__lt=first_published[1])
    candidates = [
        o for o in offerings.annotate(
            model_name=F("content_type__model"),
            is_event=Exists(EventPage.objects.filter(pk=OuterRef("pk"))),
            has_open_session=Exists(_sessions_open_for_registration(now).filter(event_id=OuterRef("pk"))),
        ).defer_streamfields().order_by("pk")
        if (not o.is_event or o.has_open_session)
        and (not o.career_stages or not member.career_stage or member.career_stage in o.career_stages)
        and enrolment_decision(member, o, now).allowed
    ]
    interests, topics_of, prerequisites_of = _links(member, offerings, completed)

    language_names = shown_language_names()
    ranked = []
    for offering in candidates:
        if prerequisites_of[offering.pk] - completed.keys():
            continue  # not open to them until they complete the rest
        found = _strongest_reason(offering, member, interests, completed, topics_of, prerequisites_of[offering.pk],
                                  language_names, reasons)
        if found is None:
            continue
        kind, term, strength = found
        ranked.append(((KINDS.index(kind), -strength, -offering.programme_year, offering.title.casefold(),
                        offering.pk), offering, kind, term))
    ranked.sort(key=lambda entry: entry[0])
    chosen = ranked[:limit]
    # Linked in the reader's language (the page's, or the member's for the digest), one query for them all.
    shown = in_reader_language_each([offering for _key, offering, _kind, _term in chosen])
    return [
        Recommendation(
            offering_id=offering.pk,
            title=page.title,
            url=page.get_url() or "",
            language=getattr(page, "language", None) or offering.language,
            format_label=str(_FORMAT_LABELS.get(offering.model_name, Offering.FORMAT_LABEL)),
            kind=kind,
            reason=_reason(kind, term),
        )
        for _key, offering, kind, term in chosen
        for page in [shown.get(offering.translation_key, offering)]
    ]


def _sessions_open_for_registration(now: datetime) -> QuerySet:
    """Sessions whose registration is still open: it closes the event's configured minutes before the start
    (courses/events/registration.py `registration_closes_at`, here as one expression for the query)."""
    # Read as a plain integer: SQLite (the demo's database) multiplies a duration only by an IntegerField, not by
    # a PositiveIntegerField.
    minutes = ExpressionWrapper(F("event__registration_closes_minutes_before"), output_field=IntegerField())
    closes_at = ExpressionWrapper(F("starts_at") - minutes * Value(timedelta(minutes=1)), output_field=DateTimeField())
    return Session.objects.alias(closes_at=closes_at).filter(closes_at__gt=now)


def _translated_into(languages: list[str]) -> QuerySet:
    """A live translation (not an alias) of the outer offering in one of these languages: the member can read it."""
    return Page.objects.live().filter(translation_key=OuterRef("translation_key"), alias_of__isnull=True,
                                      locale__language_code__in=languages).exclude(pk=OuterRef("pk"))


def _view_restrictions_over(path) -> QuerySet:
    """Wagtail view restrictions (password, groups) on the page at `path` or an ancestor: a page behind one is
    not suggested, whoever may pass it."""
    return PageViewRestriction.objects.filter(page__path=Substr(path, 1, F("page__depth") * Page.steplen))


def _text(value: str) -> Value:
    return Value(value, output_field=CharField())


def _links(member, offerings: QuerySet, completed: dict[int, str]
           ) -> tuple[dict[int, str], dict[int, set[int]], dict[int, set[int]]]:
    """The member's interests (topic id -> name, by name), and the topics and live prerequisites of the
    offerings and of those completed, in one query: a UNION of (kind, id, id, name) rows. The offerings are named
    by subquery rather than by a list of ids, so it runs whatever was found and the count stays the same."""
    interests = Member.interests.through.objects.filter(member=member).values_list(
        _text("interest"), "topic_id", Value(0), reader_word(Topic, "name", through="topic__"))
    topics = Offering.topics.through.objects.filter(
        Q(offering_id__in=offerings.values("pk")) | Q(offering_id__in=list(completed))
    ).values_list(_text("topic"), "offering_id", "topic_id", _text(""))
    prerequisites = Offering.prerequisites.through.objects.filter(
        from_offering_id__in=offerings.values("pk"), to_offering__live=True
    ).values_list(_text("prerequisite"), "from_offering_id", "to_offering_id", _text(""))
    interest_names: list[tuple[str, int]] = []
    topics_of: dict[int, set[int]] = defaultdict(set)
    prerequisites_of: dict[int, set[int]] = defaultdict(set)
    for kind, first, second, name in interests.order_by().union(topics.order_by(), prerequisites.order_by(),
                                                                  all=True):
        if kind == "interest":
            interest_names.append((name, first))
        elif kind == "topic":
            topics_of[first].add(second)
        else:
            prerequisites_of[first].add(second)
    return {pk: name for name, pk in sorted(interest_names)}, topics_of, prerequisites_of


def _strongest_reason(offering, member, interests: dict[int, str], completed: dict[int, str],
                      topics_of: dict[int, set[int]], prerequisites: set[int],
                      language_names: dict[str, str], reasons: tuple[str, ...] = KINDS) -> tuple[str, str, int] | None:
    """(kind, the term its sentence names, how strong the match is) for the first reason in KINDS, among
    `reasons`, that holds."""
    built_on = [pk for pk in completed if pk in prerequisites]  # completed is newest first
    if built_on and NEXT_STEP in reasons:
        return NEXT_STEP, completed[built_on[0]], len(built_on)
    topics = topics_of[offering.pk]
    shared_interests = [name for pk, name in interests.items() if pk in topics]  # interests are by name
    if shared_interests and INTEREST in reasons:
        return INTEREST, shared_interests[0], len(shared_interests)
    related = [pk for pk in completed if topics_of[pk] & topics]
    if related and RELATED in reasons:
        return RELATED, completed[related[0]], len(related)
    if member.career_stage and member.career_stage in offering.career_stages and CAREER_STAGE in reasons:
        return CAREER_STAGE, member.career_stage, 1
    if offering.language != settings.LANGUAGE_CODE and LANGUAGE in reasons:
        return LANGUAGE, language_names.get(offering.language, offering.language), 1
    return None
