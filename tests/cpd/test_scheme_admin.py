"""Staff author CPD schemes in the Wagtail admin, with their category rules inline and the tiers as checkboxes; bad
rules are refused with the field named; a scheme members have cycles under cannot be deleted; plain members cannot
reach the snippet."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from certificates.cpd import cycles
from certificates.cpd.models import CpdScheme
from tests import factories
from tests.certificates.factories import CertificateTemplateFactory

from .factories import member_joined, scheme

pytestmark = pytest.mark.django_db
ADD_URL = reverse("wagtailsnippets_cpd_cpdscheme:add")


def scheme_form(rules=(), **fields) -> dict:
    data = {"name": "CPA-style CPD", "required_hours": "120", "cycle_months": "36", "yearly_minimum_hours": "20",
            "anchor": "joined", "is_active": "on", "rules": inline_formset(list(rules))}
    tiers = fields.pop("tiers", ["professional", "institutional"])
    data.update(fields)
    return {**nested_form_data(data), "tiers": tiers}


def test_staff_create_a_scheme_with_rules(client):
    client.force_login(factories.StaffFactory())
    response = client.post(ADD_URL, scheme_form([
        {"category": "ethics", "minimum_hours": "4", "maximum_hours": ""},
        {"category": "giving_back", "minimum_hours": "", "maximum_hours": "25"},
    ]))
    form = response.context["form"] if response.status_code == 200 else None
    assert response.status_code == 302, form and (form.errors, [f.errors for f in form.formsets["rules"].forms])
    made = CpdScheme.objects.get(name="CPA-style CPD")
    assert made.tiers == ["institutional", "professional"] and made.yearly_minimum_hours == 20
    assert {(r.category, r.minimum_hours, r.maximum_hours) for r in made.rules.all()} == {
        ("ethics", 4, None), ("giving_back", None, 25)}


@pytest.mark.parametrize(("changes", "rules", "message"), [
    ({"cycle_months": "0"}, [], "greater than or equal to 1"),
    ({"cycle_months": "121"}, [], "less than or equal to 120"),
    ({"tiers": []}, [], "Choose at least one membership tier"),
    ({"yearly_minimum_hours": "200"}, [], "cannot be more than the hours required"),
    ({}, [{"category": "ethics", "minimum_hours": "10", "maximum_hours": "5"}], "maximum cannot be less than"),
    ({}, [{"category": "ethics", "minimum_hours": "", "maximum_hours": ""}], "Give a minimum, a maximum or both"),
])
def test_bad_schemes_are_refused_with_the_reason(client, changes, rules, message):
    client.force_login(factories.StaffFactory())
    response = client.post(ADD_URL, scheme_form(rules, **changes))
    assert response.status_code == 200
    assert response.content.decode().count(message) == 1
    assert not CpdScheme.objects.exists()


def test_a_scheme_with_cycles_cannot_be_deleted(client):
    practitioner = scheme()
    cycles.current_cycle(member_joined(timezone.localdate() - timedelta(days=10)), practitioner)
    client.force_login(factories.StaffFactory())
    response = client.post(reverse("wagtailsnippets_cpd_cpdscheme:delete", args=[practitioner.pk]))
    assert response.status_code == 409
    assert "untick “active” instead" in response.content.decode()
    assert CpdScheme.objects.filter(pk=practitioner.pk).exists()


def test_a_member_cannot_reach_the_schemes(client):
    practitioner = scheme()
    client.force_login(factories.InstructorFactory())
    response = client.get(reverse("wagtailsnippets_cpd_cpdscheme:edit", args=[practitioner.pk]))
    assert response.status_code in (302, 403)


def test_staff_choose_the_template_of_the_schemes_cpd_credential(client):
    template = CertificateTemplateFactory(name="CPD credential")
    client.force_login(factories.StaffFactory())

    response = client.post(ADD_URL, scheme_form(certificate_template=str(template.pk)))

    assert response.status_code == 302
    assert CpdScheme.objects.get(name="CPA-style CPD").certificate_template == template


def test_staff_make_a_scheme_for_credential_holders_counted_from_the_credential(client):
    credential = CertificateTemplateFactory(name="Certified practitioner", valid_for_months=36)
    client.force_login(factories.StaffFactory())
    form = client.get(ADD_URL).content.decode()
    assert "Who the scheme applies to" in form and 'name="credentials"' in form and "Certified practitioner" in form

    response = client.post(ADD_URL, {**scheme_form(tiers=[], anchor="credential"), "credentials": [credential.pk]})

    assert response.status_code == 302, response.context["form"].errors
    made = CpdScheme.objects.get(name="CPA-style CPD")
    assert made.tiers == [] and list(made.credentials.all()) == [credential]
    assert made.anchor == CpdScheme.Anchor.CREDENTIAL


@pytest.mark.parametrize(("changes", "field", "message"), [
    ({"tiers": []}, "tiers", "Choose at least one membership tier or credential the scheme applies to."),
    ({"anchor": "credential"}, "anchor",
     "Cycles can start on the date the member earned the credential only when the scheme names credentials."),
])
def test_who_a_scheme_applies_to_is_checked_in_the_form(client, changes, field, message):
    client.force_login(factories.StaffFactory())
    response = client.post(ADD_URL, scheme_form(**changes))
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert response.content.decode().count(message) == 1
    assert not CpdScheme.objects.exists()


def test_unticking_a_schemes_last_credential_is_refused_when_it_names_no_tier(client):
    credential = CertificateTemplateFactory(name="Certified practitioner", valid_for_months=36)
    holders = CpdScheme(name="Holders", required_hours=30, cycle_months=24, anchor=CpdScheme.Anchor.CREDENTIAL)
    holders.credentials = [credential]
    holders.full_clean()
    holders.save()
    client.force_login(factories.StaffFactory())
    edit = reverse("wagtailsnippets_cpd_cpdscheme:edit", args=[holders.pk])

    response = client.post(edit, {**scheme_form(tiers=[], anchor="credential", name="Holders")})

    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"tiers", "anchor"}
    assert list(CpdScheme.objects.get(pk=holders.pk).credentials.all()) == [credential]
