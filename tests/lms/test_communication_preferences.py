"""Communication preferences: the member chooses the optional e-mails on their own page; the outbox settles an
opted-out letter without sending it and still sends every transactional one; every optional e-mail carries RFC 8058
one-click unsubscribe, whose POST (no cookie, no CSRF token) turns the category off at once while GET changes
nothing and a tampered, expired or cut link is refused."""

from __future__ import annotations

import json
import time
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.test import Client
from django.urls import reverse

from courses.events import registration as registration_rules
from courses.events.registration_notices import LETTER as REGISTRATION_LETTER
from courses.events.registration_notices import create_due_reminders
from courses.models import RegistrationNotice
from lms import communication, outbox, unsubscribe
from lms.models import CommunicationPreferences, DigestFrequency, EmailCategory
from mentoring import notices as mentoring_notices
from mentoring.models import MentoringNotice
from tests.factories import MemberFactory, build_event, session_spec, sessions_of
from tests.mentoring.test_notices import started_mentorship

pytestmark = pytest.mark.django_db

Kind = RegistrationNotice.Kind
PREFERENCES = "/accounts/email-preferences/"


def registered_with_reminder_due(member) -> tuple[RegistrationNotice, RegistrationNotice]:
    """A member's confirmation notice and their day-before reminder, both owed and unsent."""
    session = sessions_of(build_event(title="Flow Clinic", sessions=[session_spec(7, capacity=5)]))[0]
    registration_rules.register(member, session)
    create_due_reminders(session.starts_at - timedelta(hours=23))
    notices = RegistrationNotice.objects.filter(registration__member=member)
    return notices.get(kind=Kind.CONFIRMED), notices.get(kind=Kind.REMINDER_24H)


def one_click_path(message) -> str:
    header = message.extra_headers["List-Unsubscribe"]
    assert header.startswith("<") and header.endswith(">")
    return urlsplit(header[1:-1]).path


# ------------------------------------------------------------------------------------------- the preferences page


def test_the_page_shows_the_defaults_and_saves_the_members_choice(client, learner):
    client.force_login(learner)
    page = client.get(PREFERENCES)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="reminders"' in html and 'name="digest_frequency"' in html and "csrfmiddlewaretoken" in html
    assert not CommunicationPreferences.objects.exists(), "looking saves nothing"

    saved = client.post(PREFERENCES, {"mentoring": "on", "campaigns": "on", "digest_frequency": "weekly"})

    assert saved.status_code == 302 and saved["Location"] == PREFERENCES
    stored = CommunicationPreferences.objects.get(member=learner)
    assert (stored.reminders, stored.mentoring, stored.campaigns) == (False, True, True)
    assert communication.digest_frequency(learner) == DigestFrequency.WEEKLY
    assert not communication.wants(learner, EmailCategory.REMINDERS)
    assert communication.wants(learner, EmailCategory.RECOMMENDATIONS)
    assert "Your e-mail preferences were saved." in client.get(PREFERENCES).content.decode()


def test_a_frequency_the_page_does_not_offer_is_refused_and_nothing_is_saved(client, learner):
    client.force_login(learner)
    answer = client.post(PREFERENCES, {"digest_frequency": "hourly", "campaigns": "on"})
    assert answer.status_code == 400
    assert "Select a valid choice" in answer.content.decode()
    assert not CommunicationPreferences.objects.exists()
    assert communication.wants(learner, EmailCategory.REMINDERS)


def test_the_page_is_each_members_own_and_asks_visitors_to_sign_in(client, learner):
    other = MemberFactory()
    client.force_login(other)
    client.post(PREFERENCES, {"digest_frequency": "off"})
    assert communication.digest_frequency(other) == DigestFrequency.OFF
    assert communication.digest_frequency(learner) == DigestFrequency.MONTHLY
    client.logout()
    assert client.get(PREFERENCES)["Location"].startswith(reverse("account_login"))


def test_the_profile_links_to_the_preferences(client, learner):
    client.force_login(learner)
    assert f'href="{PREFERENCES}"' in client.get(reverse("lms:profile")).content.decode()


# ------------------------------------------------------------------------------------------- the outbox


def test_an_opted_out_reminder_is_settled_unsent_and_the_confirmation_still_goes(mailoutbox, learner):
    confirmation, reminder = registered_with_reminder_due(learner)
    communication.turn_off(learner, EmailCategory.REMINDERS)

    assert outbox.send(REGISTRATION_LETTER, reminder.pk) is False
    assert outbox.send(REGISTRATION_LETTER, confirmation.pk) is True

    assert [m.subject for m in mailoutbox] == ["You are registered: Flow Clinic"]
    assert "List-Unsubscribe" not in mailoutbox[0].extra_headers, "a confirmation is transactional"
    assert "unsubscribe" not in mailoutbox[0].body.lower()
    reminder.refresh_from_db()
    assert reminder.sent_at is not None and reminder.claimed_until is None
    assert outbox.sweep([REGISTRATION_LETTER]) == {REGISTRATION_LETTER: 0}, "settled once: the sweep leaves it"


def test_a_wanted_reminder_carries_one_click_unsubscribe_headers_and_a_visible_link(mailoutbox, learner, settings):
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8765"  # as `PORT=8765 make run` serves it
    _confirmation, reminder = registered_with_reminder_due(learner)

    assert outbox.send(REGISTRATION_LETTER, reminder.pk) is True

    (message,) = mailoutbox
    assert message.subject == "Tomorrow: Flow Clinic"
    link = message.extra_headers["List-Unsubscribe"][1:-1]
    assert link.startswith("http://127.0.0.1:8765/accounts/unsubscribe/")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    written = message.message()
    assert written["List-Unsubscribe"] == f"<{link}>"
    assert written["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert f"Unsubscribe with one click: {link}" in message.body
    assert "http://127.0.0.1:8765" + PREFERENCES in message.body
    assert "“Event reminders” is on" in message.body


def test_an_opted_out_mentoring_reminder_is_not_sent_but_a_mentoring_match_is(mailoutbox):
    mentorship = started_mentorship(15)
    mentee = mentorship.mentee
    communication.turn_off(mentee, EmailCategory.MENTORING)
    MentoringNotice.objects.all().delete()
    mentoring_notices.create_due_reminders()

    for notice in MentoringNotice.objects.all():
        outbox.send(mentoring_notices.LETTER, notice.pk)
    assert [m.to for m in mailoutbox] == [[mentorship.mentor.email]]
    assert "List-Unsubscribe" in mailoutbox[0].extra_headers

    mailoutbox.clear()
    confirmed = mentoring_notices.owe(mentee, MentoringNotice.Kind.MATCH_CONFIRMED, mentorship=mentorship)
    assert outbox.send(mentoring_notices.LETTER, confirmed.pk) is True
    assert [m.to for m in mailoutbox] == [[mentee.email]]
    assert "List-Unsubscribe" not in mailoutbox[0].extra_headers


def test_every_letter_that_can_be_optional_says_who_decides():
    for name in outbox.registered():
        spec = outbox.letter(name)
        assert spec.category is outbox.transactional or spec.recipient is not None, name
    with pytest.raises(ValueError, match="recipient"):
        outbox.Letter(name="x.y", model="lms.Member", sent_field="a", claim_field="b", write=lambda row: None,
                      category=lambda row: EmailCategory.CAMPAIGNS)


def test_the_unsubscribe_line_goes_into_the_html_alternative_too(learner):
    message = EmailMultiAlternatives("News", "Hello.\n", None, [learner.email])
    message.attach_alternative("<html><body><p>Hello &amp; welcome.</p></body></html>", "text/html")

    unsubscribe.offer(message, learner, EmailCategory.CAMPAIGNS)

    html = message.alternatives[0].content
    assert html.startswith("<html><body><p>Hello &amp; welcome.</p><hr><p>") and html.endswith("</p></body></html>")
    link = message.extra_headers["List-Unsubscribe"][1:-1]
    assert f'<a href="{link}">Unsubscribe</a>' in html
    assert "“Campaign news” is on" in html and f"Unsubscribe with one click: {link}" in message.body
    assert message.alternatives[0].mimetype == "text/html"


# ------------------------------------------------------------------------------------------- one click


def test_the_one_click_post_turns_the_category_off_without_cookie_or_csrf_token(mailoutbox, learner):
    _confirmation, reminder = registered_with_reminder_due(learner)
    outbox.send(REGISTRATION_LETTER, reminder.pk)
    path = one_click_path(mailoutbox[0])
    mail_program = Client(enforce_csrf_checks=True)

    answer = mail_program.post(path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded")

    assert answer.status_code == 200 and not answer.cookies.get("csrftoken")
    assert "You are unsubscribed" in answer.content.decode()
    assert not communication.wants(learner, EmailCategory.REMINDERS)
    assert communication.wants(learner, EmailCategory.MENTORING), "only the one category"
    assert mail_program.post(path, {"List-Unsubscribe": "One-Click"}).status_code == 200, "twice is still off"
    assert not communication.wants(learner, EmailCategory.REMINDERS)


def test_opening_the_link_changes_nothing_and_offers_a_button(learner):
    path = urlsplit(unsubscribe.url(learner, EmailCategory.CAMPAIGNS)).path
    for _scan in range(2):
        page = Client().get(path)
        assert page.status_code == 200
    html = page.content.decode()
    assert 'method="post"' in html and 'name="List-Unsubscribe" value="One-Click"' in html
    assert "Unsubscribe from “Campaign news”?" in html
    assert communication.wants(learner, EmailCategory.CAMPAIGNS) and not CommunicationPreferences.objects.exists()


def test_the_digest_link_turns_the_digest_off(learner):
    path = urlsplit(unsubscribe.url(learner, EmailCategory.RECOMMENDATIONS)).path
    assert Client().post(path, {"List-Unsubscribe": "One-Click"}).status_code == 200
    assert communication.digest_frequency(learner) == DigestFrequency.OFF


def test_a_post_without_the_one_click_body_changes_nothing(learner):
    path = urlsplit(unsubscribe.url(learner, EmailCategory.CAMPAIGNS)).path
    answer = Client().post(path, {"something": "else"})
    assert answer.status_code == 400 and "List-Unsubscribe=One-Click" in answer.content.decode()
    assert communication.wants(learner, EmailCategory.CAMPAIGNS)


def _older_than_a_year(value) -> str:
    class YearAgo(signing.TimestampSigner):
        def timestamp(self):
            return signing.b62_encode(int(time.time() - unsubscribe.MAX_AGE.total_seconds() - 60))

    return YearAgo(salt=unsubscribe.SALT).sign_object(value, compress=False)


@pytest.mark.parametrize("spoil", ["tampered", "other member", "other category", "cut short", "expired", "other salt",
                                   "unknown category", "far too long"])
def test_a_spoilt_link_is_refused_and_changes_nothing(learner, spoil):
    other = MemberFactory()
    good = unsubscribe.token(learner, EmailCategory.REMINDERS)
    payload = good.split(":")[0]
    def forged(value) -> str:  # another payload under the good link's own timestamp and signature
        return signing.b64_encode(json.dumps(value, separators=(",", ":")).encode()).decode() + good[len(payload):]

    spoilt = {
        "tampered": good[:-2] + ("AA" if not good.endswith("AA") else "BB"),
        "other member": forged([other.pk, "reminders"]),
        "other category": forged([learner.pk, "campaigns"]),
        "cut short": good[: len(good) // 2],
        "expired": _older_than_a_year([learner.pk, "reminders"]),
        "other salt": signing.dumps([learner.pk, "reminders"], compress=False),
        "unknown category": signing.dumps([learner.pk, "postcards"], salt=unsubscribe.SALT, compress=False),
        "far too long": good + "x" * 300,
    }[spoil]
    path = f"/accounts/unsubscribe/{spoilt}/"
    for method in ("get", "post"):
        answer = getattr(Client(), method)(path, {"List-Unsubscribe": "One-Click"})
        assert answer.status_code == 400, (spoil, method, answer.status_code)
        assert "That could not be done" in answer.content.decode()
    assert not CommunicationPreferences.objects.exists()
    assert communication.wants(learner, EmailCategory.REMINDERS) and communication.wants(other, "reminders")


def test_a_link_of_a_deleted_member_is_not_found(learner):
    path = urlsplit(unsubscribe.url(learner, EmailCategory.REMINDERS)).path
    learner.delete()
    assert Client().post(path, {"List-Unsubscribe": "One-Click"}).status_code == 404
