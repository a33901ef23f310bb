"""Staff see, on the Wagtail admin's home, the mentoring rounds that need them: drafts to review and publish, or
applications closed with nothing published; not rounds still open, published or over, and not for anyone else."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from mentoring import rounds as round_rules
from mentoring.round_attention import MOST_ROUNDS, rounds_needing_action
from tests import factories
from tests.mentoring.factories import RoundFactory, applied, mentee, mentor

pytestmark = pytest.mark.django_db


def days(n: int):
    return timezone.localdate() + timedelta(days=n)


def closed_round(title: str, **fields):
    return RoundFactory(title=title, applications_open_on=days(-20), applications_close_on=days(-2), **fields)


def test_rounds_needing_staff_are_the_unmatched_closed_ones_and_those_with_drafts():
    staff = factories.StaffFactory()
    unmatched = closed_round("Closed, never matched")
    with_drafts = RoundFactory(title="Drafts waiting")
    applied(mentor(), with_drafts)
    applied(mentee(), with_drafts)
    round_rules.run_matcher(with_drafts, staff)
    RoundFactory(title="Still open")
    closed_round("Published", published_at=timezone.now())
    RoundFactory(title="Over", applications_open_on=days(-300), applications_close_on=days(-250),
                 ends_on=days(-1))

    found = {row.round.title: row for row in rounds_needing_action()}
    assert set(found) == {"Closed, never matched", "Drafts waiting"}
    assert found["Drafts waiting"].needs_publishing and found["Drafts waiting"].drafts == 1
    assert not found["Closed, never matched"].needs_publishing
    assert found["Closed, never matched"].round.pk == unmatched.pk


def test_the_panel_is_for_staff_and_links_to_each_round(client):
    waiting = closed_round("Autumn cohort")
    client.force_login(factories.StaffFactory())
    page = client.get("/admin/").content.decode()
    assert "Mentoring rounds that need you" in page and "Autumn cohort" in page
    assert reverse("mentoring_admin:round", args=[waiting.pk]) in page and "run the matcher" in page
    for person in (factories.InstructorFactory(), factories.PartnerHostFactory()):
        client.force_login(person)
        assert "Mentoring rounds that need you" not in client.get("/admin/").content.decode()


def test_rounds_needing_action_is_one_query(django_assert_max_num_queries):
    for n in range(MOST_ROUNDS + 2):
        closed_round(f"Round {n}")
    with django_assert_max_num_queries(1):
        rows = rounds_needing_action()
    assert len(rows) == MOST_ROUNDS
