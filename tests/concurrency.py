"""Real races for tests: threads released at the same moment, each with its own database connection that commits
for real, so what is tested is the database's constraints and row locks, not a lock in Python."""

from __future__ import annotations

import threading
from collections.abc import Callable

from django.db import connection


def run_together(count: int, work: Callable[[int], object], join_timeout: float = 180) -> list:
    """Run work(0..count-1) in threads released at the same moment; return results, re-raise any error."""
    barrier = threading.Barrier(count)
    results: list = [None] * count
    errors: list[BaseException] = []

    def worker(index: int) -> None:
        try:
            barrier.wait(timeout=30)
            results[index] = work(index)
        except BaseException as exc:  # noqa: BLE001 - reported to the test below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=join_timeout)
    assert not any(thread.is_alive() for thread in threads), "a worker thread hung"
    assert not errors, errors
    return results
