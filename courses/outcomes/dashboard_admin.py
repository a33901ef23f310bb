"""The staff page "Outcomes" in the Wagtail admin's reports, and the partner host's page of their co-hosted
offerings' figures. Thin: the filters are dashboard_filters.py's, the figures measures.py's (shaped into tables by
dashboard_tables.py), who may see what is hosted.py's. Staff need the outcome reports' permission; a partner host
reaches only offerings their partner co-hosts, and sees aggregates only."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lms.demographics_report import SMALLEST_REPORTED_GROUP
from lms.refusal import Refused
from lms.spreadsheets import SpreadsheetWriter
from lms.staff_admin import StaffAdminView

from ..events.registration_access import partners_hosted_by
from ..models import Offering
from . import charts
from .dashboard_filters import DashboardFilters
from .dashboard_tables import dashboard_tables, hosted_tables, measures_query
from .engagement_admin import OUTCOMES_PERMISSION
from .hosted import may_see_hosted_outcomes, offerings_hosted_for


class OutcomesView(StaffAdminView):
    template_name = "courses/outcomes/dashboard.html"
    page_title = gettext_lazy("Outcomes")
    header_icon = "table"
    area_index_url_name = "courses_outcomes_dashboard"
    area_back_label = gettext_lazy("Outcomes")
    staff_only_message = gettext_lazy("Only staff who may see outcome reports can open this page.")

    def check_access(self, request) -> None:
        if not request.user.has_perm(OUTCOMES_PERMISSION):
            raise Refused(str(self.staff_only_message))

    def get(self, request):
        filters = DashboardFilters(request.GET)
        if not filters.is_valid():
            return self.render(status=400, filters=filters, tables=[])
        tables = dashboard_tables(filters.cleaned_data)
        export = request.GET.get("export")
        if export:
            return export_response(tables, export, "outcomes")
        return self.render(filters=filters, tables=tables, chart=charts, query=_query_without_export(request),
                           smallest_group=SMALLEST_REPORTED_GROUP,
                           engagement_url=reverse("courses_outcomes_engagement"),
                           abandonment_url=_with_query(reverse("courses_outcomes_abandonment"),
                                                       measures_query(filters.cleaned_data)))


class HostedOutcomesView(StaffAdminView):
    """A partner host's view of the offerings their partner co-hosts: the list, or one offering's editions."""

    template_name = "courses/outcomes/hosted.html"
    page_title = gettext_lazy("Outcomes of the offerings you co-host")
    header_icon = "table"
    area_index_url_name = "courses_outcomes_hosted"
    area_back_label = gettext_lazy("Outcomes of the offerings you co-host")
    staff_only_message = gettext_lazy("Only hosts of a partner organisation can open this page.")

    def check_access(self, request) -> None:
        if not partners_hosted_by(request.user).exists():
            raise Refused(str(self.staff_only_message))

    def get(self, request, offering_id: int | None = None):
        hosted = offerings_hosted_for(request.user).order_by("title", "pk")
        offering = None
        if offering_id is not None:
            if not may_see_hosted_outcomes(request.user, offering_id):
                raise Refused(_("Your partner does not co-host this offering."), 403)
            offering = get_object_or_404(Offering, pk=offering_id)
        ids = [offering.pk] if offering else list(hosted.values_list("pk", flat=True)[:MOST_HOSTED])
        tables = hosted_tables(ids)
        export = request.GET.get("export")
        if export:
            return export_response(tables, export, "hosted-outcomes")
        return self.render(offering=offering, hosted=hosted[:MOST_HOSTED], tables=tables, chart=charts,
                           query="", smallest_group=SMALLEST_REPORTED_GROUP)


MOST_HOSTED = 50  # offerings one partner host's page lists at most


def export_response(tables, key: str, prefix: str) -> HttpResponse:
    chosen = next((table for table in tables if table.key == key), None)
    if chosen is None:
        raise Refused(_("There is no such table to export."), 400)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{prefix}-{chosen.key}.csv"'
    SpreadsheetWriter(response).writerows(chosen.spreadsheet())
    return response


def _with_query(url: str, query: dict) -> str:
    return f"{url}?{urlencode(query)}" if query else url


def _query_without_export(request) -> str:
    query = request.GET.copy()
    query.pop("export", None)
    return query.urlencode()

