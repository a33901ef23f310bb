"""The recommendations digest (courses/digest.py): who is due and when, what goes in it, each digest once however
the beat job runs, the member's switch read at send time, and the e-mail itself (both alternatives, one-click
unsubscribe, escaping, the member's language). Through PostgreSQL, the real outbox and, at the end, a real worker."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.core import mail
from django.utils import timezone
from wagtail.models import Page

from courses import digest as rules
from courses.models import Digest
from courses.tasks import send_digests
from lms import communication
from lms.models import CommunicationPreferences, DigestFrequency, EmailCategory
from lms.tasks import send_letter
from tests import factories
from tests.celery_worker import real_worker
from tests.concurrency import run_together
from tests.courses.journeys import enrol

pytestmark = pytest.mark.django_db

WEEKLY, MONTHLY = Digest.Frequency.WEEKLY, Digest.Frequency.MONTHLY


def at(text: str) -> datetime:
    return timezone.make_aware(datetime.fromisoformat(text))


def published_in(page, period_or_moment) -> None:
    """Say when the page was first published: an hour into a period, or at a given moment."""
    moment = getattr(period_or_moment, "starts_at", period_or_moment)
    if hasattr(period_or_moment, "starts_at"):
        moment += timedelta(hours=1)
    Page.objects.filter(pk=page.pk).update(first_published_at=moment)


def course(title, topics=(), **fields):
    return factories.build_offering(title=title, modules=1, lessons_per_module=1, topics=topics, **fields)


def member_with(frequency: str | None, topics=(), **fields):
    """A member interested in `topics` whose digest comes at `frequency` (None: never saved preferences)."""
    member = factories.MemberFactory(preferred_languages=["en"], **fields)
    member.interests.set(topics)
    if frequency is not None:
        CommunicationPreferences.objects.create(member=member, digest_frequency=frequency)
    return member


def digests(outbox) -> list:
    return [m for m in outbox if "match your interests" in m.subject or "matches your interests" in m.subject]


@pytest.fixture
def flow():
    return factories.TopicFactory(name="Flow metrics", slug="flow-metrics")


@pytest.fixture
def now():
    return timezone.now()


@pytest.fixture
def last_week(now):
    return rules.last_ended_period(WEEKLY, now)


@pytest.fixture
def last_month(now):
    return rules.last_ended_period(MONTHLY, now)


# ------------------------------------------------------------------------------------------- periods


@pytest.mark.parametrize(("moment", "first", "end"), [
    ("2026-12-07 00:00", "2026-11-30", "2026-12-07"),  # the first moment of a Monday: the week just ended
    ("2026-12-06 23:59", "2026-11-23", "2026-11-30"),  # Sunday night: the week before still
    ("2026-01-01 08:00", "2025-12-22", "2025-12-29"),
])
def test_a_weekly_digest_covers_the_last_whole_week_from_monday(moment, first, end):
    period = rules.last_ended_period(WEEKLY, at(moment))
    assert (str(period.start), str(period.end)) == (first, end)


@pytest.mark.parametrize(("moment", "first", "end"), [
    ("2026-12-01 00:00", "2026-11-01", "2026-12-01"),
    ("2026-11-30 23:59", "2026-10-01", "2026-11-01"),
    ("2026-01-15 12:00", "2025-12-01", "2026-01-01"),  # across the year
    ("2024-03-01 00:00", "2024-02-01", "2024-03-01"),  # a leap February
])
def test_a_monthly_digest_covers_the_last_calendar_month(moment, first, end):
    period = rules.last_ended_period(MONTHLY, at(moment))
    assert (str(period.start), str(period.end)) == (first, end)


def test_no_period_is_off():
    with pytest.raises(ValueError, match="off"):
        rules.last_ended_period(DigestFrequency.OFF, timezone.now())


# ------------------------------------------------------------------------------------------- who is due


def test_who_is_due_follows_their_frequency_and_interests(flow, last_week, last_month):
    weekly = member_with(WEEKLY, [flow])
    monthly = member_with(MONTHLY, [flow])
    by_default = member_with(None, [flow])  # never saved preferences: the default, monthly
    off = member_with(DigestFrequency.OFF, [flow])
    no_interests = member_with(WEEKLY)
    inactive = member_with(WEEKLY, [flow], is_active=False)

    assert list(rules.due_members(last_week)) == [weekly]
    assert list(rules.due_members(last_month)) == [monthly, by_default]
    assert {off, no_interests, inactive}.isdisjoint(
        set(rules.due_members(last_week)) | set(rules.due_members(last_month)))


def test_a_member_is_due_once_per_period_then_again_in_the_next(flow, now, last_week):
    member = member_with(WEEKLY, [flow])
    rules.owe(member, last_week, now)
    assert list(rules.due_members(last_week)) == []
    next_week = rules.last_ended_period(WEEKLY, now + timedelta(days=7))
    assert list(rules.due_members(next_week)) == [member]


def test_due_members_are_taken_in_bounded_batches(flow, last_week):
    members = [member_with(WEEKLY, [flow]) for _ in range(3)]
    assert list(rules.due_members(last_week, limit=2)) == members[:2]


# ------------------------------------------------------------------------------------------- what goes in


def test_new_offerings_matching_an_interest_go_in_and_others_stay_out(flow, now, last_week):
    member = member_with(WEEKLY, [flow])
    other = factories.TopicFactory(name="Portfolio management", slug="portfolio")
    published_in(course("Flow Basics", [flow]), last_week)
    published_in(course("Portfolio Kanban", [other]), last_week)  # not one of their interests
    published_in(course("Old Flow", [flow]), last_week.starts_at - timedelta(seconds=1))  # not new
    published_in(course("Next Week's Flow", [flow]), last_week.ends_at)  # after the period: the next digest's

    since, until = rules.window(member, last_week)
    found = rules.picks(member, since, until, now)

    assert [(p.title, p.reason) for p in found] == [("Flow Basics", "Matches your interest in Flow metrics")]


def test_what_the_member_took_and_events_they_cannot_register_for_stay_out(flow, now, last_week):
    member = member_with(WEEKLY, [flow])
    taken = course("Flow I Am Taking", [flow])
    enrol(member, taken)
    past = factories.build_event(title="Flow Retro", topics=[flow], sessions=[factories.session_spec(-2)])
    closed = factories.build_event(title="Flow Clinic", topics=[flow], sessions=[factories.session_spec(1)],
                                   registration_closes_minutes_before=3 * 24 * 60)
    open_event = factories.build_event(title="Flow Live", topics=[flow], sessions=[factories.session_spec(5)])
    for page in (taken, past, closed, open_event):
        published_in(page, last_week)

    found = rules.picks(member, *rules.window(member, last_week), now)

    assert [p.title for p in found] == ["Flow Live"]


def test_the_next_digest_starts_where_the_previous_one_ended(flow, now):
    member = member_with(WEEKLY, [flow])
    earlier = rules.last_ended_period(WEEKLY, now - timedelta(days=7))
    later = rules.last_ended_period(WEEKLY, now)
    Digest.objects.create(member=member, frequency=WEEKLY, period_start=earlier.start,
                          since=earlier.starts_at, until=later.starts_at + timedelta(days=2))  # ran long
    published_in(course("Told Last Time", [flow]), later.starts_at + timedelta(days=1))
    published_in(course("New Since", [flow]), later.starts_at + timedelta(days=3))

    assert [p.title for p in rules.picks(member, *rules.window(member, later), now)] == ["New Since"]


def test_a_digest_holds_at_most_eight_offerings(flow, now, last_week):
    member = member_with(WEEKLY, [flow])
    for n in range(rules.MAX_ITEMS + 3):
        published_in(course(f"Flow {n:02}", [flow]), last_week)
    assert len(rules.picks(member, *rules.window(member, last_week), now)) == rules.MAX_ITEMS


def test_nothing_new_owes_no_email(flow, now, last_week, mailoutbox, django_capture_on_commit_callbacks):
    member_with(WEEKLY, [flow])
    with django_capture_on_commit_callbacks(execute=True):
        assert rules.owe_due(now) == 0
    assert digests(mailoutbox) == []
    # The period is recorded as done, empty, so the member is not looked at again until the next one.
    assert list(Digest.objects.values_list("item_count", "sent_at")) == [(0, None)]
    assert list(rules.due_members(last_week)) == []


# ------------------------------------------------------------------------------------------- once each


def test_running_the_beat_job_twice_sends_each_digest_once(flow, last_week, last_month, mailoutbox):
    weekly, monthly = member_with(WEEKLY, [flow]), member_with(None, [flow])
    published_in(course("Flow This Week", [flow]), last_week)
    published_in(course("Flow This Month", [flow]), last_month)

    first, second = send_digests(), send_digests()

    assert (first, second) == (2, 0)
    assert sorted(m.to[0] for m in digests(mailoutbox)) == sorted([weekly.email, monthly.email])
    assert not Digest.objects.filter(sent_at__isnull=True).exists()


@pytest.mark.django_db(transaction=True)
def test_two_beat_jobs_at_once_owe_one_digest_per_member(flow, now, last_week, mailoutbox):
    members = [member_with(WEEKLY, [flow]) for _ in range(3)]
    published_in(course("Flow Basics", [flow]), last_week)

    owed = run_together(2, lambda _i: rules.owe_due(now))

    assert sum(owed) == 3
    assert Digest.objects.filter(frequency=WEEKLY, period_start=last_week.start).count() == 3
    assert sorted(m.to[0] for m in digests(mailoutbox)) == sorted(m.email for m in members)


def test_turning_the_digest_off_after_it_was_owed_sends_nothing(flow, now, last_week, mailoutbox,
                                                                django_capture_on_commit_callbacks):
    member = member_with(WEEKLY, [flow])
    published_in(course("Flow Basics", [flow]), last_week)
    with django_capture_on_commit_callbacks(execute=False):  # owed; its task not run yet
        digest = rules.owe(member, last_week, now)
    communication.turn_off(member, EmailCategory.RECOMMENDATIONS)

    send_digests()

    assert digests(mailoutbox) == []
    digest.refresh_from_db()
    assert digest.sent_at is not None  # settled as moot: the sweep leaves it


def test_a_digest_whose_offerings_were_all_taken_meanwhile_is_moot(flow, now, last_week, mailoutbox,
                                                                   django_capture_on_commit_callbacks):
    member = member_with(WEEKLY, [flow])
    offering = course("Flow Basics", [flow])
    published_in(offering, last_week)
    with django_capture_on_commit_callbacks(execute=False):
        rules.owe(member, last_week, now)
    enrol(member, offering)

    send_digests()

    assert digests(mailoutbox) == []


# ------------------------------------------------------------------------------------------- the e-mail


def test_the_digest_has_both_alternatives_unsubscribe_headers_and_absolute_links(flow, last_week, mailoutbox,
                                                                               settings):
    settings.WAGTAILADMIN_BASE_URL = "https://learning.example.org"
    member = member_with(WEEKLY, [flow], first_name="Ana")
    offering = course("Flow Basics", [flow])
    published_in(offering, last_week)

    send_digests()

    [message] = digests(mailoutbox)
    assert message.to == [member.email]
    assert message.subject == "1 new offering that matches your interests"
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    for body in (message.body, html):
        assert "Flow Basics" in body and "Matches your interest in Flow metrics" in body
        assert "Hello Ana," in body
    assert offering.get_url() and f"https://learning.example.org{offering.get_url()}" in message.body
    assert f'href="https://learning.example.org{offering.get_url()}"' in html
    assert message.extra_headers["List-Unsubscribe"].startswith("<https://learning.example.org/accounts/")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "Unsubscribe" in html and "Unsubscribe with one click" in message.body


def test_titles_are_escaped_for_html_and_left_as_written_in_text(mailoutbox):
    topic = factories.TopicFactory(name="Dev & Ops", slug="dev-ops")
    member_with(WEEKLY, [topic])
    title = "Members' <Flow> & Friends"
    published_in(course(title, [topic]), rules.last_ended_period(WEEKLY, timezone.now()))

    send_digests()

    [message] = digests(mailoutbox)
    html = message.alternatives[0][0]
    assert title in message.body and "Matches your interest in Dev & Ops" in message.body
    assert "&amp;amp;" not in message.body and "&#x27;" not in message.body
    assert "Members&#x27; &lt;Flow&gt; &amp; Friends" in html and "<Flow>" not in html
    assert "Dev &amp; Ops" in html and "&amp;amp;" not in html


def test_the_digest_is_written_in_the_members_language(flow, last_month, mailoutbox, settings):
    settings.INTERFACE_LANGUAGES = ["en", "de"]  # the site's words in German, so German members read German dates
    german = member_with(MONTHLY, [flow], email="de@example.org")
    german.preferred_languages = ["de", "en"]
    german.save(update_fields=["preferred_languages"])
    published_in(course("Flow Basics", [flow]), last_month)

    send_digests()

    [message] = digests(mailoutbox)
    html = message.alternatives[0][0]
    month = {1: "Januar", 2: "Februar", 3: "März", 4: "April", 5: "Mai", 6: "Juni", 7: "Juli", 8: "August",
             9: "September", 10: "Oktober", 11: "November", 12: "Dezember"}[last_month.start.month]
    assert month in message.body and month in html
    assert '<html lang="de" dir="ltr">' in html


# ------------------------------------------------------------------------------------------- a real worker


@pytest.fixture
def digest_worker(transactional_db):
    with real_worker(send_letter, rules.LETTER) as worker:
        yield worker


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_running_the_beat_job_twice_sends_each_digest_once(digest_worker, flow):
    members = [member_with(WEEKLY, [flow]) for _ in range(2)]
    published_in(course("Flow Basics", [flow]), rules.last_ended_period(WEEKLY, timezone.now()))

    owed = [digest_worker.result(send_digests.delay().id) for _ in range(2)]
    outcomes = [digest_worker.result(task_id) for task_id in digest_worker.published]

    assert owed == [2, 0]
    assert outcomes.count(True) == 2
    assert sorted(m.to[0] for m in digests(mail.outbox)) == sorted(m.email for m in members)
    assert Digest.objects.filter(sent_at__isnull=False).count() == 2
