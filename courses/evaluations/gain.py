"""Learning gain (Kirkpatrick level 2): a course may mark one quiz lesson as its pre-assessment, taken before the
lessons; its last quiz in page order is the post-assessment. A member's gain is their post score minus their pre
score, in percentage points; the normalised gain divides that by what there was to gain (100 - pre).

Kept honest: no pre-assessment, no gain (a final score alone says nothing of what was learned); the pre score is
the member's FIRST attempt (before retries taught them the answers), the post score their LATEST, and a pair counts
only when the pre attempt came first. Attempts are matched by the lesson's translation key, so attempts made in any
language count (courses/translations.py)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q

from ..models import CoursePage, LessonPage, QuizAttempt


@dataclass(frozen=True)
class Gain:
    pre: int
    post: int
    points: int  # post - pre, in percentage points (may be negative)
    normalised: float | None  # points / (100 - pre); None when the pre score was already 100


def learning_gain(pre: int | None, post: int | None) -> Gain | None:
    """One member's gain from their pre and post scores (0-100); None without both. Pure: the dashboard's rule."""
    if pre is None or post is None:
        return None
    points = post - pre
    return Gain(pre=pre, post=post, points=points, normalised=points / (100 - pre) if pre < 100 else None)


def mean_gain(gains: Iterable[Gain]) -> float | None:
    points = [g.points for g in gains]
    return sum(points) / len(points) if points else None


def gains_by_offering(offering_ids: Iterable[int]) -> dict[int, list[Gain]]:
    """Each of these offerings that has a pre-assessment, with every member's gain; four queries whatever the
    number of offerings and members. Offerings without a pre-assessment (or without a later quiz) are absent."""
    courses = list(CoursePage.objects.filter(pk__in=list(offering_ids), pre_assessment__isnull=False)
                   .select_related("pre_assessment").only("pk", "path", "pre_assessment__translation_key",
                                                          "pre_assessment__path"))
    if not courses:
        return {}
    within = Q()
    for course in courses:
        within |= Q(path__startswith=course.path)
    quiz_lessons = list(LessonPage.objects.filter(within, has_quiz=True, live=True).order_by("path")
                        .values_list("path", "translation_key"))
    pairs: dict[int, tuple[str, str]] = {}  # course -> (pre key, post key)
    for course in courses:
        pre = course.pre_assessment
        if pre is None:  # filtered out above; for the type checker
            continue
        later = [key for path, key in quiz_lessons if path.startswith(course.path) and key != pre.translation_key]
        if later:
            pairs[course.pk] = (str(pre.translation_key), str(later[-1]))
    if not pairs:
        return {}
    pre_keys = {pre for pre, _post in pairs.values()}
    post_keys = {post for _pre, post in pairs.values()}
    first = {(member, str(key)): (score, at) for member, key, score, at in (
        QuizAttempt.objects.filter(lesson__translation_key__in=pre_keys)
        .order_by("member_id", "lesson__translation_key", "submitted_at", "pk")
        .distinct("member_id", "lesson__translation_key")
        .values_list("member_id", "lesson__translation_key", "score", "submitted_at"))}
    latest = {(member, str(key)): (score, at) for member, key, score, at in (
        QuizAttempt.objects.filter(lesson__translation_key__in=post_keys)
        .order_by("member_id", "lesson__translation_key", "-submitted_at", "-pk")
        .distinct("member_id", "lesson__translation_key")
        .values_list("member_id", "lesson__translation_key", "score", "submitted_at"))}
    found: dict[int, list[Gain]] = {}
    for course_id, (pre_key, post_key) in pairs.items():
        gains = []
        for (member, key), (post_score, post_at) in latest.items():
            if key != post_key or (member, pre_key) not in first:
                continue
            pre_score, pre_at = first[(member, pre_key)]
            gain = learning_gain(pre_score, post_score) if pre_at < post_at else None
            if gain is not None:
                gains.append(gain)
        found[course_id] = gains
    return found
