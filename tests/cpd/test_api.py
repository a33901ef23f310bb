"""GET /api/v1/me/cpd: the signed-in member's cycles with earned and required hours per category (decimals as
strings), described in the OpenAPI document; refused to a visitor."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from certificates.cpd import cycles
from certificates.cpd.models import ExternalActivity
from tests import factories

from .factories import activity, member_joined, scheme

pytestmark = pytest.mark.django_db
URL = "/api/v1/me/cpd"


def test_the_member_gets_their_cycles_with_categories(client):
    practitioner = scheme(months=12, required="20")
    member = member_joined(date(2023, 2, 1))
    cycles.current_cycle(member, practitioner, today=date(2024, 3, 1))  # a past cycle, closed on the next read
    activity(member, hours="4.5", category="ethics", day=timezone.localdate() - timedelta(days=1),
             status=ExternalActivity.Status.APPROVED)
    client.force_login(member)
    response = client.get(URL)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    answer = response.json()
    current, *past = answer["cycles"]
    assert current["status"] == "open" and current["scheme"] == "VSMC Practitioner CPD"
    assert current["required"] == "20.00" and current["counted"] == "4.50"
    ethics = next(c for c in current["categories"] if c["category"] == "ethics")
    assert (ethics["earned"], ethics["required"], ethics["still_needed"]) == ("4.50", "6.00", "1.50")
    giving_back = next(c for c in current["categories"] if c["category"] == "giving_back")
    assert giving_back["maximum"] == "25.00" and giving_back["required"] == "0.00"
    assert past and past[0]["status"] == "short" and past[0]["counted_at_close"] == "0.00"
    assert date.fromisoformat(past[0]["last_day"]) < date.fromisoformat(current["starts_on"])


def test_a_member_under_no_scheme_gets_no_cycles(client):
    client.force_login(factories.NonMemberFactory())
    assert client.get(URL).json() == {"schemes": [], "cycles": []}


def test_a_visitor_is_told_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 401 and "Sign in" in response.json()["error"]


def test_the_operation_is_in_the_openapi_document(client):
    document = client.get("/api/v1/openapi.json").json()
    operation = document["paths"][URL]["get"]
    assert set(operation["responses"]) == {"200", "401"}
    schemas = document["components"]["schemas"]
    assert {"earned", "required"} <= set(schemas["CategoryAnswer"]["properties"])


def test_the_answer_costs_the_same_queries_however_many_past_cycles(client, django_assert_max_num_queries):
    practitioner = scheme(months=12)
    member = member_joined(date(2019, 6, 1))
    for years_back in (5, 4, 3, 2, 1):
        cycles.current_cycle(member, practitioner, today=timezone.localdate() - timedelta(days=365 * years_back))
    cycles.current_cycle(member, practitioner)
    client.force_login(member)
    client.get(URL)
    # session, user, schemes, rules, credentials, three cycle reads, the credit over the whole span (courses two,
    # mentoring two, approved activities one), the cycles of schemes that no longer apply (one); who holds a
    # credential is asked only when a scheme names one
    with django_assert_max_num_queries(14):
        assert len(client.get(URL).json()["cycles"]) == 6
