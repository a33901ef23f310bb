"""Which matching rounds need staff to act, and what for: proposed pairs still in draft (review and publish them),
or applications closed with nothing published while the round still runs (run the matcher). One query."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q
from django.utils import timezone

from .models import MatchingRound, MatchProposal

MOST_ROUNDS = 10


@dataclass
class RoundNeedingAction:
    round: MatchingRound
    drafts: int

    @property
    def needs_publishing(self) -> bool:
        """Drafts wait for review; otherwise the matcher has not been run (or found nothing) since applications
        closed."""
        return self.drafts > 0


def rounds_needing_action(today: date | None = None) -> list[RoundNeedingAction]:
    """Rounds still running (relationships not yet ended) that have draft proposals, or whose applications have
    closed with nothing published; the longest waiting first, at most MOST_ROUNDS."""
    today = today or timezone.localdate()
    rounds = (
        MatchingRound.objects.filter(ends_on__gte=today)
        .annotate(draft_count=Count("proposals", filter=Q(proposals__status=MatchProposal.Status.DRAFT)))
        .filter(Q(draft_count__gt=0) | Q(applications_close_on__lt=today, published_at__isnull=True))
        .order_by("applications_close_on", "pk")[:MOST_ROUNDS]
    )
    return [RoundNeedingAction(round=r, drafts=r.draft_count) for r in rounds]
