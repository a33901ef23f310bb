"""Who may open a session's online joining link, and when: confirmed registrants, from an hour before the start
until the end. The link itself never appears on a page; the join address asks this module and redirects.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from lms.formatting import time_text

from ..models import Registration, Session
from .times import moment_in, span_in

JOINING_OPENS_BEFORE = timedelta(minutes=60)


@dataclass(frozen=True)
class JoiningDecision:
    """Whether the link may be opened now; if not, why (in the reader's zone) and the HTTP status to answer."""

    allowed: bool
    reason: str = ""
    status: int = 200

    def __bool__(self) -> bool:
        return self.allowed


def joining_opens_at(session: Session) -> datetime:
    return session.starts_at - JOINING_OPENS_BEFORE


def joining_decision(registration: Registration | None, session: Session, zone_name: str,
                     now: datetime | None = None) -> JoiningDecision:
    """May the holder of `registration` (None: not registered) join `session` online now?"""
    now = now or timezone.now()
    if not session.joining_url:
        return JoiningDecision(False, _("This session takes place in person; it has no online joining link."), 404)
    if registration is None or registration.session_id != session.pk or not registration.is_active:
        return JoiningDecision(False, _("Only people registered for this session can join it."), 403)
    if registration.status != Registration.Status.CONFIRMED:
        return JoiningDecision(
            False, _("You are on the waitlist for this session; the joining link is for confirmed attendees."), 403
        )
    if now >= session.ends_at:
        return JoiningDecision(False, _("This session has ended."), 409)
    opens_at = joining_opens_at(session)
    if now < opens_at:
        local = span_in(opens_at, opens_at, zone_name).starts
        return JoiningDecision(
            False,
            _("The joining link opens at %(time)s your time (%(moment)s), an hour before the start.")
            % {"time": time_text(local), "moment": moment_in(opens_at, zone_name)},
            409,
        )
    return JoiningDecision(True)
