"""The registration burst's data and its verdict, run by bench/run.py as separate processes with the project's
production settings in their environment:

    python bench/registration_burst.py seed OUTPUT.json [--members N] [--seats N] [--solo N]
    python bench/registration_burst.py check FACTS.json
    python bench/registration_burst.py notices FACTS.json
    python bench/registration_burst.py profile [--members N] [--seats N] [--cprofile N] [--sql]

`seed` builds a published webinar with two sessions and N + solo members, each already signed in: a Django session
row per member, created directly (logging a thousand people in through the login form would measure PBKDF2, not
registration). The burst's session (N seats, waitlist on, 30 days ahead) takes the burst; the solo session, a day
later with half the solo members' number of seats, takes the solo members one at a time, for a single
registration's own time. It writes the event's address, both sessions' ids and every member's session key to
OUTPUT.json.

`notices` prints, as JSON, how many registration notices (the confirmation and waitlist e-mails) the event's
registrations owe and how many the outbox has settled: the bench polls it until the worker has sent them all.

`profile` seeds a fresh webinar (its own title) and N members, then registers them one after another in this process
through Django's test client (the whole middleware stack, CSRF enforced), printing each registration's mean time,
CPU time and queries (with --cprofile N, the N costliest functions by CPU time; with --sql, the last registration's
statements and the line of ours that issued each): where a registration's time goes, without HTTP or gunicorn.

`check` reads the database after the burst and prints PASS or FAIL for each thing the registration rule promises
under load, and for the e-mails; it exits 1 if any check fails.
"""

from __future__ import annotations

import argparse
import json
import secrets
import sys
import time
from datetime import timedelta
from importlib import import_module
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MEMBER_EMAIL = "burst.{n:04d}@bench.example.org"
EVENT_TITLE = "Registration Burst Webinar"
DAYS_AHEAD = 30


def seed(members: int, seats: int, solo: int, title: str = EVENT_TITLE, email: str = MEMBER_EMAIL) -> dict:
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.hashers import make_password
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session as DjangoSession
    from django.core.cache import caches
    from django.utils import timezone

    from lms.models import Member, MembershipTier
    from tests import factories

    today = timezone.localdate()
    event = factories.build_event(
        title=title,
        sessions=[factories.session_spec(DAYS_AHEAD, capacity=seats, joining_url="https://meet.example.org/j/burst"),
                  factories.session_spec(DAYS_AHEAD + 1, capacity=solo // 2,
                                         joining_url="https://meet.example.org/j/solo")],
        has_waitlist=True,
    )
    session, solo_session = factories.sessions_of(event)

    unusable = make_password(None)  # nobody signs in with a password; they arrive signed in
    Member.objects.bulk_create(
        Member(
            email=email.format(n=n),
            first_name="Burst",
            last_name=f"Member {n:04d}",
            membership_tier=MembershipTier.PROFESSIONAL,
            membership_expires_on=today + timedelta(days=365),
            time_zone="Europe/London",
            password=unusable,
        )
        for n in range(members + solo)
    )
    prefix, suffix = email.split("{", 1)[0], email.rsplit("}", 1)[1]
    ordered = list(Member.objects.filter(email__startswith=prefix, email__endswith=suffix).order_by("email"))
    # The same session a login would make: user id, backend, and the password hash's HMAC (checked per request).
    store = SessionStore()
    expires = timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE)
    sessions = {
        secrets.token_hex(16): {
            SESSION_KEY: str(member.pk),
            BACKEND_SESSION_KEY: settings.AUTHENTICATION_BACKENDS[0],
            HASH_SESSION_KEY: member.get_session_auth_hash(),
        }
        for member in ordered
    }
    keys = list(sessions)
    DjangoSession.objects.bulk_create(
        DjangoSession(session_key=key, session_data=store.encode(data), expire_date=expires)
        for key, data in sessions.items())
    # A sign-in under the cached-database engine writes the session to the cache too, so a member's requests
    # read it from Redis, not PostgreSQL: so do the burst's.
    cached_as = getattr(import_module(settings.SESSION_ENGINE).SessionStore, "cache_key_prefix", None)
    if cached_as is not None:
        caches[settings.SESSION_CACHE_ALIAS].set_many(
            {cached_as + key: data for key, data in sessions.items()}, settings.SESSION_COOKIE_AGE)
    return {
        "event_url": event.url,
        "event_title": event.title,
        "register_path": f"{event.url}register/",
        "session_id": session.pk,
        "seats": seats,
        "session_keys": keys[:members],
        "solo_session_id": solo_session.pk,
        "solo_seats": solo // 2,
        "solo_keys": keys[members:],
    }


def profile(members: int, seats: int, top: int, sql: bool = False) -> None:
    """Register `members` fresh members one at a time in-process; print time, CPU and queries per registration
    (with `sql`, the last registration's statements and the project line that issued each)."""
    import cProfile
    import pstats
    import traceback

    from django.db import connection, transaction
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    run = secrets.token_hex(3)  # a webinar and members of its own, so it can run again on the same database
    facts = seed(members, seats, 2, f"Registration Profile {run}", f"profile.{run}.{{n:04d}}@bench.example.org")
    client = Client(enforce_csrf_checks=True)
    profiler = cProfile.Profile(time.process_time) if top else None
    wall = cpu = 0.0
    queries = []
    held: list[tuple[float, int]] = []  # per registration: the session lock's time held, statements under it
    lock: dict = {}
    issued: list[tuple[str, str]] = []  # the last registration's statements and who issued them

    # The project's own execute wrappers: every statement passes through them, so they never name who issued it.
    watchers = frozenset(getattr(wrapper, "__name__", "") for wrapper in connection.execute_wrappers)

    def issuer() -> str:
        ours = [f for f in traceback.extract_stack()[:-2]
                if f.filename.startswith(str(ROOT)) and "/.venv/" not in f.filename
                and not f.filename.endswith("registration_burst.py")
                and f.name not in watchers]
        return f"{Path(ours[-1].filename).relative_to(ROOT)}:{ours[-1].lineno}" if ours else "(framework)"

    def under_lock(execute, sql, params, many, context):
        """Time the session's row lock: from its SELECT ... FOR UPDATE to the commit that releases it."""
        if "FOR UPDATE" in sql and 'FROM "courses_session"' in sql:
            lock.update(taken=time.perf_counter(), statements=0)
            transaction.on_commit(lambda: held.append((time.perf_counter() - lock["taken"], lock["statements"])))
        elif "taken" in lock:
            lock["statements"] += 1
        if sql_wanted:
            issued.append((issuer(), " ".join(sql.split())[:160]))
        return execute(sql, params, many, context)

    sql_wanted = False

    for number, key in enumerate(facts["session_keys"], start=1):
        sql_wanted = sql and number == members
        token = secrets.token_hex(16)
        client.cookies.clear()
        client.cookies["sessionid"], client.cookies["csrftoken"] = key, token
        started, started_cpu = time.perf_counter(), time.process_time()
        lock.clear()
        with CaptureQueriesContext(connection) as captured, connection.execute_wrapper(under_lock):
            if profiler:
                profiler.enable()
            response = client.post(facts["register_path"], {"session": facts["session_id"],
                                                            "csrfmiddlewaretoken": token}, HTTP_HOST="127.0.0.1")
            if profiler:
                profiler.disable()
        wall += time.perf_counter() - started
        cpu += time.process_time() - started_cpu
        queries.append(len(captured))
        if response.status_code != 303:
            raise SystemExit(f"registration answered {response.status_code}: {response.content[:300]!r}")
    print(f"{members} registrations one at a time ({seats} seats): mean {1000 * wall / members:.1f} ms, CPU "
          f"{1000 * cpu / members:.1f} ms, queries {min(queries)}-{max(queries)} (last: {queries[-1]}); the session "
          f"lock held {1000 * sum(t for t, _ in held) / len(held):.1f} ms on average, over "
          f"{min(n for _, n in held) + 2}-{max(n for _, n in held) + 2} statements (its SELECT and the COMMIT "
          f"included)")
    for where, statement in issued:
        print(f"  {where:<40} {statement}")
    if profiler:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(top)


def notices(facts: dict) -> dict[str, int]:
    """The confirmation and waitlist e-mails the event's registrations owe, and how many the outbox settled."""
    from courses.models import RegistrationNotice

    rows = RegistrationNotice.objects.filter(
        registration__session_id__in=[facts["session_id"], facts["solo_session_id"]])
    return {"owed": rows.count(), "sent": rows.filter(sent_at__isnull=False).count()}


def check(facts: dict) -> list[tuple[str, bool, str]]:
    """Each promise the rule makes about a burst, with what was found."""
    from courses.events.registration import waitlist_position
    from courses.models import Registration, RegistrationChange

    session_id = facts["session_id"]
    seats = facts["seats"]
    expected = len(facts["session_keys"])
    Status = Registration.Status
    rows = list(Registration.objects.filter(session_id=session_id).order_by("queued_at", "pk"))
    confirmed = [r for r in rows if r.status == Status.CONFIRMED]
    waitlisted = [r for r in rows if r.status == Status.WAITLISTED]
    results: list[tuple[str, bool, str]] = []

    def verdict(name: str, passed: bool, found: str) -> None:
        results.append((name, passed, found))

    verdict(f"{expected:,} registrations recorded", len(rows) == expected, f"{len(rows):,}")
    verdict(f"exactly {seats} confirmed", len(confirmed) == seats, f"{len(confirmed)}")
    verdict(f"exactly {expected - seats:,} waitlisted", len(waitlisted) == expected - seats, f"{len(waitlisted):,}")

    members = [r.member_id for r in rows]
    repeated = len(members) - len(set(members))
    verdict("no member registered twice", repeated == 0, f"{repeated} repeated")

    positions = [waitlist_position(r) for r in waitlisted]  # the rule's own answer, in (queued_at, id) order
    contiguous = positions == list(range(1, len(waitlisted) + 1))
    first_gap = next((f"place {p} at row {i + 1}" for i, p in enumerate(positions) if p != i + 1), "none")
    verdict(f"waitlist places 1..{len(waitlisted):,} contiguous in (queued_at, id) order", contiguous,
            f"first mismatch: {first_gap}")

    first_by_queue = {r.pk for r in rows[:seats]}
    outsiders = [r for r in confirmed if r.pk not in first_by_queue]
    if outsiders:
        late = min(outsiders, key=lambda r: (r.queued_at, r.pk))
        place = next(i for i, r in enumerate(rows, start=1) if r.pk == late.pk)
        found = f"{len(outsiders)} confirmed outside the first {seats}; e.g. #{place} by queued_at"
    else:
        found = f"first {seats} by queued_at all confirmed"
    verdict("confirmed seats went to the first by queued_at", not outsiders, found)

    history = RegistrationChange.objects.filter(session_id=session_id, registration__isnull=False).count()
    verdict("one history entry per registration", history == len(rows), f"{history:,}")

    # The e-mails left the request: the worker sent them (the outbox settles a notice once it has gone).
    from courses.models import RegistrationNotice

    owed = RegistrationNotice.objects.filter(registration__session_id=session_id)
    news = {(r.registration_id, r.kind) for r in owed}
    expected_news = {(r.pk, RegistrationNotice.Kind.CONFIRMED if r.status == Status.CONFIRMED
                      else RegistrationNotice.Kind.WAITLISTED) for r in rows}
    verdict("one confirmation or waitlist e-mail owed per registration, of the right kind",
            news == expected_news and owed.count() == len(rows), f"{owed.count():,} owed")
    sent = owed.filter(sent_at__isnull=False, claimed_until__isnull=True).count()
    verdict("every one sent by the worker (the outbox settled it)", sent == len(rows), f"{sent:,} sent")

    solo = list(Registration.objects.filter(session_id=facts["solo_session_id"]))
    solo_ok = (len(solo) == len(facts["solo_keys"]) and len({r.member_id for r in solo}) == len(solo)
               and sum(r.status == Status.CONFIRMED for r in solo) == min(facts["solo_seats"], len(solo)))
    verdict(f"solo session: {len(facts['solo_keys'])} registered once each, {facts['solo_seats']} confirmed",
            solo_ok, f"{len(solo)} registered, {sum(r.status == Status.CONFIRMED for r in solo)} confirmed")
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    seeding = commands.add_parser("seed")
    seeding.add_argument("output", type=Path)
    seeding.add_argument("--members", type=int, default=1000)
    seeding.add_argument("--seats", type=int, default=100)
    seeding.add_argument("--solo", type=int, default=50)
    commands.add_parser("notices").add_argument("facts", type=Path)
    profiling = commands.add_parser("profile")
    profiling.add_argument("--members", type=int, default=100)
    profiling.add_argument("--seats", type=int, default=10)
    profiling.add_argument("--cprofile", type=int, default=0, metavar="N")
    profiling.add_argument("--sql", action="store_true", help="print the last registration's statements")
    checking = commands.add_parser("check")
    checking.add_argument("facts", type=Path)
    checking.add_argument("--output", type=Path, help="also write the verdicts here as JSON")
    options = parser.parse_args()

    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    if options.command == "seed":
        started = time.perf_counter()
        facts = seed(options.members, options.seats, options.solo)
        facts["seconds"] = round(time.perf_counter() - started, 1)
        options.output.write_text(json.dumps(facts))
        return 0
    if options.command == "profile":
        profile(options.members, options.seats, options.cprofile, options.sql)
        return 0
    if options.command == "notices":
        print(json.dumps(notices(json.loads(options.facts.read_text()))))
        return 0
    results = check(json.loads(options.facts.read_text()))
    if options.output:
        options.output.write_text(json.dumps(results))
    for name, passed, found in results:
        print(f"    {'PASS' if passed else 'FAIL'}  {name} ({found})")
    return 0 if all(passed for _, passed, _ in results) else 1


if __name__ == "__main__":
    sys.exit(main())
