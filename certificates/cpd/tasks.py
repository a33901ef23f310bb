"""The CPD beat job: close every cycle that has ended (met or short, the hours frozen) and start the next. Safe to
run twice or at once on two workers: closing is a conditional update, making cycles locks the member."""

from __future__ import annotations

from celery import shared_task

from . import cycles


@shared_task(name="certificates.cpd.tasks.close_ended_cycles")
def close_ended_cycles() -> int:
    return cycles.close_ended_cycles()


@shared_task(name="certificates.cpd.tasks.issue_cpd_credential")
def issue_cpd_credential(cycle_id: int) -> str:
    """The CPD credential of a cycle closed as met (issued once: a second run finds it)."""
    from .credential import award_cycle

    certificate = award_cycle(cycle_id)
    return certificate.code if certificate is not None else ""
