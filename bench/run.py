"""`make bench`: how fast the course page and "My learning" are served, next to a bare Django view on the same machine.

Builds a fresh PostgreSQL database with a realistic course, serves the project and a baseline with gunicorn, signs
in as a learner, then sends the same fixed load to each and prints throughput and latency side by side. See
bench/README.md for what is measured and how to read it. Figures are reported, never asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
sys.path.insert(0, str(BENCH_DIR))

import load  # noqa: E402  (bench/ is a folder of scripts, not a package)
import servers  # noqa: E402

PG_SERVER = "postgres://postgres@127.0.0.1:5432"
DATABASE_NAME = "lms_bench"
REDIS_URL = "redis://127.0.0.1:6379/13"


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
    return parser.parse_args()


def step(message: str) -> float:
    print(f"• {message}", flush=True)
    return time.perf_counter()


def project_env(secret_key: str, password: str) -> dict[str, str]:
    """The production settings, pointed at the bench database; nothing else from the caller's environment leaks in."""
    env = {k: v for k, v in os.environ.items() if k not in ("CELERY_BROKER_URL", "ELASTICSEARCH_URL", "EMAIL_URL")}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "lms.settings.production",
            "SECRET_KEY": secret_key,
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "False",
            "DATABASE_URL": f"{PG_SERVER}/{DATABASE_NAME}",
            "REDIS_URL": REDIS_URL,
            "EMAIL_URL": "dummymail://",  # completion e-mails sent while seeding go nowhere
            "LOG_LEVEL": "WARNING",
            "BENCH_LEARNER_PASSWORD": password,
            "PYTHONUNBUFFERED": "1",
        }
    )
    return env


def baseline_env(secret_key: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env["SECRET_KEY"] = secret_key
    return env


def recreate_database() -> None:
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DATABASE_NAME}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{DATABASE_NAME}"')


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


def describe(result: load.Result) -> str:
    return f"{result.rps:,.0f} req/s, p50 {result.p50:.1f} ms, p95 {result.p95:.1f} ms"


def compare(result: load.Result, baseline: load.Result) -> str:
    return f"ratio rps {result.rps / baseline.rps:.2f}, p95 {result.p95 / baseline.p95:.1f}x"


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
        t = step(f"recreating database {DATABASE_NAME}")
        recreate_database()
        clear_bench_cache()
        step("migrating, with collectstatic alongside")
        manage = [sys.executable, "manage.py"]
        collectstatic = Quiet("collectstatic", [*manage, "collectstatic", "--noinput", "--verbosity", "0"], env, work)
        try:
            Quiet("migrate", [*manage, "migrate", "--noinput", "--verbosity", "0"], env, work).wait()
            step("building the course and the learner's history (tests.factories + courses rules)")
            facts_path = work / "facts.json"
            Quiet("seed", [sys.executable, str(BENCH_DIR / "seed_data.py"), str(facts_path)], env, work).wait()
            facts = json.loads(facts_path.read_text())
            collectstatic.wait()
        finally:
            collectstatic.stop()
        setup_seconds = time.perf_counter() - t

        step(f"starting gunicorn: project and baseline, {options.workers} sync workers each")
        running.append(
            servers.start_gunicorn(
                "project", "lms.wsgi:application", env=env, cwd=ROOT, log_dir=work, workers=options.workers
            )
        )
        running.append(
            servers.start_gunicorn(
                "baseline", "baseline_site:application", env=baseline_env(secret_key), cwd=ROOT, log_dir=work,
                workers=options.workers, extra_args=("--pythonpath", str(BENCH_DIR)),
            )
        )
        project, baseline_server = running
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
            print(f"    {name:<12} {describe(results[name])}", flush=True)

        base = results["baseline"]
        print()
        print(
            f"Course: {facts['course_title']} ({facts['pages']} pages: 10 modules x 10 lessons, 12 quizzes); "
            f"learner 45% through it, 4 completed and 3 open enrolments."
        )
        print(
            f"Machine: {os.cpu_count()} CPUs, shared by client and servers; 1-minute load average "
            f"{load_before:.1f} before the run, {os.getloadavg()[0]:.1f} after. "
            f"Setup {setup_seconds:.0f}s (seeding {facts['seconds']}s)."
        )
        print()
        for name in ("course page", "my learning"):
            print(f"{name}: {describe(results[name])} | baseline: {describe(base)} | {compare(results[name], base)}")
        failed = False
        return 0
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
