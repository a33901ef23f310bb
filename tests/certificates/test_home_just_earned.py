"""The home page's "Just earned" panel (certificates/home.py): a member's certificates issued lately, through the
page itself; never another member's, never an old or withdrawn one, nothing for a visitor."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail import hooks

from certificates import issuance, sharing
from certificates.home import JUST_EARNED_DAYS, just_earned_panel
from certificates.models import Certificate
from lms.extension_points import HOME_PANELS
from tests import factories

from .factories import issued_certificate

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]


def just_earned(client) -> str:
    response = client.get("/")
    assert response.status_code == 200
    match = re.search(r'<section[^>]*id="home-certificates".*?</section>', response.content.decode(), re.S)
    return match.group(0) if match else ""


def test_the_panel_is_a_home_panel():
    assert just_earned_panel in hooks.get_hooks(HOME_PANELS)


def test_a_member_sees_the_certificate_they_just_earned_and_not_anyone_elses(client, learner):
    mine = issued_certificate(learner, title="Mapping Value Streams", cpd_hours=3)
    issued_certificate(factories.MemberFactory(), title="Someone Else's Course")
    client.force_login(learner)

    panel = just_earned(client)

    assert "Just earned" in panel and "Mapping Value Streams" in panel and "3 CPD hours" in panel
    assert f'href="{sharing.share_url(mine)}"' in panel
    assert "Someone Else" not in panel


def test_an_old_or_withdrawn_certificate_is_not_just_earned(client, learner):
    old = issued_certificate(learner, title="Long Ago Course")
    Certificate.objects.filter(pk=old.pk).update(issued_at=timezone.now() - timedelta(days=JUST_EARNED_DAYS + 1))
    withdrawn = issued_certificate(learner, title="Withdrawn Course")
    issuance.withdraw(withdrawn, by=factories.StaffFactory())
    client.force_login(learner)

    assert just_earned(client) == "", "nothing recent: no panel at all"


def test_a_visitor_gets_no_certificates_panel(client, learner):
    issued_certificate(learner, title="Mapping Value Streams")
    assert just_earned(client) == ""
    assert "Just earned" not in client.get("/").content.decode()
