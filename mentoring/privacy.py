"""Who may see what in mentoring: profiles to members, contact details to one's matched partner, requests to the
two people in them, applications to their owner. Self-described identities and demographics are never shown to
anyone; only the matcher compares identities, and only aggregate reports count demographics.

Views ask these functions; none decides visibility itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Q

from lms.access import is_member, sees_everything
from lms.roles import signed_in

from .models import MatchProposal, Mentorship, MentorshipRequest, RoundApplication

if TYPE_CHECKING:
    from lms.access import Viewer
    from lms.models import Member


def may_use_mentoring(viewer: Viewer) -> bool:
    """Profiles, the directory and rounds are for current members (and the staff who run the programme)."""
    return is_member(viewer) or sees_everything(viewer)


def are_matched(viewer: Viewer, other: Member) -> bool:
    """Whether the two are in a live relationship, on either side."""
    if not signed_in(viewer) or viewer.pk is None or other is None:
        return False
    return Mentorship.objects.filter(closed_at__isnull=True).filter(
        Q(mentee_id=viewer.pk, mentor_id=other.pk) | Q(mentee_id=other.pk, mentor_id=viewer.pk)
    ).exists()


@dataclass(frozen=True)
class ContactDetails:
    name: str
    email: str
    note: str


def contact_details_for(viewer: Viewer, other: Member, note: str = "") -> ContactDetails | None:
    """The other person's e-mail and contact note, only for their matched partner; None for everyone else."""
    if not are_matched(viewer, other):
        return None
    return ContactDetails(name=str(other), email=other.email, note=note)


def may_see_request(viewer: Viewer, request: MentorshipRequest) -> bool:
    """A request is the business of the mentee who sent it and the mentor it is addressed to, no one else."""
    return getattr(viewer, "pk", None) in (request.mentee_id, request.mentor_id)


def may_see_application(viewer: Viewer, application: RoundApplication) -> bool:
    """Only its owner (staff read applications in the admin, never through member pages)."""
    return getattr(viewer, "pk", None) == application.member_id


def may_see_proposal(viewer: Viewer, proposal: MatchProposal) -> bool:
    """Its two people, once staff have published it (a draft is staff's working copy)."""
    return (proposal.status != MatchProposal.Status.DRAFT
            and getattr(viewer, "pk", None) in (proposal.mentee_id, proposal.mentor_id))


def may_see_mentorship(viewer: Viewer, mentorship: Mentorship) -> bool:
    return getattr(viewer, "pk", None) in (mentorship.mentee_id, mentorship.mentor_id)
