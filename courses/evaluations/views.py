"""The member's evaluation and follow-up pages: behind sign-in, for the member's own request only (anyone else's is
a 404, so ids reveal nothing). Answering twice (a double submit, two tabs) meets the one-to-one constraint and is
told so plainly. Both pages follow one course (answered already, closed, or the form) and share one template; what
differs (the answer's model and form, its window, the words) is a `_Kind`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError, models, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from ..models import Evaluation, EvaluationRequest, FollowUp
from .forms import EvaluationForm, FollowUpForm
from .questions import questions_for
from .windows import evaluation_open, follow_up_open

ALREADY_ANSWERED = "already"
CLOSED = "closed"
TEMPLATE = "courses/evaluations/answer.html"


@dataclass(frozen=True)
class _Words:
    heading: Promise
    answered: Promise
    closed: Promise
    submit: Promise


@dataclass(frozen=True)
class _Kind:
    """One of the two questions a request asks: its answer's model, when it is open, its form and its words."""

    answer: type[models.Model]
    is_open: Callable[[datetime, datetime], bool]
    form: Callable[[EvaluationRequest, Any], forms.Form]
    save: Callable[[EvaluationRequest, Any], None]
    view: str
    words: _Words
    answered_twice: Promise
    thanks: Promise


def _save_evaluation(asked: EvaluationRequest, form: EvaluationForm) -> None:
    Evaluation.objects.create(
        request=asked, rating=form.cleaned_data["rating"], relevance=form.cleaned_data["relevance"],
        would_recommend=form.cleaned_data["would_recommend"], comment=form.cleaned_data["comment"],
        answers=form.answers())


def _save_follow_up(asked: EvaluationRequest, form: FollowUpForm) -> None:
    FollowUp.objects.create(request=asked, applied=form.cleaned_data["applied"], example=form.cleaned_data["example"])


EVALUATION = _Kind(
    answer=Evaluation, is_open=evaluation_open,
    form=lambda asked, data: EvaluationForm(data, questions=questions_for(asked.offering)),
    save=_save_evaluation, view="courses:evaluation",
    words=_Words(heading=_("Tell us how it went"), answered=_("You have answered this evaluation. Thank you."),
                 closed=_("This evaluation has closed: it is open for 90 days after the course or session."),
                 submit=_("Send my evaluation")),
    answered_twice=_("You had already answered this evaluation; your first answer is kept."),
    thanks=_("Thank you: your evaluation is recorded."),
)
FOLLOW_UP = _Kind(
    answer=FollowUp, is_open=follow_up_open, form=lambda _asked, data: FollowUpForm(data),
    save=_save_follow_up, view="courses:evaluation_follow_up",
    words=_Words(heading=_("Have you used it at work?"), answered=_("You have answered this question. Thank you."),
                 closed=_("This question is open from 60 to 90 days after the course or session, so it cannot be "
                          "answered now."),
                 submit=_("Send my answer")),
    answered_twice=_("You had already answered this question; your first answer is kept."),
    thanks=_("Thank you: your answer is recorded."),
)


def _answer(request: HttpRequest, pk: int, kind: _Kind) -> HttpResponse:
    asked = get_object_or_404(EvaluationRequest.objects.select_related("offering"), pk=pk, member=request.user)
    context = {"asked": asked, "words": kind.words}
    if kind.answer._default_manager.filter(request=asked).exists():
        return TemplateResponse(request, TEMPLATE, {**context, "state": ALREADY_ANSWERED})
    if not kind.is_open(asked.activity_at, timezone.now()):
        return TemplateResponse(request, TEMPLATE, {**context, "state": CLOSED})
    form = kind.form(asked, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                kind.save(asked, form)
        except IntegrityError:
            messages.info(request, str(kind.answered_twice))
            return redirect(kind.view, pk=asked.pk)
        messages.success(request, str(kind.thanks))
        return redirect("courses:dashboard")
    status = 400 if request.method == "POST" else 200
    return TemplateResponse(request, TEMPLATE, {**context, "form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def evaluate(request: HttpRequest, pk: int) -> HttpResponse:
    return _answer(request, pk, EVALUATION)


@login_required
@require_http_methods(["GET", "POST"])
def follow_up(request: HttpRequest, pk: int) -> HttpResponse:
    return _answer(request, pk, FOLLOW_UP)
