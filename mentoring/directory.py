"""The mentor directory: which mentors a member finds for a search, with their open slots and the weekly hours
they are free at the same time as the member (the engine's availability masks, so the directory and the matcher
count overlap the same way).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Prefetch, Q

from cms.models import Topic
from cms.translated_snippets import with_reader_words
from lms.access import is_member
from lms.models import language_names

from . import capacity
from .engine_input import shared_hours, weekly_mask
from .models import MeetingFormat, MenteeProfile, MentorProfile
from .regions import region_label, region_of, region_of_time_zone

PER_PAGE = 20


@dataclass(frozen=True)
class DirectoryFilters:
    """What a member searched for; empty values do not filter."""

    text: str = ""
    topic: str = ""  # a Topic slug
    language: str = ""
    region: str = ""
    career_stage: str = ""
    min_overlap_hours: int = 0
    open_capacity_only: bool = False


@dataclass(frozen=True)
class DirectoryEntry:
    profile: MentorProfile
    region: str
    open_slots: int
    overlap_hours: int | None  # None when the viewer gave no availability

    @property
    def member(self):
        return self.profile.member

    @property
    def region_label(self) -> str:
        return region_label(self.region)

    @property
    def language_names(self) -> list[str]:
        names = language_names()
        return [names.get(code, code) for code in self.profile.languages]

    @property
    def topic_names(self) -> list[str]:
        # In the reader's words where the profiles were fetched with them (search_mentors), else the topic's own.
        return [getattr(topic, "shown_name", topic.name) for topic in self.profile.expertise.all()]

    @property
    def format_names(self) -> list[str]:
        names = dict(MeetingFormat.choices)
        return [str(names.get(code, code)) for code in self.profile.formats]


def viewer_availability(viewer) -> tuple[list, str] | None:
    """The viewer's weekly windows and zone: their mentee profile's, else their mentor profile's, else none."""
    for profile in (MenteeProfile.objects.filter(member_id=viewer.pk).first(),
                    MentorProfile.objects.filter(member_id=viewer.pk).first()):
        if profile is not None and profile.availability:
            return profile.availability, viewer.time_zone or "UTC"
    return None


def search_mentors(viewer, filters: DirectoryFilters) -> list[DirectoryEntry]:
    """Listed mentors with a current membership matching every filter, most overlap first, then by name.

    The viewer's own profile is left out: nobody requests themselves.
    """
    expertise = Prefetch("expertise", queryset=with_reader_words(Topic.objects.all(), "name"))  # reader's words
    profiles = (MentorProfile.objects.filter(is_listed=True).exclude(member_id=viewer.pk)
                .select_related("member").prefetch_related(expertise))
    if filters.text:
        words = filters.text.split()[:8]
        for word in words:
            profiles = profiles.filter(
                Q(member__first_name__icontains=word) | Q(member__last_name__icontains=word)
                | Q(offer__icontains=word) | Q(expertise__name__icontains=word)
            )
    if filters.topic:
        profiles = profiles.filter(expertise__slug=filters.topic)
    if filters.career_stage:
        profiles = profiles.filter(member__career_stage=filters.career_stage)
    found = list(profiles.distinct())
    if filters.language:
        found = [p for p in found if filters.language in p.languages]
    if filters.region:
        found = [p for p in found if region_of(p.member) == filters.region]
    found = [p for p in found if is_member(p.member)]
    slots = capacity.open_slots_by_mentor(found)
    if filters.open_capacity_only:
        found = [p for p in found if slots[p.member_id] > 0]

    own = viewer_availability(viewer)
    own_mask = weekly_mask(*own) if own else None
    entries = []
    for profile in found:
        overlap = None
        if own_mask is not None:
            overlap = shared_hours(own_mask, weekly_mask(profile.availability, profile.member.time_zone))
            if overlap < filters.min_overlap_hours:
                continue
        entries.append(DirectoryEntry(profile, region_of_time_zone(profile.member.time_zone or "UTC"),
                                      slots[profile.member_id], overlap))
    entries.sort(key=lambda e: (-(e.overlap_hours or 0), e.member.last_name.casefold(),
                                e.member.first_name.casefold(), e.member.pk))
    return entries


def page_of(entries: list[DirectoryEntry], number) -> Page:
    return Paginator(entries, PER_PAGE).get_page(number)


def mentor_entry(viewer, profile: MentorProfile) -> DirectoryEntry:
    """One mentor as the directory shows them to this viewer."""
    own = viewer_availability(viewer)
    overlap = None
    if own:
        overlap = shared_hours(weekly_mask(*own), weekly_mask(profile.availability, profile.member.time_zone))
    return DirectoryEntry(profile, region_of(profile.member), capacity.open_slots(profile), overlap)
