"""The demo loader refuses a site without DEBUG: its accounts share a published password."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from lms.models import Member


@pytest.mark.django_db
def test_refuses_to_load_public_passwords_on_a_site_without_debug():
    with pytest.raises(CommandError, match="DEBUG off"):
        call_command("load_demo", verbosity=0)
    assert not Member.objects.filter(email__endswith="@demo.vsmc.org").exists()
