"""Where a course page or "My learning" request spends its time, in one process, on the bench's own data.

On a database of its own, `lms_bench_profile` (bench/run.py rebuilds `lms_bench` on every run, so another run would
pull the data away mid-profile), built once with `--seed` by the same migrate and bench/seed_data.py as the bench:

    set -a; source /tmp/svc.env; set +a
    .venv/bin/python bench/profile_pages.py --seed          # once: about two minutes
    .venv/bin/python bench/profile_pages.py [--requests 50] [--top 25] [--path /catalog/.../]

It signs in as the bench's learner with Django's test client (the whole middleware stack, production settings, the
bench's Redis cache database), sends a few warm-up requests to each page, then for each page prints: the queries per
request, the mean time per request, how much of it goes to the view (before the template), the template rendering,
and the rest (middleware, routing, sessions), and cProfile's top functions by cumulative time. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import base64
import cProfile
import os
import pstats
import secrets
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

LEARNER_EMAIL = "bench.learner@example.org"
PG_SERVER = "postgres://postgres@127.0.0.1:5432"
DATABASE_NAME = "lms_bench_profile"


def seed() -> None:
    """Drop and re-create the profile's database, migrate it and run the bench's seed into it."""
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DATABASE_NAME}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{DATABASE_NAME}"')
    env = {**os.environ, "BENCH_LEARNER_PASSWORD": secrets.token_urlsafe(16)}
    subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "--verbosity", "0"], cwd=ROOT, env=env,
                   check=True)
    subprocess.run([sys.executable, str(ROOT / "bench" / "seed_data.py"), os.devnull], cwd=ROOT, env=env, check=True)


def configure() -> None:
    """The production settings on the profile's database, as bench/run.py serves lms_bench (a throwaway key)."""
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "lms.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(64),
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "False",
            "DATABASE_URL": f"{PG_SERVER}/{DATABASE_NAME}",
            # Redis database 12: the bench's 13 is emptied by every bench run.
            "REDIS_URL": "redis://127.0.0.1:6379/12",
            "EMAIL_URL": "dummymail://",
            "LOG_LEVEL": "WARNING",
            "CERTIFICATE_SIGNING_KEY": base64.urlsafe_b64encode(secrets.token_bytes(32)).rstrip(b"=").decode(),
        }
    )
    os.environ.pop("CELERY_BROKER_URL", None)
    os.environ.pop("ELASTICSEARCH_URL", None)
    os.environ.pop("BENCH_LEARNER_PASSWORD", None)


def setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


class Split:
    """Time spent in the view's own work and in rendering the response's template, per request."""

    def __init__(self) -> None:
        self.render = 0.0

    def install(self) -> None:
        from django.template.response import SimpleTemplateResponse

        original = SimpleTemplateResponse.render
        split = self

        def timed_render(response):
            started = time.perf_counter()
            try:
                return original(response)
            finally:
                split.render += time.perf_counter() - started

        SimpleTemplateResponse.render = timed_render  # type: ignore[method-assign]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--path", action="append", help="pages to profile (default: the course page and My learning)")
    parser.add_argument("--seed", action="store_true", help=f"(re)build {DATABASE_NAME} and stop")
    options = parser.parse_args()
    configure()
    if options.seed:
        seed()
        return
    setup_django()

    from django.db import connection
    from django.test import Client

    from courses.models import CoursePage
    from lms.models import Member

    learner = Member.objects.get(email=LEARNER_EMAIL)
    course = CoursePage.objects.live().get(title="Value Stream Mapping in Practice")
    paths = options.path or [course.url, "/my-learning/"]
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(learner)
    split = Split()
    split.install()

    for path in paths:
        for _ in range(5):
            assert client.get(path).status_code == 200
        captured: list[tuple[float, str]] = []

        def timed(execute, sql, params, many, context, captured=captured):
            started = time.perf_counter()
            try:
                return execute(sql, params, many, context)
            finally:
                captured.append((time.perf_counter() - started, sql))

        with connection.execute_wrapper(timed):
            client.get(path)
        split.render = 0.0
        profiler = cProfile.Profile()
        started = time.perf_counter()
        profiler.enable()
        for _ in range(options.requests):
            response = client.get(path)
            assert response.status_code == 200
        profiler.disable()
        total = (time.perf_counter() - started) / options.requests * 1000
        render = split.render / options.requests * 1000
        stats = pstats.Stats(profiler)
        view = _cumulative(stats, {"learning/views.py": "offering_overview", "courses/dashboard.py": "dashboard"})
        view = view / options.requests * 1000
        print(f"\n=== {path}: {len(captured)} queries; {total:.1f} ms a request under cProfile "
              f"(the view before rendering {view:.1f} ms, template rendering {render:.1f} ms, "
              f"the rest {total - view - render:.1f} ms: middleware, routing, session)")
        print("\n".join(f"  {seconds * 1000:6.2f} ms  {sql[:150]}" for seconds, sql in captured))
        stats.sort_stats("cumulative").print_stats(options.top)
        # And without the profiler's overhead:
        started = time.perf_counter()
        for _ in range(options.requests):
            client.get(path)
        print(f"  without cProfile: {(time.perf_counter() - started) / options.requests * 1000:.1f} ms a request")


def _cumulative(stats: pstats.Stats, views: dict[str, str]) -> float:
    """Cumulative seconds of the view functions (a TemplateResponse is rendered after its view returns)."""
    total = 0.0
    for (file, _line, name), (_cc, _nc, _tt, ct, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        if any(file.endswith(suffix) and name == view for suffix, view in views.items()):
            total += ct
    return total


if __name__ == "__main__":
    main()
