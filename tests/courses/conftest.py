"""Fixtures for the learning tests: other members and clients, and listening to "course completed" and attendance.

Helpers a test calls (enrol, finish, add a quiz) live in tests/courses/journeys.py."""

from __future__ import annotations

import threading
from contextlib import contextmanager

import pytest

from courses.signals import attendance_recorded, course_completed
from tests import factories
from tests.courses.journeys import days_from_today


class SignalLog:
    """Records every signal sent while connected (thread-safe: the concurrency tests use it)."""

    def __init__(self):
        self.calls: list[dict] = []
        self._lock = threading.Lock()

    def __call__(self, sender, **kwargs):
        with self._lock:
            self.calls.append({"sender": sender, **kwargs})

    def __len__(self):
        return len(self.calls)

    def members(self) -> list[int]:
        return [call["member"].pk for call in self.calls]

    def emails(self) -> list[str]:
        return [call["member"].email for call in self.calls]


@contextmanager
def listening(signal):
    log = SignalLog()
    uid = f"tests.signal_log.{id(log)}"
    signal.connect(log, weak=False, dispatch_uid=uid)
    try:
        yield log
    finally:
        signal.disconnect(dispatch_uid=uid)


@pytest.fixture
def completed_signals():
    with listening(course_completed) as log:
        yield log


@pytest.fixture
def attendance_signals():
    with listening(attendance_recorded) as log:
        yield log


@pytest.fixture
def other_learner(db):
    return factories.MemberFactory(email="other@example.org")


@pytest.fixture
def expired_member(db):
    return factories.MemberFactory(email="lapsed@example.org", membership_expires_on=days_from_today(-30))


@pytest.fixture
def non_member_client(client, non_member):
    client.force_login(non_member)
    return client
