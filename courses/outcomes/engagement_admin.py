"""The staff page "Engagement" in the Wagtail admin's reports: members active each month by segment and first-year
retention, each as a chart with its table, filtered by segment and months, and each table as CSV. Thin: the
numbers come from engagement.py, the bars' geometry from charts.py; entry needs the outcome reports' permission."""

from __future__ import annotations

from django import forms
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lms.demographics_report import SMALLEST_REPORTED_GROUP, Row
from lms.formatting import chart_month_text, month_text
from lms.months import add_months, first_of_month
from lms.refusal import Refused
from lms.spreadsheets import SpreadsheetWriter
from lms.staff_admin import StaffAdminView

from . import charts
from .engagement import (
    MAX_MONTHS,
    RETENTION_OFFSETS,
    SEGMENTS,
    Retention,
    first_year_retention,
    monthly_active,
)

OUTCOMES_PERMISSION = "courses.view_outcomes"
DEFAULT_MONTHS = 12


class EngagementFilters(forms.Form):
    segment = forms.ChoiceField(label=gettext_lazy("Segment"), choices=list(SEGMENTS.items()), required=False)
    months = forms.IntegerField(label=gettext_lazy("Months"), min_value=1, max_value=MAX_MONTHS, required=False,
                                help_text=gettext_lazy("Up to 36 months, ending with this one."))


class EngagementView(StaffAdminView):
    template_name = "courses/outcomes/engagement.html"
    page_title = gettext_lazy("Engagement")
    header_icon = "group"
    area_index_url_name = "courses_outcomes_engagement"
    area_back_label = gettext_lazy("Engagement")
    staff_only_message = gettext_lazy("Only staff who may see outcome reports can open this page.")

    def check_access(self, request) -> None:
        if not request.user.has_perm(OUTCOMES_PERMISSION):
            raise Refused(str(self.staff_only_message))

    def get(self, request):
        filters = EngagementFilters(request.GET)
        if not filters.is_valid():
            return self.render(status=400, filters=filters)
        segment = filters.cleaned_data["segment"] or "all"
        months = filters.cleaned_data["months"] or DEFAULT_MONTHS
        today = timezone.localdate()
        start = add_months(first_of_month(today), 1 - months)
        active = monthly_active(start, months, segment)
        # Cohorts reach back a year before the chosen months (within the bound), so the oldest shown have lived
        # their whole first year and the 12-month column has figures even in the default view.
        cohort_months = min(months + max(RETENTION_OFFSETS), MAX_MONTHS)
        retention = first_year_retention(add_months(first_of_month(today), 1 - cohort_months), cohort_months, today)
        export = request.GET.get("export")
        if export == "monthly":
            return _csv("engagement-monthly.csv", _monthly_table(active))
        if export == "retention":
            return _csv("engagement-retention.csv", _retention_table(retention))
        if export:
            raise Refused(_("There is no such table to export."), 400)
        largest = max((row.count or 0 for month in active for row in month.rows), default=0)
        return self.render(
            filters=filters, segment_label=SEGMENTS[segment], active=active,
            labels=active[0].rows if active else [],
            active_bars=charts.bars([[month.total] for month in active]),
            active_labels=list(zip(charts.label_x(len(active)), [
                chart_month_text(m.month, with_year=index == 0 or m.month.month == 1)
                for index, m in enumerate(active)], strict=True)),
            retention=retention, offsets=RETENTION_OFFSETS,
            retention_bars=charts.bars([[retention.overall[True][k], retention.overall[False][k]]
                                        for k in RETENTION_OFFSETS], largest=100),
            retention_labels=list(zip(charts.label_x(len(RETENTION_OFFSETS)), RETENTION_OFFSETS, strict=True)),
            retention_overall=[(k, retention.overall[True][k], retention.overall[False][k]) for k in RETENTION_OFFSETS],
            retention_cohorts=[_CohortRow(c) for c in retention.cohorts], hidden=_hidden_text(),
            smallest_group=SMALLEST_REPORTED_GROUP, largest=largest, chart=charts, query=_query_without_export(request),
        )


class _CohortRow:
    """A cohort as the page's table shows it: per offset, the (onboarded, not onboarded) shares side by side."""

    def __init__(self, cohort):
        self.month, self.size, self.onboarded = cohort.month, cohort.size, cohort.onboarded
        self.pairs = [(cohort.onboarded_shares[k], cohort.not_onboarded_shares[k]) for k in RETENTION_OFFSETS]


def _hidden_text() -> str:
    return Row("", None).shown


def _query_without_export(request) -> str:
    query = request.GET.copy()
    query.pop("export", None)
    return query.urlencode()


def _monthly_table(active) -> list[list[object]]:
    head: list[object] = [_("Month"), _("Active members")]
    head += [row.label for row in active[0].rows] if active else []
    body = [[month_text(m.month), m.total, *[row.count if row.count is not None else row.shown for row in m.rows]]
            for m in active]
    return [head, *body]


def _share_cell(value: int | None) -> object:
    return "" if value is None else value


def _retention_table(retention: Retention) -> list[list[object]]:
    head: list[object] = [_("Joined in"), _("Joined"), _("Completed onboarding"), _("Did not complete onboarding")]
    for k in RETENTION_OFFSETS:
        head += [_("Onboarded: %% active in month %(n)d") % {"n": k},
                 _("Not onboarded: %% active in month %(n)d") % {"n": k}]
    body = []
    for cohort in retention.cohorts:
        row: list[object] = [month_text(cohort.month), _share_cell(cohort.size), _share_cell(cohort.onboarded),
                             _share_cell(cohort.not_onboarded)]
        for k in RETENTION_OFFSETS:
            row += [_share_cell(cohort.onboarded_shares[k]), _share_cell(cohort.not_onboarded_shares[k])]
        body.append(row)
    return [head, *body]


def _csv(filename: str, rows: list[list[object]]) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    SpreadsheetWriter(response).writerows(rows)
    return response
