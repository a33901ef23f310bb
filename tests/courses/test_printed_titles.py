"""Offering and session titles pass the printed-text validator (lms/printed_names.py) in the models' clean, which
the Wagtail page editor runs: they are printed on certificates, exports and e-mails."""

import pytest
from django.core.exceptions import ValidationError

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("title", "named"),
    [
        ("Ethics\u202egnp.exe", "U+202E"),
        ("Ethics\r\nBcc: all@example.org", "U+000D"),
        ("\u200b\u200b", "U+200B"),
        ("Ethics\x1b[31m", "U+001B"),
    ],
    ids=["right_to_left_override", "line_break", "only_zero_width", "escape"],
)
def test_an_offering_title_that_cannot_be_printed_is_refused(title, named):
    offering = factories.build_offering(title="Research Ethics", modules=1, lessons_per_module=1)
    offering.title = title
    with pytest.raises(ValidationError) as refused:
        offering.full_clean()
    assert named in refused.value.message_dict["title"][0]


def test_offering_titles_in_any_script_are_kept_composed():
    offering = factories.build_offering(title="Research Ethics", modules=1, lessons_per_module=1)
    for title in ("أخلاقيات البحث", "अनुसंधान नैतिकता", "研究倫理", "=SUM is allowed, exports quote it"):
        offering.title = title
        offering.full_clean()
    offering.title = "E\u0301thique"
    offering.full_clean()
    assert offering.title == "\u00c9thique"


def test_a_session_title_with_a_line_break_is_refused():
    event = factories.build_event(title="Kanban Clinic")
    session = factories.sessions_of(event)[0]
    session.title = "Part 2\nBcc: all@example.org"
    with pytest.raises(ValidationError) as refused:
        session.full_clean()
    assert "U+000A" in refused.value.message_dict["title"][0]
    session.title = "第二部"
    session.full_clean()


@pytest.mark.parametrize(
    ("name", "named"),
    [("Ada\u202eecalevol", "U+202E"), ("Ada\r\nLovelace", "U+000D"), ("\u200b\u200b\u200b", "U+200B")],
    ids=["right_to_left_override", "line_break", "only_zero_width"],
)
def test_an_attestation_signed_with_an_unprintable_name_is_refused(client, learner, name, named):
    from courses.learning import enrolment as enrolment_rules
    from courses.models import EthicsAttestation
    from tests.courses.journeys import finish

    ethics = factories.build_ethics_module(modules=1, lessons_per_module=1)
    enrolment_rules.enrol(learner, ethics)
    finish(learner, factories.lessons_of(ethics))
    client.force_login(learner)

    response = client.post(ethics.url + "attest/", {"signed_name": name})
    assert response.status_code == 400
    assert named in response.content.decode()
    assert not EthicsAttestation.objects.exists()

    assert client.post(ethics.url + "attest/", {"signed_name": "आदित्य वर्मा"}).status_code == 303
    assert EthicsAttestation.objects.get().signed_name == "आदित्य वर्मा"
