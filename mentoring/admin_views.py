"""Staff pages for matching rounds in the Wagtail admin: create and edit rounds, run the matcher, review proposed
pairs with their scores and explanations, keep or forbid pairs by hand, publish, withdraw, and read the round's
health.

Every view is staff-only (lms.roles), checked on the server; a refusal is a page with its real status. Decisions
belong to rounds.py and round_health.py: these views read the form, call them and show what they answered. An
adjustment re-runs the matcher at once, so the proposals staff review always reflect the adjustments in force.
"""

from __future__ import annotations

from typing import cast

from django import forms
from django.db.models import Count, Q
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages

from lms import url_ids  # noqa: F401  (registers <id:...>)
from lms.confirmation import Confirmation, confirmation_page, is_confirmed
from lms.staff_admin import StaffAdminView

from . import rounds
from .forms import form_problem
from .match_reasons import excluded_pairs_text, explanation_text
from .models import MatchingRound, MatchProposal, PairAdjustment, RoundApplication
from .refusal import MentoringRefused
from .round_health import round_health

Role = RoundApplication.Role


class RoundForm(forms.ModelForm):
    class Meta:
        model = MatchingRound
        fields = ["title", "description", "eligible_career_stages", "eligible_tiers", "applications_open_on",
                  "applications_close_on", "ends_on", "weight_expertise", "weight_language", "weight_career_stage",
                  "weight_availability", "weight_region", "weight_identity", "min_overlap_hours",
                  "full_credit_overlap_hours", "fairness_floor"]
        widgets = {name: forms.DateInput(attrs={"type": "date"}) for name in
                   ("applications_open_on", "applications_close_on", "ends_on")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.proposals.exclude(status=MatchProposal.Status.DRAFT).exists():
            # Published pairs are kept as they are; a stricter overlap rule would make them not allowed.
            self.fields["min_overlap_hours"].disabled = True
            self.fields["min_overlap_hours"].help_text = _("Fixed once proposals are published.")


class ApplicantChoiceField(forms.ModelChoiceField):
    """A round's applications, each shown by its member's name."""

    def label_from_instance(self, obj: RoundApplication) -> str:
        return str(obj.member)


class AdjustmentForm(forms.Form):
    mentee = ApplicantChoiceField(queryset=RoundApplication.objects.none(), label=gettext_lazy("Mentee"))
    mentor = ApplicantChoiceField(queryset=RoundApplication.objects.none(), label=gettext_lazy("Mentor"))
    kind = forms.ChoiceField(choices=PairAdjustment.Kind.choices, label=gettext_lazy("Adjustment"))

    def __init__(self, *args, round: MatchingRound, **kwargs):
        super().__init__(*args, **kwargs)
        active = round.applications.filter(status=RoundApplication.Status.ACTIVE).select_related("member")
        for name, role in (("mentee", Role.MENTEE), ("mentor", Role.MENTOR)):
            cast(ApplicantChoiceField, self.fields[name]).queryset = active.filter(role=role)


class StaffView(StaffAdminView):
    """A page of the mentoring rounds area; loads the round in the address (404 if there is none)."""

    header_icon = "group"
    area_index_url_name = "mentoring_admin:index"
    area_back_label = gettext_lazy("Back to mentoring rounds")
    staff_only_message = gettext_lazy("Only staff can manage mentoring rounds.")

    def check_access(self, request) -> None:
        super().check_access(request)
        if "round_id" in self.kwargs:
            self.round = get_object_or_404(MatchingRound, pk=self.kwargs["round_id"])

    def get_breadcrumbs_items(self):
        items = [{"url": reverse("mentoring_admin:index"), "label": _("Mentoring rounds")}]
        if getattr(self, "round", None) is not None:
            items.append({"url": reverse("mentoring_admin:round", args=[self.round.pk]), "label": self.round.title})
        return self.breadcrumbs_items + items + [{"url": "", "label": self.get_page_title()}]


def back_to_round(round: MatchingRound, anchor: str = "") -> HttpResponseRedirect:
    url = reverse("mentoring_admin:round", args=[round.pk])
    return HttpResponseRedirect(f"{url}#{anchor}" if anchor else url, status=303)


class RoundIndexView(StaffView):
    page_title = gettext_lazy("Mentoring rounds")
    template_name = "mentoring/admin/rounds_index.html"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.get_page_title()}]

    def get(self, request):
        rounds_list = MatchingRound.objects.annotate(
            mentees=Count("applications", filter=Q(applications__role=Role.MENTEE,
                                                   applications__status=RoundApplication.Status.ACTIVE)),
            mentors=Count("applications", filter=Q(applications__role=Role.MENTOR,
                                                   applications__status=RoundApplication.Status.ACTIVE)),
        )
        return self.render(rounds=rounds_list)


class RoundFormView(StaffView):
    template_name = "mentoring/admin/round_form.html"

    def get_page_title(self):
        return _("Edit round") if getattr(self, "round", None) else _("New matching round")

    def get(self, request, round_id: int | None = None):
        return self.render(form=RoundForm(instance=getattr(self, "round", None)))

    def post(self, request, round_id: int | None = None):
        form = RoundForm(request.POST, instance=getattr(self, "round", None))
        if not form.is_valid():
            messages.error(request, _("The round could not be saved: correct the errors below."))
            return self.render(form=form, status=400)
        saved = form.save(commit=False)
        if saved.pk is None:
            saved.created_by = request.user
        saved.save()
        messages.success(request, _("Round “%(title)s” saved.") % {"title": saved.title})
        return back_to_round(saved)


def proposal_rows(proposals) -> list[tuple[MatchProposal, str]]:
    return [(proposal, explanation_text(proposal.explanation)) for proposal in proposals]


class RoundDetailView(StaffView):
    template_name = "mentoring/admin/round_detail.html"

    def get_page_title(self):
        return self.round.title

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": reverse("mentoring_admin:index"), "label": _("Mentoring rounds")},
                                         {"url": "", "label": self.round.title}]

    def get(self, request, round_id: int):
        round = self.round
        proposals = round.proposals.select_related("mentee", "mentor")
        drafts = proposals.filter(status=MatchProposal.Status.DRAFT).order_by("-score", "pk")
        counts = dict(round.applications.filter(status=RoundApplication.Status.ACTIVE).values_list("role")
                      .annotate(n=Count("pk")))
        latest = round.runs.select_related("run_by").first()
        return self.render(
            round=round,
            mentee_count=counts.get(Role.MENTEE, 0),
            mentor_count=counts.get(Role.MENTOR, 0),
            latest_run=latest,
            excluded_text=excluded_pairs_text(latest.excluded_by_rule) if latest else "",
            drafts=proposal_rows(drafts),
            published=proposal_rows(proposals.exclude(status=MatchProposal.Status.DRAFT).order_by("status", "pk")),
            unmatched=rounds.unmatched_mentees(round) if latest else [],
            adjustments=list(round.adjustments.select_related("mentee_application__member",
                                                              "mentor_application__member")),
            adjustment_form=AdjustmentForm(round=round),
        )


class RunView(StaffView):
    def post(self, request, round_id: int):
        return run_and_report(request, self.round)


def run_and_report(request, round: MatchingRound) -> HttpResponseRedirect:
    try:
        run = rounds.run_matcher(round, request.user)
    except MentoringRefused as refusal:
        messages.error(request, str(refusal))
        return back_to_round(round, "adjustments")
    if run.no_match_message:
        messages.warning(request, run.no_match_message)
    else:
        messages.success(request, _("The matcher proposed %(n)d pairs for review.") % {
            "n": round.proposals.filter(status=MatchProposal.Status.DRAFT).count()})
    return back_to_round(round, "proposals")


class AdjustView(StaffView):
    def post(self, request, round_id: int):
        form = AdjustmentForm(request.POST, round=self.round)
        if not form.is_valid():
            messages.error(request, form_problem(form))
            return back_to_round(self.round, "adjustments")
        try:
            rounds.add_adjustment(self.round, form.cleaned_data["mentee"], form.cleaned_data["mentor"],
                                  form.cleaned_data["kind"], request.user)
        except MentoringRefused as refusal:
            messages.error(request, str(refusal))
            return back_to_round(self.round, "adjustments")
        return run_and_report(request, self.round)


class ForbidDraftView(StaffView):
    """'Forbid this pair' beside a draft proposal: the same adjustment, then the same re-run."""

    def post(self, request, round_id: int, proposal_id: int):
        proposal = get_object_or_404(MatchProposal, pk=proposal_id, round=self.round)
        try:
            rounds.add_adjustment(self.round, proposal.mentee_application, proposal.mentor_application,
                                  PairAdjustment.Kind.FORBID, request.user)
        except MentoringRefused as refusal:
            messages.error(request, str(refusal))
            return back_to_round(self.round, "proposals")
        return run_and_report(request, self.round)


class RemoveAdjustmentView(StaffView):
    def post(self, request, round_id: int, adjustment_id: int):
        adjustment = get_object_or_404(PairAdjustment, pk=adjustment_id, round=self.round)
        rounds.remove_adjustment(adjustment, request.user)
        return run_and_report(request, self.round)


class PublishView(StaffView):
    def post(self, request, round_id: int):
        try:
            count = rounds.publish(self.round, request.user)
        except MentoringRefused as refusal:
            messages.error(request, str(refusal))
            return back_to_round(self.round, "proposals")
        messages.success(request, _("%(n)d proposals published; both sides of each are e-mailed.") % {"n": count})
        return back_to_round(self.round, "published")


class WithdrawProposalView(StaffView):
    def post(self, request, round_id: int, proposal_id: int):
        proposal = get_object_or_404(MatchProposal.objects.select_related("mentee", "mentor"), pk=proposal_id,
                                     round=self.round)
        if proposal.status == MatchProposal.Status.PUBLISHED and not is_confirmed(request):
            return confirmation_page(request, Confirmation(
                title=_("Withdraw this proposal?"),
                consequence=_("The proposal pairing %(mentee)s with %(mentor)s in %(round)s is taken back before "
                              "they both answer; the mentor's slot frees and the mentee is looking for a match "
                              "again. The pair is never proposed again in this round.")
                % {"mentee": proposal.mentee, "mentor": proposal.mentor, "round": self.round.title},
                permanence=_("This cannot be undone."),
                confirm_label=_("Withdraw the proposal"),
                back_url=reverse("mentoring_admin:round", args=[self.round.pk]) + "#published",
                back_label=_("Keep the proposal"),
            ), admin=True)
        try:
            rounds.withdraw_proposal(proposal, request.user)
        except MentoringRefused as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(request, _("The proposal was withdrawn; the mentee is looking for a match again."))
        return back_to_round(self.round, "published")


class HealthView(StaffView):
    template_name = "mentoring/admin/round_health.html"

    def get_page_title(self):
        return _("Round health")

    def get(self, request, round_id: int):
        report = round_health(self.round)
        return self.render(round=self.round, report=report, overall_rows=[report.overall])


round_patterns = [
    path("", RoundIndexView.as_view(), name="index"),
    path("new/", RoundFormView.as_view(), name="add"),
    path("<id:round_id>/", RoundDetailView.as_view(), name="round"),
    path("<id:round_id>/edit/", RoundFormView.as_view(), name="edit"),
    path("<id:round_id>/run/", RunView.as_view(), name="run"),
    path("<id:round_id>/adjust/", AdjustView.as_view(), name="adjust"),
    path("<id:round_id>/proposals/<id:proposal_id>/forbid/", ForbidDraftView.as_view(), name="forbid_draft"),
    path("<id:round_id>/adjustments/<id:adjustment_id>/remove/", RemoveAdjustmentView.as_view(),
         name="remove_adjustment"),
    path("<id:round_id>/publish/", PublishView.as_view(), name="publish"),
    path("<id:round_id>/proposals/<id:proposal_id>/withdraw/", WithdrawProposalView.as_view(), name="withdraw"),
    path("<id:round_id>/health/", HealthView.as_view(), name="health"),
]
