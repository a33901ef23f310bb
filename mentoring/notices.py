"""The e-mails mentoring owes: what is owed when, what each says, and when it has become moot.

A notice row is written in the same transaction as the change it reports (a crash cannot lose it) and the lms
outbox sends it exactly once after that transaction commits (`mentoring.letters` registers it). The first-meeting
reminder is owed by time, once per person and relationship (a unique constraint).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.core.mail import EmailMultiAlternatives
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone

from lms import outbox
from lms.letter_writing import compose
from lms.models import EmailCategory, Member
from lms.site_address import absolute_url

from .models import MatchProposal, Meeting, MentoringNotice, Mentorship, MentorshipRequest

Kind = MentoringNotice.Kind
LETTER = "mentoring.notice"

FIRST_MEETING_REMINDER_AFTER = timedelta(days=14)
# A notice still unsent this long after it was owed is stale news: the sweep leaves it.
SWEEP_LOOKBACK = timedelta(days=7)


def owe(member, kind: str, *, request: MentorshipRequest | None = None, proposal: MatchProposal | None = None,
        mentorship: Mentorship | None = None) -> MentoringNotice:
    """Record an e-mail owed (inside the caller's transaction) and send it once that transaction commits."""
    notice = MentoringNotice.objects.create(member=member, kind=kind, request=request, proposal=proposal,
                                            mentorship=mentorship)
    outbox.announce(LETTER, notice.pk)
    return notice


def create_due_reminders(now: datetime | None = None) -> int:
    """Owe both sides a reminder for each live relationship 14 days old with no meeting logged; never twice."""
    now = now or timezone.now()
    due = (Mentorship.objects.filter(closed_at__isnull=True, started_at__lte=now - FIRST_MEETING_REMINDER_AFTER)
           .filter(~Exists(Meeting.objects.filter(mentorship=OuterRef("pk"))))
           .values_list("pk", "mentee_id", "mentor_id"))
    notices = [MentoringNotice(member_id=member_id, kind=Kind.FIRST_MEETING_REMINDER, mentorship_id=pk, owed_at=now)
               for pk, mentee_id, mentor_id in due for member_id in (mentee_id, mentor_id)]
    before = MentoringNotice.objects.filter(kind=Kind.FIRST_MEETING_REMINDER).count()
    MentoringNotice.objects.bulk_create(notices, ignore_conflicts=True)
    return MentoringNotice.objects.filter(kind=Kind.FIRST_MEETING_REMINDER).count() - before


def sweep_window(now: datetime) -> Q:
    """The sweep sends notices owed within the last week; older ones are stale news."""
    return Q(owed_at__gte=now - SWEEP_LOOKBACK)


LIVE_PROPOSAL: tuple[str, ...] = (MatchProposal.Status.PUBLISHED, MatchProposal.Status.ACCEPTED)


def is_moot(notice: MentoringNotice) -> bool:
    """Whether events overtook the notice before it went (a request answered, a proposal withdrawn, a meeting
    logged after all): such news would only confuse."""
    if notice.kind == Kind.REQUEST_RECEIVED:
        request = notice.request
        return request is None or request.status != MentorshipRequest.Status.PENDING
    if notice.kind == Kind.PROPOSAL_PUBLISHED:
        proposal = notice.proposal
        return proposal is None or proposal.status not in LIVE_PROPOSAL
    if notice.kind == Kind.FIRST_MEETING_REMINDER:
        mentorship = notice.mentorship
        return mentorship is None or mentorship.closed_at is not None or mentorship.meetings.exists()
    return False


def category(notice: MentoringNotice) -> str | None:
    """The first-meeting nudge is optional; requests, proposals and matches answer something the member did or
    must act on, so they always go."""
    return EmailCategory.MENTORING if notice.kind == Kind.FIRST_MEETING_REMINDER else None


def recipient(notice: MentoringNotice) -> Member:
    return notice.member


def link_for(notice: MentoringNotice) -> str:
    if notice.mentorship_id:
        return absolute_url(reverse("mentoring:mentorship", args=[notice.mentorship_id]))
    if notice.proposal_id:
        return absolute_url(reverse("mentoring:proposal", args=[notice.proposal_id]))
    if notice.request_id:
        return absolute_url(reverse("mentoring:request", args=[notice.request_id]))
    return absolute_url(reverse("mentoring:home"))


def partner_of(notice: MentoringNotice):
    """The other person the e-mail is about (never more than their name)."""
    for thing in (notice.mentorship, notice.proposal, notice.request):
        if thing is not None:
            return thing.mentor if notice.member_id == thing.mentee_id else thing.mentee
    return None


def build_email(notice: MentoringNotice) -> EmailMultiAlternatives:
    """The e-mail in the member's language; it names the other person and links to the page, nothing more."""
    context = {
        "notice": notice,
        "kind": notice.kind,
        "partner": partner_of(notice),
        "is_mentee": notice.member_id == getattr(notice.mentorship or notice.proposal or notice.request,
                                                 "mentee_id", None),
        "round": getattr(notice.proposal, "round", None) or getattr(notice.mentorship, "round", None),
        "link": link_for(notice),
        "home_url": absolute_url(reverse("mentoring:home")),
    }
    return compose(notice.member, "mentoring/email/notice", context)
