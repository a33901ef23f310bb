"""`make bench`: the course page, "My learning", a registration burst, the catalog search and the mentoring matcher,
each beside a baseline.

Builds a fresh PostgreSQL database with a realistic course (and, for the burst, a 100-seat webinar and 1,000
signed-in members), serves the project and a baseline with gunicorn (for the burst, with a Celery worker over Redis
sending the e-mails, as production does), then sends the same fixed load to each and prints throughput and latency
side by side. The catalog search runs in-process on 10,000 generated offerings kept in
a database of their own, the project's database engine and Elasticsearch (ELASTICSEARCH_URL is required) beside
Wagtail's database search backend. See bench/README.md for what is measured and how to read it. Speed is reported,
never asserted; what the burst leaves in the database and both catalog engines' facet counts are checked, and a
failed check fails the run. The matcher runs without a database on a generated round of 10,000 mentees and 2,000
mentors, beside a greedy baseline, and is checked against an optimum computed independently with SciPy on a smaller
round. The certificate batch issues and renders one webinar's 500 certificates on two Celery workers over Redis,
beside one WeasyPrint document per certificate, and checks every PDF.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
sys.path.insert(0, str(BENCH_DIR))

import catalog_search  # noqa: E402  (bench/ is a folder of scripts, not a package)
import certificate_batch  # noqa: E402
import load  # noqa: E402
import mentoring_matching  # noqa: E402
import servers  # noqa: E402

PG_SERVER = "postgres://postgres@127.0.0.1:5432"
DATABASE_NAME = "lms_bench"
# The catalog's 10,000 pages take minutes to build, so they live in a database of their own that is kept between
# runs (lms_bench is rebuilt every run); run.py records a finished seed as that database's comment.
CATALOG_DATABASE_NAME = "lms_bench_catalog"
REDIS_URL = "redis://127.0.0.1:6379/13"
TARGET_GROUPS = ("pages", "burst", "catalog", "matching", "certificates")
CERTIFICATE_DATABASE_NAME = "lms_bench_certificates"
CERTIFICATE_BROKER_URL = "redis://127.0.0.1:6379/14"  # the certificate workers' own broker, emptied every run
# The burst's broker: the project's gunicorn queues each registration's e-mail here and a real worker sends it. The
# same Redis database as the certificates' (emptied at the start of each; the two never run at once).
BURST_BROKER_URL = "redis://127.0.0.1:6379/14"
HTTP_GROUPS = {"pages", "burst"}


def positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=positive, default=2000, help="measured requests per target (default 2000)")
    parser.add_argument("--warmup", type=positive, default=100, help="unmeasured requests first (default 100)")
    parser.add_argument("--concurrency", type=positive, default=16, help="client threads (default 16)")
    parser.add_argument("--workers", type=positive, default=4, help="gunicorn workers per server (default 4)")
    parser.add_argument("--single-requests", type=positive, default=200,
                        help="requests sent one at a time per page, for a single request's time (default 200)")
    parser.add_argument("--size-requests", type=positive, default=500,
                        help="measured requests per outline size (2x2, 5x5, 10x10, 20x20; default 500)")
    parser.add_argument("--only", choices=TARGET_GROUPS, action="append",
                        help="run only these targets: 'pages' (course page, my learning), 'burst' (registration "
                        "burst), 'catalog' (catalog search), 'matching' (mentoring matcher) or 'certificates' "
                        "(certificate batch); repeat for several (default: all)")
    parser.add_argument("--burst-registrations", type=positive, default=1000,
                        help="members registering in the burst, one POST each (default 1000)")
    parser.add_argument("--burst-clients", type=positive, default=50,
                        help="concurrent clients in the burst (default 50)")
    parser.add_argument("--burst-seats", type=positive, default=100, help="the session's seats (default 100)")
    parser.add_argument("--burst-solo", type=positive, default=50,
                        help="members registering one at a time for a second session before the burst, for a single "
                        "registration's own time (default 50; half of them get seats)")
    parser.add_argument("--burst-worker-nice", type=int, default=10,
                        help="niceness of the burst's Celery worker (default 10): on a shared machine it uses what "
                        "the web server leaves, as a worker on its own machine would take nothing from it")
    parser.add_argument("--reseed", action="store_true",
                        help=f"rebuild the catalog's offerings even if {CATALOG_DATABASE_NAME} already holds them")
    parser.add_argument("--catalog-offerings", type=positive, default=catalog_search.DEFAULT_OFFERINGS,
                        help="generated offerings in the catalog (default 10000; another count reseeds)")
    parser.add_argument("--catalog-queries", type=positive, default=50,
                        help="fixed searches, each with text, three filters and every facet (default 50)")
    parser.add_argument("--catalog-rounds", type=positive, default=5,
                        help="measured rounds of every search on every engine, after one warm-up round (default 5)")
    parser.add_argument("--catalog-checks", type=positive, default=20,
                        help="searches whose answers are checked against the ORM (default 20)")
    parser.add_argument("--matching-mentees", type=positive, default=mentoring_matching.DEFAULT_MENTEES,
                        help="mentees in the generated matching round (default 10000)")
    parser.add_argument("--matching-mentors", type=positive, default=mentoring_matching.DEFAULT_MENTORS,
                        help="mentors in the generated matching round (default 2000)")
    parser.add_argument("--certificate-attendees", type=positive, default=500,
                        help="webinar attendees, each earning a certificate the workers render (default 500)")
    parser.add_argument("--certificate-baseline", type=positive, default=40,
                        help="certificates the baseline renders one WeasyPrint document each (default 40)")
    parser.add_argument("--certificate-workers", type=positive, default=2,
                        help="Celery worker processes rendering certificates (default 2)")
    options = parser.parse_args()
    options.only = set(options.only or TARGET_GROUPS)
    if "catalog" in options.only:
        try:  # before anything runs: a long run must not end by finding Elasticsearch missing
            catalog_search.require_elasticsearch(os.environ.get("ELASTICSEARCH_URL"))
        except catalog_search.ElasticsearchMissing as missing:
            parser.exit(2, f"{parser.prog}: {missing}\n")
    if options.burst_solo < 2:
        parser.error("--burst-solo must be at least 2: half of them get seats, half the waitlist")
    if options.burst_seats > options.burst_registrations:
        parser.error("--burst-seats must not exceed --burst-registrations: the burst is meant to fill the waitlist")
    return options


def step(message: str) -> float:
    print(f"• {message}", flush=True)
    return time.perf_counter()


def project_env(secret_key: str, password: str) -> dict[str, str]:
    """The production settings, pointed at the bench database; nothing else from the caller's environment leaks in."""
    # No outside service is measured: e-mail goes nowhere, and no Learning Record Store (a slow LRS would time it,
    # not the site; with one, each seat taken queues a statement for the worker to send).
    dropped = ("CELERY_BROKER_URL", "ELASTICSEARCH_URL", "EMAIL_URL", "LRS_ENDPOINT", "LRS_USERNAME", "LRS_PASSWORD")
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "lms.settings.production",
            "SECRET_KEY": secret_key,
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "False",
            "DATABASE_URL": f"{PG_SERVER}/{DATABASE_NAME}",
            "REDIS_URL": REDIS_URL,
            # Completion e-mails while seeding, and the registration notices the burst owes, go nowhere; with no
            # CELERY_BROKER_URL the notice task runs eagerly in the request (rendered, then dropped), never queued.
            "EMAIL_URL": "dummymail://",
            "LOG_LEVEL": "WARNING",
            "BENCH_LEARNER_PASSWORD": password,
            # Production refuses to start without its own certificate key; a throwaway one per run signs nothing kept.
            "CERTIFICATE_SIGNING_KEY": base64.urlsafe_b64encode(secrets.token_bytes(32)).rstrip(b"=").decode(),
            "PYTHONUNBUFFERED": "1",
        }
    )
    return env


def baseline_env(secret_key: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env["SECRET_KEY"] = secret_key
    env["BASELINE_DATABASE_URL"] = f"{PG_SERVER}/{DATABASE_NAME}"  # the insert-only endpoint writes here
    env["PYTHONUNBUFFERED"] = "1"
    return env


def recreate_database(name: str = DATABASE_NAME) -> None:
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def database_comment(name: str) -> str | None:
    """The database's comment (where a finished catalog seed is recorded); None when it has none or is missing."""
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
        row = conn.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
    return row[0] if row else None


def set_database_comment(name: str, comment: str) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
        conn.execute(sql.SQL("COMMENT ON DATABASE {} IS {}").format(sql.Identifier(name), sql.Literal(comment)))


def clear_bench_cache() -> None:
    """Redis database 13 is the benchmark's own cache; start it empty so runs do not inherit rate-limit state."""
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()


class Quiet:
    """A setup command run in the background; its output goes to a log that is shown only if it fails."""

    def __init__(self, name: str, command: list[str], env: dict[str, str], log_dir: Path):
        self.command = command
        self.log_path = log_dir / f"{name}.log"
        with self.log_path.open("wb") as log:
            self.process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)

    def wait(self) -> None:
        returncode = self.process.wait()
        if returncode != 0:
            tail = "\n".join(self.log_path.read_text(errors="replace").splitlines()[-40:])
            raise RuntimeError(f"{' '.join(self.command)} failed ({returncode}):\n{tail}")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)


def describe(result: load.Result, unit: str = "req/s") -> str:
    return f"{result.rps:,.0f} {unit}, p50 {result.p50:.1f} ms, p95 {result.p95:.1f} ms"


def compare(result: load.Result, baseline: load.Result) -> str:
    return f"ratio rps {result.rps / baseline.rps:.2f}, p95 {result.p95 / baseline.p95:.1f}x"


def run_page_targets(options, project, baseline_server, facts: dict, password: str) -> dict[str, load.Result]:
    """The course page and "My learning", signed in as the learner, each after the baseline's GET."""
    cookies = load.log_in(project.port, facts["learner_email"], password)
    targets = [
        ("baseline", baseline_server.port, "/", None, "Hello from the baseline."),
        ("course page", project.port, facts["course_url"], cookies, facts["course_marker"]),
        ("my learning", project.port, facts["dashboard_url"], cookies, facts["dashboard_marker"]),
    ]
    step(
        f"load: {options.warmup} warm-up then {options.requests} measured GETs per target, "
        f"{options.concurrency} concurrent clients"
    )
    results: dict[str, load.Result] = {}
    for name, port, path, target_cookies, marker in targets:
        common = {"concurrency": options.concurrency, "cookies": target_cookies, "must_contain": marker}
        load.run(f"{name} (warm-up)", port, path, requests=options.warmup, **common)
        results[name] = load.run(name, port, path, requests=options.requests, **common)
        results[f"{name} alone"] = load.run(f"{name} alone", port, path, requests=options.single_requests,
                                            **{**common, "concurrency": 1})
        print(f"    {name:<12} {describe(results[name])}; alone p50 {results[f'{name} alone'].p50:.1f} ms", flush=True)
    sizes = facts.get("outline_sizes", [])
    step(f"outline sizes: per course, {options.size_requests} GETs from {options.concurrency} clients, then "
         f"{options.single_requests} one at a time")
    for size in sizes:
        name = f"outline {size['label']}"
        common = {"cookies": cookies, "must_contain": size["marker"]}
        load.run(f"{name} (warm-up)", project.port, size["url"], requests=options.warmup,
                 concurrency=options.concurrency, **common)
        results[name] = load.run(name, project.port, size["url"], requests=options.size_requests,
                                 concurrency=options.concurrency, **common)
        results[f"{name} alone"] = load.run(f"{name} alone", project.port, size["url"],
                                            requests=options.single_requests, concurrency=1, **common)
        print(f"    {name:<14} {describe(results[name])}; alone p50 {results[f'{name} alone'].p50:.1f} ms",
              flush=True)
    return results


def page_figures(pages: dict[str, load.Result], sizes: list[dict]) -> list[str]:
    """One line per page (loaded, alone, ratios to the baseline), then how the course page grows with its outline."""
    base, base_alone = pages["baseline"], pages["baseline alone"]
    lines = []
    for name in ("course page", "my learning"):
        alone = pages[f"{name} alone"]
        lines.append(
            f"{name}: {describe(pages[name])}; alone p50 {alone.p50:.1f} ms | baseline: {describe(base)}; alone p50 "
            f"{base_alone.p50:.1f} ms | ratio rps {pages[name].rps / base.rps:.3f}, p95 "
            f"{pages[name].p95 / base.p95:.1f}x, alone {alone.p50 / base_alone.p50:.1f}x"
        )
    for size in sizes:
        name = f"outline {size['label']}"
        loaded, alone = pages[name], pages[f"{name} alone"]
        lines.append(
            f"course page, {size['label']} outline ({size['lessons']} lessons): {loaded.rps:,.0f} req/s, ratio rps "
            f"{loaded.rps / base.rps:.3f}; alone p50 {alone.p50:.1f} ms ({alone.p50 / base_alone.p50:.1f}x the "
            f"baseline's)"
        )
    return lines


@dataclass
class Burst:
    """What the burst measured: the registrations, the baseline's inserts, one member at a time, the worker's drain."""

    registration: load.Result
    baseline: load.Result
    solo: load.Result
    drain_seconds: float
    drained: bool
    sent: int
    owed: int
    cpu_ms: float  # the project's gunicorn workers' CPU per registration in the burst


def registration_forms(session_id: int, keys: list[str]) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """One registration form and cookie jar per signed-in member. Django's CSRF check on plain HTTP: the csrftoken
    cookie and the posted token must carry the same secret."""
    tokens = [secrets.token_hex(16) for _ in keys]
    forms = [{"session": str(session_id), "csrfmiddlewaretoken": token} for token in tokens]
    cookies = [{"sessionid": key, "csrftoken": token} for key, token in zip(keys, tokens, strict=True)]
    return forms, cookies


def registration_notices(env: dict[str, str], facts: dict) -> tuple[int, int]:
    """(owed, sent): the event's registration e-mails in the database, and how many the outbox has settled."""
    import psycopg

    with psycopg.connect(env["DATABASE_URL"], autocommit=True) as conn:
        row = conn.execute(
            "SELECT count(*), count(n.sent_at) FROM courses_registrationnotice n JOIN courses_registration r "
            "ON r.id = n.registration_id WHERE r.session_id IN (%s, %s)",
            [facts["session_id"], facts["solo_session_id"]],
        ).fetchone()
    assert row is not None
    return row[0], row[1]


def wait_for_worker(env: dict[str, str], facts: dict, expected: int, timeout: float) -> tuple[bool, float, int, int]:
    """Poll until `expected` e-mails are owed and all sent and the broker's queue is empty, at most `timeout` s.
    Returns (drained, seconds waited, owed, sent)."""
    import redis

    queue = redis.Redis.from_url(BURST_BROKER_URL)
    started = time.perf_counter()
    owed = sent = 0
    while time.perf_counter() - started < timeout:
        owed, sent = registration_notices(env, facts)
        if owed >= expected and sent == owed and queue.llen("celery") == 0:
            return True, time.perf_counter() - started, owed, sent
        time.sleep(0.2)
    return False, time.perf_counter() - started, owed, sent


def start_burst_worker(env: dict[str, str], work: Path, nice: int) -> Quiet:
    """`celery -A lms worker` as README.md deploys it, with the project's settings and broker; one pool process."""
    command = ["nice", "-n", str(nice), sys.executable, "-m", "celery", "-A", "lms", "worker", "--concurrency", "1",
               "--pool", "prefork", "--loglevel", "INFO", "--without-gossip", "--without-mingle",
               "--without-heartbeat", "-n", "bench-burst@%h"]
    worker = Quiet("burst-worker", command, env, work)
    deadline = time.monotonic() + 120
    while "ready." not in worker.log_path.read_text(errors="replace"):
        if worker.process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"the burst's Celery worker did not start; see {worker.log_path}")
        time.sleep(0.2)
    return worker


def worker_sent_letters(worker: Quiet) -> int:
    """From the worker's log: send_letter tasks that sent an e-mail (True; a second run for the same notice is
    False)."""
    import re

    log = worker.log_path.read_text(errors="replace")
    return len(re.findall(r"Task lms\.tasks\.send_letter\[[^\]]+\] succeeded in [0-9.]+s: True", log))


def run_burst(options, project, baseline_server, facts: dict, env: dict[str, str]) -> Burst:
    """One member at a time on the solo session, then the same burst of POSTs against the baseline's insert and
    the project's registration, then the wait for the worker to send every e-mail."""
    count, clients = len(facts["session_keys"]), options.burst_clients
    step(f"registration burst: warm-up GETs, {len(facts['solo_keys'])} registrations one at a time, then {count:,} "
         f"POSTs from {clients} concurrent clients to each server")
    load.run("event page (warm-up)", project.port, facts["event_url"], requests=options.warmup,
             concurrency=options.concurrency, must_contain=facts["event_title"])
    load.run("baseline (warm-up)", baseline_server.port, "/", requests=options.warmup,
             concurrency=options.concurrency, must_contain="Hello from the baseline.")

    forms, cookies = registration_forms(facts["solo_session_id"], facts["solo_keys"])
    solo = load.burst("single registration", project.port, facts["register_path"], forms=forms, cookies=cookies,
                      concurrency=1, expect_status=303, expect_location=facts["event_url"])
    print(f"    {'one at a time':<20} {describe(solo, 'registrations/s')}, mean {mean_ms(solo):.1f} ms", flush=True)
    # The burst starts with an empty queue: the solo members' e-mails are sent first.
    drained, _, owed, sent = wait_for_worker(env, facts, len(facts["solo_keys"]), timeout=120)
    if not drained:
        raise RuntimeError(f"the worker sent {sent} of {owed} solo registration e-mails in 120 s")

    session = str(facts["session_id"])
    baseline = load.burst(
        "baseline insert", baseline_server.port, "/register/",
        forms=[{"member": str(n), "session": session} for n in range(count)],
        concurrency=clients, expect_status=303, expect_location="/",
    )
    print(f"    {'baseline insert':<20} {describe(baseline, 'inserts/s')}", flush=True)

    forms, cookies = registration_forms(facts["session_id"], facts["session_keys"])
    cpu_before = process_tree_cpu_seconds(project.process.pid)
    registration = load.burst(
        "registration", project.port, facts["register_path"], forms=forms, cookies=cookies,
        concurrency=clients, expect_status=303, expect_location=facts["event_url"],
    )
    cpu_ms = 1000 * (process_tree_cpu_seconds(project.process.pid) - cpu_before) / count
    print(f"    {'registration':<20} {describe(registration, 'registrations/s')}; gunicorn CPU {cpu_ms:.1f} ms each",
          flush=True)
    expected = count + len(facts["solo_keys"])
    timeout = max(120.0, expected * 0.5)
    drained, waited, owed, sent = wait_for_worker(env, facts, expected, timeout)
    print(f"    {'worker':<20} {'sent' if drained else 'NOT drained:'} {sent:,} of {owed:,} e-mails, "
          f"{waited:.1f} s after the burst", flush=True)
    return Burst(registration, baseline, solo, waited, drained, sent, owed, cpu_ms)


def mean_ms(result: load.Result) -> float:
    return sum(result.latencies_ms) / len(result.latencies_ms)


def check_burst(env: dict[str, str], facts_path: Path, work: Path) -> tuple[bool, list[str]]:
    """Ask the database what the burst left behind; the verdict lines and whether all passed."""
    verdicts = work / "burst-verdicts.json"
    completed = subprocess.run(
        [sys.executable, str(BENCH_DIR / "registration_burst.py"), "check", str(facts_path), "--output", str(verdicts)],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False,
    )
    if not verdicts.exists():
        raise RuntimeError(f"the burst check did not run ({completed.returncode}):\n{completed.stderr[-3000:]}")
    results = json.loads(verdicts.read_text())
    lines = [f"  {'PASS' if passed else 'FAIL'}  {name} ({found})" for name, passed, found in results]
    return completed.returncode == 0 and all(passed for _, passed, _ in results), lines


@dataclass
class Outcome:
    """What a group of targets has to say: what was measured, how set-up went, the figures, and its checks."""

    described: list[str] = field(default_factory=list)
    setup: list[str] = field(default_factory=list)
    figures: list[str] = field(default_factory=list)
    passed: bool = True


def run_http_targets(options, env: dict[str, str], secret_key: str, password: str, work: Path,
                     running: list[servers.Server]) -> Outcome:
    """The course page, "My learning" and the burst: a fresh lms_bench, gunicorn, the load, the burst's check."""
    outcome = Outcome()
    t = step(f"recreating database {DATABASE_NAME}")
    recreate_database()
    clear_bench_cache()
    step("migrating, with collectstatic alongside")
    manage = [sys.executable, "manage.py"]
    collectstatic = Quiet("collectstatic", [*manage, "collectstatic", "--noinput", "--verbosity", "0"], env, work)
    facts: dict = {}
    burst_facts: dict = {}
    burst_facts_path = work / "burst.json"
    try:
        Quiet("migrate", [*manage, "migrate", "--noinput", "--verbosity", "0"], env, work).wait()
        if "pages" in options.only:
            step("building the course and the learner's history (tests.factories + courses rules)")
            facts_path = work / "facts.json"
            Quiet("seed", [sys.executable, str(BENCH_DIR / "seed_data.py"), str(facts_path)], env, work).wait()
            facts = json.loads(facts_path.read_text())
        if "burst" in options.only:
            step(f"building the burst: a {options.burst_seats}-seat webinar session and "
                 f"{options.burst_registrations:,} signed-in members; the baseline's table")
            Quiet("seed-burst", [sys.executable, str(BENCH_DIR / "registration_burst.py"), "seed",
                                 str(burst_facts_path), "--members", str(options.burst_registrations),
                                 "--seats", str(options.burst_seats), "--solo", str(options.burst_solo)],
                  env, work).wait()
            burst_facts = json.loads(burst_facts_path.read_text())
            Quiet("baseline-table", [sys.executable, str(BENCH_DIR / "baseline_site.py"), "create-table"],
                  baseline_env(secret_key), work).wait()
        collectstatic.wait()
    finally:
        collectstatic.stop()
    setup_seconds = time.perf_counter() - t

    # With the burst, the project is served as production runs it: a broker, so e-mails leave the request.
    served_env = {**env, "CELERY_BROKER_URL": BURST_BROKER_URL} if burst_facts else env
    step(f"starting gunicorn: project and baseline, {options.workers} sync workers each"
         + (", and a Celery worker over Redis for the burst's e-mails" if burst_facts else ""))
    running.append(
        servers.start_gunicorn(
            "project", "lms.wsgi:application", env=served_env, cwd=ROOT, log_dir=work, workers=options.workers
        )
    )
    running.append(
        servers.start_gunicorn(
            "baseline", "baseline_site:application", env=baseline_env(secret_key), cwd=ROOT, log_dir=work,
            workers=options.workers, extra_args=("--pythonpath", str(BENCH_DIR)),
        )
    )
    project, baseline_server = running[-2:]

    worker = None
    if burst_facts:
        import redis

        redis.Redis.from_url(BURST_BROKER_URL).flushdb()
        worker = start_burst_worker(served_env, work, options.burst_worker_nice)
    try:
        pages = run_page_targets(options, project, baseline_server, facts, password) if facts else {}
        burst = run_burst(options, project, baseline_server, burst_facts, env) if burst_facts else None
    finally:
        if worker is not None:
            stop_certificate_workers([worker])
    checks_passed, check_lines = check_burst(env, burst_facts_path, work) if burst else (True, [])
    if burst and worker is not None:
        letters = worker_sent_letters(worker)
        drained = burst.drained and letters == burst.owed
        check_lines.append(f"  {'PASS' if burst.drained else 'FAIL'}  the worker drained the queue within "
                           f"{max(120.0, burst.owed * 0.5):.0f} s ({burst.sent:,} of {burst.owed:,} e-mails sent "
                           f"{burst.drain_seconds:.1f} s after the burst)")
        check_lines.append(f"  {'PASS' if letters == burst.owed else 'FAIL'}  the worker's log: one send_letter "
                           f"task sent each e-mail ({letters:,} sent, {burst.owed:,} owed, solo session included)")
        checks_passed = checks_passed and drained

    if facts:
        outcome.described.append(
            f"Course: {facts['course_title']} ({facts['pages']} pages: 10 modules x 10 lessons, 12 quizzes); "
            f"learner 45% through it, 4 completed and 6 open enrolments (three of them the outline sizes' "
            f"2 x 2, 5 x 5 and 20 x 20 courses)."
        )
    if burst:
        outcome.described.append(
            f"Burst: {len(burst_facts['session_keys']):,} members each POST once to {burst_facts['register_path']} "
            f"(session {burst_facts['session_id']}, {burst_facts['seats']} seats, waitlist on), "
            f"{options.burst_clients} concurrent clients; baseline: the same POSTs to an insert-only view. Before it, "
            f"{len(burst_facts['solo_keys'])} other members one at a time (session {burst_facts['solo_session_id']}, "
            f"{burst_facts['solo_seats']} seats). E-mails queued to Redis and sent by one Celery worker "
            f"(celery -A lms worker, nice {options.burst_worker_nice})."
        )
    seeding = ", ".join(f"{label} {f['seconds']}s" for label, f in (("course", facts), ("burst", burst_facts)) if f)
    outcome.setup.append(f"pages and burst {setup_seconds:.0f}s (seeding {seeding})")
    if pages:
        outcome.figures += page_figures(pages, facts.get("outline_sizes", []))
    if burst:
        registration, baseline, solo = burst.registration, burst.baseline, burst.solo
        outcome.figures.append(
            f"registration burst: {describe(registration, 'registrations/s')} | baseline insert: "
            f"{describe(baseline, 'inserts/s')} | {compare(registration, baseline)}"
        )
        outcome.figures.append(
            f"one registration at a time (concurrency 1, {solo.requests} members): mean {mean_ms(solo):.1f} ms, "
            f"p50 {solo.p50:.1f} ms, p95 {solo.p95:.1f} ms | gunicorn CPU per registration in the burst "
            f"{burst.cpu_ms:.1f} ms (other load on the machine cannot inflate it) | the worker sent all "
            f"{burst.owed:,} e-mails {burst.drain_seconds:.1f} s after the burst ended"
        )
        outcome.figures.append("Database after the burst:")
        outcome.figures += check_lines
    outcome.passed = checks_passed
    return outcome


def catalog_env(env: dict[str, str]) -> dict[str, str]:
    """The project's settings on the catalog's own database, with the caller's Elasticsearch (always measured)."""
    return {**env, "DATABASE_URL": f"{PG_SERVER}/{CATALOG_DATABASE_NAME}",
            "ELASTICSEARCH_URL": catalog_search.require_elasticsearch(os.environ.get("ELASTICSEARCH_URL"))}


def run_catalog_script(arguments: list[str], env: dict[str, str], output: Path) -> dict:
    """bench/catalog_search.py in its own process, its progress printed as it goes; what it wrote to `output`.

    A failed check still writes its report (and exits 1); a crash writes none.
    """
    command = [sys.executable, str(BENCH_DIR / "catalog_search.py"), *arguments]
    completed = subprocess.run(command, cwd=ROOT, env=env, check=False)
    if not output.exists():
        raise RuntimeError(f"{' '.join(command)} failed ({completed.returncode}); its output is above")
    return json.loads(output.read_text())


def run_catalog(options, env: dict[str, str], work: Path) -> Outcome:
    """Seed lms_bench_catalog unless it already holds this catalog, then index, check and time it in-process."""
    outcome = Outcome()
    env = catalog_env(env)
    offerings = options.catalog_offerings
    today = date.today()
    reusable, reason = catalog_search.reusable_seed(database_comment(CATALOG_DATABASE_NAME), offerings, today)
    if options.reseed:
        reusable, reason = False, "--reseed"
    t = time.perf_counter()
    if not reusable:
        step(f"recreating database {CATALOG_DATABASE_NAME} ({reason})")
        recreate_database(CATALOG_DATABASE_NAME)
    step(f"migrating {CATALOG_DATABASE_NAME}")
    Quiet("migrate-catalog", [sys.executable, "manage.py", "migrate", "--noinput", "--verbosity", "0"], env,
          work).wait()
    if reusable:
        step(f"reusing the {offerings:,} offerings in {CATALOG_DATABASE_NAME} ({reason}; --reseed rebuilds them)")
        outcome.setup.append(f"catalog: reused its seed ({reason})")
    else:
        step(f"seeding the catalog once: {offerings:,} offerings through Wagtail's add_child, then Wagtail's "
             f"search index (kept in {CATALOG_DATABASE_NAME} for later runs)")
        seed_path = work / "catalog-seed.json"
        seeded = run_catalog_script(["seed", "--offerings", str(offerings), "--output", str(seed_path)], env,
                                    seed_path)
        set_database_comment(CATALOG_DATABASE_NAME, catalog_search.seed_label(offerings, today))
        outcome.setup.append(
            f"catalog: seeded {seeded['offerings']:,} offerings and {seeded['sessions']:,} sessions in "
            f"{seeded['seconds']:.0f}s (pages {seeded['pages_seconds']:.0f}s, Wagtail's index "
            f"{seeded['wagtail_index_seconds']:.0f}s)"
        )

    step(f"catalog: indexing, checking {options.catalog_checks} searches against the ORM, then "
         f"{options.catalog_queries} searches x {options.catalog_rounds} rounds on every engine")
    report_path = work / "catalog.json"
    report = run_catalog_script(["measure", str(report_path), "--offerings", str(offerings),
                                 "--queries", str(options.catalog_queries), "--rounds", str(options.catalog_rounds),
                                 "--check-queries", str(options.catalog_checks)], env, report_path)
    seconds = report["seconds"]
    outcome.setup[-1] += (
        f"; documents {seconds['documents']:.0f}s, database engine index {seconds['index_database']:.0f}s, "
        f"Elasticsearch index {seconds['index_elasticsearch']:.0f}s, check {seconds['check']:.0f}s, "
        f"timing {seconds['timing']:.0f}s; catalog total {time.perf_counter() - t:.0f}s"
    )
    outcome.described.append(
        f"Catalog: {report['offerings']:,} generated offerings (courses, ethics modules, workshops and webinars with "
        f"sessions); {report['queries']} fixed searches x {report['rounds']} rounds per engine, in-process, each "
        f"with text, three filters and all nine facets counted, e.g. {report['example_query']}."
    )
    engines = report["engines"]
    for name in ("wagtail", "database", "elasticsearch"):
        outcome.figures.append(f"catalog search: {catalog_search.ENGINE_LABELS[name]} {search_figures(engines[name])}")
    for label, ratio, target, met in catalog_search.target_verdicts(engines):
        outcome.figures.append(f"catalog search: Wagtail p95 / {label} p95 {ratio:.2f}x "
                               f"(target {target:g}x: {'met' if met else 'NOT met'})")
    outcome.figures.append(f"Catalog answers against the ORM ({report['checked_queries']} searches, both engines):")
    outcome.figures += [f"  {'PASS' if passed else 'FAIL'}  {name} ({found})" for name, passed, found
                        in report["verdicts"]]
    outcome.passed = all(passed for _, passed, _ in report["verdicts"])
    return outcome


def search_figures(engine: dict) -> str:
    return f"p50 {engine['p50_ms']:.1f} ms, p95 {engine['p95_ms']:.1f} ms (mean total {engine['mean_total']:,.0f})"


def run_matching(options, work: Path) -> Outcome:
    """bench/mentoring_matching.py: engine, engine with the fairness floor, greedy (each in a fresh process for its
    own peak memory), then the SciPy check on a smaller round. No database, no Django."""
    outcome = Outcome()
    mentees, mentors = options.matching_mentees, options.matching_mentors
    step(f"matching: a generated round of {mentees:,} mentees x {mentors:,} mentors; the exact engine, the engine "
         f"with the fairness floor and a greedy baseline, then the SciPy check")
    report_path = work / "matching.json"
    command = [sys.executable, str(BENCH_DIR / "mentoring_matching.py"), "measure", str(report_path), "--quiet",
               "--mentees", str(mentees), "--mentors", str(mentors)]
    completed = subprocess.run(command, cwd=ROOT, check=False)
    if not report_path.exists():
        raise RuntimeError(f"{' '.join(command)} failed ({completed.returncode}); its output is above")
    report = json.loads(report_path.read_text())
    engine, check = report["runs"]["engine"], report["check"]
    outcome.described.append(
        f"Matching: {mentees:,} generated mentees x {mentors:,} mentors (capacity 1-5, realistic languages, time "
        f"zones, employers, stages, preferences; {engine['allowed']:,} allowed pairs); the exact engine (scoring + "
        f"min-cost max-flow) beside a greedy best-pair-first on the same pairs, each in a fresh process; both "
        f"checked against SciPy's linear_sum_assignment on {check['mentees']:,} x {check['mentors']:,}."
    )
    outcome.setup.append(f"matching: generating the round {engine['generate_seconds']:.1f}s per process")
    outcome.figures += mentoring_matching.figure_lines(report)
    outcome.passed = all(passed for _, passed, _ in report["verdicts"])
    return outcome


def process_tree_peak_kib(pid: int) -> int:
    """VmHWM (peak resident memory) of a process and all its descendants, summed, in KiB."""
    total, pending = 0, [pid]
    while pending:
        current = pending.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except OSError:
            continue
        total += next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM:")), 0)
        pending += [int(child) for child in children]
    return total


def process_tree_cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process and its live descendants (and of children they waited for)."""
    ticks, total, pending = os.sysconf("SC_CLK_TCK"), 0, [pid]
    while pending:
        current = pending.pop()
        try:
            fields = Path(f"/proc/{current}/stat").read_text().rsplit(")", 1)[1].split()
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except OSError:
            continue
        total += sum(int(value) for value in fields[11:15])  # utime, stime, cutime, cstime
        pending += [int(child) for child in children]
    return total / ticks


def certificate_states(env: dict[str, str]) -> dict[str, int]:
    import psycopg

    with psycopg.connect(env["DATABASE_URL"], autocommit=True) as conn:
        rows = conn.execute(
            "SELECT render_state, count(*) FROM certificates_certificate WHERE achievement_title = %s "
            "GROUP BY render_state", [certificate_batch.EVENT_TITLE]
        ).fetchall()
    return dict(rows)


def start_certificate_workers(count: int, env: dict[str, str], work: Path) -> list[Quiet]:
    """`celery -A lms worker`, one pool process each, as production runs them; returns once each says ready."""
    workers = []
    for n in range(count):
        command = [sys.executable, "-m", "celery", "-A", "lms", "worker", "--concurrency", "1", "--pool", "prefork",
                   "--loglevel", "INFO", "--without-gossip", "--without-mingle", "--without-heartbeat",
                   "-n", f"bench-certificates-{n}@%h"]
        workers.append(Quiet(f"certificate-worker-{n}", command, env, work))
    deadline = time.monotonic() + 120
    for worker in workers:
        while "ready." not in worker.log_path.read_text(errors="replace"):
            if worker.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"a certificate worker did not start; see {worker.log_path}")
            time.sleep(0.2)
    return workers


def stop_certificate_workers(workers: list[Quiet]) -> None:
    for worker in workers:
        if worker.process.poll() is None:
            worker.process.send_signal(signal.SIGTERM)  # warm shutdown: finish the task in hand
    for worker in workers:
        try:
            worker.process.wait(60)
        except subprocess.TimeoutExpired:
            worker.process.kill()


def worker_task_seconds(workers: list[Quiet]) -> dict[str, tuple[int, float]]:
    """From the workers' logs: per task name, how many ran and the seconds they took together."""
    import re

    finished = re.compile(r"Task ([\w.]+)\[[^\]]+\] succeeded in ([0-9.]+)s: (\S+)")
    totals: dict[str, tuple[int, float]] = {}
    for worker in workers:
        for name, seconds, result in finished.findall(worker.log_path.read_text(errors="replace")):
            if name.endswith(".render_certificate"):
                name = f"render_certificate ({result.strip(chr(39))})"  # ready (batch or alone), already...
            count, total = totals.get(name, (0, 0.0))
            totals[name] = (count + 1, total + float(seconds))
    return totals


def run_certificates(options, env: dict[str, str], work: Path) -> Outcome:
    """bench/certificate_batch.py: a fresh database, the attendance of a webinar imported, and the certificates
    issued and rendered by Celery workers over Redis; the baseline renders one document per certificate."""
    outcome = Outcome()
    attendees, count = options.certificate_attendees, options.certificate_workers
    env = {k: v for k, v in env.items() if not k.startswith("AWS_")}
    env.update({"DATABASE_URL": f"{PG_SERVER}/{CERTIFICATE_DATABASE_NAME}", "CELERY_BROKER_URL": CERTIFICATE_BROKER_URL,
                "MEDIA_ROOT": str(work / "media")})
    script = [sys.executable, str(BENCH_DIR / "certificate_batch.py")]
    t = step(f"certificates: recreating database {CERTIFICATE_DATABASE_NAME}, migrating, seeding a webinar with "
             f"{attendees} confirmed attendees")
    recreate_database(CERTIFICATE_DATABASE_NAME)
    import redis

    redis.Redis.from_url(CERTIFICATE_BROKER_URL).flushdb()
    Quiet("certificates-migrate", [sys.executable, "manage.py", "migrate", "--noinput", "--verbosity", "0"], env,
          work).wait()
    facts_path = work / "certificates.json"
    Quiet("certificates-seed", [*script, "seed", str(facts_path), "--attendees", str(attendees)], env, work).wait()
    setup_seconds = time.perf_counter() - t

    step(f"certificates: baseline, {options.certificate_baseline} certificates one HTML(...).write_pdf() each, "
         f"in one process")
    baseline_path = work / "certificates-baseline.json"
    Quiet("certificates-baseline", [*script, "baseline", str(baseline_path), "--certificates",
                                    str(options.certificate_baseline)], env, work).wait()
    baseline = json.loads(baseline_path.read_text())

    step(f"certificates: {count} Celery workers; attendance imported, then issue -> render until all are settled")
    workers = start_certificate_workers(count, env, work)
    try:
        cpu_before = sum(process_tree_cpu_seconds(worker.process.pid) for worker in workers)
        started = time.perf_counter()
        record_path = work / "certificates-record.json"
        Quiet("certificates-record", [*script, "record", str(facts_path), "--output", str(record_path)], env,
              work).wait()
        deadline = started + max(600, attendees * 2)
        states: dict[str, int] = {}
        while time.perf_counter() < deadline:
            states = certificate_states(env)
            if states.get("ready", 0) + states.get("failed", 0) >= attendees:
                break
            time.sleep(0.25)
        seconds = time.perf_counter() - started
        peaks = [process_tree_peak_kib(worker.process.pid) for worker in workers]
        cpu = sum(process_tree_cpu_seconds(worker.process.pid) for worker in workers) - cpu_before
    finally:
        stop_certificate_workers(workers)
    recorded = json.loads(record_path.read_text())

    verdicts_path = work / "certificates-verdicts.json"
    completed = subprocess.run([*script, "check", str(facts_path), "--output", str(verdicts_path)], cwd=ROOT, env=env,
                               capture_output=True, text=True, check=False)
    if not verdicts_path.exists():
        raise RuntimeError(f"the certificate check did not run ({completed.returncode}):\n{completed.stderr[-3000:]}")
    verdicts = json.loads(verdicts_path.read_text())
    ready = states.get("ready", 0)
    rate = ready / seconds
    ratio = rate / baseline["per_second"]
    peak_mib = [peak / 1024 for peak in peaks]
    outcome.described.append(
        f"Certificates: one webinar's {attendees} attendees; the session's attendance report imported as staff do "
        f"(courses.events.attendance.import_report), then the real path: attendance recorded -> issue task -> "
        f"render task, on {count} Celery workers (celery -A lms worker, prefork, one pool process each) over Redis, "
        f"PostgreSQL, media in a local folder; timed from the import until every certificate is ready or failed. "
        f"Baseline: {baseline['certificates']} certificates of the same template, one HTML(string=...).write_pdf() "
        f"each with the project's PDF options, in one process."
    )
    outcome.setup.append(f"certificates: database and webinar {setup_seconds:.0f}s; attendance import "
                         f"{recorded['seconds']:.1f}s ({recorded['credited']} credited)")
    outcome.figures.append(f"certificates: batch {rate:.1f} certificates/s ({ready} ready in {seconds:.1f}s), "
                           f"baseline {baseline['per_second']:.1f} certificates/s ({baseline['mean_ms']:.0f} ms each); "
                           f"ratio {ratio:.2f}x (target 10x: {'met' if ratio >= 10 else 'NOT met'})")
    cpu_ms = 1000 * cpu / max(ready, 1)
    outcome.figures.append(f"certificates: CPU per certificate (immune to other load on the machine): workers "
                           f"{cpu_ms:.0f} ms (issue, render, e-mail tasks together), baseline "
                           f"{baseline['cpu_ms']:.0f} ms; ratio {baseline['cpu_ms'] / cpu_ms:.2f}x")
    outcome.figures.append("certificates: peak memory per worker (VmHWM, worker and its pool process) "
                           + ", ".join(f"{mib:.0f} MB" for mib in peak_mib)
                           + f" (target under 500 MB: {'met' if max(peak_mib) < 500 else 'NOT met'})")
    tasks = worker_task_seconds(workers)
    outcome.figures.append("certificates: worker time by task (runs, seconds together): " + ", ".join(
        f"{name.rsplit('.', 1)[-1]} {count} / {total:.0f}s" for name, (count, total) in sorted(tasks.items())))
    outcome.figures.append("Certificate checks:")
    outcome.figures += [f"  {'PASS' if passed else 'FAIL'}  {name} ({found})" for name, passed, found in verdicts]
    outcome.passed = completed.returncode == 0 and all(passed for _, passed, _ in verdicts)
    return outcome


def main() -> int:
    options = parse_args()
    secret_key = secrets.token_urlsafe(64)
    password = secrets.token_urlsafe(18)
    env = project_env(secret_key, password)
    work = Path(tempfile.mkdtemp(prefix="lms-bench-"))
    running: list[servers.Server] = []
    started = time.perf_counter()
    load_before = os.getloadavg()[0]
    failed = True
    try:
        outcomes = []
        if options.only & HTTP_GROUPS:
            outcomes.append(run_http_targets(options, env, secret_key, password, work, running))
            for server in reversed(running):
                server.stop()
        if "catalog" in options.only:
            outcomes.append(run_catalog(options, env, work))
        if "matching" in options.only:
            outcomes.append(run_matching(options, work))
        if "certificates" in options.only:
            outcomes.append(run_certificates(options, env, work))

        print()
        for outcome in outcomes:
            print("\n".join(outcome.described))
        print(
            f"Machine: {os.cpu_count()} CPUs, shared by every process of the run; 1-minute load average "
            f"{load_before:.1f} before the run, {os.getloadavg()[0]:.1f} after. "
            f"Setup: {'; '.join(line for outcome in outcomes for line in outcome.setup)}."
        )
        print()
        for outcome in outcomes:
            print("\n".join(outcome.figures))
        passed = all(outcome.passed for outcome in outcomes)
        failed = not passed
        return 0 if passed else 1
    finally:
        for server in reversed(running):
            server.stop()
        if failed:
            print(f"\nBenchmark failed; logs kept in {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)
            print(f"\nDone in {time.perf_counter() - started:.0f}s; gunicorn stopped.")


if __name__ == "__main__":
    sys.exit(main())
