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

from .dashboard_filters import DashboardFilters
from .dashboard_tables import MAX_EDITIONS, api_answer
from .engagement_admin import OUTCOMES_PERMISSION
from .measures import BREAKDOWN_SEGMENTS, FIRST_YEAR, FORMATS, LARGEST_ID, LAST_YEAR, MAX_YEARS

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
    path=(Any, _query({"type": "integer", "minimum": 1, "maximum": LARGEST_ID},
                      "Only offerings that are steps of this learning path (the original path's page id).")),
    year_from=(Any, _query(YEAR, f"The first programme year (edition); at most {MAX_YEARS} years at once.")),
    year_to=(Any, _query(YEAR, "The last programme year (edition), included.")),
    career_stage=(Any, _query(_choice(CareerStage.values), "Only members at this career stage.")),
    region=(Any, _query(_choice(REGION_LABELS), "Only members in this region (UN M49).")),
    tier=(Any, _query(_choice(MembershipTier.values), "Only members of this tier.")),
    segment=(Any, _query(_choice(BREAKDOWN_SEGMENTS) | {"default": "career_stage"},
                         "What the breakdown is by; demographics in aggregate only, small groups hidden.")),
)


SHARE = "A share from 0 to 1; null when hidden (too few people) or not applicable."
MEAN = "A mean from 1 to 5; null when fewer than `smallest_group` answered."


class EditionAnswer(Schema):
    offering_id: int = Field(description="The original offering's id.")
    offering: str = Field(description="The offering's title, in the request's language where translated.")
    format: str = Field(description="course, ethics_module or event.")
    programme_year: int = Field(description="The edition.")
    topic_ids: list[int]
    partner_ids: list[int] = Field(description="The partners co-hosting it.")
    reach: int = Field(description="Members enrolled (courses) or registered and not cancelled (events).")
    completions: int
    completion_rate: float | None = Field(description=SHARE + " Completions of reach; courses only.")
    confirmed: int = Field(description="Confirmed seats (events).")
    attendances: int
    attendance_rate: float | None = Field(description=SHARE + " Attended of the confirmed seats at sessions "
                                                           "that have begun.")
    cpd_hours: str = Field(description="CPD hours delivered (credited), a decimal number.")
    evaluations: int
    mean_rating: float | None = Field(description=MEAN)
    mean_relevance: float | None = Field(description=MEAN)
    recommend_rate: float | None = Field(description=SHARE + " Who would recommend it.")
    follow_ups: int
    applied_rate: float | None = Field(description=SHARE + " Who applied it at work, partly counting half.")
    suppressed: bool = Field(description="true when too few answered for the evaluation figures to be shown.")


class SegmentAnswer(Schema):
    value: str = Field(description="The segment's value (e.g. early_career).")
    label: str = Field(description="The value in words, in the request's language.")
    reach: int | None = Field(description="null where a self-described group is too small to show.")
    completions: int | None
    completion_rate: float | None = Field(description=SHARE)
    confirmed: int | None
    attendances: int | None
    attendance_rate: float | None = Field(description=SHARE)
    cpd_hours: str | None


class PathAnswer(Schema):
    path_id: int = Field(description="The original learning path's page id.")
    path: str = Field(description="The path's title, in the request's language where translated.")
    programme_year: int
    steps: int = Field(description="The path's steps.")
    editions: int = Field(description="Its steps' editions that year (among the offerings the filters keep).")
    reach: int = Field(description="Members who took any of its steps that year, each counted once.")
    completions: int = Field(description="Members who finished every step, counted in the year they finished.")
    cpd_hours: str = Field(description="CPD hours delivered over its steps, a decimal number.")
    evaluations: int
    mean_rating: float | None = Field(description=MEAN + " Over its steps' shown editions, weighted by answers.")
    recommend_rate: float | None = Field(description=SHARE)
    applied_rate: float | None = Field(description=SHARE)


class OutcomesAnswer(Schema):
    segment: str = Field(description="What the breakdown is by.")
    smallest_group: int = Field(description="Figures over fewer people than this are null.")
    editions: list[EditionAnswer] = Field(description=f"One per offering and programme year matching the filters, "
                                                      f"by title then year (at most {MAX_EDITIONS}).")
    truncated: bool = Field(description=f"true when more than {MAX_EDITIONS} editions matched: narrow the filters.")
    breakdown: list[SegmentAnswer] = Field(description="The same measures per value of the segment, over the "
                                                       "editions matching the filters.")
    paths: list[PathAnswer] = Field(description="Per learning path and programme year: its steps' figures "
                                                "together, its reach in members and its completions (the chosen "
                                                "path only, when `path` is given).")


@router.get(
    "/api/v1/reports/outcomes", url_name="outcomes_report",
    summary="The outcomes dashboard's figures per offering and edition, and a breakdown by segment (staff only)",
    response={200: OutcomesAnswer, 400: ErrorAnswer, 401: ErrorAnswer, 403: ErrorAnswer},
    openapi_extra=answers({200: "The figures matching the filters.",
                           400: "A parameter could not be read; `error` says which and why.",
                           401: "Not signed in.", 403: "Signed in, but without the outcome reports' permission."}),
)
def outcomes_report(request, parameters: Query[OutcomesParameters]) -> HttpResponse:  # type: ignore[valid-type]
    if not request.user.is_authenticated:
        response = JsonResponse({"error": _("Sign in as staff to read outcome reports.")}, status=401)
    elif not request.user.has_perm(OUTCOMES_PERMISSION):
        response = JsonResponse({"error": _("Only staff who may see outcome reports can read them.")}, status=403)
    else:
        filters = DashboardFilters(request.GET)
        if not filters.is_valid():
            field, errors = next(iter(filters.errors.items()))
            response = JsonResponse({"error": f"{field}: {' '.join(str(e) for e in errors)}"}, status=400)
        else:
            response = JsonResponse(api_answer(filters.cleaned_data), json_dumps_params={"ensure_ascii": False})
    response["Cache-Control"] = "private, no-store"
    return response
