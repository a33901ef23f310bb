"""schemathesis against /api/v1/openapi.json: every operation the document describes gets generated requests,
valid and invalid, and each answer must be no 5xx, a status the document lists, the content type it lists and a body
matching its schema.

The app is called through `schemathesis.openapi.from_wsgi` with Django's own WSGI handler: each case goes through
the real middleware, URL routing, views, database (PostgreSQL) and cache (Redis), inside the test's transaction,
so what the test creates is what the API sees and nothing is left behind. (A live server would add only the socket,
and would need a committed database.)

The certificate guessing limit stays on: each case comes from a fresh client address, sent in X-Forwarded-For,
which this test's settings trust (one proxy), so one case's misses never turn another's answer into a 429.
"""

from __future__ import annotations

import ipaddress
import secrets

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from certificates import issuance
from certificates.codes import ALPHABET, CODE_LENGTH, group
from certificates.models import Certificate
from tests import factories
from tests.certificates.factories import default_template, issued_certificate

EXAMPLES_PER_OPERATION = 30
VALID_CODE = "7K3Q-9F2M-XW4D-8HJT-2BNC"
WITHDRAWN_CODE = "4DWN-0000-TEST-WXYZ-1234"


def never_limited(ctx, response, case) -> bool | None:
    """The guessing limit must not answer for the endpoints: a 429 here means the cases shared an address."""
    if response.status_code == 429:
        raise AssertionError(f"{case.method} {case.formatted_path} answered 429: the guessing limit masked it")
    return None


CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    never_limited,
]
DOCUMENTATION_NETWORK = ipaddress.ip_network("2001:db8::/32")  # never a real client


def fresh_client_address() -> str:
    """A random /64 of the documentation range: the guessing limit counts per /64, so each case starts at zero."""
    subnet = secrets.randbits(32) << 64
    return str(DOCUMENTATION_NETWORK[subnet + 1])


APP = get_wsgi_application()
# Loaded when the module is collected (the document needs no database); schemathesis's fixture-based lazy loader
# does not run on pytest 9 (it sets the node's removed `_nodeid`).
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", APP)


# Random text is almost never a well-formed code, and the view answers that 404 before any look-up; so half the
# codes sent are well formed (mostly unknown: the misses the guessing limit counts), some name a certificate.
WELL_FORMED_CODES = st.one_of(
    st.text(alphabet=ALPHABET, min_size=CODE_LENGTH, max_size=CODE_LENGTH).map(group),
    st.sampled_from([VALID_CODE, VALID_CODE.lower().replace("-", ""), WITHDRAWN_CODE]),
)


@schema.hook
def flatmap_path_parameters(context, path_parameters):
    if "code" not in (path_parameters or {}):
        return st.just(path_parameters)
    return st.one_of(st.just(path_parameters), WELL_FORMED_CODES.map(lambda code: {**path_parameters, "code": code}))


@pytest.fixture(autouse=True)
def api_under_test(db, settings, tmp_path):
    """Trust one proxy, keep requests on the test's database connection (as Django's test client does), and give
    the API something to find: a live offering, a valid certificate and a withdrawn one."""
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    settings.MEDIA_ROOT = str(tmp_path / "media")
    default_template()
    valid = issued_certificate(
        factories.MemberFactory(first_name="Amara", last_name="Okafor"),
        factories.build_offering(title="Flow Metrics Fundamentals", modules=1, lessons_per_module=1),
    )
    Certificate.objects.filter(pk=valid.pk).update(code=VALID_CODE)
    withdrawn = issued_certificate()
    Certificate.objects.filter(pk=withdrawn.pk).update(code=WITHDRAWN_CODE)
    issuance.withdraw(Certificate.objects.get(pk=withdrawn.pk), by=factories.StaffFactory())
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@schema.parametrize()
@hypothesis_settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_every_operation_answers_as_documented(case):
    case.call_and_validate(headers={"X-Forwarded-For": fresh_client_address()}, checks=CHECKS)


def test_a_code_spelled_otherwise_is_a_documented_redirect(client):
    """Found by the fuzzer: the credential address moves other spellings of a code to the printed one (301), which
    the document did not list."""
    response = client.get(f"/certificates/{VALID_CODE.lower().replace('-', '')}/credential.json")
    assert response.status_code == 301 and response["Location"] == f"/certificates/{VALID_CODE}/credential.json"
    operation = client.get("/api/v1/openapi.json").json()["paths"]["/certificates/{code}/credential.json"]["get"]
    assert "Location" in operation["responses"]["301"]["headers"]
