"""Expiry reminders (certificates/expiry_reminders.py): 90, 30 and 7 days before a standing certificate expires,
each owed once per version and sent once by the outbox, in the holder's language, naming the renewal route; none
for a revoked or renewed certificate; optional, with a one-click unsubscribe."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from certificates import expiry_reminders, issuance, renewal
from certificates.models import ExpiryReminder
from certificates.tasks import send_expiry_reminders
from lms import communication, outbox
from lms.models import EmailCategory
from lms.tasks import send_letter
from tests.celery_worker import real_worker

from .renewal_support import expiring_certificate, expiring_template, refresher_course

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]

LETTER = expiry_reminders.LETTER


def owed_days(certificate) -> list[int]:
    return sorted(ExpiryReminder.objects.filter(certificate=certificate).values_list("days_before", flat=True))


def send_all() -> list:
    mail.outbox.clear()
    for pk in ExpiryReminder.objects.filter(sent_at__isnull=True).values_list("pk", flat=True):
        outbox.send(LETTER, pk)
    return list(mail.outbox)


def test_each_threshold_is_owed_once_as_it_falls_due():
    certificate = expiring_certificate(expires_in=timedelta(days=100))
    expires = certificate.expires_at

    assert expiry_reminders.owe_due(expires - timedelta(days=91)) == 0
    for days in (90, 30, 7):
        moment = expires - timedelta(days=days) + timedelta(hours=1)
        assert expiry_reminders.owe_due(moment) == 1
        assert expiry_reminders.owe_due(moment) == 0  # the job again: nothing new
    assert owed_days(certificate) == [7, 30, 90]
    assert expiry_reminders.owe_due(expires + timedelta(hours=1)) == 0  # expired: nothing more


def test_a_job_that_runs_late_owes_only_the_nearest_threshold():
    certificate = expiring_certificate(expires_in=timedelta(days=20))

    assert expiry_reminders.owe_due() == 1

    assert owed_days(certificate) == [30]


def test_the_reminder_names_the_refresher_and_the_cpd_route_and_can_be_turned_off():
    refresher = refresher_course()
    certificate = expiring_certificate(expires_in=timedelta(days=25),
                                       template=expiring_template(refresher=refresher, by_cpd_cycle=True))
    expiry_reminders.owe_due()

    [message] = send_all()

    assert message.to == [certificate.member.email]
    assert message.subject.startswith("Your certificate for Research Integrity in Practice expires on ")
    assert "complete the refresher Ethics refresher" in message.body
    assert f"{refresher.full_url}" in message.body
    assert "A CPD cycle that closes as met also renews it" in message.body and "/cpd/" in message.body
    assert "you can still renew it for 90 days afterwards" in message.body
    assert "List-Unsubscribe" in message.extra_headers
    assert "“Certificate renewal reminders” is on" in message.body


def test_a_member_who_turned_renewal_reminders_off_gets_none():
    certificate = expiring_certificate(expires_in=timedelta(days=25))
    communication.turn_off(certificate.member, EmailCategory.RENEWALS)
    expiry_reminders.owe_due()

    assert send_all() == []
    assert ExpiryReminder.objects.get(certificate=certificate).sent_at is not None  # settled, not retried


def test_the_reminder_is_written_in_the_holders_language():
    certificate = expiring_certificate(expires_in=timedelta(days=25))
    member = certificate.member
    member.site_language = "es"
    member.save(update_fields=["site_language"])
    expiry_reminders.owe_due()

    [message] = send_all()

    assert message.subject.startswith("Su certificado")


def test_no_reminder_for_a_revoked_certificate_and_an_owed_one_becomes_moot(staff):
    revoked = expiring_certificate(expires_in=timedelta(days=25))
    issuance.revoke(revoked, "Issued in error", by=staff, notify=False)
    assert expiry_reminders.owe_due() == 0

    later = expiring_certificate(expires_in=timedelta(days=25))
    expiry_reminders.owe_due()
    issuance.revoke(later, "Issued in error", by=staff, notify=False)
    assert send_all() == []


def test_no_reminder_after_renewal_and_the_new_version_starts_afresh():
    refresher = refresher_course()
    old = expiring_certificate(expires_in=timedelta(days=25), template=expiring_template(refresher=refresher))
    expiry_reminders.owe_due()
    [new] = renewal.renew_for_refresher(old.member_id, refresher, timezone.now())

    assert send_all() == []  # the owed reminder of the replaced version is moot
    assert expiry_reminders.owe_due() == 0  # the new version expires in three years
    assert expiry_reminders.owe_due(new.expires_at - timedelta(days=89)) == 1
    assert owed_days(new) == [90]


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_the_beat_job_twice_on_a_real_worker_sends_each_reminder_once():
    certificates = [expiring_certificate(expires_in=timedelta(days=6)) for _ in range(2)]
    mail.outbox.clear()

    with real_worker(send_letter, LETTER) as worker:
        owed = [worker.result(send_expiry_reminders.delay().id) for _ in range(2)]
        outcomes = [worker.result(task_id) for task_id in worker.published]

    assert owed == [2, 0]
    assert outcomes.count(True) == 2
    reminders = [m for m in mail.outbox if "expires on" in m.subject]
    assert sorted(m.to[0] for m in reminders) == sorted(c.member.email for c in certificates)
    assert ExpiryReminder.objects.filter(sent_at__isnull=False, days_before=7).count() == 2
