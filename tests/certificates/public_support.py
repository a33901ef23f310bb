"""Shared pieces for the public-side tests: certificates rendered by the real task, a fresh client address per
test (the guessing limit's counts live in the shared Redis and outlive a test), and the dashboard panel."""

from __future__ import annotations

import random

import pytest
from wagtail import hooks

from certificates import tasks
from certificates.dashboard import certificates_panel
from certificates.models import Certificate
from lms.extension_points import MY_LEARNING_PANELS

from .factories import default_template, issued_certificate


def ready_certificate(member=None, offering=None, **course_fields) -> Certificate:
    """Issued for a completed course through the rules, then rendered and signed by the real render task."""
    default_template()  # the data migration's default is gone after a transactional test flushed the database
    certificate = issued_certificate(member, offering, **course_fields)
    outcome = tasks.render_certificate.delay(certificate.pk).get()
    certificate.refresh_from_db()
    assert outcome == "ready", f"render {outcome}: {certificate.render_failure}"
    return certificate


def fresh_address() -> str:
    """An address no earlier test run used: a random /64 in the documentation range 2001:db8::/32."""
    return f"2001:db8:{random.getrandbits(16):x}:{random.getrandbits(16):x}::1"  # noqa: S311 - not security


@pytest.fixture(autouse=True)
def fresh_client_address(client):
    """Each test's client speaks from its own address, so misses counted by other tests or runs never block it."""
    client.defaults["REMOTE_ADDR"] = fresh_address()
    return client.defaults["REMOTE_ADDR"]


@pytest.fixture
def certificates_panel_registered():
    """The panel as certificates/wagtail_hooks.py registers it for "My learning"."""
    assert certificates_panel in hooks.get_hooks(MY_LEARNING_PANELS)
    return certificates_panel
