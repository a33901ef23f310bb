"""The one OpenAPI document: every package's API is in it, every path it names is served, and what the
certificate API answers carries the fields the document promises."""

from __future__ import annotations

import json

import pytest
from django.urls import Resolver404, resolve

from certificates import issuance
from tests import factories
from tests.certificates.public_support import fresh_client_address, ready_certificate

pytestmark = pytest.mark.django_db
__all__ = ["fresh_client_address"]

SAMPLE_CODE = "7K3Q-9F2M-XW4D-8HJT-2BNC"


def document(client) -> dict:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return json.loads(response.content)


def answer_schema(schema: dict, path: str, method: str, status: str) -> dict:
    """The JSON body schema the document gives for one answer, its $ref (to components) followed."""
    body = schema["paths"][path][method]["responses"][status]["content"]["application/json"]["schema"]
    if "$ref" in body:
        body = schema["components"]["schemas"][body["$ref"].rsplit("/", 1)[-1]]
    return body


def test_the_document_describes_the_catalog_and_the_certificate_apis(client):
    schema = document(client)

    assert schema["openapi"] == "3.1.0"
    assert {"/api/v1/catalog/search", "/api/v1/catalog/autocomplete", "/api/v1/certificates/{code}",
            "/api/v1/certificates/verify", "/certificates/{code}/credential.json",
            "/certificates/status/revocation.json", "/.well-known/did.json"} <= set(schema["paths"])
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            assert method in {"get", "post"} and "200" in operation["responses"], (path, method)


def test_every_documented_path_is_served(client):
    for path in document(client)["paths"]:
        try:
            resolve(path.replace("{code}", SAMPLE_CODE))
        except Resolver404:
            pytest.fail(f"{path} is documented but no view serves it")


@pytest.mark.usefixtures("media_root")
def test_the_certificate_answers_carry_what_the_document_promises(client):
    schema = document(client)
    certificate = ready_certificate()
    promised = answer_schema(schema, "/api/v1/certificates/{code}", "get", "200")

    answer = json.loads(client.get(f"/api/v1/certificates/{certificate.code}").content)
    assert set(promised["required"]) <= set(answer) <= set(promised["properties"])
    assert answer["status"] in promised["properties"]["status"]["enum"]

    credential = client.get(f"/certificates/{certificate.code}/credential.json").content
    checked = json.loads(client.post("/api/v1/certificates/verify", credential, content_type="application/json")
                         .content)
    check_schema = answer_schema(schema, "/api/v1/certificates/verify", "post", "200")
    assert set(checked) == set(check_schema["required"]) and checked["valid"] is True

    issuance.withdraw(certificate, by=factories.StaffFactory())
    tombstone = client.get(f"/api/v1/certificates/{certificate.code}")
    assert tombstone.status_code == 410
    withdrawn = answer_schema(schema, "/api/v1/certificates/{code}", "get", "410")
    assert set(withdrawn["required"]) <= set(json.loads(tombstone.content)) <= set(withdrawn["properties"])
