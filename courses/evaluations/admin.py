"""The evaluations report in the Wagtail admin: per offering and edition the summary (summary.py), and per offering
the individual answers (ratings, comments, extra answers, follow-ups), on screen and as a CSV. All need
`courses.view_evaluation_answers` (the Staff role has it; partner hosts and instructors do not), checked on the
server on every request: individual answers are personal data, and even the summary's small groups could point to
a person."""

from __future__ import annotations

from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import include, path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lms import url_ids  # noqa: F401  (registers <id:...>)
from lms.refusal import Refused
from lms.spreadsheets import SpreadsheetWriter
from lms.staff_admin import StaffAdminView

from ..models import EvaluationQuestion, EvaluationRequest, Offering
from ..translations import original_of
from .summary import edition_summaries

PERMISSION = "courses.view_evaluation_answers"
ANSWERS_PER_PAGE = 50


def may_read_answers(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.has_perm(PERMISSION))


def _percent(share: float | None) -> float | None:
    return None if share is None else share * 100


class EvaluationsAreaView(StaffAdminView):
    header_icon = "form"
    area_index_url_name = "courses_evaluations:index"
    area_back_label = gettext_lazy("Back to evaluations")

    def check_access(self, request) -> None:
        if not may_read_answers(request.user):
            raise Refused(_("Only staff who report on evaluations can read them."))


class IndexView(EvaluationsAreaView):
    template_name = "courses/evaluations/admin/index.html"
    page_title = gettext_lazy("Evaluations")

    def get(self, request):
        summaries = edition_summaries()
        titles = dict(Offering.objects.filter(pk__in={s.offering_id for s in summaries}).values_list("pk", "title"))
        return self.render(rows=[
            (titles.get(s.offering_id, ""), s, _percent(s.recommend_rate), _percent(s.applied_rate))
            for s in summaries])


class AnswersView(EvaluationsAreaView):
    template_name = "courses/evaluations/admin/answers.html"

    def check_access(self, request) -> None:
        super().check_access(request)
        self.offering = original_of(get_object_or_404(Offering, pk=self.kwargs["offering_id"]))

    def get_page_title(self):
        return self.offering.title

    def get_page_subtitle(self):
        return _("Evaluation answers")

    def get(self, request, offering_id):
        questions = _questions(self.offering)
        page = self.page_of(_answered(self.offering), ANSWERS_PER_PAGE)
        rows = []
        for asked in page.object_list:
            evaluation = getattr(asked, "evaluation", None)
            answers = evaluation.answers if evaluation is not None else {}
            rows.append({"request": asked, "evaluation": evaluation, "follow_up": getattr(asked, "follow_up", None),
                         "answers": [(q.text, answers.get(str(q.pk), "")) for q in questions]})
        return self.render(offering=self.offering, rows=rows, page_obj=page,
                           export_url=reverse("courses_evaluations:answers_csv", args=[self.offering.pk]))


def _questions(offering: Offering) -> list[EvaluationQuestion]:
    return list(EvaluationQuestion.objects.filter(page=offering).order_by("sort_order", "pk"))


def _answered(offering: Offering):
    """The offering's requests someone answered (an evaluation, a follow-up or both), newest activity first."""
    return (EvaluationRequest.objects.filter(offering=offering)
            .filter(Q(evaluation__isnull=False) | Q(follow_up__isnull=False))
            .select_related("member", "evaluation", "follow_up").order_by("-activity_at", "-pk"))


def _day(moment) -> str:
    return timezone.localtime(moment).date().isoformat() if moment else ""


class AnswersExportView(AnswersView):
    """The same answers as one CSV (lms/spreadsheets.py: no cell runs as a formula), for the same staff: every
    answer of the offering, read in chunks so a large offering does not load at once."""

    def get(self, request, offering_id):
        questions = _questions(self.offering)
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="evaluation-answers-{self.offering.pk}.csv"'
        response.write("\ufeff")  # BOM so spreadsheet programs read UTF-8 names correctly
        writer = SpreadsheetWriter(response)
        writer.writerow([_("Member"), _("E-mail"), _("Activity"), _("Date"), _("Programme year"), _("Rating"),
                         _("Relevance"), _("Would recommend"), _("Comment"), *(q.text for q in questions),
                         _("Applied at work"), _("Example"), _("Follow-up date")])
        for asked in _answered(self.offering).iterator(chunk_size=500):
            evaluation = getattr(asked, "evaluation", None)
            follow_up = getattr(asked, "follow_up", None)
            answers = evaluation.answers if evaluation is not None else {}
            scores: list[object] = (
                [evaluation.rating, evaluation.relevance, _("Yes") if evaluation.would_recommend else _("No"),
                 evaluation.comment] if evaluation is not None else ["", "", "", ""])
            writer.writerow([
                asked.member.get_full_name(), asked.member.email, asked.title, _day(asked.activity_at),
                asked.programme_year, *scores, *(answers.get(str(q.pk), "") for q in questions),
                follow_up.get_applied_display() if follow_up is not None else "",
                follow_up.example if follow_up is not None else "",
                _day(follow_up.submitted_at) if follow_up is not None else "",
            ])
        return response


def admin_urls():
    patterns = [
        path("", IndexView.as_view(), name="index"),
        path("<id:offering_id>/", AnswersView.as_view(), name="answers"),
        path("<id:offering_id>/answers.csv", AnswersExportView.as_view(), name="answers_csv"),
    ]
    return [path("evaluations/", include((patterns, "courses_evaluations"), namespace="courses_evaluations"))]


def index_url() -> str:
    return reverse("courses_evaluations:index")
