"""The one access rule (lms/access.py), as a table: who may see and enrol in what, on which day.

Viewers are unsaved Member instances (their real `has_current_membership`), offerings are plain objects
implementing the `Gated` protocol, so the table needs no database.
"""

from __future__ import annotations

import zoneinfo
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from lms.access import (
    AccessLevel,
    PreviewLearner,
    can_see_member_blocks,
    can_see_offering,
    enrolment_decision,
    enrolment_opens_on,
    visible_access_levels,
)
from lms.formatting import date_text
from lms.models import Member, MembershipTier

MEMBERS_OPEN = date(2026, 3, 2)
PUBLIC_OPEN = date(2026, 4, 1)
ONE_DAY = timedelta(days=1)

DAYS = {
    "day_before_members_open": MEMBERS_OPEN - ONE_DAY,
    "members_opening_day": MEMBERS_OPEN,
    "day_before_public_open": PUBLIC_OPEN - ONE_DAY,
    "public_opening_day": PUBLIC_OPEN,
}

ALL_LEVELS = ["public", "member_first", "member_enhanced", "member_only"]
OPEN_LEVELS = ["public", "member_first", "member_enhanced"]


@dataclass
class Offering:
    """A plain offering: exactly what the rule may read (the Gated protocol)."""

    access_level: str
    members_open_on: date | None = MEMBERS_OPEN
    public_open_on: date | None = None


def offering_at(level: str) -> Offering:
    """Dates as an author may set them: only member-first offerings have a separate public opening date."""
    return Offering(level, MEMBERS_OPEN, PUBLIC_OPEN if level == AccessLevel.MEMBER_FIRST else None)


def noon(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 12, 0, tzinfo=UTC)


# tier -> (membership_tier, membership_expires_on, counts as a member on every day of the table)
TIERS = {
    "non_member": (MembershipTier.NON_MEMBER, None, False),
    "student": (MembershipTier.STUDENT, None, True),
    "early_career": (MembershipTier.EARLY_CAREER, date(2030, 12, 31), True),
    "professional": (MembershipTier.PROFESSIONAL, None, True),
    "institutional": (MembershipTier.INSTITUTIONAL, None, True),
    "expired_professional": (MembershipTier.PROFESSIONAL, MEMBERS_OPEN - timedelta(days=30), False),
}


def viewer(tier: str, **extra) -> Member:
    membership_tier, expires_on, _member = TIERS[tier]
    return Member(
        email=f"{tier}@example.org", membership_tier=membership_tier, membership_expires_on=expires_on, **extra
    )


# level -> day -> (a member may enrol, a non-member may enrol)
MAY_ENROL = {
    "public": {
        "day_before_members_open": (False, False),
        "members_opening_day": (True, True),
        "day_before_public_open": (True, True),
        "public_opening_day": (True, True),
    },
    "member_enhanced": {
        "day_before_members_open": (False, False),
        "members_opening_day": (True, True),
        "day_before_public_open": (True, True),
        "public_opening_day": (True, True),
    },
    "member_first": {
        "day_before_members_open": (False, False),
        "members_opening_day": (True, False),
        "day_before_public_open": (True, False),
        "public_opening_day": (True, True),
    },
    "member_only": {
        "day_before_members_open": (False, False),
        "members_opening_day": (True, False),
        "day_before_public_open": (True, False),
        "public_opening_day": (True, False),
    },
}

# level -> (a member sees it, a non-member sees it); the day makes no difference to visibility.
MAY_SEE = {
    "public": (True, True),
    "member_enhanced": (True, True),
    "member_first": (True, True),
    "member_only": (True, False),
}

TABLE = [
    pytest.param(tier, level, day, id=f"{tier}-{level}-{day}")
    for tier in TIERS
    for level in MAY_ENROL
    for day in DAYS
]


@pytest.mark.parametrize(("tier", "level", "day"), TABLE)
def test_access_table(tier, level, day):
    person = viewer(tier)
    is_member = TIERS[tier][2]
    offering = offering_at(level)
    decision = enrolment_decision(person, offering, noon(DAYS[day]))
    expected_enrol = MAY_ENROL[level][day][0 if is_member else 1]
    expected_see = MAY_SEE[level][0 if is_member else 1]

    assert decision.allowed is expected_enrol
    assert bool(decision) is expected_enrol
    assert can_see_offering(person, offering, DAYS[day]) is expected_see
    if expected_enrol:
        assert decision.reason == ""
    else:
        assert str(decision.reason), "a refusal always says why"


def test_the_table_covers_every_access_level():
    assert sorted(MAY_ENROL) == sorted(AccessLevel.values) == sorted(MAY_SEE)


# ------------------------------------------------------------------------------------------ reasons


@pytest.mark.parametrize("anonymous", [None, AnonymousUser()], ids=["none", "anonymous_user"])
@pytest.mark.parametrize("level", ALL_LEVELS)
def test_anonymous_viewers_are_asked_to_sign_in(anonymous, level):
    decision = enrolment_decision(anonymous, offering_at(level), noon(PUBLIC_OPEN + ONE_DAY))
    assert not decision.allowed
    assert str(decision.reason) == "Sign in or create a free account to enrol."
    assert can_see_offering(anonymous, offering_at(level), PUBLIC_OPEN) is (level != "member_only")
    assert can_see_member_blocks(anonymous, offering_at(level)) is False


@pytest.mark.parametrize("level", ["public", "member_enhanced", "member_first", "member_only"])
def test_before_members_open_the_reason_names_the_opening_day(level):
    decision = enrolment_decision(viewer("professional"), offering_at(level), noon(MEMBERS_OPEN - ONE_DAY))
    assert not decision.allowed
    assert str(decision.reason) == "Enrolment opens on 2 March 2026."
    assert decision.opens_on == MEMBERS_OPEN


@pytest.mark.parametrize("tier", ["non_member", "expired_professional"])
@pytest.mark.parametrize("day", [MEMBERS_OPEN - ONE_DAY, MEMBERS_OPEN, PUBLIC_OPEN - ONE_DAY])
def test_member_first_tells_non_members_when_everyone_may_enrol(tier, day):
    decision = enrolment_decision(viewer(tier), offering_at("member_first"), noon(day))
    assert not decision.allowed
    assert str(decision.reason) == "Members enrol first; enrolment opens to everyone on 1 April 2026."
    assert decision.opens_on == PUBLIC_OPEN


def test_member_first_without_a_members_date_lets_members_in_straight_away():
    offering = Offering("member_first", members_open_on=None, public_open_on=PUBLIC_OPEN)
    today = noon(PUBLIC_OPEN - timedelta(days=40))
    assert enrolment_decision(viewer("student"), offering, today).allowed
    refused = enrolment_decision(viewer("non_member"), offering, today)
    assert not refused.allowed and refused.opens_on == PUBLIC_OPEN
    assert enrolment_opens_on(viewer("student"), offering) is None
    assert enrolment_opens_on(viewer("non_member"), offering) == PUBLIC_OPEN


def test_an_offering_without_dates_is_open_now():
    for level in OPEN_LEVELS:
        assert enrolment_decision(viewer("non_member"), Offering(level, None, None)).allowed
    assert enrolment_decision(viewer("professional"), Offering("member_only", None, None)).allowed


def test_member_only_refuses_non_members_without_a_date():
    decision = enrolment_decision(viewer("non_member"), offering_at("member_only"), noon(PUBLIC_OPEN))
    assert not decision.allowed
    assert str(decision.reason) == "This offering is for current members of the association."
    assert decision.opens_on is None


def test_member_only_tells_an_expired_member_the_day_their_membership_ended():
    expired_on = TIERS["expired_professional"][1]
    decision = enrolment_decision(viewer("expired_professional"), offering_at("member_only"), noon(PUBLIC_OPEN))
    assert not decision.allowed
    assert str(decision.reason) == "Your membership expired on 31 January 2026; renew it to enrol."
    assert expired_on.isoformat() == "2026-01-31"


def test_membership_counts_through_its_last_day():
    last_day = MEMBERS_OPEN + timedelta(days=10)
    person = Member(membership_tier=MembershipTier.PROFESSIONAL, membership_expires_on=last_day)
    offering = offering_at("member_only")
    assert enrolment_decision(person, offering, noon(last_day)).allowed
    assert can_see_offering(person, offering, last_day)
    next_day = enrolment_decision(person, offering, noon(last_day + ONE_DAY))
    assert not next_day.allowed
    assert "12 March 2026" in str(next_day.reason)
    assert not can_see_offering(person, offering, last_day + ONE_DAY)


def test_the_day_is_the_viewers_local_day():
    """At 20:00 UTC on 1 March it is already 2 March (members' opening day) in Auckland."""
    evening = datetime(2026, 3, 1, 20, 0, tzinfo=UTC)
    offering = offering_at("member_only")
    with timezone.override(zoneinfo.ZoneInfo("UTC")):
        assert not enrolment_decision(viewer("professional"), offering, evening).allowed
    with timezone.override(zoneinfo.ZoneInfo("Pacific/Auckland")):
        assert enrolment_decision(viewer("professional"), offering, evening).allowed


# ------------------------------------------------------------------------------------------ staff, previews


@pytest.mark.parametrize("extra", [{"is_staff": True}, {"is_superuser": True}], ids=["staff", "superuser"])
def test_staff_see_everything_but_enrol_by_the_same_rule(extra):
    person = viewer("non_member", **extra)
    offering = offering_at("member_only")
    assert can_see_offering(person, offering, PUBLIC_OPEN)
    assert can_see_member_blocks(person, offering)
    assert visible_access_levels(person) == list(AccessLevel.values)
    # Seeing is not enrolling: a staff account without a membership is refused like any non-member.
    decision = enrolment_decision(person, offering, noon(PUBLIC_OPEN))
    assert not decision.allowed
    assert "current members" in str(decision.reason)


@pytest.mark.parametrize(
    ("tier", "expected"),
    [
        ("non_member", ["public", "member_first", "member_enhanced"]),
        ("expired_professional", ["public", "member_first", "member_enhanced"]),
        ("student", ALL_LEVELS),
        ("early_career", ALL_LEVELS),
        ("professional", ALL_LEVELS),
        ("institutional", ALL_LEVELS),
    ],
)
def test_visible_access_levels(tier, expected):
    assert visible_access_levels(viewer(tier), PUBLIC_OPEN) == expected


def test_visible_access_levels_for_anonymous_viewers():
    assert visible_access_levels(AnonymousUser()) == ["public", "member_first", "member_enhanced"]
    assert visible_access_levels(None) == ["public", "member_first", "member_enhanced"]


@pytest.mark.parametrize("tier", list(TIERS))
def test_member_blocks_show_to_current_members_only(tier):
    assert can_see_member_blocks(viewer(tier), offering_at("member_enhanced"), PUBLIC_OPEN) is TIERS[tier][2]


def test_preview_learner_stands_in_for_a_member_or_a_non_member():
    offering = offering_at("member_only")
    as_member, as_public = PreviewLearner(member=True), PreviewLearner(member=False)
    assert can_see_offering(as_member, offering) and can_see_member_blocks(as_member, offering)
    assert not can_see_offering(as_public, offering) and not can_see_member_blocks(as_public, offering)
    assert visible_access_levels(as_public) == ["public", "member_first", "member_enhanced"]


# ------------------------------------------------------------------------------------------ through the pages


@pytest.mark.django_db
def test_offering_page_explains_a_member_first_wait_with_the_date(client):
    from tests.factories import MemberFactory, NonMemberFactory, build_offering

    today = timezone.localdate()
    offering = build_offering(
        access_level="member_first", members_open_on=today - ONE_DAY, public_open_on=today + timedelta(days=7)
    )
    client.force_login(NonMemberFactory())
    page = client.get(offering.url).content.decode()
    assert f"enrolment opens to everyone on {date_text(today + timedelta(days=7))}" in page
    refused = client.post(offering.url + "enrol/")
    assert refused.status_code == 403
    assert date_text(today + timedelta(days=7)) in refused.content.decode()

    client.force_login(MemberFactory())
    assert client.post(offering.url + "enrol/").status_code == 303


@pytest.mark.django_db
def test_member_only_offering_is_hidden_from_non_members_in_the_catalog_and_on_its_page(client):
    from tests.factories import MemberFactory, NonMemberFactory, build_offering, catalog

    build_offering(title="Open Flow Course")
    secret = build_offering(title="Members Flow Clinic", access_level="member_only")
    client.force_login(NonMemberFactory(membership_tier=MembershipTier.PROFESSIONAL,
                                        membership_expires_on=timezone.localdate() - ONE_DAY))
    listing = client.get(catalog().url).content.decode()
    assert "Open Flow Course" in listing and "Members Flow Clinic" not in listing
    assert client.get(secret.url).status_code == 403

    client.force_login(MemberFactory())
    listing = client.get(catalog().url).content.decode()
    assert "Members Flow Clinic" in listing
    assert client.get(secret.url).status_code == 200
