"""The outbox sends every owed e-mail exactly once: a claim is a lease, so a worker killed between claiming and
sending loses nothing (the sweep sends it once the lease runs out), and racing senders still send one e-mail."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone

from courses.letters import COMPLETION
from courses.models import Enrolment
from lms import outbox
from lms.celery import app
from lms.tasks import send_letter, sweep_outbox
from tests import factories
from tests.concurrency import run_together


def completed_an_hour_ago(member=None) -> Enrolment:
    """A completion whose own announcement never ran (as when the broker was down)."""
    return Enrolment.objects.create(member=member or factories.MemberFactory(),
                                    offering=factories.build_offering(title="Lean Flow", modules=1,
                                                                      lessons_per_module=1),
                                    completed_at=timezone.now() - timedelta(hours=1), credited_title="Lean Flow")


def congratulations() -> list:
    return [message for message in mail.outbox if message.subject.startswith("You completed ")]


def test_every_package_registers_its_letters_and_the_beat_sweeps_them():
    assert outbox.registered() == ["certificates.expiry_reminder", "certificates.issued", "certificates.revoked",
                                   "courses.completion", "courses.digest", "courses.evaluation_follow_up",
                                   "courses.evaluation_invitation", "courses.registration_notice",
                                   "cpd.audit_request", "cpd.cycle_outcome", "cpd.cycle_reminder", "lms.onboarding",
                                   "mentoring.notice"]
    entry = settings.CELERY_BEAT_SCHEDULE["outbox-sweep"]
    assert entry["task"] == sweep_outbox.name and entry["task"] in app.tasks


def test_an_unknown_letter_is_refused_when_announced_not_later_in_a_worker():
    with pytest.raises(LookupError):
        outbox.announce("courses.postcard", 1)


@pytest.mark.django_db
def test_a_worker_killed_between_claim_and_send_loses_no_email(mailoutbox):
    enrolment = completed_an_hour_ago()
    killed_at = timezone.now() - outbox.LEASE - timedelta(minutes=1)

    # A worker claims the letter, then dies before sending: nothing went, the claim stays behind.
    assert outbox.claim(COMPLETION, enrolment.pk, now=killed_at) is True
    assert congratulations() == []

    # While its lease runs, nobody else sends: neither the sweep nor a duplicate task.
    assert outbox.sweep([COMPLETION], now=killed_at + timedelta(minutes=1)) == {COMPLETION: 0}
    assert outbox.send(COMPLETION, enrolment.pk, now=killed_at + outbox.LEASE - timedelta(seconds=1)) is False
    assert congratulations() == []

    # Once the lease has run out, the sweep sends it, exactly once however often it runs.
    assert sweep_outbox()[COMPLETION] == 1
    assert sweep_outbox()[COMPLETION] == 0
    assert send_letter.delay(COMPLETION, enrolment.pk).get() is False
    assert [m.to for m in congratulations()] == [[enrolment.member.email]]
    enrolment.refresh_from_db()
    assert enrolment.completion_notified_at is not None and enrolment.completion_claimed_until is None


@pytest.mark.django_db
def test_of_two_claims_only_the_first_gets_the_letter():
    enrolment = completed_an_hour_ago()
    assert outbox.claim(COMPLETION, enrolment.pk) is True
    assert outbox.claim(COMPLETION, enrolment.pk) is False


@pytest.mark.django_db
def test_nothing_is_claimed_or_sent_for_a_row_that_does_not_owe_the_letter(mailoutbox):
    enrolment = completed_an_hour_ago()
    Enrolment.objects.filter(pk=enrolment.pk).update(completed_at=None)
    assert outbox.claim(COMPLETION, enrolment.pk) is False
    assert outbox.sweep([COMPLETION]) == {COMPLETION: 0}
    assert mailoutbox == []


@pytest.mark.django_db(transaction=True)
def test_senders_racing_on_postgresql_send_one_email():
    enrolment = completed_an_hour_ago()

    outcomes = run_together(6, lambda _index: outbox.send(COMPLETION, enrolment.pk))

    assert outcomes.count(True) == 1 and outcomes.count(False) == 5
    assert [m.to for m in congratulations()] == [[enrolment.member.email]]
