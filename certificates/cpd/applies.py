"""Who a CPD scheme applies to, and the day each member's cycles of it count from: the one place this is decided.

A scheme names membership tiers, credentials (certificate templates) or both, never neither (`CpdScheme.clean`).
A member is under it when (no tiers are named or their tier is) and (no credentials are named or they hold one).

Holding a credential: the member's current version of a certificate from a named template (not replaced, not
withdrawn) is not revoked, and it has not lapsed for good: a certificate that has expired still counts for the
grace period in which it can be renewed (`certificates.renewal.GRACE`, 90 days), because CPD is how it is renewed
(a met cycle renews it; dropping the member at the expiry would end the cycle that is meant to renew it). Past
the grace period the certificate can no longer be renewed, the member earns it again, and until then no new cycle
is made for them. A member who stops holding it keeps their cycles as records; no new one is made (`cycles.py`
asks `applies_to` before rolling over).

The anchor (`CpdScheme.Anchor`): the day the member joined, or the day they first earned the credential, that is
the issue day (in the site's zone) of version 1 of the certificate's lineage (the member's versions of one
achievement), not of a renewal or re-issue: renewing keeps the credential, so it keeps the cycle's rhythm, and a
renewal dated near the expiry would otherwise shift every later cycle. A member holding several of the named
credentials counts from the earliest of them, the longest-standing credential they keep up.

The facts for many members are read in one query (`credentials_held`), so checking a page of members or a beat
job's batch costs the same whatever their number.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime

from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone

from certificates.models import Certificate
from certificates.renewal import GRACE, STANDING
from lms.models import Member, MembershipTier

from .models import CpdScheme

# template id -> the day the member first earned their certificate of it (the earliest, if several achievements)
Held = Mapping[int, date]


def credential_ids(scheme: CpdScheme) -> frozenset[int]:
    """The templates a scheme names (read from its prefetched or in-memory credentials)."""
    return frozenset(template.pk for template in scheme.credentials.all())


def tier_labels(scheme: CpdScheme) -> list[str]:
    """The tiers a scheme names, in words."""
    return [str(MembershipTier(tier).label) for tier in scheme.tiers if tier in MembershipTier.values]


def credential_names(scheme: CpdScheme) -> list[str]:
    return sorted(template.name for template in scheme.credentials.all())


def named_in(schemes: Iterable[CpdScheme]) -> set[int]:
    """Every template the schemes name, for one `credentials_held` query over all of them."""
    return {template_id for scheme in schemes for template_id in credential_ids(scheme)}


def holding(now: datetime) -> Q:
    """A certificate that makes its member a holder at `now`: current, not revoked or withdrawn, with a holder,
    and not expired for longer than the grace period."""
    return STANDING & (Q(expires_at__isnull=True) | Q(expires_at__gte=now - GRACE))


def credentials_held(member_ids: Iterable[int], template_ids: Iterable[int],
                     now: datetime | None = None) -> dict[int, dict[int, date]]:
    """For each member who holds any of the templates: template id -> the day they first earned it. One query."""
    member_ids, template_ids = set(member_ids), set(template_ids)
    if not member_ids or not template_ids:
        return {}
    first_version = (Certificate.objects.filter(member_id=OuterRef("member_id"),
                                                achievement_key=OuterRef("achievement_key"))
                     .order_by("version").values("issued_at")[:1])
    rows = (Certificate.objects.filter(holding(now or timezone.now()), member_id__in=member_ids,
                                       template_id__in=template_ids)
            .annotate(first_issued_at=Subquery(first_version))
            .values_list("member_id", "template_id", "first_issued_at", "issued_at"))
    held: dict[int, dict[int, date]] = {}
    for member_id, template_id, first_issued_at, issued_at in rows:
        day = timezone.localdate(first_issued_at or issued_at)
        of_member = held.setdefault(member_id, {})
        of_member[template_id] = min(day, of_member.get(template_id, day))
    return held


def applies_to(scheme: CpdScheme, member: Member, held: Held) -> bool:
    """Whether the member is under the scheme, given the credentials they hold (`credentials_held`)."""
    if scheme.tiers and member.membership_tier not in scheme.tiers:
        return False
    named = credential_ids(scheme)
    return not named or any(template_id in held for template_id in named)


def anchor_of(scheme: CpdScheme, member: Member, held: Held) -> date | None:
    """The day the member's cycles of the scheme count from; None for a credential anchor when they hold none of
    the scheme's credentials (they are not under it)."""
    if scheme.anchor == CpdScheme.Anchor.CREDENTIAL:
        days = [day for template_id, day in held.items() if template_id in credential_ids(scheme)]
        return min(days) if days else None
    return timezone.localdate(member.date_joined)


def schemes_applying(members: Iterable[Member], schemes: list[CpdScheme],
                     now: datetime | None = None) -> dict[int, list[CpdScheme]]:
    """For each member, the schemes (among `schemes`, credentials prefetched) that apply to them: one query for
    every member's credentials, whatever their number."""
    members = list(members)
    held = credentials_held([member.pk for member in members], named_in(schemes), now)
    return {member.pk: [scheme for scheme in schemes if applies_to(scheme, member, held.get(member.pk, {}))]
            for member in members}
