"""The Member model: e-mail login, current membership, demographics defaults, language choices."""

from datetime import date, timedelta

import pytest
from django.contrib.auth import authenticate
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from lms.models import PREFER_NOT_TO_SAY, Demographics, Member, MembershipTier
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


# ------------------------------------------------------------------------------------------ e-mail login


def test_create_user_lowercases_the_whole_address_and_has_no_username():
    member = Member.objects.create_user("Ada.Lovelace@Example.ORG", password="analytical engine 1843")
    member.refresh_from_db()
    assert member.email == "ada.lovelace@example.org"
    assert member.check_password("analytical engine 1843")
    assert not member.is_staff and not member.is_superuser
    assert member.membership_tier == MembershipTier.NON_MEMBER
    assert Member.USERNAME_FIELD == "email"
    with pytest.raises(FieldDoesNotExist):
        Member._meta.get_field("username")


def test_the_same_address_in_other_letters_cannot_register_twice():
    Member.objects.create_user("grace@example.org", password="cobol compiler 1959")
    with pytest.raises(IntegrityError), transaction.atomic():
        Member.objects.create_user("GRACE@Example.org", password="another password 1")
    assert Member.objects.filter(email__iexact="grace@example.org").count() == 1


def test_an_email_address_is_required():
    with pytest.raises(ValueError, match="e-mail address is required"):
        Member.objects.create_user("", password="no address here 1")


def test_create_superuser_is_staff_and_superuser():
    boss = Member.objects.create_superuser("Boss@Example.org", password="run the association")
    assert boss.is_staff and boss.is_superuser and boss.email == "boss@example.org"


def test_members_authenticate_with_their_email():
    Member.objects.create_user("Katherine@Example.org", password="orbital mechanics 62")
    found = authenticate(username="katherine@example.org", password="orbital mechanics 62")
    assert found is not None and found.email == "katherine@example.org"
    assert authenticate(username="katherine@example.org", password="wrong password") is None


def test_names_shown_for_a_member():
    named = MemberFactory(first_name="Mary", last_name="Jackson", email="mary@example.org")
    unnamed = MemberFactory(first_name="", last_name="", email="anon@example.org")
    assert str(named) == named.get_full_name() == "Mary Jackson"
    assert named.get_short_name() == "Mary"
    assert str(unnamed) == unnamed.get_short_name() == "anon@example.org"


# ------------------------------------------------------------------------------------------ membership


@pytest.mark.parametrize(
    ("tier", "expires_on", "expected"),
    [
        (MembershipTier.PROFESSIONAL, None, True),
        (MembershipTier.PROFESSIONAL, date(2026, 6, 30), True),  # expires today: still a member today
        (MembershipTier.PROFESSIONAL, date(2026, 7, 1), True),
        (MembershipTier.PROFESSIONAL, date(2026, 6, 29), False),  # expired yesterday
        (MembershipTier.STUDENT, date(2026, 6, 30), True),
        (MembershipTier.INSTITUTIONAL, date(2025, 1, 1), False),
        (MembershipTier.NON_MEMBER, None, False),
        (MembershipTier.NON_MEMBER, date(2030, 1, 1), False),  # an expiry date does not make a non-member a member
    ],
)
def test_has_current_membership_on_a_given_day(tier, expires_on, expected):
    member = MemberFactory(membership_tier=tier, membership_expires_on=expires_on)
    member.refresh_from_db()
    assert member.has_current_membership(date(2026, 6, 30)) is expected


def test_has_current_membership_defaults_to_today():
    today = timezone.localdate()
    assert MemberFactory(membership_expires_on=today).has_current_membership()
    assert not MemberFactory(membership_expires_on=today - timedelta(days=1)).has_current_membership()


# ------------------------------------------------------------------------------------------ demographics


def test_demographics_default_to_prefer_not_to_say():
    answers = Demographics.objects.create(member=MemberFactory())
    answers.refresh_from_db()
    assert PREFER_NOT_TO_SAY == "prefer_not_to_say"
    assert answers.gender == PREFER_NOT_TO_SAY
    assert answers.identifies_as_under_represented == PREFER_NOT_TO_SAY
    assert answers.has_disability == PREFER_NOT_TO_SAY
    assert answers.age_band == PREFER_NOT_TO_SAY
    assert answers.gender_self_description == "" and answers.ethnicity_self_description == ""


def test_demographics_are_one_per_member_and_go_with_the_member():
    member = MemberFactory()
    Demographics.objects.create(member=member)
    with pytest.raises(IntegrityError), transaction.atomic():
        Demographics.objects.create(member=member)
    member.delete()
    assert not Demographics.objects.exists()


def test_demographic_choices_are_validated():
    answers = Demographics(member=MemberFactory(), gender="unknown")
    with pytest.raises(ValidationError) as error:
        answers.full_clean()
    assert "gender" in error.value.message_dict


# ------------------------------------------------------------------------------------------ languages


def test_preferred_languages_default_to_an_empty_list_not_shared_between_members():
    first, second = Member(email="one@example.org"), Member(email="two@example.org")
    assert first.preferred_languages == [] and second.preferred_languages == []
    first.preferred_languages.append("en")
    assert second.preferred_languages == []


def test_known_language_codes_pass_full_clean_and_round_trip():
    member = MemberFactory(preferred_languages=["en", "fr", "sw"])
    member.full_clean(exclude=["password"])
    member.refresh_from_db()
    assert member.preferred_languages == ["en", "fr", "sw"]


@pytest.mark.parametrize("languages", [["en", "xx"], ["klingon"], "en", [["en"]], {"en": True}])
def test_unknown_language_codes_are_rejected_by_full_clean(languages):
    member = MemberFactory.build(email="polyglot@example.org", preferred_languages=languages)
    with pytest.raises(ValidationError) as error:
        member.full_clean(exclude=["password"])
    assert set(error.value.message_dict) == {"preferred_languages"}
    assert error.value.message_dict["preferred_languages"] == ["Choose only from the listed options."]
