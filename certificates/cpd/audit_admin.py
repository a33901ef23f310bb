"""The staff "CPD audits" area in the Wagtail admin: the audits drawn so far and the form to draw one; an audit's
page with its sampled cycles, the steps staff take on each (request evidence, record the outcome) and its trail.
Staff only, checked on the server for every request (`lms.staff_admin`). The rules are audits.py; a refusal (bad
input, a case someone else just changed) becomes the admin's refusal page with a way back."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lms import url_ids  # noqa: F401  (registers <id:...>)
from lms.refusal import Refused
from lms.staff_admin import StaffAdminView

from . import audits, trail
from .models import MAX_AUDIT_SAMPLE, Audit, AuditCase

AUDITS_PER_PAGE = 20
CASES_PER_PAGE = 50
TRAIL_SHOWN = 200


def _day(text: str | None, label: str) -> date:
    try:
        return date.fromisoformat((text or "").strip())
    except ValueError:
        raise Refused(_("Give %(field)s as a date.") % {"field": label}, 400) from None


def _optional_day(text: str | None) -> date | None:
    return _day(text, _("the due date")) if (text or "").strip() else None


def _version(text: str | None) -> int:
    if not (text or "").isdigit() or len(text or "") > 9:
        raise Refused(_("The form is out of date; open the audit again."), 400)
    return int(text or 0)


class AuditArea(StaffAdminView):
    header_icon = "clipboard-list"
    area_index_url_name = "cpd_audits:index"
    area_back_label = gettext_lazy("Back to CPD audits")
    staff_only_message = gettext_lazy("CPD audits are run by staff.")


class IndexView(AuditArea):
    page_title = gettext_lazy("CPD audits")
    template_name = "cpd/admin/audits.html"

    def get(self, request):
        page = self.page_of(Audit.objects.select_related("drawn_by").order_by("-drawn_at", "-pk"), AUDITS_PER_PAGE)
        return self.render(page_obj=page, audits=page.object_list, most=MAX_AUDIT_SAMPLE)


class DrawView(AuditArea):
    def post(self, request):
        audit = audits.draw(_day(request.POST.get("starts_on"), _("the period's first day")),
                            _day(request.POST.get("ends_on"), _("the period's last day")),
                            audits.parse_percent(request.POST.get("percent", "")[:20]),
                            audits.parse_seed(request.POST.get("seed", "")[:30]), request.user)
        messages.success(request, _("The sample is drawn: %(size)d of %(population)d cycles.") % {
            "size": audit.cases.count(), "population": audit.population})
        return HttpResponseRedirect(reverse("cpd_audits:audit", args=[audit.pk]), status=303)


class AuditView(AuditArea):
    template_name = "cpd/admin/audit.html"

    def get_page_title(self):
        return _("CPD audit #%(number)d") % {"number": self.audit.pk}

    def get(self, request, audit_id: int):
        self.audit = get_object_or_404(Audit.objects.select_related("drawn_by"), pk=audit_id)
        cases = (self.audit.cases.select_related("cycle__member", "cycle__scheme", "decided_by")
                 .prefetch_related("evidence").order_by("pk"))
        page = self.page_of(cases, CASES_PER_PAGE)
        trail_lines = trail.lines(trail.entries(self.audit.trail.order_by("-at", "-pk"))[:TRAIL_SHOWN])
        return self.render(audit=self.audit, page_obj=page, cases=page.object_list, trail=trail_lines,
                           statuses=AuditCase.Status)


class RequestView(AuditArea):
    def post(self, request, case_id: int):
        case = audits.request_evidence(case_id, _version(request.POST.get("version")),
                                       _optional_day(request.POST.get("due_on")), request.user)
        messages.success(request, _("Evidence is requested; the member is e-mailed."))
        return HttpResponseRedirect(reverse("cpd_audits:audit", args=[case.audit_id]), status=303)


class OutcomeView(AuditArea):
    def post(self, request, case_id: int):
        case = audits.record_outcome(case_id, _version(request.POST.get("version")),
                                     request.POST.get("outcome", "")[:20], request.user,
                                     _optional_day(request.POST.get("due_on")), request.POST.get("note", "")[:400])
        messages.success(request, _("The outcome is recorded: %(status)s.") % {"status": case.get_status_display()})
        return HttpResponseRedirect(reverse("cpd_audits:audit", args=[case.audit_id]), status=303)


audit_patterns = [
    path("", IndexView.as_view(), name="index"),
    path("draw/", DrawView.as_view(), name="draw"),
    path("<id:audit_id>/", AuditView.as_view(), name="audit"),
    path("cases/<id:case_id>/request/", RequestView.as_view(), name="request"),
    path("cases/<id:case_id>/outcome/", OutcomeView.as_view(), name="outcome"),
]
