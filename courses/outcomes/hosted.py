"""Which offerings' outcome figures a partner host may see: the originals their partner co-hosts, and no other.
Checked on the server per offering; what they see there is aggregates only (no comments, no individual answers)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from lms.original_rows import originals
from lms.roles import signed_in

from ..events.registration_access import partners_hosted_by
from ..models import Offering

if TYPE_CHECKING:
    from lms.access import Viewer


def offerings_hosted_for(user: Viewer) -> QuerySet[Offering]:
    """The original offerings one of the user's partners co-hosts (none for anyone signed out or hosting none)."""
    if not signed_in(user):
        return Offering.objects.none()
    return originals(Offering.objects.filter(
        pk__in=Offering.objects.filter(co_hosts__in=partners_hosted_by(user)).values("pk")))


def may_see_hosted_outcomes(user: Viewer, offering_id: int) -> bool:
    return offerings_hosted_for(user).filter(pk=offering_id).exists()
