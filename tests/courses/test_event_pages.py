"""The event page through HTTP: times in the viewer's zone (across DST), register / waitlist / cancel / join,
the registration questions, materials, and every refusal with its status and message."""

from __future__ import annotations

import re
import uuid
from datetime import date, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents.models import Document
from wagtail.models import Collection

from courses.catalog.setup import MEMBERS_ONLY_COLLECTION
from courses.events import registration as registration_rules
from courses.models import Enrolment, Registration, RegistrationChange, RegistrationNotice
from lms.access import AccessLevel
from lms.formatting import date_text
from tests import factories
from tests.factories import build_event, registration_question, session_spec, sessions_of

pytestmark = pytest.mark.django_db

JOINING_URL = "https://meet.example.org/j/secret-room-42"
Status = Registration.Status


def page_text(response) -> str:
    return response.content.decode()


def register_post(client, event, session, **answers):
    return client.post(f"{event.url}register/", {"session": str(session.pk), **answers})


def session_starting_in(minutes: int, duration: int = 60, zone: str = "Europe/London", **fields) -> dict:
    """A session spec whose start is `minutes` from now (whole minutes, in the zone's wall clock)."""
    tz = ZoneInfo(zone)
    start = (timezone.now() + timedelta(minutes=minutes)).astimezone(tz).replace(second=0, microsecond=0)
    end = start + timedelta(minutes=duration)
    spec = session_spec(time_zone=zone, **fields)
    spec.update(date=start.date(), start_time=start.time(), end_time=end.time(), end_date=end.date())
    return spec


@pytest.fixture
def london_learner(learner):
    learner.time_zone = "Europe/London"
    learner.save(update_fields=["time_zone"])
    return learner


# ------------------------------------------------------------------------------------------- times


def test_a_weekly_series_across_the_us_dst_change_reads_right_in_london(client, london_learner):
    # 10:00 in New York both weeks; US clocks go forward on 14 March 2027, UK clocks not until 28 March.
    event = build_event(sessions=[
        {**session_spec(time_zone="America/New_York"), "date": date(2027, 3, 11)},
        {**session_spec(time_zone="America/New_York"), "date": date(2027, 3, 18)},
    ])
    client.force_login(london_learner)

    page = page_text(client.get(event.url))

    assert "Times are shown in Europe/London." in page
    assert 'href="/accounts/profile/"' in page
    assert '<time datetime="2027-03-11T15:00:00+00:00">Thu 11 Mar 2027, 15:00–16:00 GMT</time>' in page
    assert '<time datetime="2027-03-18T14:00:00+00:00">Thu 18 Mar 2027, 14:00–15:00 GMT</time>' in page
    # The event's own zone alongside, keeping its wall-clock time across the change.
    assert "America/New_York time:" in page
    assert '<time datetime="2027-03-11T10:00:00-05:00">Thu 11 Mar 2027, 10:00–11:00 EST</time>' in page
    assert '<time datetime="2027-03-18T10:00:00-04:00">Thu 18 Mar 2027, 10:00–11:00 EDT</time>' in page


def test_the_event_zone_is_not_repeated_when_it_is_the_viewers(client, london_learner):
    event = build_event(sessions=[session_spec(time_zone="Europe/London")])
    client.force_login(london_learner)
    page = page_text(client.get(event.url))
    assert "Europe/London time:" not in page


def test_anonymous_visitors_read_times_in_their_browsers_zone(client, db):
    event = build_event(sessions=[{**session_spec(time_zone="Europe/London"), "date": date(2027, 6, 1)}])

    client.cookies["tz"] = "Asia/Tokyo"
    tokyo = page_text(client.get(event.url))
    client.cookies["tz"] = "../../etc/passwd"
    nonsense = page_text(client.get(event.url))

    assert "Times are shown in Asia/Tokyo." in tokyo
    assert "Tue 1 Jun 2027, 18:00–19:00 JST" in tokyo
    assert "Times are shown in UTC." in nonsense
    assert "Tue 1 Jun 2027, 09:00–10:00 UTC" in nonsense


def test_members_read_times_in_their_profile_zone_whatever_the_browser_says(client, london_learner):
    event = build_event(sessions=[{**session_spec(time_zone="America/New_York"), "date": date(2027, 6, 1)}])
    client.force_login(london_learner)
    client.cookies["tz"] = "Asia/Tokyo"
    page = page_text(client.get(event.url))
    assert "Times are shown in Europe/London." in page
    assert "Tue 1 Jun 2027, 15:00–16:00 BST" in page


def test_the_page_shows_format_venue_language_cpd_speakers_and_co_hosts(client, db):
    partner = factories.PartnerFactory(name="Flow Institute", slug="flow-institute")
    workshop = factories.build_workshop(
        co_hosts=[partner], cpd_hours=2.5,
        speakers=[{"type": "speaker", "id": str(uuid.uuid4()),
                   "value": {"name": "Grace Hopper", "affiliation": "Head of Flow, Acme", "bio": "", "photo": None,
                             "profile_url": ""}}],
    )
    page = page_text(client.get(workshop.url))
    assert "Value Stream Mapping Workshop" in page and "Workshop" in page
    assert "Room 4, Congress Centre, Lisbon" in page
    assert "English" in page
    assert "2.5 CPD hours" in page
    assert "Grace Hopper" in page and "Head of Flow, Acme" in page
    assert '<a href="/partners/flow-institute/">' in page and "Flow Institute" in page
    assert "Add to calendar (.ics)" in page


# ------------------------------------------------------------------------------------------- register, waitlist, cancel


def test_register_join_the_waitlist_and_be_promoted_when_a_seat_frees_up(client, learner, other_learner):
    event = build_event(sessions=[session_spec(capacity=1)])
    session = sessions_of(event)[0]

    client.force_login(learner)
    assert ">Register</button>" in page_text(client.get(event.url))
    response = register_post(client, event, session)
    assert response.status_code == 303 and response["Location"] == event.url
    page = page_text(client.get(event.url))
    assert "You are registered for Flow Metrics Live" in page
    assert "You are registered for this session (confirmed)." in page
    assert "Cancel my registration" in page

    client.force_login(other_learner)
    assert ">Join the waitlist</button>" in page_text(client.get(event.url))
    assert register_post(client, event, session).status_code == 303
    page = page_text(client.get(event.url))
    assert "on the waitlist at place 1" in page
    assert "You are on the waitlist for this session, at place 1." in page

    client.force_login(learner)
    mine = Registration.objects.get(member=learner)
    response = client.post(f"{event.url}cancel/{mine.pk}/", {"confirm": "yes"})
    assert response.status_code == 303
    assert "Your registration is cancelled." in page_text(client.get(event.url))

    promoted = Registration.objects.get(member=other_learner)
    assert promoted.status == Status.CONFIRMED
    assert RegistrationNotice.objects.filter(registration=promoted, kind="promoted").count() == 1
    client.force_login(other_learner)
    assert "You are registered for this session (confirmed)." in page_text(client.get(event.url))


def test_registering_twice_is_refused_with_where_you_stand(member_client, learner):
    event = build_event()
    session = sessions_of(event)[0]
    assert register_post(member_client, event, session).status_code == 303

    again = register_post(member_client, event, session)

    assert again.status_code == 409
    assert "You are already registered for this session" in page_text(again)
    assert Registration.objects.filter(member=learner).count() == 1


def test_registration_after_closing_is_refused(member_client, learner):
    event = build_event(sessions=[session_spec(7)], registration_closes_minutes_before=8 * 24 * 60)
    session = sessions_of(event)[0]

    assert "Registration closed" in page_text(member_client.get(event.url))
    response = register_post(member_client, event, session)

    assert response.status_code == 409
    assert "Registration for this session closed at" in page_text(response)
    assert not Registration.objects.exists()


def test_a_member_only_event_refuses_non_members(non_member_client):
    event = build_event(access_level=AccessLevel.MEMBER_ONLY)
    session = sessions_of(event)[0]

    page = non_member_client.get(event.url)
    response = register_post(non_member_client, event, session)

    assert page.status_code == 403
    assert response.status_code == 403
    assert "This event is for current members of the association." in page_text(response)
    assert not Registration.objects.exists()


def test_a_full_session_without_a_waitlist_is_refused(client, learner, other_learner):
    event = build_event(sessions=[session_spec(capacity=1)], has_waitlist=False)
    session = sessions_of(event)[0]
    registration_rules.register(learner, session)
    client.force_login(other_learner)

    page = page_text(client.get(event.url))
    response = register_post(client, event, session)

    assert "Full (no waitlist)" in page and "Registration is closed" in page
    assert response.status_code == 409
    assert "This session is full and has no waitlist." in page_text(response)
    assert not Registration.objects.filter(member=other_learner).exists()


@pytest.mark.parametrize("value", ["", "abc", "999999", "-1", "1" * 40])
def test_a_session_that_is_not_this_events_is_refused(member_client, value):
    event = build_event()

    response = member_client.post(f"{event.url}register/", {"session": value})

    assert response.status_code == 400
    assert "Choose one of the sessions of “Flow Metrics Live”" in page_text(response)
    assert not Registration.objects.exists()


def test_another_events_session_is_refused(member_client):
    event = build_event()
    other = build_event(title="Another Event")

    response = register_post(member_client, event, sessions_of(other)[0])

    assert response.status_code == 400
    assert not Registration.objects.exists()


def test_registration_questions_are_asked_checked_and_kept(member_client, learner):
    questions = [
        registration_question("Which team do you work in?", required=True),
        registration_question("What do you hope to learn?", "long_text"),
        registration_question("Dietary needs", "choice", options=("None", "Vegetarian", "Vegan"), required=True),
        registration_question("I agree to be recorded", "consent", required=True),
    ]
    event = build_event(questions=questions)
    session = sessions_of(event)[0]
    ids = [q["id"] for q in questions]
    page = page_text(member_client.get(event.url))
    assert f'name="q_{ids[0]}"' in page and "Which team do you work in?" in page
    assert f'name="q_{ids[2]}" value="Vegan"' in page
    assert f'type="hidden" name="session" value="{session.pk}"' in page

    missing = register_post(member_client, event, session, **{f"q_{ids[0]}": "Platform", f"q_{ids[2]}": "Vegan"})
    assert missing.status_code == 400
    assert "Please answer the questions marked below; you are not registered yet." in page_text(missing)
    assert "This field is required." in page_text(missing)
    assert not Registration.objects.exists()

    bad_choice = register_post(member_client, event, session, **{
        f"q_{ids[0]}": "Platform", f"q_{ids[2]}": "Pizza", f"q_{ids[3]}": "on"})
    assert bad_choice.status_code == 400
    assert "Select a valid choice." in page_text(bad_choice)
    assert not Registration.objects.exists()

    done = register_post(member_client, event, session, **{
        f"q_{ids[0]}": " Platform ", f"q_{ids[2]}": "Vegan", f"q_{ids[3]}": "on"})
    assert done.status_code == 303
    assert Registration.objects.get(member=learner).answers == [
        {"id": ids[0], "question": "Which team do you work in?", "answer": "Platform"},
        {"id": ids[1], "question": "What do you hope to learn?", "answer": ""},
        {"id": ids[2], "question": "Dietary needs", "answer": "Vegan"},
        {"id": ids[3], "question": "I agree to be recorded", "answer": "Yes"},
    ]


def test_several_open_sessions_are_offered_as_a_labelled_choice(member_client):
    event = build_event(sessions=[session_spec(7), session_spec(8, capacity=0)])
    first, second = sessions_of(event)
    page = page_text(member_client.get(event.url))
    assert "<legend>Choose a session</legend>" in page
    assert f'name="session" value="{first.pk}" required' in page
    assert "full, join the waitlist" in page
    assert ">Register</button>" in page


def test_only_your_own_registration_can_be_cancelled(client, learner, other_learner):
    event = build_event()
    theirs = registration_rules.register(other_learner, sessions_of(event)[0]).registration
    client.force_login(learner)

    response = client.post(f"{event.url}cancel/{theirs.pk}/")

    assert response.status_code == 404
    assert "You have no registration with that number" in page_text(response)
    theirs.refresh_from_db()
    assert theirs.status == Status.CONFIRMED
    assert client.get(f"{event.url}cancel/{theirs.pk}/").status_code == 405


def test_signed_out_visitors_are_asked_to_sign_in(client, db):
    event = build_event()
    page = page_text(client.get(event.url))
    assert "Sign in or create a free account to register." in page
    response = register_post(client, event, sessions_of(event)[0])
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_a_get_to_register_is_refused_and_events_have_no_enrolment_addresses(member_client):
    event = build_event()
    assert member_client.get(f"{event.url}register/").status_code == 405
    # Events take registrations: the self-paced formats' enrol/, leave/ and attest/ do not exist on them.
    for route in ("enrol/", "leave/", "attest/"):
        assert member_client.post(f"{event.url}{route}").status_code == 404
        assert member_client.get(f"{event.url}{route}").status_code == 404
    assert not Enrolment.objects.exists()


# ------------------------------------------------------------------------------------------- joining


def test_the_joining_link_is_never_on_the_page_and_opens_only_in_its_window(client, learner, other_learner):
    soon = build_event(title="Starting Soon", sessions=[session_starting_in(30, joining_url=JOINING_URL)])
    later = build_event(title="Next Week", sessions=[session_spec(7, joining_url=JOINING_URL)])
    soon_session, later_session = sessions_of(soon)[0], sessions_of(later)[0]
    registration_rules.register(learner, soon_session)
    registration_rules.register(learner, later_session)
    client.force_login(learner)

    soon_page, later_page = page_text(client.get(soon.url)), page_text(client.get(later.url))
    assert JOINING_URL not in soon_page and JOINING_URL not in later_page
    assert f'href="{soon.url}join/{soon_session.pk}/">Join now</a>' in soon_page
    assert "Join now" not in later_page
    assert "The joining link opens at" in later_page

    joined = client.get(f"{soon.url}join/{soon_session.pk}/")
    assert joined.status_code == 302 and joined["Location"] == JOINING_URL
    too_early = client.get(f"{later.url}join/{later_session.pk}/")
    assert too_early.status_code == 409
    opens = (later_session.starts_at - timedelta(hours=1)).astimezone(ZoneInfo(learner.time_zone))
    assert f"The joining link opens at {opens:%H:%M} your time" in page_text(too_early)

    client.force_login(other_learner)
    not_registered = client.get(f"{soon.url}join/{soon_session.pk}/")
    assert not_registered.status_code == 403
    assert "Only people registered for this session can join it." in page_text(not_registered)
    assert JOINING_URL not in page_text(not_registered)


def test_waitlisted_people_and_ended_sessions_do_not_join(client, learner, other_learner):
    soon = build_event(sessions=[session_starting_in(30, capacity=1, joining_url=JOINING_URL)])
    session = sessions_of(soon)[0]
    registration_rules.register(learner, session)
    registration_rules.register(other_learner, session)
    client.force_login(other_learner)
    waiting = client.get(f"{soon.url}join/{session.pk}/")
    assert waiting.status_code == 403 and "on the waitlist" in page_text(waiting)

    ended = build_event(title="Yesterday", sessions=[session_spec(-1, joining_url=JOINING_URL)])
    past = sessions_of(ended)[0]
    registration_rules.register(learner, past, now=past.starts_at - timedelta(days=2))
    client.force_login(learner)
    over = client.get(f"{ended.url}join/{past.pk}/")
    assert over.status_code == 409 and "This session has ended." in page_text(over)

    client.logout()
    anonymous = client.get(f"{soon.url}join/{session.pk}/")
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/accounts/login/")


# ------------------------------------------------------------------------------------------- materials


def material_block(title: str, *, link: str = "", document=None, members_only: bool = False) -> dict:
    return {"type": "material", "id": str(uuid.uuid4()),
            "value": {"title": title, "kind": "slides", "document": document.pk if document else None, "link": link,
                      "members_only": members_only}}


def test_materials_are_released_after_the_event_and_members_only_ones_kept_for_members(
        client, learner, non_member, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    handout = Document(title="Handout", collection=Collection.get_first_root_node())
    handout.file.save("handout.txt", ContentFile(b"flow handout"), save=True)
    materials = [
        material_block("Recording", link="https://video.example.org/rec/1", members_only=True),
        material_block("Handout", document=handout),
    ]
    recording_id, handout_id = materials[0]["id"], materials[1]["id"]
    past = build_event(title="Past Webinar", sessions=[session_spec(-3)], materials=materials)
    coming = build_event(title="Coming Webinar", sessions=[session_spec(3)], materials=materials)

    client.force_login(non_member)
    early = client.get(f"{coming.url}materials/{handout_id}/")
    assert early.status_code == 403 and "Materials are released when the event is over" in page_text(early)
    assert "appear here when the event is over" in page_text(client.get(coming.url))
    page = page_text(client.get(past.url))
    assert f'href="{past.url}materials/{handout_id}/"' in page
    assert f'href="{past.url}materials/{recording_id}/"' not in page
    assert "For current members of the association." in page
    locked = client.get(f"{past.url}materials/{recording_id}/")
    assert locked.status_code == 403 and "This document is for members" in page_text(locked)
    served = client.get(f"{past.url}materials/{handout_id}/")
    assert served.status_code == 200 and b"".join(served.streaming_content) == b"flow handout"
    assert client.get(f"{past.url}materials/{uuid.uuid4()}/").status_code == 404

    client.force_login(learner)
    recording = client.get(f"{past.url}materials/{recording_id}/")
    assert recording.status_code == 302 and recording["Location"] == "https://video.example.org/rec/1"


def test_a_document_in_the_members_only_collection_stays_for_members(client, non_member, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    secret = Document(title="Secret", collection=Collection.objects.get(name=MEMBERS_ONLY_COLLECTION))
    secret.file.save("secret.txt", ContentFile(b"members"), save=True)
    block = material_block("Workbook", document=secret)
    past = build_event(sessions=[session_spec(-3)], materials=[block])
    client.force_login(non_member)
    response = client.get(f"{past.url}materials/{block['id']}/")
    assert response.status_code == 403


# ------------------------------------------------------------------------------------------- previews, history


def test_an_author_preview_renders_without_registering_anyone(db):
    event = build_event(questions=[registration_question("Team?", required=True)])
    response = event.make_preview_request(original_request=None, preview_mode="")
    response.render()
    page = page_text(response)
    assert response.status_code == 200
    assert "Team?" in page and re.search(r'<button type="submit" class="button" disabled>', page)


def test_every_change_through_the_pages_is_in_the_history(client, learner, other_learner):
    event = build_event(sessions=[session_spec(capacity=1)])
    session = sessions_of(event)[0]
    client.force_login(learner)
    register_post(client, event, session)
    client.force_login(other_learner)
    register_post(client, event, session)
    client.force_login(learner)
    client.post(f"{event.url}cancel/{Registration.objects.get(member=learner).pk}/", {"confirm": "yes"})

    kinds = list(RegistrationChange.objects.filter(session=session).values_list("kind", flat=True))
    assert kinds == ["registered", "waitlisted", "cancelled", "promoted"]


# ----------------------------------------------------------------------------------------- access wording, zone script


def test_member_first_events_tell_non_members_when_they_may_register(client, non_member, learner):
    opens = timezone.localdate() + timedelta(days=5)
    event = build_event(access_level=AccessLevel.MEMBER_FIRST, public_open_on=opens, sessions=[session_spec(20)])
    client.force_login(non_member)

    page = page_text(client.get(event.url))
    refused = register_post(client, event, sessions_of(event)[0])

    assert f"Members register first; registration opens to everyone on {date_text(opens)}." in page
    assert "Members register first" in page  # the badge
    assert refused.status_code == 403 and "registration opens to everyone" in page_text(refused)
    client.force_login(learner)
    assert register_post(client, event, sessions_of(event)[0]).status_code == 303


def test_every_page_asks_the_browser_for_its_zone(client, db, settings):
    page = page_text(client.get(build_event().url))
    script = (Path(settings.BASE_DIR) / "cms/static/cms/timezone.js").read_text()

    assert '<script src="/static/cms/timezone.js" defer></script>' in page
    assert "Intl.DateTimeFormat().resolvedOptions().timeZone" in script
    assert "path=/; max-age=31536000; SameSite=Lax" in script


def test_registration_needs_the_forms_csrf_token(learner):
    from django.test import Client

    event = build_event()
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(learner)

    forged = register_post(browser, event, sessions_of(event)[0])

    assert forged.status_code == 403
    assert not Registration.objects.exists()
