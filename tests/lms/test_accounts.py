"""Accounts through django-allauth and the profile page, driven with the test client like a browser."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import SESSION_KEY
from django.core import mail

from lms.models import Demographics, Member
from tests.factories import InstructorFactory, MemberFactory, build_offering, catalog, lessons_of

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery"  # what MemberFactory sets
NEW_PASSWORD = "a long pass phrase 9"


def link_in(message, path_prefix: str) -> str:
    """The path of the first link in an e-mail that starts with `path_prefix` (host stripped)."""
    match = re.search(r"https?://[^/\s]+(" + re.escape(path_prefix) + r"[^\s]*)", message.body)
    assert match, f"no link to {path_prefix} in: {message.body}"
    return match.group(1)


def signed_in_as(client) -> Member | None:
    member_id = client.session.get(SESSION_KEY)
    return Member.objects.get(pk=member_id) if member_id else None


def sign_up(client, email="Nia.Okafor@Example.org"):
    return client.post(
        "/accounts/signup/",
        {
            "email": email,
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
            "first_name": "Nia",
            "last_name": "Okafor",
            "career_stage": "mid_career",
        },
    )


# ------------------------------------------------------------------------------------------ sign-up


def test_sign_up_verify_then_signed_in(client):
    assert client.get("/accounts/signup/").status_code == 200

    response = sign_up(client)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    member = Member.objects.get(email="nia.okafor@example.org")
    assert (member.first_name, member.last_name, member.career_stage) == ("Nia", "Okafor", "mid_career")
    assert member.membership_tier == "non_member"
    assert not EmailAddress.objects.get(user=member).verified
    assert signed_in_as(client) is None

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["nia.okafor@example.org"]
    assert message.subject.startswith("[VSMC Learning] ")
    confirm_path = link_in(message, "/accounts/confirm-email/")

    # Signing in before verifying is turned away to the "check your e-mail" page.
    client.logout()
    refused = client.post("/accounts/login/", {"login": "nia.okafor@example.org", "password": NEW_PASSWORD})
    assert refused.status_code == 302 and refused["Location"] == "/accounts/confirm-email/"
    assert signed_in_as(client) is None

    # The link shows a confirmation form (GET changes nothing); posting it verifies and signs in.
    page = client.get(confirm_path)
    assert page.status_code == 200
    assert not EmailAddress.objects.get(user=member).verified
    confirmed = client.post(confirm_path)
    assert confirmed.status_code == 302
    assert EmailAddress.objects.get(user=member).verified
    assert signed_in_as(client) == member
    assert client.get("/my-learning/").status_code == 200


@pytest.mark.parametrize(("cookie", "zone"), [("Asia/Kolkata", "Asia/Kolkata"), ("../../etc/passwd", "UTC")])
def test_sign_up_starts_from_the_browsers_time_zone(client, cookie, zone):
    """The zone the browser reported becomes the profile's; anything that is not a real zone is ignored."""
    client.cookies["tz"] = cookie

    assert sign_up(client).status_code == 302

    assert Member.objects.get(email="nia.okafor@example.org").time_zone == zone


def test_sign_up_with_a_taken_address_in_other_letters_creates_no_second_account(client, verified_member):
    response = sign_up(client, email="VERIFIED@example.org")
    # allauth does not reveal that the address is taken: it answers as for a new account, and e-mails the owner.
    assert response.status_code == 302
    assert Member.objects.filter(email__iexact="verified@example.org").count() == 1
    assert signed_in_as(client) is None


def test_sign_up_rejects_mismatched_passwords(client):
    response = client.post(
        "/accounts/signup/",
        {"email": "x@example.org", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD + "x", "first_name": "X"},
    )
    assert response.status_code == 200
    assert "password2" in response.context["form"].errors
    assert not Member.objects.filter(email="x@example.org").exists()
    assert mail.outbox == []


# ------------------------------------------------------------------------------------------ login, reset


def test_login_page_and_login_with_email_in_any_case(client, verified_member):
    page = client.get("/accounts/login/")
    assert page.status_code == 200
    assert 'name="login"' in page.content.decode() and 'name="password"' in page.content.decode()

    wrong = client.post("/accounts/login/", {"login": "verified@example.org", "password": "not it"})
    assert wrong.status_code == 200 and wrong.context["form"].errors
    assert signed_in_as(client) is None

    response = client.post("/accounts/login/", {"login": "Verified@EXAMPLE.org", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/my-learning/"
    assert signed_in_as(client) == verified_member


def test_password_reset_by_email(client, verified_member):
    response = client.post("/accounts/password/reset/", {"email": "verified@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["verified@example.org"]
    reset_path = link_in(mail.outbox[0], "/accounts/password/reset/key/")

    # allauth moves the key from the URL into the session, then shows the new-password form.
    key_page = client.get(reset_path)
    assert key_page.status_code == 302
    set_password = client.post(key_page["Location"], {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert set_password.status_code == 302

    verified_member.refresh_from_db()
    assert verified_member.check_password(NEW_PASSWORD)
    client.logout()
    client.post("/accounts/login/", {"login": "verified@example.org", "password": NEW_PASSWORD})
    assert signed_in_as(client) == verified_member


def test_password_reset_for_an_unknown_address_sends_no_reset_link(client):
    response = client.post("/accounts/password/reset/", {"email": "nobody@example.org"})
    assert response.status_code == 302  # the same answer as for a known address: no account enumeration
    assert all("/accounts/password/reset/key/" not in message.body for message in mail.outbox)


# ------------------------------------------------------------------------------------------ profile


def profile_data(**changes) -> dict:
    data = {
        "profile-first_name": "Ada",
        "profile-last_name": "Lovelace",
        "profile-career_stage": "senior",
        "profile-country": "GB",
        "profile-time_zone": "Europe/London",
        "profile-preferred_languages": ["en", "fr"],
        "demo-gender": "woman",
        "demo-gender_self_description": "",
        "demo-ethnicity_self_description": "",
        "demo-identifies_as_under_represented": "yes",
        "demo-has_disability": "prefer_not_to_say",
        "demo-age_band": "35_44",
    }
    data.update(changes)
    return data


def test_profile_requires_login(client):
    response = client.get("/accounts/profile/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/accounts/profile/"
    assert client.post("/accounts/profile/", profile_data()).status_code == 302
    assert not Demographics.objects.exists()


def test_profile_edits_name_time_zone_languages_and_demographics(client, learner):
    client.force_login(learner)
    page = client.get("/accounts/profile/")
    assert page.status_code == 200
    assert "learner@example.org" in page.content.decode()

    response = client.post("/accounts/profile/", profile_data())
    assert response.status_code == 302 and response["Location"] == "/accounts/profile/"
    learner.refresh_from_db()
    assert (learner.first_name, learner.last_name) == ("Ada", "Lovelace")
    assert learner.time_zone == "Europe/London"
    assert learner.preferred_languages == ["en", "fr"]
    assert learner.career_stage == "senior" and learner.country.code == "GB"
    answers = Demographics.objects.get(member=learner)
    assert (answers.gender, answers.identifies_as_under_represented, answers.age_band) == ("woman", "yes", "35_44")
    assert answers.has_disability == "prefer_not_to_say"


def test_profile_cannot_change_the_membership_tier(client, non_member):
    client.force_login(non_member)
    client.post("/accounts/profile/", profile_data(**{"profile-membership_tier": "professional"}))
    non_member.refresh_from_db()
    assert non_member.membership_tier == "non_member"


def test_a_self_description_is_kept_only_with_the_self_describe_answer(client, learner):
    client.force_login(learner)
    client.post("/accounts/profile/", profile_data(**{"demo-gender_self_description": "Stray words"}))
    assert Demographics.objects.get(member=learner).gender_self_description == ""
    client.post(
        "/accounts/profile/",
        profile_data(**{"demo-gender": "self_describe", "demo-gender_self_description": "Genderfluid"}),
    )
    assert Demographics.objects.get(member=learner).gender_self_description == "Genderfluid"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"profile-time_zone": "Mars/Olympus_Mons"}, "time_zone"),
        ({"profile-preferred_languages": ["en", "xx"]}, "preferred_languages"),
    ],
    ids=["unknown_time_zone", "unknown_language"],
)
def test_bad_profile_input_is_refused_and_nothing_is_saved(client, learner, changes, field):
    client.force_login(learner)
    before = Member.objects.values().get(pk=learner.pk)
    response = client.post("/accounts/profile/", profile_data(**changes))
    assert response.status_code == 400
    assert field in response.context["profile_form"].errors
    assert "nothing was saved" in response.content.decode()
    assert Member.objects.values().get(pk=learner.pk) == before
    # The (valid) demographic answers posted alongside were not saved either.
    answers = Demographics.objects.get(member=learner)
    assert (answers.gender, answers.age_band) == ("prefer_not_to_say", "prefer_not_to_say")


def test_bad_demographics_input_keeps_the_profile_unsaved(client, learner):
    client.force_login(learner)
    response = client.post("/accounts/profile/", profile_data(**{"demo-age_band": "ancient"}))
    assert response.status_code == 400
    assert "age_band" in response.context["demographics_form"].errors
    learner.refresh_from_db()
    assert learner.first_name != "Ada"


def test_demographics_never_appear_on_other_member_facing_pages(client, learner):
    instructor = InstructorFactory(first_name="Ingrid", last_name="Tutor")
    Demographics.objects.create(
        member=instructor,
        gender="self_describe",
        gender_self_description="Quillwort identity",
        ethnicity_self_description="Marram heritage",
        age_band="55_64",
    )
    offering = build_offering(title="Flow Metrics Fundamentals", instructors=[instructor])
    private = ["Quillwort identity", "Marram heritage"]

    # The answers do render where they belong: on the instructor's own profile.
    client.force_login(instructor)
    own = client.get("/accounts/profile/").content.decode()
    assert all(text in own for text in private)

    client.force_login(learner)
    assert client.post(offering.url + "enrol/").status_code == 303
    lesson = lessons_of(offering)[0]
    module = lesson.get_parent()
    pages = [offering.url, module.url, lesson.url, catalog().url, "/", "/my-learning/", "/accounts/profile/"]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert not any(text in html for text in private), url
    assert "Ingrid Tutor" in client.get(offering.url).content.decode()


def test_other_members_demographics_are_not_on_my_profile(client, learner):
    Demographics.objects.create(
        member=MemberFactory(), gender="self_describe", gender_self_description="Someone else entirely"
    )
    client.force_login(learner)
    assert "Someone else entirely" not in client.get("/accounts/profile/").content.decode()
