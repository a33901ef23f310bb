"""The CPD credential: when a member's cycle meets its scheme's requirement, a certificate of kind "cpd_cycle" (a PDF
from the certificate templates and a signed Open Badges credential, verifiable like any certificate).

When: as soon as the requirement is reached (the member's page, or the demo, reads the cycle as met), and at the
latest when `cycles.close` closes the cycle as met. Reached is final: hours only count once they are approved, and
a yearly minimum cannot be met before its year has had its hours, so a met cycle does not become short again.

Once: the achievement key names the cycle, and `certificates.issuance.issue` keeps one current certificate per
member and key (a database constraint; a racing issuer gets the row that won).

Validity: the credential does not expire. It states that the member met the requirement of the cycle whose span
it carries ("CPD compliant 2025–2028", and the subject's activityStartDate / activityEndDate), which stays true
after the cycle; whether the member is compliant now is the next cycle's credential. An expiry at the cycle's end
would also make a credential issued when a cycle closes expired on the day it is issued.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import lazy
from django.utils.translation import gettext as _

from certificates.issuance import AchievementFacts, issue
from certificates.models import AchievementKind, Certificate, IssueBasis
from courses.models import CpdCreditType
from lms import site_address
from lms.formatting import date_text, hours_text

from .models import Cycle
from .progress import Progress, cycle_progress


def cycle_key(cycle_id: int) -> str:
    """What "the same achievement" means for a CPD credential: the member's cycle, by id."""
    return f"cpd_cycle:{cycle_id}"


def span_text(cycle: Cycle) -> str:
    """The cycle's span by its years, "2025–2028" (one year when it starts and ends in the same one)."""
    first, last = cycle.starts_on.year, cycle.last_day.year
    return str(first) if first == last else f"{first}–{last}"


def _title(cycle: Cycle) -> str:
    return _("CPD compliant %(span)s: %(scheme)s") % {"span": span_text(cycle), "scheme": cycle.scheme.name}


def _description(cycle: Cycle, counted: Decimal) -> str:
    return _("Met the %(scheme)s requirement with %(hours)s counted in the cycle from %(start)s to %(end)s.") % {
        "scheme": cycle.scheme.name, "hours": hours_text(counted), "start": date_text(cycle.starts_on),
        "end": date_text(cycle.last_day)}


def cycle_words(certificate: Certificate, language: str) -> tuple[str, str] | None:
    """A CPD credential's words in `language` (the `achievement_words` hook: a re-issue or renewal printed in
    another language). Schemes have one name, so the scheme's name stays as staff wrote it and the fixed phrase
    around it is translated. None for other kinds, or when the cycle is gone (the credential keeps its words)."""
    if certificate.achievement_kind != AchievementKind.CPD_CYCLE:
        return None
    _prefix, _colon, cycle_id = certificate.achievement_key.partition(":")
    cycle = (Cycle.objects.select_related("scheme").filter(pk=int(cycle_id)).first()
             if cycle_id.isdigit() else None)
    if cycle is None:
        return None
    with translation.override(language):
        return _title(cycle), _description(cycle, certificate.cpd_hours)


_lazy_title = lazy(_title, str)
_lazy_description = lazy(_description, str)


def scheme_address(scheme_id: int) -> str:
    """The achievement id: the scheme's public page on this site (what meeting a cycle of it asks)."""
    return site_address.absolute_url(reverse("cpd:scheme", args=[scheme_id]))


def cycle_facts(cycle: Cycle, counted: Decimal) -> AchievementFacts:
    """A met cycle as the certificates' facts; words are printed in the certificate's language."""
    return AchievementFacts(
        key=cycle_key(cycle.pk),
        kind=AchievementKind.CPD_CYCLE,
        title=_lazy_title(cycle),
        description=_lazy_description(cycle, counted),
        cpd_hours=counted,
        credit_type=CpdCreditType.GENERAL,
        language=settings.LANGUAGE_CODE,
        address=scheme_address(cycle.scheme_id),
        template=cycle.scheme.certificate_template,
        starts_on=cycle.starts_on,
        last_day=cycle.last_day,
    )


def award(cycle: Cycle, progress: Progress | None = None, today: date | None = None) -> Certificate | None:
    """The cycle's CPD credential, issued now if the cycle is met and has none; None while it is not met."""
    if cycle.status == Cycle.Status.SHORT:
        return None
    if cycle.status == Cycle.Status.MET and cycle.counted_hours is not None:
        counted = cycle.counted_hours
    else:
        progress = progress or cycle_progress(cycle, today or timezone.localdate())
        if not progress.is_met:
            return None
        counted = progress.counted
    certificate, _new = issue(cycle.member, cycle_facts(cycle, counted), IssueBasis.REQUIREMENT)
    return certificate


def award_cycle(cycle_id: int) -> Certificate | None:
    """`award` for a cycle by id (the task's entry); None when the cycle is gone or not met."""
    cycle = Cycle.objects.select_related("member", "scheme__certificate_template").filter(pk=cycle_id).first()
    return award(cycle) if cycle is not None else None


def credentials_of(cycles: Iterable[Cycle]) -> dict[int, Certificate]:
    """Each cycle's current CPD credential, by cycle id, in one query."""
    by_key = {cycle_key(cycle.pk): cycle.pk for cycle in cycles}
    if not by_key:
        return {}
    found = Certificate.objects.filter(achievement_key__in=list(by_key), superseded_at__isnull=True,
                                       withdrawn_at__isnull=True)
    return {by_key[certificate.achievement_key]: certificate for certificate in found}
