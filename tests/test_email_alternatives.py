"""Every kind of e-mail the site sends, sent through the outbox: a plain-text and an HTML alternative from one
source, each escaped for its own format (text never HTML-escaped, HTML escaped exactly once), in the member's
language and time zone whatever language the site or the last e-mail used, with CPD hours in the right plural."""

from __future__ import annotations

import zoneinfo
from datetime import time, timedelta

import pytest
from django.core.mail import EmailMultiAlternatives
from django.utils import timezone, translation
from django.utils.html import escape
from wagtail.models import Page

from certificates import expiry_reminders, issuance
from certificates.cpd import audits as cpd_audits
from certificates.cpd import reminders as cpd_reminders
from certificates.notices import ISSUED
from courses import digest
from courses.evaluations import invitations as evaluation_invitations
from courses.events import registration as registration_rules
from courses.events.registration_notices import LETTER as REGISTRATION_NOTICE
from courses.letters import COMPLETION
from courses.models import Digest, RegistrationNotice
from lms import onboarding_letters, outbox
from lms.letter_writing import html_blocks
from lms.models import OnboardingLetter
from mentoring import requests as request_rules
from mentoring.models import MentoringNotice
from mentoring.notices import LETTER as MENTORING_NOTICE
from tests import factories
from tests.certificates.factories import complete_course
from tests.certificates.public_support import ready_certificate
from tests.mentoring.factories import mentee, mentor

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]

TITLE = "Members' Roundtable"
ENGLISH_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
SPANISH_MONTHS = ("ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic")
ENGLISH_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
                       "October", "November", "December")


def sent(name: str, pk: int, mailoutbox) -> EmailMultiAlternatives:
    """The one e-mail the outbox sends for the row (the real send path: claim, write, send, settle)."""
    before = len(mailoutbox)
    assert outbox.send(name, pk) is True
    assert len(mailoutbox) == before + 1
    return mailoutbox[-1]


def html_of(message: EmailMultiAlternatives) -> str:
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    return html


def assert_each_format_escaped_for_itself(message: EmailMultiAlternatives, phrase: str = TITLE) -> str:
    """The text has the words as written; the HTML has them escaped once, in a document in the mail's language."""
    escaped = str(escape(phrase))
    assert isinstance(message, EmailMultiAlternatives)
    assert phrase in message.body
    assert "&#x27;" not in message.body and "&amp;" not in message.body and "<p>" not in message.body
    html = html_of(message)
    assert escaped in html
    assert phrase not in html and "&amp;#x27;" not in html and "&amp;amp;" not in html
    assert html.startswith("<!DOCTYPE html>") and '<html lang="' in html and "<p>" in html
    return html


def test_completion_email_both_alternatives_and_the_singular_hour(mailoutbox):
    member = factories.MemberFactory()
    offering = factories.build_offering(title=TITLE, modules=1, lessons_per_module=1, cpd_hours=1)
    enrolment = complete_course(member, offering)

    message = sent(COMPLETION, enrolment.pk, mailoutbox)

    assert message.subject == f"You completed {TITLE}"
    assert_each_format_escaped_for_itself(message)
    assert "It counts for 1 CPD hour on your record." in message.body
    assert "It counts for 1 CPD hour on your record." in html_of(message)


def test_completion_email_plural_hours_in_english_and_french(mailoutbox, settings):
    settings.INTERFACE_LANGUAGES = ["en", "fr"]
    english = factories.MemberFactory(preferred_languages=["en"])
    french = factories.MemberFactory(preferred_languages=["fr"])
    offering = factories.build_offering(title=TITLE, modules=1, lessons_per_module=1, cpd_hours=2)

    to_english = sent(COMPLETION, complete_course(english, offering).pk, mailoutbox)
    to_french = sent(COMPLETION, complete_course(french, offering).pk, mailoutbox)

    assert "2 CPD hours" in to_english.body
    assert "2 heures de DPC" in to_french.body
    assert '<html lang="fr" dir="ltr">' in html_of(to_french) and '<html lang="en" dir="ltr">' in html_of(to_english)


def test_links_in_the_html_alternative_are_links_and_the_text_keeps_them_bare(mailoutbox):
    member = factories.MemberFactory()
    offering = factories.build_offering(title=TITLE, modules=1, lessons_per_module=1)
    message = sent(COMPLETION, complete_course(member, offering).pk, mailoutbox)

    html = html_of(message)
    assert "/my-learning/" in message.body and "href" not in message.body
    assert 'href="http' in html and '/my-learning/">' in html


def registered_notice(member, session) -> RegistrationNotice:
    registration_rules.register(member, session, now=timezone.now() - timedelta(days=1))
    return RegistrationNotice.objects.get(registration__member=member, kind=RegistrationNotice.Kind.CONFIRMED)


def test_registration_email_both_alternatives_with_its_calendar_entry(mailoutbox):
    event = factories.build_event(title=TITLE)
    member = factories.MemberFactory()
    notice = registered_notice(member, factories.sessions_of(event)[0])

    message = sent(REGISTRATION_NOTICE, notice.pk, mailoutbox)

    assert message.subject == f"You are registered: {TITLE}"
    assert_each_format_escaped_for_itself(message)
    [(name, _content, mimetype)] = message.attachments
    assert (name, mimetype) == ("event.ics", "text/calendar")


def test_an_english_member_gets_english_dates_in_their_zone_when_the_site_and_another_member_are_spanish(
        mailoutbox, settings):
    settings.LANGUAGE_CODE = "es"
    settings.INTERFACE_LANGUAGES = ["en", "es"]
    # 01:00 in London is the evening before in New York: the English member's date is their own day.
    event = factories.build_event(title=TITLE, sessions=[factories.session_spec(
        days_ahead=20, start=time(1), end=time(2), time_zone="Europe/London")])
    session = factories.sessions_of(event)[0]
    english = factories.MemberFactory(preferred_languages=["en"], time_zone="America/New_York")
    spanish = factories.MemberFactory(preferred_languages=["es"], time_zone="Europe/Madrid")
    spanish_notice, english_notice = registered_notice(spanish, session), registered_notice(english, session)

    with translation.override("es"):  # a worker whose last e-mail was Spanish
        to_spanish = sent(REGISTRATION_NOTICE, spanish_notice.pk, mailoutbox)
        to_english = sent(REGISTRATION_NOTICE, english_notice.pk, mailoutbox)

    in_new_york = session.starts_at.astimezone(zoneinfo.ZoneInfo("America/New_York"))
    in_madrid = session.starts_at.astimezone(zoneinfo.ZoneInfo("Europe/Madrid"))
    assert f"{in_new_york.day} {ENGLISH_MONTHS[in_new_york.month - 1]} {in_new_york.year}, 20:00" in to_english.body
    assert f"{in_madrid.day} {SPANISH_MONTHS[in_madrid.month - 1]} {in_madrid.year}, 02:00" in to_spanish.body.lower()
    for month in set(SPANISH_MONTHS) - set(ENGLISH_MONTHS) - {"may"}:
        assert f" {month} " not in to_english.body


def test_mentoring_email_both_alternatives_names_escaped_once(mailoutbox):
    wanted = mentor(capacity=3)
    asking = mentee(first_name="Siobhán", last_name="O'Neill & Partners")
    request_rules.request_mentor(asking.member, wanted, "Please.")
    notice = MentoringNotice.objects.get(member=wanted.member, kind=MentoringNotice.Kind.REQUEST_RECEIVED)

    message = sent(MENTORING_NOTICE, notice.pk, mailoutbox)

    assert message.subject == "Siobhán O'Neill & Partners asks you to be their mentor"
    html = assert_each_format_escaped_for_itself(message, "Siobhán O'Neill & Partners")
    assert "Siobhán O&#x27;Neill &amp; Partners" in html


def test_certificate_issued_email_both_alternatives_dates_in_the_members_day_and_plural_hours(mailoutbox):
    member = factories.MemberFactory(preferred_languages=["en"], time_zone="Pacific/Kiritimati")  # UTC+14
    certificate = ready_certificate(member, title=TITLE, cpd_hours=1)

    message = sent(ISSUED, certificate.pk, mailoutbox)

    assert_each_format_escaped_for_itself(message)
    local = certificate.issued_at.astimezone(zoneinfo.ZoneInfo("Pacific/Kiritimati"))
    assert f"Issued on: {local.day} {ENGLISH_MONTH_NAMES[local.month - 1]} {local.year}" in message.body
    assert "Counts for: 1 CPD hour (" in message.body


def test_certificate_revoked_email_both_alternatives(mailoutbox):
    staff = factories.StaffFactory()
    member = factories.MemberFactory()
    certificate = ready_certificate(member, title=TITLE)
    mailoutbox.clear()
    issuance.revoke(certificate, "Issued for the wrong year's Roundtable <draft>", by=staff, notify=True)

    message = sent(issuance.REVOCATION_NOTICE, certificate.pk, mailoutbox)

    assert message.subject == f"Your certificate for {TITLE} has been revoked"
    html = assert_each_format_escaped_for_itself(message)
    assert "Issued for the wrong year's Roundtable <draft>" in message.body
    assert "wrong year&#x27;s Roundtable &lt;draft&gt;" in html


def test_recommendations_digest_both_alternatives_with_one_click_unsubscribe(mailoutbox):
    topic = factories.TopicFactory(name="Roundtables", slug="roundtables")
    member = factories.MemberFactory(preferred_languages=["en"])
    member.interests.set([topic])
    offering = factories.build_offering(title=TITLE, modules=1, lessons_per_module=1, topics=[topic])
    period = digest.last_ended_period(Digest.Frequency.WEEKLY, timezone.now())
    Page.objects.filter(pk=offering.pk).update(first_published_at=period.starts_at + timedelta(hours=1))
    owed = digest.owe(member, period, timezone.now())

    message = sent(digest.LETTER, owed.pk, mailoutbox)

    assert_each_format_escaped_for_itself(message)
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_onboarding_email_both_alternatives_names_escaped_once(mailoutbox):
    member = factories.MemberFactory(first_name="Siobhán <O'Neill & Co>", preferred_languages=["en"])
    letter = OnboardingLetter.objects.create(member=member, kind=OnboardingLetter.Kind.WELCOME)

    message = sent(onboarding_letters.LETTER, letter.pk, mailoutbox)

    assert message.subject == "Welcome to VSMC Learning"
    html = assert_each_format_escaped_for_itself(message, "Siobhán <O'Neill & Co>")
    assert "Siobhán &lt;O&#x27;Neill &amp; Co&gt;" in html


def test_cpd_reminder_outcome_and_audit_request_both_alternatives(mailoutbox):
    from certificates.cpd.models import Cycle, CycleLetter
    from certificates.cpd.progress import add_months
    from tests.cpd.factories import member_joined, scheme

    practitioner = scheme(name=TITLE)
    today = timezone.localdate()
    member = member_joined(today - timedelta(days=900), preferred_languages=["en"])
    open_cycle = Cycle.objects.create(member=member, scheme=practitioner, starts_on=today - timedelta(days=900),
                                      ends_on=add_months(today, 1))
    reminder = CycleLetter.objects.create(cycle=open_cycle, kind=CycleLetter.Kind.ONE_MONTH)
    message = sent(cpd_reminders.REMINDER, reminder.pk, mailoutbox)
    assert message.subject.startswith(f"{TITLE}: hours still needed by")
    assert_each_format_escaped_for_itself(message)
    assert "List-Unsubscribe" in message.extra_headers

    closed = Cycle.objects.create(member=member, scheme=practitioner, starts_on=today - timedelta(days=1300),
                                  ends_on=today - timedelta(days=900), status=Cycle.Status.SHORT,
                                  counted_hours=0, closed_at=timezone.now())
    outcome = CycleLetter.objects.create(cycle=closed, kind=CycleLetter.Kind.OUTCOME)
    assert_each_format_escaped_for_itself(sent(cpd_reminders.OUTCOME, outcome.pk, mailoutbox))

    staff = factories.StaffFactory()
    case = cpd_audits.draw(today - timedelta(days=905), today - timedelta(days=895), 100, 1, staff).cases.get()
    cpd_audits.request_evidence(case.pk, case.version, today + timedelta(days=20), staff)
    assert_each_format_escaped_for_itself(sent(cpd_audits.REQUEST, case.pk, mailoutbox))


def test_certificate_expiry_reminder_both_alternatives_with_one_click_unsubscribe(mailoutbox, media_root):
    from certificates.models import ExpiryReminder
    from tests.certificates.renewal_support import expiring_certificate, expiring_template, refresher_course

    template = expiring_template(refresher=refresher_course(), by_cpd_cycle=True)
    certificate = expiring_certificate(expires_in=timedelta(days=25), template=template, title=TITLE)
    reminder = ExpiryReminder.objects.create(certificate=certificate, days_before=30)

    message = sent(expiry_reminders.LETTER, reminder.pk, mailoutbox)

    assert message.subject.startswith(f"Your certificate for {TITLE} expires on ")
    assert_each_format_escaped_for_itself(message)
    assert "List-Unsubscribe" in message.extra_headers


def test_evaluation_invitation_and_follow_up_both_alternatives_with_one_click_unsubscribe(mailoutbox):
    from tests.courses.evaluation_support import asked_about_course

    member = factories.MemberFactory(first_name="Zoë")
    asked = asked_about_course(member, factories.build_offering(title=TITLE), days_ago=61)
    invitation = sent(evaluation_invitations.INVITATION, asked.pk, mailoutbox)
    assert invitation.subject == f"How did {TITLE} go?"
    assert_each_format_escaped_for_itself(invitation)
    assert "List-Unsubscribe" in invitation.extra_headers
    asked.follow_up_owed_at = timezone.now()
    asked.save()
    follow_up = sent(evaluation_invitations.FOLLOW_UP, asked.pk, mailoutbox)
    assert follow_up.subject == f"Have you used {TITLE} at work?"
    assert_each_format_escaped_for_itself(follow_up)
    assert "List-Unsubscribe" in follow_up.extra_headers


def test_every_letter_the_outbox_knows_is_covered_here():
    assert set(outbox.registered()) == {COMPLETION, REGISTRATION_NOTICE, MENTORING_NOTICE, ISSUED,
                                        issuance.REVOCATION_NOTICE, digest.LETTER, onboarding_letters.LETTER,
                                        cpd_reminders.REMINDER, cpd_reminders.OUTCOME, cpd_audits.REQUEST,
                                        expiry_reminders.LETTER, evaluation_invitations.INVITATION,
                                        evaluation_invitations.FOLLOW_UP}


def test_dashed_lines_become_a_list_in_the_html_and_other_paragraphs_stay_paragraphs():
    escaped = ("Hello Ada &amp; team,\n\n"
               "- Complete your profile: https://learn.example.org/accounts/profile/\n"
               "  Mentors are matched on it.\n"
               "- Find a mentor: https://learn.example.org/mentoring/.\n\n"
               "Thanks,\nThe team")
    assert html_blocks(escaped) == [
        "<p>Hello Ada &amp; team,</p>",
        "<ul>\n"
        '<li>Complete your profile: <a href="https://learn.example.org/accounts/profile/">'
        "https://learn.example.org/accounts/profile/</a><br>Mentors are matched on it.</li>\n"
        '<li>Find a mentor: <a href="https://learn.example.org/mentoring/">https://learn.example.org/mentoring/</a>.'
        "</li>\n</ul>",
        "<p>Thanks,<br>\nThe team</p>",
    ]
