"""The placeholder vocabulary: what counts as a placeholder, what is a mistake, and how values go in."""

import pytest

from certificates.placeholders import (
    PLACEHOLDERS,
    fill_placeholders,
    malformed_placeholders,
    placeholder_problems,
    unknown_placeholders,
)

VALUES = {name: f"<{name}>" for name in PLACEHOLDERS}


def test_the_vocabulary_has_every_fact_a_certificate_prints():
    assert {
        "member_name",
        "achievement",
        "issue_date",
        "expiry_date",
        "cpd_hours",
        "credit_type",
        "verification_code",
        "verification_url",
        "issuer_name",
    } <= set(PLACEHOLDERS)
    assert all(str(description) for description in PLACEHOLDERS.values())


@pytest.mark.parametrize("written", ["{{member_name}}", "{{ member_name }}", "{{   member_name\t}}"])
def test_spaces_inside_the_braces_are_optional(written):
    assert fill_placeholders(f"Awarded to {written}.", VALUES) == "Awarded to <member_name>."
    assert unknown_placeholders(written) == []
    assert malformed_placeholders(written) == []


def test_every_placeholder_is_filled_and_the_rest_is_left_as_written():
    text = "{{ member_name }} completed {{ achievement }} on {{ issue_date }}\n{{ cpd_hours }} h {{ credit_type }}"
    assert fill_placeholders(text, VALUES) == (
        "<member_name> completed <achievement> on <issue_date>\n<cpd_hours> h <credit_type>"
    )


def test_a_value_containing_braces_is_printed_as_it_is_not_expanded_again():
    values = {**VALUES, "member_name": "{{ achievement }}"}
    assert fill_placeholders("To {{ member_name }}", values) == "To {{ achievement }}"


def test_a_known_placeholder_without_a_value_is_a_clear_error():
    with pytest.raises(KeyError, match="expiry_date"):
        fill_placeholders("Valid until {{ expiry_date }}", {"member_name": "Ann"})


def test_unknown_names_are_listed_once_each_in_order_of_use():
    text = "{{ member_name }} {{ grade }} {{ Member_Name }} {{grade}} {{ teacher }}"
    assert unknown_placeholders(text) == ["grade", "Member_Name", "teacher"]


@pytest.mark.parametrize(
    ("text", "fragments"),
    [
        ("Dear {{ member_name", ["{{ member_name"]),
        ("Dear {{}} friend", ["{{}}"]),
        ("Dear {{ }} friend", ["{{ }}"]),
        ("Dear member_name }} friend", ["Dear member_name }}"]),
        ("{{ member_name|upper }}", ["{{ member_name|upper }}"]),
        ("{{ member name }}", ["{{ member name }}"]),
        ("{{ a {{ member_name }}", ["{{ a"]),
        ("{% if member_name %}x{% endif %}", ["{% if member_name %}", "{% endif %}"]),
        ("Line one\n{{ member_name\nline three {{ issue_date }}", ["{{ member_name"]),
    ],
)
def test_malformed_fragments_are_listed_as_written(text, fragments):
    assert malformed_placeholders(text) == fragments


def test_a_long_unclosed_fragment_is_shortened_for_the_message():
    (fragment,) = malformed_placeholders("{{ member_name and then a great deal more text that never closes")
    assert fragment.startswith("{{ member_name")
    assert fragment.endswith("…")
    assert len(fragment) <= 31


def test_plain_text_with_single_braces_and_percent_signs_is_fine():
    text = "Scored 100% {in brackets} — well done, {{ member_name }}."
    assert unknown_placeholders(text) == []
    assert malformed_placeholders(text) == []


def test_problems_name_each_mistake_in_a_sentence():
    problems = placeholder_problems("{{ grade }} and {{ member_name")
    assert len(problems) == 2
    assert "{{ grade }}" in problems[0] and "member_name" in problems[0]
    assert "“{{ member_name”" in problems[1]
    assert placeholder_problems("All good, {{ member_name }}.") == []
