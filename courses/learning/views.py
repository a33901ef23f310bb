"""Thin views of self-paced learning: read the request, ask the rule modules (access, enrolment, progress), render
or redirect. The helpers at the top (viewer, refusal page, POST-only actions) serve the event views too."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from cms import page_cache
from lms.access import PreviewLearner, can_see_member_blocks, can_see_offering, enrolment_decision
from lms.models import CareerStage
from lms.refusal import Refused, require_post, set_way_back
from lms.url_ids import id_from_text

from ..models import Enrolment, LessonCompletion, Offering, QuizAttempt
from . import enrolment as enrolment_rules
from . import outline
from . import progress as progress_rules
from .quiz import QuizAnswerError, quiz_fingerprint


def viewer_of(request):
    """The person a page is rendered for; in an author's preview, a stand-in learner."""
    if getattr(request, "is_preview", False):
        return PreviewLearner(member=getattr(request, "preview_mode", "") != "public")
    return request.user


def members_only_response(request, offering: Offering) -> TemplateResponse:
    return TemplateResponse(request, "courses/members_only.html", {"page": offering}, status=403)


def learning_action(view):
    """POST-only actions of a signed-in learner on a page; its refusals (lms.refusal) lead back to the page."""

    @wraps(view)
    def wrapper(request, page):
        set_way_back(request, page.url)
        require_post(request)
        if not request.user.is_authenticated:
            return redirect_to_login(page.url)
        return view(request, page)

    return wrapper


# ------------------------------------------------------------------------------------------- offerings


def offering_overview(request, offering: Offering) -> HttpResponse:
    """The course page: access is checked on every request; the page itself is served again from the cache until
    anything it shows changes (cms/page_cache.py)."""
    viewer = viewer_of(request)
    if not can_see_offering(viewer, offering):
        return members_only_response(request, offering)
    return page_cache.for_viewer(request, lambda: _offering_page(request, offering, viewer))


def _offering_page(request, offering: Offering, viewer) -> TemplateResponse:
    member = request.user if not getattr(request, "is_preview", False) else None
    progress = progress_rules.offering_progress(offering, member)
    prerequisites = enrolment_rules.published_prerequisites(offering)
    missing = (
        enrolment_rules.missing_prerequisites(member, offering, prerequisites)
        if member and member.is_authenticated else []
    )
    context = offering.get_context(request)
    context.update(
        {
            "progress": progress,
            "outline_html": outline.outline_html(request, progress),
            "decision": enrolment_decision(viewer, offering),
            "missing_prerequisites": missing,
            "missing_prerequisites_text": enrolment_rules.describe_offerings(viewer, missing),
            "prerequisites": [p for p in prerequisites if can_see_offering(viewer, p)],
            "show_member_blocks": can_see_member_blocks(viewer, offering),
            "is_preview": getattr(request, "is_preview", False),
            "career_stage_labels": [
                dict(CareerStage.choices)[stage] for stage in offering.career_stages if stage in CareerStage.values
            ],
        }
    )
    return TemplateResponse(request, "courses/offering_page.html", context)


@learning_action
def enrol(request, offering: Offering):
    outcome = enrolment_rules.enrol(request.user, offering)
    messages.success(request, outcome.message)
    resume = progress_rules.offering_progress(offering, request.user).resume_lesson
    return HttpResponseRedirect(resume.url if resume and outcome.changed else offering.url, status=303)


@learning_action
def withdraw(request, offering: Offering):
    outcome = enrolment_rules.withdraw(request.user, offering)
    messages.success(request, outcome.message)
    return HttpResponseRedirect(offering.url, status=303)


@learning_action
def attest(request, offering: Offering):
    completed = progress_rules.sign_attestation(request.user, offering, request.POST.get("signed_name", ""))
    if completed:
        messages.success(request, _("Statement signed. You have completed %(title)s.") % {"title": offering.title})
    else:
        messages.info(request, _("Your signed statement is on record."))
    return HttpResponseRedirect(offering.url, status=303)


def module_page(request, module) -> TemplateResponse | HttpResponseRedirect:
    offering = Offering.offering_of(module)
    if offering is None:
        raise Refused(_("This module is not part of an offering."), 404)
    if not can_see_offering(viewer_of(request), offering):
        return members_only_response(request, offering)
    member = None if getattr(request, "is_preview", False) else request.user
    progress = progress_rules.offering_progress(offering, member)
    module_progress = next((mp for mp in progress.modules if mp.module.pk == module.pk), None)
    # Only published modules of a published offering are in the outline; authors and previews see the rest.
    closed = module_progress is None or not offering.live
    if closed and not (
        getattr(request, "is_preview", False) or enrolment_rules.studies_without_enrolling(request.user, offering)
    ):
        raise Refused(_("This module is not available."), 404)
    context = module.get_context(request)
    context.update({"offering": offering, "progress": progress, "module_progress": module_progress})
    return TemplateResponse(request, "courses/module_page.html", context)


# ------------------------------------------------------------------------------------------- lessons


@dataclass(frozen=True)
class LessonAccess:
    """What the lesson gate decided (refusals are raised): send elsewhere (`response`), or let in as an enrolled
    learner or as an author."""

    offering: Offering
    enrolment: Enrolment | None = None
    as_author: bool = False
    response: HttpResponse | None = None


def _lesson_gate(request, lesson) -> LessonAccess:
    offering = Offering.offering_of(lesson)
    if offering is None:
        raise Refused(_("This lesson is not part of an offering."), 404)
    if not can_see_offering(viewer_of(request), offering):
        return LessonAccess(offering, response=members_only_response(request, offering))
    if getattr(request, "is_preview", False):
        return LessonAccess(offering, as_author=True)
    if not request.user.is_authenticated:
        return LessonAccess(offering, response=redirect_to_login(lesson.url))
    # The common case first: an enrolled learner on a published offering needs no author check.
    enrolment = enrolment_rules.active_enrolment(request.user, offering) if offering.live else None
    if enrolment is not None:
        return LessonAccess(offering, enrolment)
    if enrolment_rules.studies_without_enrolling(request.user, offering):
        return LessonAccess(offering, as_author=True)
    if not offering.live:
        raise Refused(_("This lesson is not available."), 404)
    messages.info(request, _("Enrol in %(title)s to start its lessons.") % {"title": offering.title})
    return LessonAccess(offering, response=redirect(offering.url))


def lesson_page(request, lesson, quiz_error: str | None = None, status: int = 200, submitted=None):
    access = _lesson_gate(request, lesson)
    if access.response is not None:
        return access.response
    offering = access.offering
    viewer = viewer_of(request)
    member = None if getattr(request, "is_preview", False) else request.user
    progress = progress_rules.offering_progress(offering, member, access.enrolment)
    lessons = progress.lessons
    index = next((i for i, lp in enumerate(lessons) if lp.lesson.pk == lesson.pk), None)
    here = lessons[index] if index is not None else None
    if here is None and not access.as_author:
        # Not in the outline: its module is unpublished, so it is closed to learners.
        raise Refused(_("This lesson is not available."), 404)
    progress_rules.record_visit(progress.enrolment, lesson)
    context = lesson.get_context(request)
    quiz = lesson.quiz_block
    attempt = result = None
    attempts_count = 0
    if quiz is not None and member is not None and member.is_authenticated:
        # Attempts are kept on the original lesson, whichever translation they were made in.
        attempts = QuizAttempt.objects.filter(member=member, lesson__translation_key=lesson.translation_key)
        attempts_count = attempts.count()
        attempt_id = id_from_text(request.GET.get("attempt", ""))
        if attempt_id is not None:
            attempt = attempts.filter(pk=attempt_id).first()
            result = progress_rules.attempt_result(attempt, lesson) if attempt else None
    context.update(
        {
            "offering": offering,
            "progress": progress,
            "lesson_progress": here,
            "previous_lesson": lessons[index - 1].lesson if index else None,
            "next_lesson": lessons[index + 1].lesson if index is not None and index + 1 < len(lessons) else None,
            "show_member_blocks": can_see_member_blocks(viewer, offering),
            "is_preview": getattr(request, "is_preview", False),
            "quiz": quiz,
            "quiz_fingerprint": quiz_fingerprint(quiz.value) if quiz else "",
            "submission_token": uuid.uuid4(),
            "attempt": attempt,
            "attempt_result": result,
            "attempts_count": attempts_count,
            "quiz_error": quiz_error,
            "quiz_questions": quiz_display(quiz.value, submitted or _attempt_answers(attempt), result) if quiz else [],
        }
    )
    return TemplateResponse(request, "courses/lesson_page.html", context, status=status)


def _attempt_answers(attempt) -> dict[str, list[str]]:
    if attempt is None:
        return {}
    return {f"q{n}": [str(i) for i in chosen] for n, chosen in attempt.answers.items()}


def quiz_display(quiz, submitted: dict[str, list[str]], result) -> list[dict]:
    """Questions with their choices marked as the learner last chose them, and per-question results."""
    results = {qr.number: qr for qr in result.questions} if result else {}
    questions = []
    for number, question in enumerate(quiz["questions"], start=1):
        chosen = set(submitted.get(f"q{number}", []))
        questions.append(
            {
                "number": number,
                "prompt": question["prompt"],
                "kind": question["kind"],
                "explanation": question["explanation"],
                "result": results.get(number),
                "choices": [
                    {"index": i, "text": choice["text"], "checked": str(i) in chosen}
                    for i, choice in enumerate(question["choices"])
                ],
            }
        )
    return questions


@learning_action
def complete_lesson(request, lesson):
    outcome = progress_rules.complete_lesson(request.user, lesson, LessonCompletion.Method.MARKED)
    offering = Offering.offering_of(lesson) or outcome.offering  # recorded on the original; the reader stays here
    if outcome.offering_newly_completed:
        messages.success(request, _("Congratulations: you completed %(title)s!") % {"title": offering.title})
        return HttpResponseRedirect(offering.url, status=303)
    if outcome.lesson_newly_completed:
        messages.success(request, _("Lesson marked complete."))
    else:
        messages.info(request, _("This lesson was already complete."))
    next_url = progress_rules.offering_progress(offering, request.user).resume_lesson
    return HttpResponseRedirect(next_url.url if next_url else offering.url, status=303)


@learning_action
def submit_quiz(request, lesson):
    try:
        outcome = progress_rules.submit_quiz(request.user, lesson, request.POST)
    except QuizAnswerError as error:
        submitted = {key: request.POST.getlist(key) for key in request.POST if key.startswith("q")}
        return lesson_page(request, lesson, quiz_error=str(error), status=error.status, submitted=submitted)
    if outcome.completion and outcome.completion.offering_newly_completed:
        title = (Offering.offering_of(lesson) or outcome.completion.offering).title  # the page read
        messages.success(request, _("You passed, and completed %(title)s!") % {"title": title})
    elif outcome.result.passed:
        messages.success(request, _("You passed with %(score)s%%.") % {"score": outcome.result.score})
    else:
        messages.warning(
            request,
            _("You scored %(score)s%%; %(mark)s%% passes. Review the explanations and try again.")
            % {"score": outcome.result.score, "mark": outcome.result.pass_mark},
        )
    return HttpResponseRedirect(f"{lesson.url}?attempt={outcome.attempt.pk}#quiz-result", status=303)
