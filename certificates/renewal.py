"""Renewing a certificate that expires: which certificates a refresher or a met CPD cycle renews, until when a
lapsed one may still be renewed, and the new expiry.

A renewal is a new version of the certificate (`issuance.next_version`, the re-issue's way of making versions):
the old one stays verifiable as replaced, the new one carries the new expiry, and both have a "renewed" line in
their history. Routes are set per template by staff (`CertificateTemplate.refresher`, `.renewed_by_cpd_cycle`).

Idempotent by the facts alone: a certificate is renewed by something the member did only if its current version
was issued before they did it, so a task run twice, or a swept one, renews once.

The grace period: a certificate that has expired may still be renewed for 90 days. Refreshers are scheduled
events and members miss the last reminder; within a quarter the lapse is short enough to keep the record as one
continuing credential (the same window as the first reminder, before the expiry). Past that the record shows the
certificate ended, and the member earns it again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.models import Enrolment, Offering, Registration
from lms.models import Member

from .issuance import add_months, next_version
from .models import Certificate, CertificateEvent, CertificateTemplate

GRACE = timedelta(days=90)
# Renewing this close to the expiry (when the first reminder comes) keeps the old expiry as the start of the new
# validity, so answering a reminder loses no time; renewing earlier, or after expiry, starts it at the renewal.
EARLY_WINDOW = timedelta(days=90)
# "Expiring soon" on members' and staff's lists: the same 90 days.
EXPIRING_SOON = timedelta(days=90)


@dataclass(frozen=True)
class RenewalRoute:
    """How a certificate from a template is renewed, for pages and reminders to name."""

    refresher: Offering | None
    by_cpd_cycle: bool

    @property
    def exists(self) -> bool:
        return self.refresher is not None or self.by_cpd_cycle


def route_of(template: CertificateTemplate | None) -> RenewalRoute:
    """The template's routes; none for a template without a validity (its certificates do not expire)."""
    if template is None or not template.valid_for_months:
        return RenewalRoute(None, False)
    refresher = template.refresher
    return RenewalRoute(refresher if refresher is not None and refresher.live else None,
                        template.renewed_by_cpd_cycle)


def spent_refreshers(member_id: int | None, refreshers: list[Offering]) -> set[int]:
    """The refreshers (by id) that can no longer renew this member: courses they have already completed. A course
    completes once (one enrolment per member and course), so it renewed them at most once and never will again;
    an event renews on every attendance and is never spent. Pages and reminders offer a spent refresher to nobody
    (they name the other route, or staff), rather than inventing a course retake. One query."""
    if not refreshers or member_id is None:
        return set()
    return set(Enrolment.objects.filter(member_id=member_id, offering_id__in=[r.pk for r in refreshers],
                                        completed_at__isnull=False).values_list("offering_id", flat=True))


# ---------------------------------------------------------------------------------------------- standing


STANDING = Q(superseded_at__isnull=True, withdrawn_at__isnull=True, revoked_at__isnull=True, member__isnull=False)


def is_standing(certificate: Certificate) -> bool:
    """Current, not revoked or withdrawn, with a holder: the only kind that expires into a renewal."""
    return (certificate.superseded_at is None and certificate.withdrawn_at is None
            and certificate.revoked_at is None and certificate.member_id is not None)


def expiring_soon(certificate: Certificate, now: datetime) -> bool:
    return (is_standing(certificate) and certificate.expires_at is not None
            and now < certificate.expires_at <= now + EXPIRING_SOON)


def in_grace(certificate: Certificate, now: datetime) -> bool:
    """Expired, and still renewable."""
    return (is_standing(certificate) and certificate.expires_at is not None
            and certificate.expires_at <= now <= certificate.expires_at + GRACE)


def renewable_until(certificate: Certificate) -> datetime | None:
    return certificate.expires_at + GRACE if certificate.expires_at is not None else None


def expiring_soon_condition(now: datetime) -> Q:
    """`expiring_soon` as a query, for listings."""
    return STANDING & Q(expires_at__gt=now, expires_at__lte=now + EXPIRING_SOON)


def in_grace_condition(now: datetime) -> Q:
    """`in_grace` as a query."""
    return STANDING & Q(expires_at__lte=now, expires_at__gte=now - GRACE)


def renewable_at(certificate: Certificate, moment: datetime) -> bool:
    """Whether a renewal at `moment` may renew this version: standing, expiring, issued before the renewal, and
    not expired longer than the grace period."""
    return (is_standing(certificate) and certificate.expires_at is not None and certificate.issued_at < moment
            and moment <= certificate.expires_at + GRACE)


def renewed_expiry(expires_at: datetime, months: int, moment: datetime) -> datetime:
    """The new expiry: `months` from the old expiry when renewed in the last 90 days before it, else from the
    renewal itself."""
    start = expires_at if expires_at - EARLY_WINDOW <= moment < expires_at else moment
    return add_months(start, months).replace(microsecond=0)


# ---------------------------------------------------------------------------------------------- renewing


def renew(certificate_id: int, moment: datetime, why: str) -> Certificate | None:
    """Renew one certificate version for something done at `moment`; the new version, or None when it may not
    be renewed (already renewed since, revoked, lapsed past the grace period, its template has no validity)."""
    with transaction.atomic():
        old = (Certificate.objects.select_for_update(of=("self",)).select_related("template")
               .filter(pk=certificate_id).first())
        if old is None or old.expires_at is None or not renewable_at(old, moment):
            return None
        months = old.template.valid_for_months if old.template is not None else None
        if not months:
            return None
        member = Member.objects.get(pk=old.member_id)
        now = timezone.now().replace(microsecond=0)
        new = next_version(old, member, now, expires_at=renewed_expiry(old.expires_at, months, moment))
        CertificateEvent.objects.create(certificate=old, kind=CertificateEvent.Kind.RENEWED, at=now,
                                        note=_("Renewed by %(code)s: %(why)s") % {"code": new.code, "why": why})
        CertificateEvent.objects.create(certificate=new, kind=CertificateEvent.Kind.ISSUED, at=now,
                                        note=_("Renewal of %(code)s: %(why)s") % {"code": old.code, "why": why})
    return new


def _renew_each(member_id: int, templates: Q, moment: datetime, why: str) -> list[Certificate]:
    # Versions are issued to the second: a certificate issued in the same second as the renewal's cause (the
    # refresher's own, or the renewed version itself) counts as issued after it.
    moment = moment.replace(microsecond=0)
    candidates = (Certificate.objects.filter(STANDING, member_id=member_id, expires_at__isnull=False,
                                             issued_at__lt=moment, expires_at__gte=moment - GRACE)
                  .filter(templates).order_by("pk").values_list("pk", flat=True))
    renewed = [renew(pk, moment, why) for pk in candidates]
    return [certificate for certificate in renewed if certificate is not None]


def renew_for_refresher(member_id: int, offering: Offering, moment: datetime) -> list[Certificate]:
    """The member completed or attended `offering` at `moment`: renew their certificates whose template names
    it as the refresher."""
    why = _("refresher %(title)s") % {"title": offering.title}
    return _renew_each(member_id, Q(template__refresher=offering.pk), moment, why)


def renew_for_completion(enrolment_id: int) -> list[Certificate]:
    enrolment = Enrolment.objects.select_related("offering").filter(pk=enrolment_id).first()
    if enrolment is None or enrolment.completed_at is None or enrolment.offering is None:
        return []
    return renew_for_refresher(enrolment.member_id, enrolment.offering, enrolment.completed_at)


def renew_for_attendance(registration_id: int) -> list[Certificate]:
    registration = Registration.objects.select_related("session").filter(pk=registration_id).first()
    if registration is None or not registration.attended or registration.attendance_recorded_at is None:
        return []
    event = Offering.objects.filter(pk=registration.session.event_id).first()
    if event is None:
        return []
    return renew_for_refresher(registration.member_id, event, registration.attendance_recorded_at)


def renew_for_met_cycle(member_id: int, ended_on: date) -> list[Certificate]:
    """A CPD cycle of the member's closed as met (certificates/cpd calls this where it closes one): renew their
    certificates whose template is renewed by a met cycle, as of the cycle's end (the start of its last day
    excluded, `ends_on`, in the site's zone), so a cycle closed late by the beat job still renews on time."""
    moment = timezone.make_aware(datetime.combine(ended_on, time.min))
    return _renew_each(member_id, Q(template__renewed_by_cpd_cycle=True), moment, _("a met CPD cycle"))
