"""The hostile strings in every query parameter of the search page and the catalog API (the parameters read from
/api/v1/openapi.json, so a new one is replayed without being listed here), the hostile certificate codes against
every page and API that takes a code, and hostile credentials posted to the verify API: never a server error,
always within the hang guard, and a refusal (4xx) says what was wrong."""

from __future__ import annotations

import copy
import json
from urllib.parse import quote

import pytest

from tests.certificates.public_support import fresh_address
from tests.hostile import corpus
from tests.hostile.replay import encoded, get, query, within_bound

pytestmark = pytest.mark.django_db

STRINGS = corpus.cases("strings.txt")
CODES = corpus.cases("codes.txt")
STRIDE = 4  # each parameter but q gets every 4th string, a different slice per parameter


def says_why(response) -> str:
    """The reason a refusal gives: the JSON error's text, or the page's text."""
    if response.get("Content-Type", "").startswith("application/json"):
        body = json.loads(response.content)
        return (
            " ".join(str(value) for value in body.values() if isinstance(value, str)) if isinstance(body, dict) else ""
        )
    return response.content.decode("utf-8", "replace").strip()


def checked(response, what: str):
    assert response.status_code < 500, f"{what}: {response.status_code}"
    if 400 <= response.status_code < 500 and response.status_code not in (404, 405, 429):
        assert says_why(response), f"{what}: refused ({response.status_code}) without saying why"
    return response


@pytest.fixture
def fresh_client(client):
    """A client that speaks from a new address for each request, so the guessing limit never hides the view."""

    class Fresh:
        def get(self, url, **extra):
            client.defaults["REMOTE_ADDR"] = fresh_address()
            return get(client, url)

        def post(self, url, body: bytes | str, content_type: str):
            client.defaults["REMOTE_ADDR"] = fresh_address()
            response = within_bound(lambda: client.post(url, body, content_type=content_type), f"POST {url}")
            assert response.status_code < 500, f"POST {url} {body[:120]!r}: {response.status_code}"
            return response

    return Fresh()


def api_parameters(client) -> dict[str, list[tuple[str, str]]]:
    """Each GET operation with query parameters in the published OpenAPI document: path -> [(name, type)]."""
    document = json.loads(client.get("/api/v1/openapi.json").content)
    found = {}
    for path, operations in document["paths"].items():
        parameters = operations.get("get", {}).get("parameters", [])
        named = [(p["name"], p.get("schema", {}).get("type", "string")) for p in parameters if p["in"] == "query"]
        if named:
            found[path] = named
    return found


def test_the_catalog_api_is_replayed_with_every_documented_query_parameter(client, fresh_client):
    operations = api_parameters(client)
    assert {"/api/v1/catalog/search", "/api/v1/catalog/autocomplete"} <= set(operations)
    for path, parameters in operations.items():
        for index, (name, kind) in enumerate(parameters):
            chosen = STRINGS if name == "q" else corpus.sample(STRINGS, STRIDE, index)
            for case in chosen:
                url = path + query({name: case.value})
                checked(fresh_client.get(url), f"{path} {name}={case}")
            if kind == "array":  # the same parameter many times over
                checked(fresh_client.get(path + "?" + "&".join([f"{name}=x"] * 1000)), f"{path} 1000 x {name}")


def test_the_search_page_is_replayed_with_the_same_parameters(client, fresh_client):
    parameters = api_parameters(client)["/api/v1/catalog/search"]
    for index, (name, _kind) in enumerate(parameters):
        chosen = STRINGS if name == "q" else corpus.sample(STRINGS, STRIDE, index + 1)
        for case in chosen:
            checked(fresh_client.get("/search/" + query({name: case.value})), f"/search/ {name}={case}")


def code_urls(code: str) -> list[str]:
    segment = quote(code.encode("utf-8", "surrogatepass"), safe="")
    return [
        f"/certificates/verify/{segment}",
        f"/certificates/{segment}/",
        f"/certificates/{segment}/credential.json",
        f"/certificates/{segment}/certificate.pdf",
        f"/api/v1/certificates/{segment}",
        f"/certificates/verify/?code={encoded(code)}",
    ]


@pytest.mark.parametrize("case", CODES, ids=str)
def test_hostile_codes_on_every_page_and_api_that_takes_one(fresh_client, case):
    for url in code_urls(case.value):
        checked(fresh_client.get(url), f"{url[:120]} ({case})")


def test_hostile_credentials_posted_to_the_verify_api(fresh_client, world):
    url = "/api/v1/certificates/verify"
    credential = json.loads(fresh_client.get(f"/certificates/{world.certificate.code}/credential.json").content)
    bodies = [(f"raw {case}", case.value.encode("utf-8", "surrogatepass")) for case in STRINGS]
    bodies += [(f"JSON string {case}", json.dumps(case.value).encode()) for case in STRINGS]
    # Each top-level field of a real credential in turn replaced by hostile strings (lone surrogates stay escaped).
    for index, field in enumerate(sorted(credential)):
        for case in corpus.sample(STRINGS, STRIDE * 2, index):
            changed = copy.deepcopy(credential)
            changed[field] = case.value
            bodies.append((f"{field}={case}", json.dumps(changed).encode()))
    nested = '{"credential":' * 5000 + json.dumps(credential) + "}" * 5000  # deeper than json.dumps goes
    bodies.append(("nested 5000 deep", nested.encode()))
    bodies.append(("10,000 keys", json.dumps({f"k{n}": n for n in range(10_000)}).encode()))
    for label, body in bodies:
        response = fresh_client.post(url, body, "application/json")
        checked(response, f"POST {url} {label}")
