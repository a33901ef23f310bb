"""From records to the engine: regions from time zones, snapshots, opaque identities, and the dashboard panel."""

from __future__ import annotations

import pytest
from django.urls import reverse

from mentoring import requests as request_rules
from mentoring.engine_input import mentee_for_engine, mentee_snapshot, mentor_for_engine, mentor_snapshot
from mentoring.matching import Strength
from mentoring.regions import Region, region_of_time_zone
from tests import factories

from .factories import mentee, mentor, topic


@pytest.mark.parametrize("zone, region", [
    ("Europe/Lisbon", Region.EUROPE), ("America/Argentina/Buenos_Aires", Region.AMERICAS),
    ("Asia/Kolkata", Region.ASIA), ("Africa/Nairobi", Region.AFRICA), ("Australia/Sydney", Region.OCEANIA),
    ("Pacific/Auckland", Region.OCEANIA), ("Atlantic/Reykjavik", Region.EUROPE),
    ("Indian/Mauritius", Region.AFRICA), ("UTC", Region.UNSPECIFIED), ("Etc/GMT+3", Region.UNSPECIFIED),
    ("Antarctica/Troll", Region.UNSPECIFIED),
])
def test_regions_come_from_the_time_zone(zone, region):
    assert region_of_time_zone(zone) == region


@pytest.mark.django_db
def test_profiles_reach_the_engine_with_identities_as_opaque_tokens_only():
    flow = topic("Flow metrics")
    asking = mentee(wanted=[flow], identities=["lgbtq", "carer"], identity_strength="must",
                    preferred_region="europe", region_strength="must", languages=("pt", "en"),
                    time_zone="America/Sao_Paulo", employer="Globex")
    engine_mentee = mentee_for_engine(asking.member_id, mentee_snapshot(asking))
    assert engine_mentee.id == str(asking.member_id)
    assert engine_mentee.languages == ("pt", "en") and engine_mentee.region == "americas"
    assert engine_mentee.wanted_expertise == ("flow-metrics",) and engine_mentee.employer == "Globex"
    assert engine_mentee.region_preference.region == "europe"
    assert engine_mentee.region_preference.strength is Strength.MUST
    identities = engine_mentee.identity_preference.identities
    assert engine_mentee.identity_preference.strength is Strength.MUST
    assert all(token.startswith("identity-") for token in identities) and len(identities) == 2
    assert not any("lgbtq" in token or "carer" in token for token in identities)

    offering = mentor(identities=["carer"], capacity=4, formats=("video", "in_person"), city="Porto")
    engine_mentor = mentor_for_engine(offering.member_id, mentor_snapshot(offering), capacity=2)
    assert engine_mentor.capacity == 2 and engine_mentor.city == "Porto"
    assert engine_mentor.identities & identities, "the same identity becomes the same token on both sides"


@pytest.mark.django_db
def test_my_learning_shows_the_mentoring_panel_with_what_waits(client):
    wanted = mentor()
    request_rules.request_mentor(mentee().member, wanted, "Please.")
    client.force_login(wanted.member)
    page = client.get(reverse("courses:dashboard")).content.decode()
    assert 'id="mentoring-heading"' in page
    assert "1 mentoring request waits for your answer." in page
    client.force_login(factories.NonMemberFactory())
    assert 'id="mentoring-heading"' not in client.get(reverse("courses:dashboard")).content.decode()
