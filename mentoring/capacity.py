"""How many mentees a mentor can still take: the one capacity rule for direct requests and round proposals alike.

A slot is held by every live relationship and by every published round proposal still waiting for answers (the
round promised that slot to a mentee). Whoever is about to take a slot calls `lock_mentor` inside a transaction
first: the mentor's profile row lock makes concurrent acceptances queue up, so the count they read is the count
that stands and a mentor is never overbooked.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Count
from django.utils.translation import gettext as _

from .models import MatchProposal, MentorProfile, Mentorship
from .refusal import MentoringRefused


def lock_mentor(mentor_id: int) -> MentorProfile:
    """The mentor's profile, row-locked until the caller's transaction ends."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("lock_mentor must be called inside transaction.atomic()")
    profile = MentorProfile.objects.select_for_update().filter(member_id=mentor_id).first()
    if profile is None:
        raise MentoringRefused(_("This member no longer has a mentor profile."), status=409)
    return profile


def live_mentorships(mentor_id: int) -> int:
    return Mentorship.objects.filter(mentor_id=mentor_id, closed_at__isnull=True).count()


def waiting_proposals(mentor_id: int, *, exclude_round_id: int | None = None,
                      exclude_proposal_id: int | None = None) -> int:
    proposals = MatchProposal.objects.filter(mentor_id=mentor_id, status=MatchProposal.Status.PUBLISHED)
    if exclude_round_id is not None:
        proposals = proposals.exclude(round_id=exclude_round_id)
    if exclude_proposal_id is not None:
        proposals = proposals.exclude(pk=exclude_proposal_id)
    return proposals.count()


def slots_held(mentor_id: int) -> int:
    """Mentees the mentor has, or has been promised by a published proposal."""
    return live_mentorships(mentor_id) + waiting_proposals(mentor_id)


def open_slots(profile: MentorProfile) -> int:
    return max(0, profile.capacity - slots_held(profile.member_id))


def open_slots_by_mentor(profiles: list[MentorProfile]) -> dict[int, int]:
    """Open slots of many mentors in two queries (the directory's 'has open capacity')."""
    ids = [p.member_id for p in profiles]
    held: dict[int, int] = dict.fromkeys(ids, 0)
    for mentor_id, count in (Mentorship.objects.filter(mentor_id__in=ids, closed_at__isnull=True)
                             .values_list("mentor_id").annotate(n=Count("pk"))):
        held[mentor_id] += count
    for mentor_id, count in (MatchProposal.objects.filter(mentor_id__in=ids, status=MatchProposal.Status.PUBLISHED)
                             .values_list("mentor_id").annotate(n=Count("pk"))):
        held[mentor_id] += count
    return {p.member_id: max(0, p.capacity - held[p.member_id]) for p in profiles}


def held_outside_round(mentor_id: int, round_id: int) -> int:
    """Slots the mentor has given to relationships and proposals that are not this round's."""
    own = Mentorship.objects.filter(mentor_id=mentor_id, closed_at__isnull=True).exclude(round_id=round_id).count()
    return own + waiting_proposals(mentor_id, exclude_round_id=round_id)


def require_open_slot(profile: MentorProfile, *, taking_proposal_id: int | None = None) -> None:
    """Refuse when the (locked) mentor has no slot left; a proposal becoming a relationship gives up its own slot."""
    held = live_mentorships(profile.member_id) + waiting_proposals(profile.member_id,
                                                                   exclude_proposal_id=taking_proposal_id)
    if held >= profile.capacity:
        raise MentoringRefused(
            _("%(mentor)s is at capacity (%(capacity)d mentees at once) and cannot take another mentee now.")
            % {"mentor": profile.member, "capacity": profile.capacity},
            status=409,
        )
