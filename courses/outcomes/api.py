"""`GET /api/v1/reports/outcomes`: the outcomes dashboard's figures for staff with the outcome reports' permission
(mounted by lms.api through the `api_routers` hook in courses/wagtail_hooks.py). The query parameters are the
dashboard's filters, read by the same form (dashboard_filters.py), so a bad value is a 400 naming the parameter;
the figures are measures.py's, as the page shows them: shares 0-1, means 1-5, hours as decimal strings, and null
where a group is too small to show."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from pydantic import Field, create_model

from lms.api import ErrorAnswer, answers
from lms.country_regions import REGION_LABELS
from lms.models import CareerStage, MembershipTier

from ..catalog.listing import FORMATS
from .dashboard_filters import BREAKDOWN_SEGMENTS, FIRST_YEAR, LAST_YEAR, MAX_YEARS, DashboardFilters
from .dashboard_tables import api_answer
from .engagement_admin import OUTCOMES_PERMISSION

router = Router(tags=["reports"])


def _query(schema: dict, description: str) -> Any:
    return Field(None, description=description, json_schema_extra=schema)


def _choice(values) -> dict:
    return {"type": "string", "enum": [str(v) for v in values]}


YEAR = {"type": "integer", "minimum": FIRST_YEAR, "maximum": LAST_YEAR}

OutcomesParameters = create_model(
    "OutcomesParameters", __base__=Schema,
    topic=(Any, _query({"type": "integer", "minimum": 1}, "Only offerings with this topic (its id).")),
    format=(Any, _query(_choice(FORMATS), "Only offerings of this format.")),
    partner=(Any, _query({"type": "integer", "minimum": 1}, "Only offerings this partner co-hosts (its id).")),
    year_from=(Any, _query(YEAR, f"The first programme year (edition); at most {MAX_YEARS} years at once.")),
    year_to=(Any, _query(YEAR, "The last programme year (edition), included.")),
    career_stage=(Any, _query(_choice(CareerStage.values), "Only members at this career stage.")),
    region=(Any, _query(_choice(REGION_LABELS), "Only members in this region (UN M49).")),
    tier=(Any, _query(_choice(MembershipTier.values), "Only members of this tier.")),
    segment=(Any, _query(_choice(BREAKDOWN_SEGMENTS) | {"default": "career_stage"},
                         "What the breakdown is by; demographics in aggregate only, small groups hidden.")),
)
