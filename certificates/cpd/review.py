"""Staff deciding on an external activity: approve, or reject with a reason.

A decision is one conditional UPDATE on a submitted activity, so approving twice, or two staff deciding at once,
changes the row once; the second is told who decided first, and nothing is counted twice (only approved
activities count, in progress.py)."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from lms.formatting import date_text
from lms.models import Member
from lms.refusal import Refused

from . import learning_records
from .models import ExternalActivity

MAX_REASON_LENGTH = 1000


def decide(activity_id: int, *, approve: bool, reviewer: Member, reason: str = "") -> ExternalActivity:
    """Record the decision on a submitted activity and return it; `Refused` when it cannot be taken."""
    reason = reason.strip()
    if not approve and not reason:
        raise Refused(_("Give the member a reason for rejecting the activity."), status=400)
    if len(reason) > MAX_REASON_LENGTH:
        raise Refused(_("Keep the reason to %(limit)d characters.") % {"limit": MAX_REASON_LENGTH}, status=400)
    status = ExternalActivity.Status.APPROVED if approve else ExternalActivity.Status.REJECTED
    changed = ExternalActivity.objects.filter(pk=activity_id, status=ExternalActivity.Status.SUBMITTED).update(
        status=status, reviewer=reviewer, reason=reason, decided_at=timezone.now()
    )
    activity = ExternalActivity.objects.select_related("reviewer").filter(pk=activity_id).first()
    if activity is None:
        raise Refused(_("There is no such activity."), status=404)
    if not changed:
        already = (_("“%(title)s” was already approved by %(name)s on %(date)s; nothing was changed.")
                   if activity.status == ExternalActivity.Status.APPROVED else
                   _("“%(title)s” was already rejected by %(name)s on %(date)s; nothing was changed."))
        raise Refused(already % {
            "title": activity.title,
            "name": (activity.reviewer.get_full_name() or activity.reviewer.email) if activity.reviewer else _("staff"),
            "date": date_text(activity.decided_at),
        }, status=409)
    learning_records.approved(activity)  # the CPD hours earned, told to the LRS (once: only the first decision)
    return activity
