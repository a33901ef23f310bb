"""`GET /api/v1/me/cpd`: the signed-in member's CPD cycles, for the association's membership system (mounted by
lms.api through the `api_routers` hook in wagtail_hooks.py). Hours are decimal numbers written as strings, as the
certificate API writes them; dates are ISO 8601. The figures are progress.py's, as the member's page shows them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import prefetch_related_objects
from django.http import HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from pydantic import Field, create_model

from lms.api import ErrorAnswer, answers
from lms.refusal import Refused
from lms.roles import is_staff_member

from . import exports
from .applies import credential_names
from .cycles import cycles_of, earlier_of
from .models import CpdScheme, Cycle
from .progress import CENT, Progress, cycles_progress

router = Router(tags=["cpd"])

HOURS = "A decimal number of hours."


class CategoryAnswer(Schema):
    category: str = Field(description="The credit category's value (general, technical, leadership, ethics, "
                                      "giving_back).")
    label: str = Field(description="The category in words, in the request's language.")
    earned: str = Field(description=HOURS + " All hours earned in the category in the cycle.")
    counted: str = Field(description=HOURS + " The hours that count: earned, up to the category's maximum.")
    required: str = Field(description=HOURS + " The category's minimum; 0 when it has none.")
    maximum: str | None = Field(description=HOURS + " The most that counts; null when there is no cap.")
    still_needed: str = Field(description=HOURS)


class CycleAnswer(Schema):
    scheme: str
    starts_on: date = Field(description="The cycle's first day.")
    last_day: date = Field(description="The cycle's last day (included).")
    status: str = Field(description="open, met or short (closed cycles are met or short).")
    required: str = Field(description=HOURS + " The total the cycle requires.")
    earned: str = Field(description=HOURS)
    counted: str = Field(description=HOURS + " Hours that count after the category caps.")
    counted_at_close: str | None = Field(description=HOURS + " What counted when the cycle closed; null if open.")
    still_needed: str = Field(description=HOURS)
    categories: list[CategoryAnswer]


class AppliesToAnswer(Schema):
    tiers: list[str] = Field(description="The membership tiers the scheme names (their values); empty for every "
                                         "tier.")
    credentials: list[str] = Field(description="The names of the certificate templates whose holders the scheme "
                                               "applies to; empty when holding none is needed.")


class SchemeAnswer(Schema):
    name: str
    applies_to: AppliesToAnswer = Field(description="A member is under the scheme when their tier is named (or none "
                                                    "is) and they hold one of the credentials (or none is named).")
    anchor: str = Field(description="What the member's cycles count from: joined (the day they joined) or "
                                    "credential (the day they first earned the credential).")
    anchored_on: date | None = Field(description="That day, for this member; null for a scheme that no longer "
                                                 "applies to them.")
    applies_now: bool = Field(description="Whether the scheme applies to the member now. false: it no longer does "
                                          "(a changed tier, a credential no longer held, an inactive scheme); "
                                          "their cycles of it are kept as records and listed all the same.")
    required: str = Field(description=HOURS + " The total each cycle requires.")
    cycle_months: int = Field(description="The length of a cycle in months.")


class MyCpdAnswer(Schema):
    schemes: list[SchemeAnswer] = Field(description="The schemes the member is under, then those they have cycles "
                                                    "of that no longer apply (`applies_now` false), in the order "
                                                    "of `cycles`.")
    cycles: list[CycleAnswer] = Field(description="Each scheme's current cycle, then its past cycles, newest first; "
                                                  "then the cycles of schemes that no longer apply, newest first "
                                                  "(at most 50).")


def _hours(value: Decimal | int) -> str:
    """Two decimal places, as the certificate API writes hours."""
    return format(Decimal(value).quantize(CENT), "f")


def _scheme(scheme: CpdScheme, anchor: date | None) -> dict:
    return {"name": scheme.name,
            "applies_to": {"tiers": list(scheme.tiers), "credentials": credential_names(scheme)},
            "anchor": scheme.anchor, "anchored_on": anchor and anchor.isoformat(),
            "applies_now": anchor is not None, "required": _hours(scheme.required_hours),
            "cycle_months": scheme.cycle_months}


def _cycle(cycle: Cycle, progress: Progress) -> dict:
    return {
        "scheme": cycle.scheme.name, "starts_on": cycle.starts_on.isoformat(), "last_day": cycle.last_day.isoformat(),
        "status": cycle.status, "required": _hours(progress.required), "earned": _hours(progress.earned),
        "counted": _hours(progress.counted),
        "counted_at_close": None if cycle.counted_hours is None else _hours(cycle.counted_hours),
        "still_needed": _hours(progress.still_needed),
        "categories": [{
            "category": c.category, "label": c.label, "earned": _hours(c.earned), "counted": _hours(c.counted),
            "required": _hours(c.minimum or 0), "maximum": None if c.maximum is None else _hours(c.maximum),
            "still_needed": _hours(c.still_needed),
        } for c in progress.categories],
    }


@router.get(
    "/api/v1/me/cpd", url_name="my_cpd",
    summary="The signed-in member's CPD cycles, with earned and required hours per category",
    response={200: MyCpdAnswer, 401: ErrorAnswer},
    openapi_extra=answers({200: "The member's cycles (none when no scheme applies to them).",
                           401: "Not signed in: the answer is the signed-in member's own."}),
)
def my_cpd(request) -> HttpResponse:
    if not request.user.is_authenticated:
        response = JsonResponse({"error": _("Sign in to see your CPD.")}, status=401)
    else:
        today = timezone.localdate()
        schemes, cycles = [], []
        applying = cycles_of(request.user, today)
        for of in applying:
            schemes.append(_scheme(of.scheme, of.anchor))
            of_scheme = [of.current, *of.past]
            for cycle in of_scheme:
                cycle.scheme = of.scheme
            results = cycles_progress(request.user, of_scheme, today)
            cycles += [_cycle(cycle, result) for cycle, result in zip(of_scheme, results, strict=True)]
        earlier = earlier_of(request.user, applying)
        gone = [cycle for of in earlier for cycle in of.cycles]
        prefetch_related_objects([of.scheme for of in earlier], "rules", "credentials")
        schemes += [_scheme(of.scheme, None) for of in earlier]
        results = cycles_progress(request.user, gone, today)  # one credit read for all of them
        cycles += [_cycle(cycle, result) for cycle, result in zip(gone, results, strict=True)]
        response = JsonResponse({"schemes": schemes, "cycles": cycles}, json_dumps_params={"ensure_ascii": False})
    response["Cache-Control"] = "private, no-store"
    return response


# ---------------------------------------------------------------------------------------------- staff export


class StaffCategoryAnswer(Schema):
    category: str
    earned: str = Field(description=HOURS)
    counted: str = Field(description=HOURS)
    required: str = Field(description=HOURS + " The category's minimum; 0 when it has none.")
    maximum: str | None = Field(description=HOURS + " null when there is no cap.")
    still_needed: str = Field(description=HOURS)


class StaffCycleAnswer(Schema):
    cycle_id: int
    member_id: int
    email: str
    name: str
    membership_tier: str
    scheme_id: int
    scheme: str
    starts_on: date = Field(description="The cycle's first day.")
    last_day: date = Field(description="The cycle's last day (included).")
    status: str = Field(description="open, met or short.")
    required: str = Field(description=HOURS)
    earned: str = Field(description=HOURS)
    counted: str = Field(description=HOURS)
    counted_at_close: str | None = Field(description=HOURS + " null while the cycle is open.")
    still_needed: str = Field(description=HOURS)
    credential_code: str | None = Field(description="The verification code of the cycle's CPD credential, if any.")
    categories: list[StaffCategoryAnswer]


class StaffCyclesAnswer(Schema):
    total: int = Field(ge=0)
    page: int
    page_size: int
    cycles: list[StaffCycleAnswer]


def _query(schema: dict, description: str) -> Any:
    return Field(None, description=description, json_schema_extra=schema)


StaffCyclesParameters = create_model(
    "StaffCyclesParameters", __base__=Schema,
    scheme=(Any, _query({"type": "integer", "minimum": 1}, "Only this scheme's cycles (its id).")),
    status=(Any, _query({"type": "string", "enum": list(exports.STATUSES)}, "Only cycles with this status.")),
    ends_before=(Any, _query({"type": "string", "format": "date"},
                             "Only cycles whose last day is before this date (YYYY-MM-DD).")),
    page=(Any, _query({"type": "integer", "minimum": 1, "maximum": exports.MAX_PAGE, "default": 1}, "")),
    page_size=(Any, _query({"type": "integer", "minimum": 1, "maximum": exports.MAX_PAGE_SIZE,
                            "default": exports.PAGE_SIZE}, "")),
)


@router.get(
    "/api/v1/cpd/cycles", url_name="staff_cpd_cycles",
    summary="Members' CPD cycles with earned and required hours per category (staff only)",
    response={200: StaffCyclesAnswer, 400: ErrorAnswer, 401: ErrorAnswer, 403: ErrorAnswer},
    openapi_extra=answers({200: "One page of cycles, by last day, then member.",
                           400: "A parameter could not be read; `error` says which and why.",
                           401: "Not signed in.", 403: "Signed in, but not staff."}),
)
def staff_cpd_cycles(request, parameters: Query[StaffCyclesParameters]) -> HttpResponse:  # type: ignore[valid-type]
    if not request.user.is_authenticated:
        response = JsonResponse({"error": _("Sign in as staff to export members' CPD.")}, status=401)
    elif not is_staff_member(request.user):
        response = JsonResponse({"error": _("Only staff can export members' CPD.")}, status=403)
    else:
        try:
            chosen = exports.read_filter(request.GET)
            page, size = exports.read_page(request.GET)
        except Refused as refused:
            response = JsonResponse({"error": str(refused)}, status=refused.status)
        else:
            matching = exports.matching(chosen)
            cycles = list(matching[(page - 1) * size: page * size])
            response = JsonResponse({"total": matching.count(), "page": page, "page_size": size,
                                     "cycles": exports.records(cycles)}, json_dumps_params={"ensure_ascii": False})
    response["Cache-Control"] = "private, no-store"
    return response
