"""Fixtures shared by every test package: real PostgreSQL (pytest-django), real Redis, factories."""

import pytest

from tests import factories


@pytest.fixture
def learner(db):
    return factories.MemberFactory(email="learner@example.org")


@pytest.fixture
def non_member(db):
    return factories.NonMemberFactory(email="visitor@example.org")


@pytest.fixture
def instructor(db):
    return factories.InstructorFactory(email="instructor@example.org")


@pytest.fixture
def staff(db):
    return factories.StaffFactory(email="staff@example.org")


@pytest.fixture
def course(db):
    """A published public course: 2 modules x 2 lessons; lesson 2.2 has a quiz."""
    return factories.build_offering(quiz_lessons=((1, 1),))


@pytest.fixture
def member_client(client, learner):
    client.force_login(learner)
    return client
