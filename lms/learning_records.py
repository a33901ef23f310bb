"""Learning records: xAPI statements about members' learning, sent to the association's Learning Record Store.

Feature packages say what happened (courses: registered, attended, completed, passed, failed; certificates:
earned) by calling `record` with a statement they build from the helpers here; lms knows no feature package.

Owing is a row (lms.models.LearningRecord), inserted in the caller's transaction, so a statement exists only
if what it reports committed, and the send task is enqueued on commit. One row per verb and source row, so the
same event recorded twice is one statement; the row's id is the statement's id, minted once, so a statement sent
again after a lost answer is stored once by the LRS (xAPI: a repeated id with the same content is no error, and
Ralph answers such a PUT with 204 and keeps the first; the statement carries its own timestamp, since one the LRS
filled in would make the resend "a different statement" to Ralph, a 409). A random id, not one derived from our
row ids: a database restored or rebuilt reuses those, and the LRS would refuse a known id with other content.

Sending claims a bounded batch with SELECT ... FOR UPDATE SKIP LOCKED and a lease in `claimed_until`, as the
e-mail outbox leases its rows (lms/outbox.py), so two workers never send the same row at once and a worker killed
mid-send leaves a lease that runs out. An LRS that cannot be reached or answers 5xx/429 is retried with an
exponential wait (`owed_at`) up to MAX_ATTEMPTS; one that refuses a statement (any other 4xx) is given up at once
with its answer kept for staff, who may send it again from the admin (lms/learning_records_admin.py).

Nothing is recorded while LRS_ENDPOINT is unset (`make run`, a site without an LRS): statements are about the
moment they report, and a pile owed to no one would only grow. A member who is no longer active has their owed
statements dropped unsent; deleting a member deletes theirs.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import requests
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from lms import site_address
from lms.models import LearningRecord, LearningRecordActor, Member
from lms.outbox import LEASE

XAPI_VERSION = "1.0.3"
BATCH = 20  # statements one task run sends; with TIMEOUT, well inside LEASE
TIMEOUT = (3.05, 10)  # seconds to connect, to read an answer
MAX_ATTEMPTS = 10
FIRST_WAIT = timedelta(seconds=30)
LONGEST_WAIT = timedelta(hours=6)
ERROR_LENGTH = 2000
PLATFORM = "VSMC Learning"

# ADL's verbs (http://adlnet.gov/expapi/verbs/) and, for credit, "earned" from the xAPI vocabulary registry
# (http://id.tincanapi.com/verb/earned: "the actor was awarded something, such as a badge or credit").
VERBS = {
    "registered": "http://adlnet.gov/expapi/verbs/registered",
    "attended": "http://adlnet.gov/expapi/verbs/attended",
    "completed": "http://adlnet.gov/expapi/verbs/completed",
    "passed": "http://adlnet.gov/expapi/verbs/passed",
    "failed": "http://adlnet.gov/expapi/verbs/failed",
    "earned": "http://id.tincanapi.com/verb/earned",
}
# Activity types from ADL's vocabulary.
COURSE = "http://adlnet.gov/expapi/activities/course"
MEETING = "http://adlnet.gov/expapi/activities/meeting"
ASSESSMENT = "http://adlnet.gov/expapi/activities/assessment"
MODULE = "http://adlnet.gov/expapi/activities/module"
CERTIFICATE = "http://id.tincanapi.com/activitytype/certificate"

_NAMESPACE = uuid.UUID("8a1f0c53-5e0b-4b36-9d53-2b4f2f9b7c11")


def configured() -> bool:
    return bool(settings.LRS_ENDPOINT)


# ------------------------------------------------------------------------------------------------ building


def registration_id(source: str) -> str:
    """xAPI's context.registration (a UUID) for one of our enrolments or registrations ("enrolment:12")."""
    return str(uuid.uuid5(_NAMESPACE, f"{site_address.base_url()}|registration|{source}"))


def actor(member: Member) -> dict[str, Any]:
    """An account at this site named by an opaque id: the LRS never learns the member's name or e-mail."""
    name, _created = LearningRecordActor.objects.get_or_create(member=member)
    return {"objectType": "Agent", "account": {"homePage": site_address.base_url(), "name": str(name.name)}}


def activity(iri: str, name: str, language: str, kind: str = "") -> dict[str, Any]:
    """An activity at its public address on this site, named in the language it is written in; its type when one
    of the vocabulary's says what it is."""
    definition: dict[str, Any] = {"name": {language or settings.LANGUAGE_CODE: name}}
    if kind:
        definition["type"] = kind
    return {"objectType": "Activity", "id": iri, "definition": definition}


def context(language: str, registration: str | None = None,
            grouping: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    found: dict[str, Any] = {"platform": PLATFORM, "language": language or settings.LANGUAGE_CODE}
    if registration:
        found["registration"] = registration
    if grouping:
        found["contextActivities"] = {"grouping": grouping}
    return found


def duration(seconds: int) -> str:
    """ISO 8601 duration, as xAPI's result.duration takes it."""
    hours, rest = divmod(max(0, int(seconds)), 3600)
    return f"PT{hours}H{rest // 60}M{rest % 60}S"


@dataclass(frozen=True)
class Happened:
    """What a feature package reports: who did what to which activity, when, with what result and context."""

    member: Member
    verb: str  # a key of VERBS
    source: str  # the row it reports, e.g. "enrolment:12": one statement per verb and source
    object: dict[str, Any]
    at: datetime
    result: dict[str, Any] | None = None
    context: dict[str, Any] | None = None


def record(happened: Happened) -> LearningRecord | None:
    """Owe the LRS a statement about what happened, in the caller's transaction; sent once that commits.

    None when no LRS is configured or the member is not active. Recording the same event again changes nothing."""
    if not configured() or not happened.member.is_active:
        return None
    verb = happened.verb
    statement_uuid = uuid.uuid4()
    statement: dict[str, Any] = {
        "id": str(statement_uuid),
        "actor": actor(happened.member),
        "verb": {"id": VERBS[verb], "display": {"en-US": verb}},
        "object": happened.object,
        "timestamp": happened.at.isoformat(),
    }
    if happened.result:
        statement["result"] = happened.result
    if happened.context:
        statement["context"] = happened.context
    row, created = LearningRecord.objects.get_or_create(
        verb=verb, source=happened.source,
        defaults={"id": statement_uuid, "member": happened.member, "statement": statement})
    if created:
        transaction.on_commit(_enqueue, robust=True)
    return row


# -------------------------------------------------------------------------------------------------- sending


def owed(now: datetime | None = None):
    """Statements due now that nobody gave up on and nobody holds a live lease on."""
    now = now or timezone.now()
    return LearningRecord.objects.filter(sent_at__isnull=True, failed_at__isnull=True, owed_at__lte=now).exclude(
        claimed_until__gt=now)


def claim(now: datetime, size: int = BATCH) -> list[LearningRecord]:
    """Take a lease on up to `size` due statements, oldest first; rows another sender holds are skipped, never
    waited for, so concurrent runs share the work instead of sending it twice."""
    with transaction.atomic():
        pks = list(owed(now).order_by("owed_at", "pk").select_for_update(skip_locked=True)
                   .values_list("pk", flat=True)[:size])
        LearningRecord.objects.filter(pk__in=pks).update(claimed_until=now + LEASE)
    return list(LearningRecord.objects.filter(pk__in=pks).select_related("member").order_by("owed_at", "pk"))


class Unreachable(Exception):
    """The LRS could not take the statement now (no answer, a timeout, 5xx, 429): worth trying again later."""


class Refused(Exception):
    """The LRS refused the statement itself (a 4xx other than 429): sending it again would be refused again."""


def _put(session: requests.Session, row: LearningRecord) -> None:
    """PUT the statement under its own id: the idempotent way xAPI offers to store one statement."""
    endpoint = settings.LRS_ENDPOINT.rstrip("/") + "/statements"
    try:
        answer = session.put(endpoint, params={"statementId": str(row.pk)}, json=row.statement, timeout=TIMEOUT)
    except requests.RequestException as error:
        raise Unreachable(f"{type(error).__name__}: {error}") from error
    if answer.status_code in (200, 204):
        return
    said = f"HTTP {answer.status_code}: {answer.text.strip()}"
    if answer.status_code == 429 or answer.status_code >= 500 or answer.status_code in (401, 403):
        # 401/403: the account is wrong or lacks a scope, which staff fix in the settings; the statement is fine.
        raise Unreachable(said)
    raise Refused(said)


def wait_after(attempts: int) -> timedelta:
    """30 s, 1 min, 2 min, ... doubling, at most 6 hours."""
    return min(FIRST_WAIT * 2 ** max(0, attempts - 1), LONGEST_WAIT)


@dataclass
class Outcome:
    sent: int = 0
    refused: int = 0
    postponed: int = 0
    dropped: int = 0
    next_due: datetime | None = None  # the earliest retry this run set, for the task to come back then
    full: bool = False  # the batch was full: more may be waiting


def send_due(now: datetime | None = None) -> Outcome:
    """Send one batch of due statements; see the module's docstring for what happens on each kind of failure."""
    outcome = Outcome()
    if not configured():
        return outcome
    now = now or timezone.now()
    rows = claim(now)
    outcome.full = len(rows) == BATCH
    with requests.Session() as session:
        session.auth = (settings.LRS_USERNAME, settings.LRS_PASSWORD)
        session.headers["X-Experience-API-Version"] = XAPI_VERSION
        for index, row in enumerate(rows):
            if not row.member.is_active:
                row.delete()
                outcome.dropped += 1
                continue
            try:
                _put(session, row)
            except Unreachable as error:
                # The LRS is away: every statement left in the batch waits, each counting an attempt.
                for waiting in rows[index:]:
                    _postpone(waiting, str(error), now, outcome)
                break
            except Refused as error:
                _give_up(row, str(error), now)
                outcome.refused += 1
                continue
            LearningRecord.objects.filter(pk=row.pk).update(sent_at=timezone.now(), claimed_until=None,
                                                           attempts=row.attempts + 1, last_error="")
            outcome.sent += 1
    return outcome


def _postpone(row: LearningRecord, error: str, now: datetime, outcome: Outcome) -> None:
    attempts = row.attempts + 1
    if attempts >= MAX_ATTEMPTS:
        _give_up(row, error, now, attempts)
        outcome.refused += 1
        return
    due = now + wait_after(attempts)
    LearningRecord.objects.filter(pk=row.pk).update(attempts=attempts, last_error=error[:ERROR_LENGTH], owed_at=due,
                                                    claimed_until=None)
    outcome.postponed += 1
    outcome.next_due = min(due, outcome.next_due) if outcome.next_due else due


def _give_up(row: LearningRecord, error: str, now: datetime, attempts: int | None = None) -> None:
    LearningRecord.objects.filter(pk=row.pk).update(
        attempts=attempts if attempts is not None else row.attempts + 1, last_error=error[:ERROR_LENGTH],
        failed_at=now, claimed_until=None)


def send_again(pks: list[uuid.UUID]) -> int:
    """Staff's retry: statements given up on (or waiting) are owed again now, with a fresh count of attempts."""
    count = LearningRecord.objects.filter(pk__in=pks, sent_at__isnull=True).update(
        failed_at=None, owed_at=timezone.now(), attempts=0, claimed_until=None)
    if count:
        transaction.on_commit(_enqueue, robust=True)
    return count


def _enqueue() -> None:
    # Imported here because the task module imports this one.
    from lms.tasks import send_learning_records

    send_learning_records.delay()
