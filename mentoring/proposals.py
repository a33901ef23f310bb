"""Answering a published proposal: each side accepts or declines. Both accepting starts the relationship (the
mentor's slot checked under the same lock as direct requests); either declining frees the slot, tells the other
side, and leaves the mentee in the round to be re-matched (the declined pair is never proposed again).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.formatting import date_text

from . import capacity, notices
from .models import MatchProposal, Mentorship
from .privacy import may_see_proposal
from .refusal import MentoringRefused

if TYPE_CHECKING:
    from lms.models import Member

Status = MatchProposal.Status
Answer = MatchProposal.Answer


@dataclass(frozen=True)
class ProposalOutcome:
    proposal: MatchProposal
    mentorship: Mentorship | None
    message: str


def _side(proposal: MatchProposal, member: Member) -> str:
    return "mentee" if member.pk == proposal.mentee_id else "mentor"


def _closed_message(proposal: MatchProposal, member: Member) -> str:
    when = date_text(proposal.closed_at)
    if proposal.status == Status.WITHDRAWN:
        return _("Staff withdrew this proposal on %(date)s, so it can no longer be accepted or declined. You stay "
                 "in the round if you are still looking.") % {"date": when}
    if proposal.status == Status.DECLINED:
        mine = getattr(proposal, f"{_side(proposal, member)}_answer") == Answer.DECLINED
        if mine:
            return _("You declined this proposal on %(date)s.") % {"date": when}
        return _("The other person declined this proposal on %(date)s, so it cannot go ahead.") % {"date": when}
    return _("You have both accepted this proposal; your mentoring is under way.")


def answer(proposal: MatchProposal, member: Member, accept: bool, now: datetime | None = None) -> ProposalOutcome:
    """Record one side's answer. Refused for anyone but the two people, for a draft, for a withdrawn or already
    declined proposal, and for a second answer."""
    if not may_see_proposal(member, proposal):
        raise MentoringRefused(_("There is no such proposal."), status=404)
    with transaction.atomic():
        # The mentor's lock first, as everywhere a slot may change hands, then the proposal's own row.
        profile = capacity.lock_mentor(proposal.mentor_id)
        proposal = (MatchProposal.objects.select_for_update().select_related("mentee", "mentor", "round")
                    .get(pk=proposal.pk))
        if proposal.status != Status.PUBLISHED:
            raise MentoringRefused(_closed_message(proposal, member))
        side = _side(proposal, member)
        if getattr(proposal, f"{side}_answer"):
            raise MentoringRefused(_("You already accepted this proposal; it is waiting for the other person."))
        now = now or timezone.now()
        setattr(proposal, f"{side}_answer", Answer.ACCEPTED if accept else Answer.DECLINED)
        setattr(proposal, f"{side}_answered_at", now)
        other = proposal.mentor if side == "mentee" else proposal.mentee
        mentorship = None
        if not accept:
            proposal.status = Status.DECLINED
            proposal.closed_at = now
            notices.owe(other, notices.Kind.PROPOSAL_DECLINED, proposal=proposal)
            message = _("You declined the proposal. %(more)s") % {"more": (
                _("You stay in the round and will be proposed another mentor when staff run the matcher again.")
                if side == "mentee" else _("Your slot is free again."))}
        elif proposal.mentee_answer == Answer.ACCEPTED and proposal.mentor_answer == Answer.ACCEPTED:
            capacity.require_open_slot(profile, taking_proposal_id=proposal.pk)
            if Mentorship.objects.filter(mentee_id=proposal.mentee_id, mentor_id=proposal.mentor_id,
                                         closed_at__isnull=True).exists():
                raise MentoringRefused(_("You two already have a mentoring relationship under way."))
            proposal.status = Status.ACCEPTED
            proposal.closed_at = now
            mentorship = Mentorship.objects.create(
                mentee_id=proposal.mentee_id, mentor_id=proposal.mentor_id, origin=Mentorship.Origin.ROUND,
                proposal=proposal, round=proposal.round, started_at=now, ends_on=proposal.round.ends_on,
            )
            for person in (proposal.mentee, proposal.mentor):
                notices.owe(person, notices.Kind.MATCH_CONFIRMED, proposal=proposal, mentorship=mentorship)
            message = _("You both accepted: your mentoring with %(name)s can begin.") % {"name": other}
        else:
            message = _("You accepted. We will tell you as soon as %(name)s answers.") % {"name": other}
        proposal.save()
    return ProposalOutcome(proposal, mentorship, message)


def proposals_for(member: Member) -> list[MatchProposal]:
    """The member's published proposals on either side, newest first; drafts never show."""
    return list(MatchProposal.objects.exclude(status=Status.DRAFT)
                .filter(Q(mentee_id=member.pk) | Q(mentor_id=member.pk))
                .select_related("round", "mentee", "mentor").order_by("-published_at", "-pk"))
