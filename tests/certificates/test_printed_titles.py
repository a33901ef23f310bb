"""Certificate template titles, wordings and signatories pass the printed-text validator (lms/printed_names.py):
each is printed on every certificate of the template."""

import pytest
from django.core.exceptions import ValidationError

from certificates.models import TemplateWording

from .factories import add_signatory, default_template

pytestmark = pytest.mark.django_db


def test_a_template_title_with_a_bidi_override_is_refused():
    template = default_template()
    template.title = "Certificate\u202e fo noitelpmoc"
    with pytest.raises(ValidationError) as refused:
        template.full_clean()
    assert "U+202E" in refused.value.message_dict["title"][0]


def test_a_wording_title_with_a_line_break_is_refused_and_a_devanagari_one_kept():
    template = default_template()
    wording = TemplateWording(template=template, language="fr", title="प्रमाणपत्र\n", body="{member_name}")
    wording.title = "प्रमाण\u2028पत्र"
    with pytest.raises(ValidationError) as refused:
        wording.full_clean()
    assert "U+2028" in refused.value.message_dict["title"][0]
    wording.title = "पूर्णता प्रमाणपत्र"
    wording.full_clean()


def test_a_signatory_name_with_an_escape_is_refused():
    signatory = add_signatory(default_template())
    signatory.name = "Ada\x1b[8mLovelace"
    with pytest.raises(ValidationError) as refused:
        signatory.full_clean()
    assert "U+001B" in refused.value.message_dict["name"][0]
    signatory.name = "عائشة"
    signatory.full_clean()
