"""The member's evaluation and follow-up pages: behind sign-in, for the member's own request only (anyone else's is
a 404, so ids reveal nothing). Answering twice (a double submit, two tabs) meets the one-to-one constraint and is
told so plainly."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ..models import Evaluation, EvaluationRequest, FollowUp
from .forms import EvaluationForm, FollowUpForm
from .questions import questions_for
from .windows import evaluation_open, follow_up_open

ALREADY_ANSWERED = "already"
CLOSED = "closed"


def _own_request(request: HttpRequest, pk: int) -> EvaluationRequest:
    return get_object_or_404(EvaluationRequest.objects.select_related("offering"), pk=pk, member=request.user)


@login_required
@require_http_methods(["GET", "POST"])
def evaluate(request: HttpRequest, pk: int) -> HttpResponse:
    asked = _own_request(request, pk)
    context = {"asked": asked}
    if Evaluation.objects.filter(request=asked).exists():
        return TemplateResponse(request, "courses/evaluations/evaluation.html", {**context, "state": ALREADY_ANSWERED})
    if not evaluation_open(asked.activity_at, timezone.now()):
        return TemplateResponse(request, "courses/evaluations/evaluation.html", {**context, "state": CLOSED})
    form = EvaluationForm(request.POST or None, questions=questions_for(asked.offering))
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                Evaluation.objects.create(
                    request=asked, rating=form.cleaned_data["rating"], relevance=form.cleaned_data["relevance"],
                    would_recommend=form.cleaned_data["would_recommend"], comment=form.cleaned_data["comment"],
                    answers=form.answers())
        except IntegrityError:
            messages.info(request, _("You had already answered this evaluation; your first answer is kept."))
            return redirect("courses:evaluation", pk=asked.pk)
        messages.success(request, _("Thank you: your evaluation is recorded."))
        return redirect("courses:dashboard")
    status = 400 if request.method == "POST" else 200
    return TemplateResponse(request, "courses/evaluations/evaluation.html", {**context, "form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def follow_up(request: HttpRequest, pk: int) -> HttpResponse:
    asked = _own_request(request, pk)
    context = {"asked": asked}
    if FollowUp.objects.filter(request=asked).exists():
        return TemplateResponse(request, "courses/evaluations/follow_up.html", {**context, "state": ALREADY_ANSWERED})
    if not follow_up_open(asked.activity_at, timezone.now()):
        return TemplateResponse(request, "courses/evaluations/follow_up.html", {**context, "state": CLOSED})
    form = FollowUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                FollowUp.objects.create(request=asked, applied=form.cleaned_data["applied"],
                                        example=form.cleaned_data["example"])
        except IntegrityError:
            messages.info(request, _("You had already answered this question; your first answer is kept."))
            return redirect("courses:evaluation_follow_up", pk=asked.pk)
        messages.success(request, _("Thank you: your answer is recorded."))
        return redirect("courses:dashboard")
    status = 400 if request.method == "POST" else 200
    return TemplateResponse(request, "courses/evaluations/follow_up.html", {**context, "form": form}, status=status)
