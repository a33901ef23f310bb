"""Forms that choose topics, co-hosts or campaigns offer each once, its original row, however many translations it
has (lms/original_rows.py): the offering's admin form, a member's interests, a mentor's expertise."""

import pytest
from django.forms.models import apply_limit_choices_to_to_formfield
from wagtail.models import Locale

from cms.models import Partner, Topic
from courses.models import Offering
from lms.forms import ProfileForm
from mentoring.models import MentorProfile

pytestmark = pytest.mark.django_db


@pytest.fixture
def translated_topic():
    topic = Topic.objects.create(name="Flow metrics", slug="flow-metrics")
    spanish = topic.copy_for_translation(Locale.objects.get_or_create(language_code="es")[0])
    spanish.name, spanish.slug = "Métricas de flujo", "metricas-de-flujo"
    spanish.save()
    return topic, spanish


def test_each_choice_is_offered_once_as_its_original(translated_topic):
    topic, spanish = translated_topic
    partner = Partner.objects.create(name="Lean Institute", slug="lean-institute")
    partner.copy_for_translation(Locale.objects.get(language_code="es")).save()

    assert list(choices(Offering, "topics")) == [topic]
    assert list(choices(Offering, "co_hosts")) == [partner]
    assert list(choices(MentorProfile, "expertise")) == [topic]
    assert list(ProfileForm().fields["interests"].queryset) == [topic]
    assert Topic.objects.count() == 2 and spanish.pk not in choices(Offering, "topics").values_list("pk", flat=True)


def choices(model, name: str):
    """What a model form (the admin's, Wagtail's) offers for the field."""
    field = model._meta.get_field(name).formfield()
    apply_limit_choices_to_to_formfield(field)
    return field.queryset
