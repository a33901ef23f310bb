"""CPD audits: staff draw a random sample of cycles that closed in a period, ask each sampled member for evidence,
the member answers (uploads evidence, or confirms the platform's records are theirs), and staff record the outcome.

The draw is reproducible: the population is every closed cycle whose last day falls in the period, in a fixed order
(by id), and the sample is Python's `random.Random(seed).sample` of it, so the same seed and population always
give the same cycles. The seed is recorded with the audit (staff may give one, else one is chosen).

Every change to a case is one conditional UPDATE on its `version` (and allowed statuses), so when two staff act on
the same case at once one change is made and the other is told what happened instead. Every step writes a row to
the audit trail (`TrailEntry`, append-only in the database).
"""

from __future__ import annotations

import math
import random
import secrets
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from lms import outbox
from lms.formatting import datetime_text
from lms.models import Member
from lms.refusal import Refused

from .models import (
    MAX_AUDIT_PERCENT,
    MAX_AUDIT_SAMPLE,
    MIN_AUDIT_PERCENT,
    Audit,
    AuditCase,
    AuditEvidence,
    Cycle,
    TrailEntry,
)

REQUEST = "cpd.audit_request"
MAX_SEED = 2**62
LONGEST_DUE = timedelta(days=366)
LONGEST_PERIOD_YEARS = 20
REQUEST_SWEEP_AFTER = timedelta(minutes=10)
OPEN_STATUSES = (AuditCase.Status.REQUESTED, AuditCase.Status.EXTENDED, AuditCase.Status.ANSWERED)
OUTCOMES = {
    "passed": (AuditCase.Status.PASSED, TrailEntry.Action.PASSED),
    "failed": (AuditCase.Status.FAILED, TrailEntry.Action.FAILED),
    "extended": (AuditCase.Status.EXTENDED, TrailEntry.Action.EXTENDED),
}


def _name(person: Member | None) -> str:
    return (person.get_full_name() or person.email) if person is not None else ""


def record(action: str, *, audit: Audit | None = None, case: AuditCase | None = None, actor: Member | None = None,
           detail: str = "", due_on: date | None = None) -> TrailEntry:
    """Append one step to the trail (the only way rows are written; the database refuses changes)."""
    return TrailEntry.objects.create(audit=audit or (case.audit if case else None), case=case, actor=actor,
                                     actor_name=_name(actor), action=action, detail=detail[:500], due_on=due_on)


# ------------------------------------------------------------------------------------------------- the draw


def population(starts_on: date, ends_on: date) -> list[int]:
    """Ids of the closed cycles whose last day is in [starts_on, ends_on], in a fixed order."""
    closed = Cycle.objects.filter(~Q(status=Cycle.Status.OPEN), ends_on__gt=starts_on,
                                  ends_on__lte=ends_on + timedelta(days=1))
    return list(closed.order_by("pk").values_list("pk", flat=True))


def sample_size(population_size: int, percent: Decimal) -> int:
    """percent of the population, rounded up so a small population still gives at least one."""
    return min(population_size, math.ceil(population_size * percent / 100))


def sample(ids: Sequence[int], percent: Decimal, seed: int) -> list[int]:
    """The sampled ids: the same ids, percent and seed give the same sample."""
    return sorted(random.Random(seed).sample(list(ids), sample_size(len(ids), percent)))  # noqa: S311 - not secret


def parse_percent(text: str) -> Decimal:
    try:
        percent = Decimal(text.strip().replace(",", "."))
    except (InvalidOperation, AttributeError):
        raise Refused(_("Give the percentage as a number, e.g. 5."), 400) from None
    if not percent.is_finite() or not MIN_AUDIT_PERCENT <= percent <= MAX_AUDIT_PERCENT:
        raise Refused(_("The percentage must be from 0.1 to 100."), 400)
    return percent.quantize(Decimal("0.01"))


def parse_seed(text: str) -> int:
    """The seed staff gave, or a new one when they left it empty."""
    if not text.strip():
        return secrets.randbelow(MAX_SEED)
    if not text.strip().isdigit() or int(text.strip()) >= MAX_SEED:
        raise Refused(_("The seed must be a whole number from 0 to %(most)s.") % {"most": MAX_SEED - 1}, 400)
    return int(text.strip())


def draw(starts_on: date, ends_on: date, percent: Decimal, seed: int, staff: Member) -> Audit:
    """Draw and record an audit's sample; `Refused` with the reason when it cannot be drawn."""
    if ends_on < starts_on:
        raise Refused(_("The period must end on or after the day it starts."), 400)
    if ends_on > timezone.localdate():
        raise Refused(_("The period cannot end in the future: only closed cycles are audited."), 400)
    if (ends_on - starts_on).days > LONGEST_PERIOD_YEARS * 366:
        raise Refused(_("Choose a period of at most %(years)d years.") % {"years": LONGEST_PERIOD_YEARS}, 400)
    ids = population(starts_on, ends_on)
    if not ids:
        raise Refused(_("No cycle closed in that period, so there is nothing to sample."), 400)
    size = sample_size(len(ids), percent)
    if size > MAX_AUDIT_SAMPLE:
        raise Refused(_("That would sample %(size)d cycles; an audit can sample at most %(most)d. Choose a smaller "
                        "percentage or a shorter period.") % {"size": size, "most": MAX_AUDIT_SAMPLE}, 400)
    with transaction.atomic():
        audit = Audit.objects.create(period_starts_on=starts_on, period_ends_on=ends_on, percent=percent, seed=seed,
                                     population=len(ids), drawn_by=staff)
        AuditCase.objects.bulk_create([AuditCase(audit=audit, cycle_id=pk) for pk in sample(ids, percent, seed)])
        record(TrailEntry.Action.DRAWN, audit=audit, actor=staff)  # the audit row holds the period, percent and seed
    return audit


# ---------------------------------------------------------------------------------- the steps of a case


def _changed_under(case_id: int, version: int) -> Refused:
    """The refusal when a case's version moved on: who did what, so staff can check before acting again."""
    case = AuditCase.objects.filter(pk=case_id).first()
    if case is None:
        raise Refused(_("There is no such audit case."), 404)
    last = TrailEntry.objects.filter(case=case).order_by("-at", "-pk").first()
    if case.version == version:
        return Refused(_("That cannot be done to a case that is “%(status)s”.") % {
            "status": case.get_status_display()}, 409)
    return Refused(_("Someone changed this case while you were looking: %(name)s recorded “%(action)s” at "
                     "%(time)s. Nothing was changed; check the case again before acting.") % {
        "name": (last.actor_name or _("the member")) if last else _("staff"),
        "action": last.get_action_display() if last else case.get_status_display(),
        "time": datetime_text(last.at) if last else "",
    }, 409)


def _due(text_or_day: date | None) -> date:
    today = timezone.localdate()
    if text_or_day is None:
        raise Refused(_("Give the date the evidence is due."), 400)
    if not today < text_or_day <= today + LONGEST_DUE:
        raise Refused(_("The due date must be after today and within a year."), 400)
    return text_or_day


def request_evidence(case_id: int, version: int, due_on: date | None, staff: Member) -> AuditCase:
    """Ask the sampled member for evidence by `due_on`: the letter goes through the outbox once."""
    due = _due(due_on)
    with transaction.atomic():
        changed = AuditCase.objects.filter(pk=case_id, version=version, status=AuditCase.Status.SELECTED).update(
            status=AuditCase.Status.REQUESTED, due_on=due, requested_at=timezone.now(), version=F("version") + 1)
        if not changed:
            raise _changed_under(case_id, version)
        case = AuditCase.objects.select_related("audit").get(pk=case_id)
        record(TrailEntry.Action.REQUESTED, case=case, actor=staff, due_on=due)
        outbox.announce(REQUEST, case.pk)
    return case


def record_request_sent(case: AuditCase) -> None:
    """The outbox's `on_sent`: the letter's going is a step of the audit too."""
    record(TrailEntry.Action.REQUEST_SENT, case=case)


def request_sweep_window(now: datetime) -> Q:
    return Q(requested_at__lt=now - REQUEST_SWEEP_AFTER)


def record_outcome(case_id: int, version: int, outcome: str, staff: Member, new_due_on: date | None = None,
                   note: str = "") -> AuditCase:
    """Passed, failed, or extended to a new due date; `Refused` when the case moved on or cannot take it."""
    if outcome not in OUTCOMES:
        raise Refused(_("Choose passed, failed or extended."), 400)
    status, action = OUTCOMES[outcome]
    change: dict = {"status": status, "version": F("version") + 1, "decided_by": staff, "decided_at": timezone.now()}
    if status == AuditCase.Status.EXTENDED:
        change["due_on"] = _due(new_due_on)
    with transaction.atomic():
        changed = AuditCase.objects.filter(pk=case_id, version=version, status__in=OPEN_STATUSES).update(**change)
        if not changed:
            raise _changed_under(case_id, version)
        case = AuditCase.objects.select_related("audit").get(pk=case_id)
        record(action, case=case, actor=staff, detail=note.strip()[:400], due_on=change.get("due_on"))
    return case


def open_case_of(member: Member, case_id: int) -> AuditCase:
    """The member's own case that is waiting for their answer; anyone else's does not exist for them."""
    case = AuditCase.objects.select_related("audit", "cycle").filter(
        pk=case_id, cycle__member=member, status__in=OPEN_STATUSES).first()
    if case is None:
        raise Refused(_("There is no audit of yours waiting for evidence here."), 404)
    return case


def answer(case: AuditCase, member: Member, upload: UploadedFile[bytes] | None) -> AuditCase:
    """The member's answer: a file of evidence (checked by the caller), or, with none, confirming the platform's
    records of the cycle are complete and theirs."""
    kind = AuditCase.Answer.UPLOADED if upload is not None else AuditCase.Answer.CONFIRMED
    with transaction.atomic():
        changed = AuditCase.objects.filter(pk=case.pk, status__in=OPEN_STATUSES).update(
            status=AuditCase.Status.ANSWERED, answer=kind, version=F("version") + 1)
        if not changed:
            raise Refused(_("This audit case was decided meanwhile; nothing more is needed from you."), 409)
        detail = ""
        if upload is not None:
            evidence = AuditEvidence.objects.create(case=case, file=upload)
            detail = f"cpd.auditevidence:{evidence.pk}"
        record(TrailEntry.Action.UPLOADED if upload is not None else TrailEntry.Action.CONFIRMED, case=case,
               actor=member, detail=detail)
    case.refresh_from_db()
    return case
