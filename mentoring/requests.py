"""Direct requests: a mentee asks a mentor found in the directory; the mentor accepts (capacity permitting) or
declines; the mentee may withdraw while it waits.

Every answer runs under the mentor's profile lock (capacity.lock_mentor), the same lock round acceptances take, so
a mentor's last slot goes to exactly one mentee. A request is seen only by the mentee who sent it and the mentor
it is addressed to; anyone else is told it does not exist.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.formatting import date_text

from . import capacity, notices
from .models import MenteeProfile, MentorProfile, Mentorship, MentorshipRequest
from .privacy import may_see_request, may_use_mentoring
from .refusal import MentoringRefused

if TYPE_CHECKING:
    from lms.models import Member

Status = MentorshipRequest.Status
Kind = notices.Kind

# A relationship from a direct request runs this long unless closed sooner (rounds set their own end).
DIRECT_MENTORSHIP_LENGTH = timedelta(weeks=26)
MAX_MESSAGE_LENGTH = 2000


def direct_mentorship_ends_on(started: datetime) -> date:
    return timezone.localdate(started + DIRECT_MENTORSHIP_LENGTH)


def _date(moment: datetime) -> str:
    return date_text(moment)


def request_mentor(mentee: Member, mentor_profile: MentorProfile, message: str) -> MentorshipRequest:
    """Send a request; refused for non-members, without a mentee profile, to oneself, to an unlisted mentor or one
    at capacity, twice to the same mentor, or to a mentor one already has."""
    message = (message or "").strip()
    if not may_use_mentoring(mentee):
        raise MentoringRefused(_("Mentoring is for current members of the association."), status=403)
    if mentor_profile.member_id == mentee.pk:
        raise MentoringRefused(_("You cannot ask yourself to be your mentor."), status=400)
    if not MenteeProfile.objects.filter(member_id=mentee.pk).exists():
        raise MentoringRefused(_("Fill in your mentee profile first, so the mentor can read your goals."), status=409)
    if not message:
        raise MentoringRefused(_("Write a short message saying what you would like help with."), status=400)
    if len(message) > MAX_MESSAGE_LENGTH:
        raise MentoringRefused(_("Keep the message under %(n)d characters.") % {"n": MAX_MESSAGE_LENGTH}, status=400)
    mentor = mentor_profile.member
    if not mentor_profile.is_listed or not may_use_mentoring(mentor):
        raise MentoringRefused(_("%(mentor)s is not taking requests at the moment.") % {"mentor": mentor})
    if Mentorship.objects.filter(mentee_id=mentee.pk, mentor_id=mentor.pk, closed_at__isnull=True).exists():
        raise MentoringRefused(_("%(mentor)s is already your mentor.") % {"mentor": mentor})
    pending = MentorshipRequest.objects.filter(mentee_id=mentee.pk, mentor_id=mentor.pk, status=Status.PENDING).first()
    if pending is not None:
        raise MentoringRefused(
            _("You already asked %(mentor)s on %(date)s; the request is waiting for their answer.")
            % {"mentor": mentor, "date": _date(pending.created_at)}
        )
    if capacity.open_slots(mentor_profile) == 0:
        raise MentoringRefused(
            _("%(mentor)s is at capacity (%(capacity)d mentees at once) and cannot take requests now. Try another "
              "mentor, or ask again later.") % {"mentor": mentor, "capacity": mentor_profile.capacity}
        )
    try:
        with transaction.atomic():
            request = MentorshipRequest.objects.create(mentee=mentee, mentor=mentor, message=message)
            notices.owe(mentor, Kind.REQUEST_RECEIVED, request=request)
    except IntegrityError as error:  # a second request racing the first
        raise MentoringRefused(
            _("You already asked %(mentor)s; the request is waiting for their answer.") % {"mentor": mentor}
        ) from error
    return request


def _check_answerable(request: MentorshipRequest, actor: Member) -> None:
    if not may_see_request(actor, request):
        raise MentoringRefused(_("There is no such request."), status=404)
    if actor.pk != request.mentor_id:
        raise MentoringRefused(_("Only the mentor it is addressed to can answer this request."), status=403)
    if request.status == Status.WITHDRAWN:
        raise MentoringRefused(_("%(mentee)s withdrew this request on %(date)s, so there is nothing to answer.")
                               % {"mentee": request.mentee, "date": _date(request.decided_at or request.created_at)})
    if request.status != Status.PENDING:
        raise MentoringRefused(_("You already answered this request (%(status)s).")
                               % {"status": request.get_status_display().lower()})


def accept_request(request: MentorshipRequest, actor: Member, reply: str = "",
                   now: datetime | None = None) -> Mentorship:
    """The mentor accepts: a relationship begins, if the mentor still has a slot (checked under the lock)."""
    with transaction.atomic():
        profile = capacity.lock_mentor(request.mentor_id)
        request = MentorshipRequest.objects.select_for_update().select_related("mentee", "mentor").get(pk=request.pk)
        _check_answerable(request, actor)
        if Mentorship.objects.filter(mentee_id=request.mentee_id, mentor_id=request.mentor_id,
                                     closed_at__isnull=True).exists():
            raise MentoringRefused(_("You are already mentoring %(mentee)s.") % {"mentee": request.mentee})
        capacity.require_open_slot(profile)
        now = now or timezone.now()
        request.status = Status.ACCEPTED
        request.reply = (reply or "").strip()[:MAX_MESSAGE_LENGTH]
        request.decided_at = now
        request.save(update_fields=["status", "reply", "decided_at"])
        mentorship = Mentorship.objects.create(
            mentee_id=request.mentee_id, mentor_id=request.mentor_id, origin=Mentorship.Origin.DIRECT,
            request=request, started_at=now, ends_on=direct_mentorship_ends_on(now),
        )
        notices.owe(request.mentee, Kind.REQUEST_ACCEPTED, request=request, mentorship=mentorship)
    return mentorship


def decline_request(request: MentorshipRequest, actor: Member, reply: str = "", now: datetime | None = None
                    ) -> MentorshipRequest:
    with transaction.atomic():
        request = MentorshipRequest.objects.select_for_update().select_related("mentee", "mentor").get(pk=request.pk)
        _check_answerable(request, actor)
        request.status = Status.DECLINED
        request.reply = (reply or "").strip()[:MAX_MESSAGE_LENGTH]
        request.decided_at = now or timezone.now()
        request.save(update_fields=["status", "reply", "decided_at"])
        notices.owe(request.mentee, Kind.REQUEST_DECLINED, request=request)
    return request


def withdraw_request(request: MentorshipRequest, actor: Member, now: datetime | None = None) -> MentorshipRequest:
    """The mentee takes a waiting request back."""
    with transaction.atomic():
        request = MentorshipRequest.objects.select_for_update().select_related("mentor").get(pk=request.pk)
        if not may_see_request(actor, request):
            raise MentoringRefused(_("There is no such request."), status=404)
        if actor.pk != request.mentee_id:
            raise MentoringRefused(_("Only the mentee who sent this request can withdraw it."), status=403)
        if request.status != Status.PENDING:
            raise MentoringRefused(_("This request was already answered (%(status)s), so it cannot be withdrawn.")
                                   % {"status": request.get_status_display().lower()})
        request.status = Status.WITHDRAWN
        request.decided_at = now or timezone.now()
        request.save(update_fields=["status", "decided_at"])
    return request


def requests_received(mentor: Member) -> list[MentorshipRequest]:
    """The requests addressed to this mentor, and only those."""
    return list(MentorshipRequest.objects.filter(mentor_id=mentor.pk).select_related("mentee"))


def requests_sent(mentee: Member) -> list[MentorshipRequest]:
    return list(MentorshipRequest.objects.filter(mentee_id=mentee.pk).select_related("mentor"))
