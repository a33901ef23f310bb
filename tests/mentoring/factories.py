"""Test data for mentoring: members with mentor or mentee profiles, rounds open today, and rounds run to the
point a test needs, all through the real rule modules.

Test modules import what they use from here (this package has no conftest of its own).
"""

from __future__ import annotations

from datetime import timedelta

import factory
from django.utils import timezone

from mentoring import rounds as round_rules
from mentoring.models import MatchingRound, MenteeProfile, MentorProfile, RoundApplication
from tests import factories

# Weekday evenings 18-21 h and Saturday morning, in the person's own zone.
EVENINGS = [[0, 18, 21], [2, 18, 21], [5, 9, 12]]


def topic(name: str):
    return factories.TopicFactory(name=name, slug=name.lower().replace(" ", "-"))


def mentor(*, capacity: int = 2, languages=("en",), expertise=(), availability=None, career_stage="senior",
           time_zone="Europe/London", employer="", formats=("video",), city="", listed=True,
           open_to_other_regions=True, identities=(), membership_tier=None, **member_fields) -> MentorProfile:
    """A current member with a listed mentor profile."""
    fields = {"career_stage": career_stage, "time_zone": time_zone, **member_fields}
    if membership_tier:
        fields["membership_tier"] = membership_tier
    member = factories.MemberFactory(**fields)
    profile = MentorProfile.objects.create(
        member=member, capacity=capacity, languages=list(languages), availability=availability or EVENINGS,
        employer=employer, formats=list(formats), city=city, is_listed=listed, offer="Flow, careers and kanban.",
        open_to_other_regions=open_to_other_regions, identities=list(identities), years_of_practice=15,
        contact_note="Phone +44 20 7946 0000",
    )
    profile.expertise.set(expertise)
    return profile


def mentee(*, languages=("en",), wanted=(), availability=None, career_stage="early_career",
           time_zone="Europe/London", employer="", preferred_region="", region_strength="wish", identities=(),
           identity_strength="", **member_fields) -> MenteeProfile:
    """A current member with a mentee profile."""
    member = factories.MemberFactory(career_stage=career_stage, time_zone=time_zone, **member_fields)
    profile = MenteeProfile.objects.create(
        member=member, goals="Grow into a flow lead.", languages=list(languages),
        availability=availability or EVENINGS, employer=employer, preferred_region=preferred_region,
        region_strength=region_strength, identities=list(identities), identity_strength=identity_strength,
        contact_note="Usually on Signal",
    )
    profile.wanted_expertise.set(wanted)
    return profile


class RoundFactory(factory.django.DjangoModelFactory):
    """A round taking applications today, its relationships running for six months after it closes."""

    class Meta:
        model = MatchingRound

    title = factory.Sequence(lambda n: f"Spring cohort {n}")
    applications_open_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=7))
    applications_close_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=7))
    ends_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=190))


def applied(profile, round: MatchingRound, **kwargs) -> RoundApplication:
    role = RoundApplication.Role.MENTOR if isinstance(profile, MentorProfile) else RoundApplication.Role.MENTEE
    application, _new = round_rules.apply_to_round(profile.member, round, role, **kwargs)
    return application


def staff_member():
    return factories.StaffFactory()
