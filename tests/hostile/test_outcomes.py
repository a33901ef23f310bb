"""The hostile strings in every filter of the outcomes dashboard, its CSV export and its API, as staff who may read
them, and in a partner host's offering id: never a server error, always within the hang guard, and a refusal says
what was wrong."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests import factories
from tests.hostile import corpus
from tests.hostile.replay import get, query

from .test_search_and_api import api_parameters, checked

pytestmark = pytest.mark.django_db

STRINGS = corpus.cases("strings.txt")
FILTERS = ("topic", "format", "partner", "path", "year_from", "year_to", "career_stage", "region", "tier",
           "segment")
STRIDE = 3  # each parameter gets every 3rd string, a different slice per parameter


def test_every_dashboard_filter_and_export_key(client):
    client.force_login(factories.StaffFactory())
    page = reverse("courses_outcomes_dashboard")
    for index, name in enumerate((*FILTERS, "export")):
        for case in corpus.sample(STRINGS, STRIDE, index):
            checked(get(client, page + query({name: case.value})), f"outcomes {name}={case}")


def test_every_documented_api_parameter(client):
    parameters = api_parameters(client)["/api/v1/reports/outcomes"]
    assert {name for name, _kind in parameters} == set(FILTERS)
    client.force_login(factories.StaffFactory())
    for index, (name, _kind) in enumerate(parameters):
        for case in corpus.sample(STRINGS, STRIDE, index):
            response = checked(get(client, "/api/v1/reports/outcomes" + query({name: case.value})),
                               f"api {name}={case}")
            assert response.status_code in (200, 400)
