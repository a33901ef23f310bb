"""A refresher course renews a member once, because a course completes once (certificates/renewal.py
`spent_refreshers`): a member who already completed it is never shown a renew link to it, on My learning or in the
reminder; they are told why and shown the other route (a met CPD cycle) or told to contact us. Staff choosing the
refresher are told so."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse

from certificates import expiry_reminders, renewal
from certificates.models import ExpiryReminder
from lms import outbox
from tests import factories

from .factories import complete_course
from .public_support import certificates_panel_registered
from .renewal_support import expiring_certificate, expiring_template, refresher_course

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root", "certificates_panel_registered")]
__all__ = ["certificates_panel_registered"]
ALREADY = "You have already completed the refresher Ethics refresher, and a course renews a certificate only once."


def certificates_section(client) -> str:
    html = client.get("/my-learning/").content.decode()
    match = re.search(r'<section aria-labelledby="certificates-heading".*?</section>', html, re.S)
    assert match
    return match.group(0)


def reminder_body() -> str:
    expiry_reminders.owe_due()
    mail.outbox.clear()
    for pk in ExpiryReminder.objects.filter(sent_at__isnull=True).values_list("pk", flat=True):
        outbox.send(expiry_reminders.LETTER, pk)
    [message] = mail.outbox
    return message.body


def member_who_took(refresher):
    member = factories.MemberFactory()
    complete_course(member, refresher)
    return member


def test_a_completed_refresher_course_is_not_offered_and_the_cpd_route_is(client):
    refresher = refresher_course()
    member = member_who_took(refresher)
    certificate = expiring_certificate(member, expires_in=timedelta(days=20),
                                       template=expiring_template(refresher=refresher, by_cpd_cycle=True))
    assert renewal.spent_refreshers(member.pk, [refresher]) == {refresher.pk}
    client.force_login(certificate.member)

    section = certificates_section(client)
    body = reminder_body()

    assert f'href="{refresher.url}"' not in section and ALREADY in section
    assert "A CPD cycle that closes as met also renews it" in section
    assert refresher.full_url not in body and ALREADY in body and "/cpd/" in body


def test_without_another_route_the_member_is_told_to_contact_us(client):
    refresher = refresher_course()
    member = member_who_took(refresher)
    expiring_certificate(member, expires_in=timedelta(days=20), template=expiring_template(refresher=refresher))
    client.force_login(member)

    section = certificates_section(client)
    body = reminder_body()

    assert f'href="{refresher.url}"' not in section and ALREADY in section
    assert "no renewal route online; contact us" in section and "no renewal route online; contact us" in body


def test_a_member_who_has_not_taken_it_is_offered_it(client):
    refresher = refresher_course()
    certificate = expiring_certificate(expires_in=timedelta(days=20), template=expiring_template(refresher=refresher))
    assert renewal.spent_refreshers(certificate.member_id, [refresher]) == set()
    client.force_login(certificate.member)

    section = certificates_section(client)

    assert f'href="{refresher.url}"' in section and "already completed" not in section


def test_staff_choosing_a_refresher_are_told_a_course_renews_each_member_once(client):
    client.force_login(factories.StaffFactory())
    template = expiring_template()

    page = client.get(reverse("wagtailsnippets_certificates_certificatetemplate:edit", args=[template.pk]))

    assert "a course refresher renews each member once" in page.content.decode()
