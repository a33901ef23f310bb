"""The CPD beat job: close every cycle that has ended (met or short, the hours frozen) and start the next. Safe to
run twice or at once on two workers: closing is a conditional update, making cycles locks the member."""

from __future__ import annotations

from celery import shared_task

from . import cycles


@shared_task(name="certificates.cpd.tasks.close_ended_cycles")
def close_ended_cycles() -> int:
    return cycles.close_ended_cycles()
