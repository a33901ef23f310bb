"""The staff review of external activities in the Wagtail admin: the queue of submitted activities, oldest first,
each with its evidence, approved or rejected with a reason. Staff only, checked on the server
(`lms.staff_admin`); the decision is `review.decide`, whose refusals (no reason, already decided) become the
admin's refusal page with a way back to the queue."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lms import url_ids  # noqa: F401  (registers <id:...>)
from lms.staff_admin import StaffAdminView

from . import exports, review
from .models import CpdScheme, Cycle, ExternalActivity

PER_PAGE = 20


class ReviewArea(StaffAdminView):
    header_icon = "tasks"
    area_index_url_name = "cpd_admin:queue"
    area_back_label = gettext_lazy("Back to the CPD review queue")
    staff_only_message = gettext_lazy("CPD activities are reviewed by staff.")


class QueueView(ReviewArea):
    page_title = gettext_lazy("CPD activities to review")
    template_name = "cpd/admin/queue.html"

    def get(self, request):
        submitted = (ExternalActivity.objects.filter(status=ExternalActivity.Status.SUBMITTED)
                     .select_related("member").order_by("submitted_at", "pk"))
        page = self.page_of(submitted, PER_PAGE)
        return self.render(page_obj=page, activities=page.object_list,
                           max_reason_length=review.MAX_REASON_LENGTH,
                           schemes=list(CpdScheme.objects.order_by("name").values_list("pk", "name")),
                           statuses=Cycle.Status.choices, most_rows=exports.MOST_CSV_ROWS)


class DecideView(ReviewArea):
    def post(self, request, activity_id: int):
        approve = request.POST.get("decision") == "approve"
        activity = review.decide(activity_id, approve=approve, reviewer=request.user,
                                 reason=request.POST.get("reason", "")[: review.MAX_REASON_LENGTH + 1])
        message = (_("“%(title)s” is approved; its hours count.") if approve
                   else _("“%(title)s” is rejected; the member sees your reason."))
        messages.success(request, message % {"title": activity.title})
        return HttpResponseRedirect(reverse("cpd_admin:queue"), status=303)


class ExportView(ReviewArea):
    """Members' cycles as CSV for the membership system, chosen by the same filters as `GET /api/v1/cpd/cycles`
    (scheme, status, ends_before); at most exports.MOST_CSV_ROWS rows, and the file's name says when it stopped."""

    def get(self, request):
        chosen = exports.read_filter(request.GET)
        content, truncated = exports.cycles_csv(chosen)
        name = "cpd-cycles-first-%d.csv" % exports.MOST_CSV_ROWS if truncated else "cpd-cycles.csv"
        response = HttpResponse(content, content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        response["Cache-Control"] = "private, no-store"
        return response


review_patterns = [
    path("", QueueView.as_view(), name="queue"),
    path("<id:activity_id>/decide/", DecideView.as_view(), name="decide"),
    path("export.csv", ExportView.as_view(), name="export"),
]
