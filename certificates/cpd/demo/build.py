"""Builds the demo CPD from its content (`content.py`) through the real rules: the schemes and their category rules
(the second for holders of a credential, with one member given it by hand), members' joining days set so their
cycles stand where the content says, activities logged with evidence PDFs made here with WeasyPrint (in the
activity's language), staff's decisions through `review.decide`, and each member's cycle read once through
`cycles.current_cycle`; then the catalog's generated members' activities (year.py), as history."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import override

from certificates import issuance
from certificates.models import CertificateTemplate
from courses.demo.content import demo_content as catalog_content
from courses.models import Offering
from lms.formatting import date_text, number_text
from lms.models import Member
from lms.original_rows import originals

from .. import audits, credential, cycles, review
from ..models import CategoryRule, CpdScheme, ExternalActivity
from ..progress import cycle_progress
from .content import ActivitySpec, AuditSpec, HolderSpec, SchemeSpec, demo_content
from .evidence import evidence_document
from .year import build_year_cpd


@dataclass
class DemoCpd:
    scheme: str = ""
    standings: list[str] = field(default_factory=list)
    awaiting: int = 0
    audit: str = ""
    credentials: list[str] = field(default_factory=list)
    holders: str = ""
    year_activities: int = 0  # logged by the catalog's generated members (year.py)


def demo_cpd_loaded() -> bool:
    return CpdScheme.objects.filter(name=demo_content().scheme.name).exists()


def _member(key: str) -> Member:
    return Member.objects.get(email=catalog_content().account(key).email)


def evidence_pdf(spec: ActivitySpec, member: Member, day: date) -> bytes:
    """A one-page certificate of attendance or record, in the activity's language, as a member would upload."""
    with override(spec.language):
        words = {"member": member.get_full_name(), "title": spec.title, "provider": spec.provider,
                 "date": date_text(day, locale=spec.language), "hours": number_text(Decimal(spec.hours))}
    return evidence_document(spec.evidence, spec.language, words)


@transaction.atomic
def load_demo_cpd() -> DemoCpd:
    content = demo_content()
    scheme = _scheme(content.scheme, [])
    now, today = timezone.now(), timezone.localdate()
    for standing in content.standings:
        Member.objects.filter(pk=_member(standing.account).pk).update(
            date_joined=now - timedelta(days=standing.joined_days_ago))
    reviewer = _member(content.reviewer)
    summary = DemoCpd(scheme=scheme.name)
    for item in content.activities:
        member = _member(item.account)
        day = today - timedelta(days=item.days_ago)
        activity = ExternalActivity(member=member, kind=item.kind, title=item.title, provider=item.provider, date=day,
                                    hours=Decimal(item.hours), category=item.category)
        activity.evidence.save("evidence.pdf", ContentFile(evidence_pdf(item, member, day)), save=False)
        activity.full_clean()
        activity.save()
        if item.status == "submitted":
            summary.awaiting += 1
        else:
            review.decide(activity.pk, approve=item.status == "approved", reviewer=reviewer, reason=item.reason)
    for standing in content.standings:
        member = _member(standing.account)
        cycle = cycles.current_cycle(member, scheme, today)
        result = cycle_progress(cycle, today)
        earned = credential.award(cycle, result)  # a met cycle's CPD credential, as the member's page would issue it
        if earned is not None:
            summary.credentials.append(earned.code)
        summary.standings.append(
            f"{member.email}: {result.counted} of {result.required} hours by {cycle.last_day.isoformat()}"
            f"{' (met)' if result.is_met else ''}{f' ({standing.note})' if standing.note else ''}")
    if content.audit is not None:
        summary.audit = _audit(content.audit, scheme, reviewer)
    if content.holders_scheme is not None and content.credential_holder is not None:
        summary.holders = _holders(content.holders_scheme, content.credential_holder, reviewer)
    summary.year_activities = build_year_cpd(content.year_activities, scheme, reviewer, today)
    return summary


def _scheme(spec: SchemeSpec, credentials: list[CertificateTemplate]) -> CpdScheme:
    scheme = CpdScheme(
        name=spec.name, required_hours=Decimal(spec.required_hours), cycle_months=spec.cycle_months,
        yearly_minimum_hours=Decimal(spec.yearly_minimum_hours) if spec.yearly_minimum_hours else None,
        tiers=list(spec.tiers), anchor=spec.anchor,
        certificate_template=CertificateTemplate.objects.filter(name=spec.credential_template).first()
        if spec.credential_template else None,
    )
    scheme.credentials = credentials  # in memory until saved, so the scheme's own check sees them
    scheme.full_clean()
    scheme.save()
    for rule in spec.rules:
        made = CategoryRule(scheme=scheme, category=rule.category,
                            minimum_hours=Decimal(rule.minimum_hours) if rule.minimum_hours else None,
                            maximum_hours=Decimal(rule.maximum_hours) if rule.maximum_hours else None)
        made.full_clean()
        made.save()
    return scheme


def _holders(spec: SchemeSpec, holder: HolderSpec, staff: Member) -> str:
    """The scheme for holders of a credential, and one member holding it: their certificate issued by hand through
    the real rules, dated `earned_days_ago` (its expiry one validity later, fingerprint to match), then their
    first cycle read, counted from that day. Needs the demo certificates' templates (loaded before the CPD by
    `load_demo`); without them the scheme is not made, and the summary says so."""
    templates = list(CertificateTemplate.objects.filter(name__in=spec.credentials))
    member = _member(holder.account)
    offering = originals(Offering.objects.filter(slug=holder.offering)).first()
    if len(templates) != len(set(spec.credentials)) or offering is None:
        return f"{spec.name}: not made (load the demo certificates first: python manage.py load_demo certificates)"
    scheme = _scheme(spec, templates)
    certificate = issuance.issue_by_hand(member, offering, by=staff, note=holder.note).certificate
    if certificate is None:  # pragma: no cover - the demo's holder is an active member
        return f"{spec.name}: no certificate for {member.email}"
    certificate.issued_at = (timezone.now() - timedelta(days=holder.earned_days_ago)).replace(microsecond=0)
    months = certificate.template.valid_for_months if certificate.template is not None else None
    certificate.expires_at = issuance.add_months(certificate.issued_at, months) if months else None
    certificate.fingerprint = certificate.compute_fingerprint()
    certificate.save(update_fields=["issued_at", "expires_at", "fingerprint"])
    cycle = cycles.current_cycle(member, scheme, timezone.localdate())
    return (f"{scheme.name}: {member.email} holds {certificate.code}, cycle {cycle.starts_on.isoformat()} to "
            f"{cycle.last_day.isoformat()} (counted from the day they earned it)")


def _audit(spec: AuditSpec, scheme: CpdScheme, staff: Member) -> str:
    """Members whose first cycle closed, then the audit through the real rules: drawn, the first sampled asked for
    evidence (its letter left to the outbox: the captured announcement goes when the demo's transaction commits,
    as any staff action's would), the second asked and passed."""
    now, today = timezone.now(), timezone.localdate()
    first_days = []
    for key in spec.accounts:
        member = _member(key)
        Member.objects.filter(pk=member.pk).update(date_joined=now - timedelta(days=spec.joined_days_ago))
        member.refresh_from_db()
        first = cycles.current_cycle(member, scheme, cycles.anchor_of(member, scheme))
        cycles.close(first, today)
        cycles.current_cycle(member, scheme, today)
        first_days.append(first.last_day)
    audit = audits.draw(min(first_days), max(first_days), Decimal(spec.percent), spec.seed, staff)
    sampled = list(audit.cases.order_by("pk"))
    due = today + timedelta(days=spec.due_in_days)
    for case in sampled[:2]:
        audits.request_evidence(case.pk, case.version, due, staff)
    if len(sampled) > 1:
        second = sampled[1]
        second.refresh_from_db()
        audits.record_outcome(second.pk, second.version, "passed", staff, note="Records complete")
    return f"audit #{audit.pk}: {len(sampled)} of {audit.population} cycles, seed {audit.seed}"
