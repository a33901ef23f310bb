"""The demo loaders refuse a site without DEBUG (their accounts share a published password), and the certificates'
and mentoring parts refuse to load before the demo catalog they build on. Outside tests/demo, whose tests all share
one loaded catalog."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from lms.models import Member


@pytest.mark.django_db
def test_refuses_to_load_public_passwords_on_a_site_without_debug():
    with pytest.raises(CommandError, match="DEBUG off"):
        call_command("load_demo", verbosity=0)
    assert not Member.objects.filter(email__endswith="@demo.vsmc.org").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("part", ["certificates", "cpd", "mentoring"])
def test_a_part_built_on_the_catalog_needs_the_demo_catalog_and_debug(part):
    with pytest.raises(CommandError, match="demo catalog first"):
        call_command("load_demo", part, "--outside-debug")
    with pytest.raises(CommandError, match="DEBUG off"):
        call_command("load_demo", part)
