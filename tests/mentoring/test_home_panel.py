"""Mentoring status on the home page: the "My learning" panel's rule (mentoring/dashboard.py), registered for the
home page too, speaks to members with what waits for them and to nobody else."""

from __future__ import annotations

import re

import pytest

from mentoring.models import MentorshipRequest
from tests import factories

from .factories import mentor

pytestmark = pytest.mark.django_db


def mentoring_section(client) -> str:
    response = client.get("/")
    assert response.status_code == 200
    match = re.search(r'<section aria-labelledby="mentoring-heading".*?</section>', response.content.decode(), re.S)
    return match.group(0) if match else ""


def test_a_mentor_sees_the_request_waiting_for_them_on_the_home_page(client):
    profile = mentor()
    MentorshipRequest.objects.create(mentor=profile.member, mentee=factories.MemberFactory(), message="Hello")
    client.force_login(profile.member)

    assert "1 mentoring request waits for your answer." in mentoring_section(client)


def test_a_member_without_mentoring_is_pointed_to_the_directory_and_a_visitor_sees_nothing(client, learner):
    assert mentoring_section(client) == ""
    client.force_login(learner)
    section = mentoring_section(client)
    assert "Find a mentor" in section and "waits for your answer" not in section
