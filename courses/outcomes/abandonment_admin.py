"""The staff page "Retire or redesign" in the Wagtail admin's reports: the offerings and topics the abandonment rule
flags (abandonment.py), each with its two editions' evidence side by side, the thresholds (editable here by the
same reporting staff), and a decision per flagged offering (keep, redesign, retire, with a note) recorded with who
and when. Thin: the rule and the measures live in abandonment.py and measures.py. Entry: courses.view_outcomes."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.db.models import OuterRef, Subquery
from django.http import HttpResponse, HttpResponseRedirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lms.formatting import date_text, number_text
from lms.refusal import Refused
from lms.spreadsheets import SpreadsheetWriter
from lms.staff_admin import StaffAdminView

from ..models import AbandonmentDecision, AbandonmentThresholds
from ..models.outcomes import DECISION_NOTE_MAX_LENGTH
from .abandonment import ANSWERS_PERMISSION, RATE, RATING, REACH, Flag, Thresholds, flagged
from .engagement_admin import OUTCOMES_PERMISSION
from .measures import FilterError, OutcomeFilters

MISSED_LABELS = {REACH: gettext_lazy("reach"), RATE: gettext_lazy("completion or attendance rate"),
                 RATING: gettext_lazy("mean rating")}


class ThresholdsForm(forms.ModelForm):
    class Meta:
        model = AbandonmentThresholds
        fields = ["min_reach", "min_rate", "min_rating"]


class DecisionForm(forms.Form):
    offering = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2_147_483_647)
    choice = forms.ChoiceField(label=gettext_lazy("Decision"), choices=AbandonmentDecision.Choice.choices)
    note = forms.CharField(label=gettext_lazy("Note"), required=False, max_length=DECISION_NOTE_MAX_LENGTH,
                           widget=forms.Textarea(attrs={"rows": 2}))


class AbandonmentView(StaffAdminView):
    template_name = "courses/outcomes/abandonment.html"
    page_title = gettext_lazy("Retire or redesign")
    header_icon = "warning"
    area_index_url_name = "courses_outcomes_abandonment"
    area_back_label = gettext_lazy("Retire or redesign")
    staff_only_message = gettext_lazy("Only staff who may see outcome reports can open this page.")

    def check_access(self, request) -> None:
        if not request.user.has_perm(OUTCOMES_PERMISSION):
            raise Refused(str(self.staff_only_message))

    def _filters(self, request) -> OutcomeFilters:
        try:
            return OutcomeFilters.from_query(request.GET)
        except FilterError as error:
            raise Refused(_("That filter cannot be used: %(reason)s") % {"reason": error.message}, 400) from None

    def get(self, request):
        return self.page(request, ThresholdsForm(instance=AbandonmentThresholds.current()), None)

    def post(self, request):
        current = AbandonmentThresholds.current()
        if request.POST.get("action") == "thresholds":
            form = ThresholdsForm(request.POST, instance=current)
            if not form.is_valid():
                return self.page(request, form, None, status=400)
            row = form.save(commit=False)
            row.pk, row.changed_by, row.changed_at = 1, request.user, timezone.now()
            row.save()
            messages.success(request, _("Thresholds saved."))
            return HttpResponseRedirect(request.get_full_path())
        if request.POST.get("action") == "decide":
            decision = DecisionForm(request.POST)
            flagged_ids = {f.id for f in flagged(self._filters(request)) if f.kind == "offering"}
            if not decision.is_valid():
                return self.page(request, ThresholdsForm(instance=current), decision, status=400)
            if decision.cleaned_data["offering"] not in flagged_ids:
                raise Refused(_("Decisions are recorded only for offerings flagged here."), 400)
            AbandonmentDecision.objects.create(
                offering_id=decision.cleaned_data["offering"], choice=decision.cleaned_data["choice"],
                note=decision.cleaned_data["note"], decided_by=request.user)
            messages.success(request, _("Decision recorded."))
            return HttpResponseRedirect(request.get_full_path())
        raise Refused(_("There is no such action."), 400)

    def page(self, request, thresholds_form, decision_form, status: int = 200):
        filters = self._filters(request)
        may_read_answers = request.user.has_perm(ANSWERS_PERMISSION)
        flags = flagged(filters, with_comments=may_read_answers)
        if request.GET.get("export") == "flagged":
            return _csv(_table(flags))
        if request.GET.get("export"):
            raise Refused(_("There is no such table to export."), 400)
        latest = AbandonmentDecision.objects.filter(offering=OuterRef("offering")).order_by("-decided_at", "-pk")
        decisions = {d.offering_id: d for d in AbandonmentDecision.objects.filter(
            offering_id__in=[f.id for f in flags if f.kind == "offering"],
            pk=Subquery(latest.values("pk")[:1])).select_related("decided_by")}
        rows = [_FlagRow(f, decisions.get(f.id) if f.kind == "offering" else None) for f in flags]
        return self.render(status=status, rows=rows, thresholds_form=thresholds_form,
                           decision_form=decision_form, thresholds=Thresholds.stored(),
                           may_read_answers=may_read_answers, choices=AbandonmentDecision.Choice.choices,
                           query=_query_without_export(request))


class _FlagRow:
    """A flag as the page shows it: its two editions, the thresholds each missed in words, the standing decision."""

    def __init__(self, flag: Flag, decision: AbandonmentDecision | None):
        self.flag, self.decision = flag, decision
        self.editions = [_EditionRow(e) for e in (flag.earlier, flag.latest)]
        self.decided_on = date_text(timezone.localtime(decision.decided_at).date()) if decision else ""


class _EditionRow:
    def __init__(self, evidence):
        m = evidence.measure
        self.year, self.reach, self.comments = m.programme_year, m.reach, evidence.comments
        self.rate = "—" if evidence.rate is None else f"{number_text(100 * evidence.rate, 0)} %"
        self.rating = _("not shown (too few answers)") if m.mean_rating is None else number_text(m.mean_rating, 1)
        applied = getattr(m, "applied_rate", None)
        self.applied = "—" if applied is None else f"{number_text(100 * applied, 0)} %"
        self.cpd_hours = number_text(m.cpd_hours, 1)
        self.missed = ", ".join(str(MISSED_LABELS[name]) for name in evidence.missed)


def _query_without_export(request) -> str:
    query = request.GET.copy()
    query.pop("export", None)
    return query.urlencode()


def _percent(value: float | None) -> object:
    return "" if value is None else round(100 * value)


def _table(flags: list[Flag]) -> list[list[object]]:
    head: list[object] = [_("Kind"), _("Title"), _("Programme year"), _("Reach"), _("Rate (%)"), _("Mean rating"),
                          _("Applied it (%)"), _("Thresholds missed")]
    body: list[list[object]] = []
    for flag in flags:
        kind = _("Offering") if flag.kind == "offering" else _("Topic")
        for e in (flag.earlier, flag.latest):
            rating = e.measure.mean_rating
            body.append([kind, flag.title, e.measure.programme_year, e.measure.reach, _percent(e.rate),
                         "" if rating is None else round(rating, 2),
                         _percent(getattr(e.measure, "applied_rate", None)),
                         ", ".join(str(MISSED_LABELS[m]) for m in e.missed)])
    return [head, *body]


def _csv(rows: list[list[object]]) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="retire-or-redesign.csv"'
    SpreadsheetWriter(response).writerows(rows)
    return response

