"""The site's one JSON API (django-ninja) and its OpenAPI document at /api/v1/openapi.json, generated from the
routers' operations and their pydantic answers.

Packages add their router through the API_ROUTERS hook (lms/extension_points.py), so `lms` serves the whole API
without importing or naming them (an import string here would still be an arrow from lms to each package, only one
the import rules cannot see), and the order of the document's paths is stated where each router is registered.
The API is mounted at the site root rather than under /api/v1/ because the document also describes the JSON files
certificates publish at fixed addresses (the credential, the revocation list, the did:web document); every
operation therefore states its full path. Interactive docs are off: the usual viewers load scripts from a CDN,
which the site's CSP forbids, and the document itself is what API clients read.

Operations keep answering with the packages' own responses (their headers, CORS and JSON spelling), which ninja
passes through untouched; the answers a view may give are declared with `response=` so the document lists each
status with its body.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

from django.views.decorators.http import require_safe
from ninja import NinjaAPI, Router, Schema
from ninja.constants import NOT_SET
from ninja.openapi.schema import OpenAPISchema
from pydantic import Field
from wagtail import hooks

from .extension_points import API_ROUTERS

DOCUMENT_PATH = "api/v1/openapi.json"


class ErrorAnswer(Schema):
    """The body of every refusal (4xx, 5xx) the API gives: one sentence saying what to do."""

    error: str = Field(description="What was wrong, in words, in the request's language.")


class LimitedAnswer(ErrorAnswer):
    """A 429: too many tries from the client's network; the same wait is in the Retry-After header."""

    retry_after: int = Field(ge=1, description="Seconds until the client may try again.")


RETRY_AFTER_HEADER = {"Retry-After": {"schema": {"type": "integer", "minimum": 1},
                                      "description": "Seconds until the client may try again."}}
LOCATION_HEADER = {"Location": {"schema": {"type": "string"}, "description": "The canonical address."}}


def answers(descriptions: dict[int, str], headers: dict[int, dict] | None = None) -> dict[str, Any]:
    """`openapi_extra` for an operation: what each status means, and the headers it carries."""
    # Keyed by int, as ninja keys the responses it generates, so the two merge into one entry per status.
    responses: dict[int, dict] = {status: {"description": text} for status, text in descriptions.items()}
    for status, described in (headers or {}).items():
        responses.setdefault(status, {})["headers"] = described
    return {"responses": responses}


def get_and_head(router: Router, path: str, *, url_name: str, **operation: Any) -> Callable:
    """Register a GET operation that answers HEAD as well (as Django's require_safe views do), documented once."""

    def register(view: Callable) -> Callable:
        router.get(path, url_name=url_name, **operation)(view)
        router.add_api_operation(path, ["HEAD"], view, url_name=url_name, include_in_schema=False,
                                 response=operation.get("response", NOT_SET))
        return view

    return register


class SiteAPI(NinjaAPI):
    """A NinjaAPI at the site root: its document is rooted at "/" and it adds no view at "/" (the home page is
    Wagtail's)."""

    def get_root_path(self, path_params: dict[str, Any]) -> str:
        return "/"

    def _get_urls(self) -> list:
        return [pattern for pattern in super()._get_urls() if getattr(pattern, "name", None) != "api-root"]

    def get_openapi_schema(self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
                           ) -> OpenAPISchema:
        """The generated document, saying of each query parameter that takes a list that it is sent repeated
        (?topic=a&topic=b), which is how the views read it; ninja leaves `style` and `explode` out."""
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        for operations in schema["paths"].values():
            for operation in operations.values():
                for parameter in operation.get("parameters", []):
                    if parameter["in"] == "query" and parameter["schema"].get("type") == "array":
                        parameter.update(style="form", explode=True)
        return schema


@cache
def site_api() -> SiteAPI:
    """The API with every package's router, built once when the URLconf is first read."""
    api = SiteAPI(
        title="VSMC Learning API",
        version="1",
        description="The catalog search and certificate verification APIs. No authentication is needed; a "
                    "signed-in member's session shows them member-only offerings.",
        openapi_url=DOCUMENT_PATH,
        docs_url=None,
        docs_decorator=require_safe,  # the document answers GET and HEAD only, as before
        urls_namespace="api",
    )
    for router in hooks.get_hooks(API_ROUTERS):
        api.add_router("", router())
    return api
