"""The evaluations report in the Wagtail admin: per offering and edition the summary (summary.py), and per offering
the individual answers (ratings, comments, extra answers, follow-ups). Both need `courses.view_evaluation_answers`
(the Staff role has it; partner hosts and instructors do not), checked on the server on every request: individual
answers are personal data, and even the summary's small groups could point to a person."""

from __future__ import annotations

from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.urls import include, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lms import url_ids  # noqa: F401  (registers <id:...>)
from lms.refusal import Refused
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
        questions = list(EvaluationQuestion.objects.filter(page=self.offering).order_by("sort_order", "pk"))
        answered = (EvaluationRequest.objects.filter(offering=self.offering)
                    .filter(Q(evaluation__isnull=False) | Q(follow_up__isnull=False))
                    .select_related("member", "evaluation", "follow_up").order_by("-activity_at", "-pk"))
        page = self.page_of(answered, ANSWERS_PER_PAGE)
        rows = []
        for asked in page.object_list:
            evaluation = getattr(asked, "evaluation", None)
            answers = evaluation.answers if evaluation is not None else {}
            rows.append({"request": asked, "evaluation": evaluation, "follow_up": getattr(asked, "follow_up", None),
                         "answers": [(q.text, answers.get(str(q.pk), "")) for q in questions]})
        return self.render(offering=self.offering, rows=rows, page_obj=page)


def admin_urls():
    patterns = [
        path("", IndexView.as_view(), name="index"),
        path("<id:offering_id>/", AnswersView.as_view(), name="answers"),
    ]
    return [path("evaluations/", include((patterns, "courses_evaluations"), namespace="courses_evaluations"))]


def index_url() -> str:
    return reverse("courses_evaluations:index")
