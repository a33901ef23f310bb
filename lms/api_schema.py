"""The project's one OpenAPI document at /api/v1/openapi.json, assembled from what each package describes.

Packages that serve an API register a function returning their OpenAPI `paths` (in their AppConfig.ready), so
`lms` serves the whole document without importing them, and each description lives beside the code it describes.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import JsonResponse
from django.views.decorators.http import require_safe

PathsProvider = Callable[[], dict]

_providers: list[PathsProvider] = []

# Shared by every package's description: the body of any 4xx answer.
ERROR_SCHEMA = {"type": "object", "required": ["error"], "properties": {"error": {"type": "string"}}}


def register(provider: PathsProvider) -> None:
    """Add a package's paths; registering the same function twice changes nothing."""
    if provider not in _providers:
        _providers.append(provider)


def openapi_document() -> dict:
    paths: dict = {}
    for provider in _providers:
        for path, operations in provider().items():
            if path in paths:
                raise ValueError(f"Two packages describe {path} in the OpenAPI document.")
            paths[path] = operations
    return {
        "openapi": "3.1.0",
        "info": {"title": "VSMC Learning API", "version": "1",
                 "description": "The catalog search and certificate verification APIs. No authentication is "
                                "needed; a signed-in member's session shows them member-only offerings."},
        "paths": dict(sorted(paths.items())),
    }


@require_safe
def openapi_json(request) -> JsonResponse:
    return JsonResponse(openapi_document())
