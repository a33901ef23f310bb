"""Printed names: one validator (lms/printed_names.py) behind sign-up, the profile and the admin's user forms;
and the longest password accepted (lms/password_length.py)."""

import unicodedata

import pytest
from django.core.exceptions import ValidationError

from lms.models import Member
from lms.password_length import MAX_PASSWORD_LENGTH
from lms.printed_names import MAX_MARKS_PER_LETTER, MAX_NAME_LENGTH, printed_name, printed_title
from tests.factories import PartnerHostFactory, StaffFactory

# Each hostile name, with the U+XXXX its error names (None: the "no letter or digit" error).
REFUSED_NAMES = {
    "carriage_return_line_feed": ("Bob\r\nBcc: all@example.org", "U+000D"),
    "line_feed": ("Bob\nSmith", "U+000A"),
    "escape": ("Bob\x1b[2J", "U+001B"),
    "null": ("Bob\x00", "U+0000"),  # forms refuse it first, with Django's own message
    "right_to_left_override": ("Bob\u202egnp.exe", "U+202E (RIGHT-TO-LEFT OVERRIDE)"),
    "left_to_right_embedding": ("\u202aBob", "U+202A"),
    "first_strong_isolate": ("Bob\u2068x\u2069", "U+2068"),
    "right_to_left_mark": ("Bob\u200f", "U+200F"),
    "only_zero_width_spaces": ("\u200b\u200b\u200b", "U+200B (ZERO WIDTH SPACE)"),
    "zero_width_joiner_in_latin": ("B\u200dob", "U+200D"),
    "byte_order_mark": ("\ufeffBob", "U+FEFF"),
    "line_separator": ("Bob\u2028Smith", "U+2028"),
    "private_use": ("Bob\ue000", "U+E000"),
    "only_combining_marks": ("\u0301\u0302", None),
    "only_punctuation": ("...", None),
}

ACCEPTED_NAMES = {
    "arabic": "محمد بن عبد الله",
    "persian_with_zero_width_non_joiner": "نگار\u200cزاده",
    "devanagari": "अनुष्का",
    "devanagari_with_zero_width_joiner": "क्\u200dष",
    "bengali": "সৌমিত্র",
    "chinese": "张伟",
    "japanese_with_ideographic_space": "山田\u3000太郎",
    "korean": "김민준",
    "vietnamese_stacked_accents": "Nguyễn Thị Ngọc",
    "combining_marks": "Zoe\u0308 A\u030angstro\u0308m",
    "formula_like_but_real": "-Ann",
    "apostrophe_and_hyphen": "O'Brien-Núñez",
}


@pytest.mark.parametrize(("name", "named"), REFUSED_NAMES.values(), ids=REFUSED_NAMES.keys())
def test_the_validator_names_the_character_it_refuses(name, named):
    with pytest.raises(ValidationError) as refused:
        printed_name(name)
    message = refused.value.messages[0]
    if named:
        assert named in message
    else:
        assert "at least one letter or digit" in message


@pytest.mark.parametrize("name", ACCEPTED_NAMES.values(), ids=ACCEPTED_NAMES.keys())
def test_real_names_in_every_script_are_accepted_in_nfc(name):
    assert printed_name(name) == unicodedata.normalize("NFC", name).strip()


def test_decomposed_text_is_stored_composed():
    assert printed_name("Zoe\u0308") == "Zo\u00eb"


def test_lengths_and_mark_stacks_are_bounded():
    assert printed_name("a" * MAX_NAME_LENGTH) == "a" * MAX_NAME_LENGTH
    with pytest.raises(ValidationError, match="at most 150 characters"):
        printed_name("a" * (MAX_NAME_LENGTH + 1))
    assert printed_title("t" * 255)
    with pytest.raises(ValidationError, match="at most 255"):
        printed_title("t" * 256)
    printed_name("a" + "\u0301" * MAX_MARKS_PER_LETTER)
    with pytest.raises(ValidationError, match="accents or vowel signs"):
        printed_name("Zalgo" + "\u0301\u0316" * 20)


# ------------------------------------------------------------------------------------------ sign-up


def assert_refused_as(errors, named):
    """The field's error names the character (Django's CharField refuses NUL itself, before our validator)."""
    if named == "U+0000":
        assert "Null characters are not allowed" in errors[0]
    elif named:
        assert named in errors[0]
    else:
        assert "at least one letter or digit" in errors[0]


def sign_up(client, **changes):
    data = {
        "email": "new.member@example.org",
        "password1": "a long pass phrase 9",
        "password2": "a long pass phrase 9",
        "first_name": "Nia",
        "last_name": "Okafor",
        "career_stage": "",
    }
    data.update(changes)
    return client.post("/accounts/signup/", data)


@pytest.mark.django_db
@pytest.mark.parametrize("field", ["first_name", "last_name"])
@pytest.mark.parametrize(("name", "named"), REFUSED_NAMES.values(), ids=REFUSED_NAMES.keys())
def test_sign_up_refuses_unprintable_names_and_creates_no_account(client, field, name, named):
    response = sign_up(client, **{field: name})
    assert response.status_code == 200
    assert_refused_as(response.context["form"].errors[field], named)
    assert not Member.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("name", ACCEPTED_NAMES.values(), ids=ACCEPTED_NAMES.keys())
def test_sign_up_accepts_names_in_every_script(client, name):
    assert sign_up(client, first_name=name).status_code == 302
    assert Member.objects.get().first_name == unicodedata.normalize("NFC", name)


@pytest.mark.django_db
def test_sign_up_refuses_a_ten_thousand_character_password(client):
    password = "correct horse battery staple " * 345  # 10,005 characters
    response = sign_up(client, password1=password, password2=password)
    assert response.status_code == 200
    assert f"at most {MAX_PASSWORD_LENGTH} characters" in str(response.context["form"].errors["password1"])
    assert not Member.objects.exists()


@pytest.mark.django_db
def test_sign_up_accepts_a_password_at_the_bound(client):
    password = ("pass phrase " * 11)[:MAX_PASSWORD_LENGTH]
    assert len(password) == MAX_PASSWORD_LENGTH
    assert sign_up(client, password1=password, password2=password).status_code == 302


@pytest.mark.django_db
def test_password_change_refuses_an_over_long_password(client, learner):
    client.force_login(learner)
    password = "x9 long words " * 800
    response = client.post(
        "/accounts/password/change/",
        {"oldpassword": "correct horse battery", "password1": password, "password2": password},
    )
    assert response.status_code == 200
    assert f"at most {MAX_PASSWORD_LENGTH} characters" in str(response.context["form"].errors["password1"])
    learner.refresh_from_db()
    assert learner.check_password("correct horse battery")


# ------------------------------------------------------------------------------------------ profile


def profile_data(**changes) -> dict:
    data = {
        "profile-first_name": "Ada",
        "profile-last_name": "Lovelace",
        "profile-career_stage": "",
        "profile-country": "GB",
        "profile-time_zone": "Europe/London",
        "profile-preferred_languages": ["en"],
        "demo-gender": "prefer_not_to_say",
        "demo-gender_self_description": "",
        "demo-ethnicity_self_description": "",
        "demo-identifies_as_under_represented": "prefer_not_to_say",
        "demo-has_disability": "prefer_not_to_say",
        "demo-age_band": "prefer_not_to_say",
    }
    data.update(changes)
    return data


@pytest.mark.django_db
@pytest.mark.parametrize("field", ["first_name", "last_name"])
@pytest.mark.parametrize(("name", "named"), REFUSED_NAMES.values(), ids=REFUSED_NAMES.keys())
def test_profile_refuses_unprintable_names_and_saves_nothing(client, learner, field, name, named):
    client.force_login(learner)
    before = Member.objects.values().get(pk=learner.pk)
    response = client.post("/accounts/profile/", profile_data(**{f"profile-{field}": name}))
    assert response.status_code == 400
    assert_refused_as(response.context["profile_form"].errors[field], named)
    assert Member.objects.values().get(pk=learner.pk) == before


@pytest.mark.django_db
def test_profile_accepts_and_composes_a_name_with_combining_marks(client, learner):
    client.force_login(learner)
    response = client.post("/accounts/profile/", profile_data(**{"profile-last_name": "A\u030angstro\u0308m"}))
    assert response.status_code == 302
    learner.refresh_from_db()
    assert learner.last_name == "Ångström"


# ------------------------------------------------------------------------------------------ admin users


def admin_user_data(**changes) -> dict:
    data = {
        "email": "pat.lee@example.org",
        "first_name": "Pat",
        "last_name": "Lee",
        "is_active": "on",
        "membership_tier": "student",
        "membership_expires_on": "",
        "career_stage": "",
        "groups": [],
    }
    data.update(changes)
    return data


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "named"),
    [REFUSED_NAMES["right_to_left_override"], REFUSED_NAMES["carriage_return_line_feed"]],
    ids=["right_to_left_override", "carriage_return_line_feed"],
)
def test_the_admin_user_forms_refuse_unprintable_names(client, name, named):
    client.force_login(StaffFactory())
    member = PartnerHostFactory()
    before = Member.objects.values().get(pk=member.pk)
    edit = client.post(f"/admin/users/edit/{member.pk}/", admin_user_data(email=member.email, last_name=name))
    assert edit.status_code == 200
    assert named in edit.context["form"].errors["last_name"][0]
    assert Member.objects.values().get(pk=member.pk) == before

    count = Member.objects.count()
    password = "a long pass phrase 9"
    create = client.post("/admin/users/new/", admin_user_data(first_name=name, password1=password, password2=password))
    assert create.status_code == 200
    assert named in create.context["form"].errors["first_name"][0]
    assert Member.objects.count() == count


@pytest.mark.django_db
def test_the_admin_user_form_accepts_a_devanagari_name(client):
    client.force_login(StaffFactory())
    member = PartnerHostFactory()
    response = client.post(f"/admin/users/edit/{member.pk}/", admin_user_data(email=member.email, first_name="अनुष्का"))
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.first_name == "अनुष्का"


# ------------------------------------------------------------------------------------------ demo data


def test_every_demo_name_is_printable_as_written():
    """The demo loaders create accounts from their content files (no file import sets a member's name)."""
    from courses.demo.content import demo_content as catalog_content
    from mentoring.demo.content import demo_content as mentoring_content

    mentoring = mentoring_content()
    names = [(spec.first_name, spec.last_name) for spec in catalog_content().accounts]
    names += [(person.first_name, person.last_name) for person in mentoring.mentors + mentoring.mentees]
    for first_name, last_name in names:
        assert printed_name(first_name) == first_name
        assert last_name == "" or printed_name(last_name) == last_name


@pytest.mark.django_db
def test_the_admin_account_page_refuses_an_unprintable_name_of_ones_own(client):
    staff = StaffFactory(first_name="Sam", last_name="Staff")
    client.force_login(staff)
    assert client.get("/admin/account/").status_code == 200
    response = client.post(
        "/admin/account/",
        {"name_email-first_name": "Sam\u202egnp.exe", "name_email-last_name": "Staff", "name_email-email": staff.email},
    )
    assert response.status_code == 200
    forms = [panel.get_form() for tab in response.context["panels_by_tab"].values() for panel in tab]
    refused = [form for form in forms if "first_name" in form.errors]
    assert refused and "U+202E" in refused[0].errors["first_name"][0]
    staff.refresh_from_db()
    assert staff.first_name == "Sam"
