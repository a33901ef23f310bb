"""The CPD beat jobs, thin: each calls its rule module. Safe to run twice or at once on two workers: closing is a
conditional update and making cycles locks the member (cycles.py); letters are unique rows per cycle and kind
(reminders.py); an evidence file's deletion is recorded by a conditional update on its name (retention.py)."""

from __future__ import annotations

from celery import shared_task

from . import cycles, reminders, retention


@shared_task(name="certificates.cpd.tasks.close_ended_cycles")
def close_ended_cycles() -> int:
    return cycles.close_ended_cycles()


@shared_task(name="certificates.cpd.tasks.owe_cycle_letters")
def owe_cycle_letters() -> int:
    return reminders.owe_cycle_letters()


@shared_task(name="certificates.cpd.tasks.delete_expired_evidence")
def delete_expired_evidence() -> int:
    return retention.delete_expired_evidence()


@shared_task(name="certificates.cpd.tasks.issue_cpd_credential")
def issue_cpd_credential(cycle_id: int) -> str:
    """The CPD credential of a cycle closed as met (issued once: a second run finds it)."""
    from .credential import award_cycle

    certificate = award_cycle(cycle_id)
    return certificate.code if certificate is not None else ""
