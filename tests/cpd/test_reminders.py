"""Cycle reminders and outcomes (certificates/cpd/reminders.py, letters.py): a reminder 6, 3 and 1 month before the
end, each owed once and only while the cycle is short, in the member's language with a link to their CPD page and
one-click unsubscribe; none to a member who has met the cycle, even one owed before they met it; the outcome once
the cycle closes, met or short with the hours, sent even to a member who turned reminders off."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from certificates.cpd import cycles, reminders
from certificates.cpd.models import Cycle, CycleLetter, ExternalActivity
from certificates.cpd.progress import add_months
from lms import communication, outbox
from lms.models import EmailCategory

from .factories import activity, member_joined, scheme

pytestmark = pytest.mark.django_db
Kind = CycleLetter.Kind


def cycle_ending(member, practitioner, ends_on) -> Cycle:
    return Cycle.objects.create(member=member, scheme=practitioner, starts_on=add_months(ends_on, -36), ends_on=ends_on)


def owe(django_capture_on_commit_callbacks, **kwargs) -> int:
    with django_capture_on_commit_callbacks(execute=True):
        return reminders.owe_cycle_letters(**kwargs)


def test_each_reminder_is_owed_once_at_its_threshold_while_the_cycle_is_short(mailoutbox,
                                                                               django_capture_on_commit_callbacks):
    today = timezone.localdate()
    practitioner = scheme()
    member = member_joined(today - timedelta(days=900))
    cycle = cycle_ending(member, practitioner, add_months(today, 6))
    activity(member, hours="10", category="general", day=today - timedelta(days=30),
             status=ExternalActivity.Status.APPROVED)

    assert owe(django_capture_on_commit_callbacks, today=today - timedelta(days=1)) == 0  # not yet six months
    assert owe(django_capture_on_commit_callbacks, today=today) == 1
    assert owe(django_capture_on_commit_callbacks, today=today) == 0  # owed once however often the job runs
    assert owe(django_capture_on_commit_callbacks, today=add_months(cycle.ends_on, -3)) == 1
    assert owe(django_capture_on_commit_callbacks, today=add_months(cycle.ends_on, -1)) == 1
    assert owe(django_capture_on_commit_callbacks, today=add_months(cycle.ends_on, -1)) == 0
    assert sorted(CycleLetter.objects.filter(cycle=cycle).values_list("kind", flat=True)) == ["1m", "3m", "6m"]

    assert len(mailoutbox) == 3 and all(m.to == [member.email] for m in mailoutbox)
    letter = mailoutbox[0]
    ends = cycle.last_day
    assert "VSMC Practitioner CPD: hours still needed by" in letter.subject
    assert ("You have 10 CPD hours of the 60 CPD hours required, so 50 CPD hours are still needed by then."
            in letter.body)
    assert "- Ethics / responsible conduct of research: 6 CPD hours" in letter.body  # its minimum is not reached
    assert "http://127.0.0.1:8000/cpd/" in letter.body
    assert str(ends.year) in letter.subject
    assert letter.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_a_cycle_first_read_late_gets_only_the_nearest_reminder(mailoutbox, django_capture_on_commit_callbacks):
    today = timezone.localdate()
    member = member_joined(today - timedelta(days=900))
    cycle_ending(member, scheme(), add_months(today, 2))
    assert owe(django_capture_on_commit_callbacks, today=today) == 1
    assert list(CycleLetter.objects.values_list("kind", flat=True)) == [Kind.THREE_MONTHS]


def test_no_reminder_to_a_member_who_has_met_the_cycle(mailoutbox, django_capture_on_commit_callbacks):
    today = timezone.localdate()
    member = member_joined(today - timedelta(days=900))
    cycle_ending(member, scheme(required="10", ethics_min=None), add_months(today, 3))
    activity(member, hours="12", day=today - timedelta(days=5), status=ExternalActivity.Status.APPROVED)
    assert owe(django_capture_on_commit_callbacks, today=today) == 0
    assert not CycleLetter.objects.exists() and not mailoutbox


def test_a_member_who_meets_the_cycle_before_the_reminder_goes_gets_none(mailoutbox):
    today = timezone.localdate()
    member = member_joined(today - timedelta(days=900))
    cycle = cycle_ending(member, scheme(required="10", ethics_min=None), add_months(today, 1))
    reminders.owe_cycle_letters(today=today)  # owed; its send is not run (the captured commit is dropped)
    letter = CycleLetter.objects.get(cycle=cycle)
    activity(member, hours="12", day=today - timedelta(days=5), status=ExternalActivity.Status.APPROVED)

    assert outbox.send(reminders.REMINDER, letter.pk) is False
    letter.refresh_from_db()
    assert letter.sent_at is not None and not mailoutbox  # settled as moot: the sweep leaves it too


def test_the_reminder_is_in_the_members_language(mailoutbox, django_capture_on_commit_callbacks):
    today = timezone.localdate()
    member = member_joined(today - timedelta(days=900), site_language="es")
    cycle_ending(member, scheme(), add_months(today, 1))
    owe(django_capture_on_commit_callbacks, today=today)
    (letter,) = mailoutbox
    assert "horas" in letter.subject and "Hola" in letter.body
    assert "/es/cpd/" in letter.body
    assert "hours still needed" not in letter.subject


def test_a_member_who_turned_cpd_reminders_off_gets_none_but_still_gets_the_outcome(
        mailoutbox, django_capture_on_commit_callbacks):
    today = timezone.localdate()
    member = member_joined(today - timedelta(days=900))
    practitioner = scheme()
    current = cycle_ending(member, practitioner, add_months(today, 1))
    communication.turn_off(member, EmailCategory.CPD)
    assert owe(django_capture_on_commit_callbacks, today=today) == 1
    assert not mailoutbox  # owed, then settled unsent at send time

    ended = Cycle.objects.create(member=member, scheme=practitioner, starts_on=add_months(current.starts_on, -36),
                                 ends_on=current.starts_on)  # the cycle before the current one
    cycles.close(ended, today)
    assert owe(django_capture_on_commit_callbacks, today=today) == 1
    (outcome,) = mailoutbox
    assert outcome.subject == "VSMC Practitioner CPD: cycle closed short"
    assert "closed short: 0 CPD hours counted of the 60 CPD hours required" in outcome.body
    assert "List-Unsubscribe" not in outcome.extra_headers  # transactional


def test_the_outcome_of_a_met_cycle_is_owed_once_with_its_hours(mailoutbox, django_capture_on_commit_callbacks):
    today = timezone.localdate()
    member = member_joined(today - timedelta(days=900))
    ended = Cycle.objects.create(member=member, scheme=scheme(required="5", ethics_min=None),
                                 starts_on=today - timedelta(days=400), ends_on=today - timedelta(days=10))
    activity(member, hours="7.5", day=today - timedelta(days=100), status=ExternalActivity.Status.APPROVED)
    cycles.close(ended, today)
    assert owe(django_capture_on_commit_callbacks, today=today) == 1
    assert owe(django_capture_on_commit_callbacks, today=today) == 0
    (outcome,) = mailoutbox
    assert outcome.subject == "VSMC Practitioner CPD: cycle met"
    assert "you met it, with 7.5 CPD hours counted of the 5 CPD hours required" in outcome.body
    assert Cycle.objects.get(pk=ended.pk).counted_hours == Decimal("7.5")


def test_no_outcome_for_cycles_closed_long_ago(mailoutbox, django_capture_on_commit_callbacks):
    today = timezone.localdate()
    member = member_joined(today - timedelta(days=900))
    ended = Cycle.objects.create(member=member, scheme=scheme(), starts_on=today - timedelta(days=2000),
                                 ends_on=today - timedelta(days=1000))
    cycles.close(ended, today)
    Cycle.objects.filter(pk=ended.pk).update(closed_at=timezone.now() - timedelta(days=200))
    assert owe(django_capture_on_commit_callbacks, today=today) == 0


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_the_beat_job_owes_a_reminder_once_on_a_real_worker_and_the_outbox_sends_it_once(mailoutbox):
    from django.conf import settings

    from certificates.cpd.tasks import owe_cycle_letters
    from lms.tasks import send_letter
    from tests.celery_worker import real_worker

    assert settings.CELERY_BEAT_SCHEDULE["cpd-cycle-letters"]["task"] == "certificates.cpd.tasks.owe_cycle_letters"
    today = timezone.localdate()
    member = member_joined(today - timedelta(days=900))
    cycle_ending(member, scheme(), add_months(today, 3))
    with real_worker(send_letter, reminders.REMINDER) as worker:
        owed = [worker.result(task_id) for task_id in [owe_cycle_letters.delay().id for _ in range(2)]]
        sent = [worker.result(task_id) for task_id in list(worker.published)]
    assert sorted(owed) == [0, 1] and sent == [True]
    assert [m.to for m in mailoutbox] == [[member.email]]
    assert CycleLetter.objects.get().sent_at is not None


def test_no_reminder_for_a_cycle_whose_member_left_the_scheme(mailoutbox, django_capture_on_commit_callbacks):
    """A revoked holder and a member whose tier changed keep their open cycles as records but are owed no reminder;
    a holder still under the scheme is."""
    from certificates import issuance
    from lms.models import MembershipTier
    from tests import factories
    from tests.certificates.renewal_support import expiring_template

    from .factories import earn, holders_scheme

    today = timezone.localdate()
    credential = expiring_template()
    for_holders = holders_scheme(credential, name="Holders CPD")
    for_professionals = scheme("Professionals CPD", tiers=[MembershipTier.PROFESSIONAL])
    kept, revoked = factories.MemberFactory(), factories.MemberFactory()
    earn(kept, credential, days_ago=300)
    issuance.revoke(earn(revoked, credential, days_ago=300), "Issued in error",
                    by=factories.MemberFactory(is_staff=True), notify=False)
    moved = factories.MemberFactory(membership_tier=MembershipTier.STUDENT)
    for member, of in ((kept, for_holders), (revoked, for_holders), (moved, for_professionals)):
        cycle_ending(member, of, add_months(today, 1))

    assert owe(django_capture_on_commit_callbacks, today=today) == 1
    assert [m.to for m in mailoutbox] == [[kept.email]]
    assert Cycle.objects.filter(member__in=[revoked, moved], status=Cycle.Status.OPEN).count() == 2  # kept


def test_a_reminder_owed_before_the_member_left_the_scheme_is_moot(mailoutbox, django_capture_on_commit_callbacks):
    from lms.models import MembershipTier
    from tests import factories

    today = timezone.localdate()
    member = factories.MemberFactory(membership_tier=MembershipTier.PROFESSIONAL)
    cycle = cycle_ending(member, scheme("Professionals CPD", tiers=[MembershipTier.PROFESSIONAL]),
                         add_months(today, 1))
    reminders.owe_cycle_letters(today=today)
    letter = CycleLetter.objects.get(cycle=cycle)
    assert not reminders.reminder_is_moot(letter)
    member.membership_tier = MembershipTier.STUDENT
    member.save(update_fields=["membership_tier"])
    assert reminders.reminder_is_moot(CycleLetter.objects.get(pk=letter.pk))
