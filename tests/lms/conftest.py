"""Fixtures for the members, accounts and authoring tests."""

import pytest
from allauth.account.models import EmailAddress

from tests.factories import MemberFactory


@pytest.fixture
def verified_member(db):
    """A member whose address allauth knows as verified, so they may sign in through the login form."""
    member = MemberFactory(email="verified@example.org", first_name="Vera", last_name="Fied")
    EmailAddress.objects.create(user=member, email=member.email, verified=True, primary=True)
    return member
