"""A relationship under way: meetings either side logs, the "is this a good fit?" question after the first meeting
(a "no" offers a re-match), the mid-point and end surveys, and closing, early or not.

A relationship closed as not a good fit, or over a conduct concern, ended badly: the matcher never proposes that
pair again (the engine's past-pairing hard rule reads `bad_pairings`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.formatting import date_text

from .models import FitAnswer, Meeting, MeetingFormat, Mentorship, RoundApplication, SurveyResponse
from .privacy import may_see_mentorship
from .refusal import MentoringRefused

if TYPE_CHECKING:
    from lms.models import Member

Reason = Mentorship.ClosureReason
Survey = SurveyResponse.Kind
BAD_ENDINGS = frozenset({Reason.NOT_A_GOOD_FIT, Reason.CONDUCT})
MAX_COMMENT = 2000


def bad_pairings() -> set[tuple[str, str]]:
    """(mentee id, mentor id) of every pairing that ended badly, as the engine's ids."""
    return {(str(mentee), str(mentor)) for mentee, mentor in
            Mentorship.objects.filter(ended_badly=True).values_list("mentee_id", "mentor_id")}


def midpoint_of(mentorship: Mentorship) -> date:
    start = timezone.localdate(mentorship.started_at)
    return start + (mentorship.ends_on - start) / 2


def _require_party(mentorship: Mentorship, member: Member) -> None:
    if not may_see_mentorship(member, mentorship):
        raise MentoringRefused(_("There is no such mentoring relationship."), status=404)


def _require_live(mentorship: Mentorship) -> None:
    if mentorship.closed_at is not None:
        raise MentoringRefused(_("This mentoring ended on %(date)s.")
                               % {"date": date_text(mentorship.closed_at)})


def log_meeting(mentorship: Mentorship, member: Member, held_on: date, minutes: int, format: str = MeetingFormat.VIDEO,
                note: str = "", today: date | None = None) -> Meeting:
    _require_party(mentorship, member)
    _require_live(mentorship)
    today = today or timezone.localdate()
    started = timezone.localdate(mentorship.started_at)
    if held_on > today:
        raise MentoringRefused(_("A meeting can be logged once it has happened; %(date)s is still to come.")
                               % {"date": date_text(held_on)}, status=400)
    if held_on < started:
        raise MentoringRefused(_("Your mentoring began on %(start)s; a meeting on %(date)s was before that.")
                               % {"start": date_text(started), "date": date_text(held_on)}, status=400)
    if not 5 <= minutes <= 600:
        raise MentoringRefused(_("A meeting lasts 5 to 600 minutes."), status=400)
    if format not in MeetingFormat.values:
        raise MentoringRefused(_("Choose video call or in person."), status=400)
    return Meeting.objects.create(mentorship=mentorship, held_on=held_on, minutes=minutes, format=format,
                                  note=(note or "").strip()[:500], logged_by=member)


@dataclass(frozen=True)
class RelationshipState:
    """What a page offers one of the two people right now."""

    meetings: int
    fit_question_open: bool
    my_fit_answer: FitAnswer | None
    rematch_offered: bool
    midpoint_survey_open: bool
    end_survey_open: bool
    midpoint_on: date


def state_for(mentorship: Mentorship, member: Member, today: date | None = None) -> RelationshipState:
    today = today or timezone.localdate()
    meetings = mentorship.meetings.count()
    answer = FitAnswer.objects.filter(mentorship=mentorship, member=member).first()
    answered = set(SurveyResponse.objects.filter(mentorship=mentorship, member=member).values_list("kind", flat=True))
    live = mentorship.closed_at is None
    return RelationshipState(
        meetings=meetings,
        fit_question_open=live and meetings > 0 and answer is None,
        my_fit_answer=answer,
        rematch_offered=live and answer is not None and not answer.good_fit,
        midpoint_survey_open=Survey.MIDPOINT not in answered and survey_is_open(mentorship, Survey.MIDPOINT, today),
        end_survey_open=Survey.END not in answered and survey_is_open(mentorship, Survey.END, today),
        midpoint_on=midpoint_of(mentorship),
    )


def answer_fit(mentorship: Mentorship, member: Member, good_fit: bool, comment: str = "",
               now: datetime | None = None) -> FitAnswer:
    """Asked once of each side, after the first meeting is logged."""
    _require_party(mentorship, member)
    _require_live(mentorship)
    if not mentorship.meetings.exists():
        raise MentoringRefused(_("Log your first meeting first: the question comes after it."))
    try:
        with transaction.atomic():
            return FitAnswer.objects.create(mentorship=mentorship, member=member, good_fit=good_fit,
                                            comment=(comment or "").strip()[:1000], answered_at=now or timezone.now())
    except IntegrityError as error:
        raise MentoringRefused(_("You already answered whether this is a good fit.")) from error


def survey_is_open(mentorship: Mentorship, kind: str, today: date | None = None) -> bool:
    """The mid-point survey opens halfway through a live relationship; the end survey at its end or closing."""
    today = today or timezone.localdate()
    if kind == Survey.MIDPOINT:
        return mentorship.closed_at is None and today >= midpoint_of(mentorship)
    return mentorship.closed_at is not None or today >= mentorship.ends_on


def answer_survey(mentorship: Mentorship, member: Member, kind: str, rating: int, comment: str = "",
                  today: date | None = None) -> SurveyResponse:
    _require_party(mentorship, member)
    if kind not in Survey.values:
        raise MentoringRefused(_("There is no such survey."), status=404)
    if not isinstance(rating, int) or isinstance(rating, bool) or not 1 <= rating <= 5:
        raise MentoringRefused(_("Choose a rating from 1 to 5."), status=400)
    mentorship.refresh_from_db(fields=["closed_at"])  # the other side may have closed it meanwhile
    if not survey_is_open(mentorship, kind, today):
        if kind == Survey.MIDPOINT:
            message = _("The mid-point survey opens on %(date)s.") % {"date": date_text(midpoint_of(mentorship))}
            if mentorship.closed_at is not None:
                message = _("This mentoring has ended; only the end survey is open.")
        else:
            message = _("The end survey opens on %(date)s, or when the mentoring is closed.") % {
                "date": date_text(mentorship.ends_on)}
        raise MentoringRefused(message)
    try:
        with transaction.atomic():
            return SurveyResponse.objects.create(mentorship=mentorship, member=member, kind=kind, rating=rating,
                                                 comment=(comment or "").strip()[:MAX_COMMENT])
    except IntegrityError as error:
        raise MentoringRefused(_("You already answered this survey.")) from error


def close_mentorship(mentorship: Mentorship, member: Member, reason: str, note: str = "", *, rematch: bool = False,
                     now: datetime | None = None) -> Mentorship:
    """End the relationship (either side). With `rematch`, a round mentee goes back into the round's pool so the
    next run proposes someone else; otherwise their round application is done."""
    _require_party(mentorship, member)
    if reason not in Reason.values:
        raise MentoringRefused(_("Choose why the mentoring is ending."), status=400)
    with transaction.atomic():
        mentorship = Mentorship.objects.select_for_update().get(pk=mentorship.pk)
        _require_live(mentorship)
        now = now or timezone.now()
        mentorship.closed_at = now
        mentorship.closed_by = member
        mentorship.closure_reason = reason
        mentorship.closure_note = (note or "").strip()[:MAX_COMMENT]
        mentorship.ended_badly = reason in BAD_ENDINGS
        mentorship.rematch_requested = rematch
        mentorship.save(update_fields=["closed_at", "closed_by", "closure_reason", "closure_note", "ended_badly",
                                       "rematch_requested"])
        if mentorship.round_id is not None and not rematch:
            RoundApplication.objects.filter(round_id=mentorship.round_id, member_id=mentorship.mentee_id,
                                            role=RoundApplication.Role.MENTEE,
                                            status=RoundApplication.Status.ACTIVE).update(
                status=RoundApplication.Status.DONE)
    return mentorship


def rematch(mentorship: Mentorship, member: Member, note: str = "", now: datetime | None = None) -> Mentorship:
    """Offered after a "not a good fit" answer: close as not a good fit and put the mentee up for a new match."""
    _require_party(mentorship, member)
    answer = FitAnswer.objects.filter(mentorship=mentorship, member=member).first()
    if answer is None or answer.good_fit:
        raise MentoringRefused(_("A re-match is offered after answering that the pairing is not a good fit."))
    return close_mentorship(mentorship, member, Reason.NOT_A_GOOD_FIT, note, rematch=True, now=now)


def is_early_closure(mentorship: Mentorship) -> bool:
    """Closed before its planned end for any reason but reaching its goals."""
    return (mentorship.closed_at is not None and timezone.localdate(mentorship.closed_at) < mentorship.ends_on
            and mentorship.closure_reason != Reason.COMPLETED)
