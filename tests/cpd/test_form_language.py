"""The activity form's texts with a bound in them (certificates/cpd/forms.py) are translated when the form is
rendered, in the request's language, not frozen in English when the module was imported."""

from __future__ import annotations

import pytest
from django.utils import translation

from certificates.cpd.forms import ActivityForm
from certificates.cpd.models import MAX_ACTIVITY_HOURS

pytestmark = pytest.mark.django_db


def test_the_activity_form_renders_its_help_text_and_max_hours_error_in_portuguese():
    limit = int(MAX_ACTIVITY_HOURS)
    with translation.override("pt"):
        form = ActivityForm(data={"hours": str(limit + 1)})
        html = form.as_div()
        assert f"Horas de aprendizagem, por exemplo 1.5; no máximo {limit} por atividade." in html
        assert "Hours of learning" not in html
        assert form.errors["hours"] == [
            f"Uma atividade pode contar no máximo {limit} horas; registe as mais longas como várias."]
    with translation.override("en"):
        assert "Hours of learning, e.g. 1.5; at most" in ActivityForm().as_div()  # the same class, read again
