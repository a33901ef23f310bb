"""The production topology end to end, as `make stack` runs it: gunicorn under the production settings, a Celery
worker and beat over Redis, PostgreSQL, Elasticsearch and the S3 server, with the demo loaded.

A member finds a new course through Elasticsearch, completes it in the browser, and receives the certificate that
the real worker rendered and stored in S3. Nothing here runs in the test's own process but the browser and the
checks: the site is reached over HTTP, the index over Elasticsearch's API, the PDF in the bucket over S3.
"""

from __future__ import annotations

import io
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import psycopg
import pytest
from elasticsearch import Elasticsearch
from psycopg import sql
from pypdf import PdfReader

from lms import local_services
from lms.local_stack import REPOSITORY, Stack, StackConfig, free_port, prepare, stack_environment
from lms.media_storage import s3_client

pytestmark = [pytest.mark.e2e]

LEARNER = "learner@demo.vsmc.org"
PASSWORD = "learn-vsm-2026"  # the demo's published password (README.md)
COURSE_TITLE = "Obeya Rooms for Stack Testers"
SEARCH_WORDS = "obeya stack testers"
WAIT = 120  # seconds the worker may take for any one piece of background work on a loaded 2-core machine

# Runs inside the stack's own `manage.py shell`: a two-lesson public course, published through Wagtail, so the
# receivers queue its indexing for the stack's worker like any instructor's course.
SEED_COURSE = f"""
from tests.factories import build_offering
course = build_offering(title={COURSE_TITLE!r}, modules=1, lessons_per_module=2, cpd_hours=2)
course.save_revision().publish()
print(course.pk, course.url)
"""


def _reset_database(services: dict[str, str], name: str) -> None:
    with psycopg.connect(f"{services['DATABASE_URL'].rsplit('/', 1)[0]}/postgres", autocommit=True) as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def _empty_bucket(env: dict[str, str]) -> None:
    client = s3_client(env)
    try:
        for listing in client.get_paginator("list_objects_v2").paginate(Bucket=env["AWS_STORAGE_BUCKET_NAME"]):
            for item in listing.get("Contents", []):
                if not item["Key"].endswith("/"):  # S3Proxy lists its folders too; they go with their files
                    client.delete_object(Bucket=env["AWS_STORAGE_BUCKET_NAME"], Key=item["Key"])
    except client.exceptions.NoSuchBucket:
        pass


def _flush_redis(env: dict[str, str]) -> None:
    import redis

    for url in (env["REDIS_URL"], env["CELERY_BROKER_URL"]):
        redis.Redis.from_url(url).flushdb()


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    """A stack of its own (database, Redis databases, alias, bucket, port), fresh every run."""
    config = StackConfig(port=free_port(), name="e2e", workers=2, worker_concurrency=2,
                         workdir=tmp_path_factory.mktemp("stack"), redis_cache_db=11, redis_broker_db=12)
    services = local_services.start()
    env = stack_environment(config, services)
    _reset_database(services, config.database)
    _empty_bucket(env)
    _flush_redis(env)
    prepare(config, env, services, say=lambda message: None)
    seeded = subprocess.run(  # noqa: S603
        [sys.executable, str(REPOSITORY / "manage.py"), "shell", "-c", SEED_COURSE],
        env=env, cwd=REPOSITORY, capture_output=True, text=True, check=True)
    course_id, course_url = seeded.stdout.split()[-2:]
    running = Stack(config, env).start()
    try:
        yield running, env, config, int(course_id), course_url
    finally:
        running.stop()


def _wait_for(check, what: str, stack: Stack, timeout: float = WAIT):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(1)
    logs = "\n".join(f"--- {name}.log\n" + "\n".join(stack.log(name).read_text(errors="replace").splitlines()[-30:])
                     for name in ("worker", "beat", "web"))
    raise AssertionError(f"{what} did not happen within {timeout} s.\n{logs}")


def test_member_finds_a_course_through_elasticsearch_completes_it_and_gets_the_certificate_from_s3(
    stack, browser, screenshot_dir
):
    running, env, config, course_id, course_url = stack
    base = config.base_url

    # --- the worker indexed the new course in Elasticsearch, under the stack's alias -------------------------
    elasticsearch = Elasticsearch(env["ELASTICSEARCH_URL"])
    _wait_for(lambda: elasticsearch.options(ignore_status=404).get(
        index=env["ELASTICSEARCH_INDEX_ALIAS"], id=str(course_id)).body.get("found"),
        "indexing the new course in Elasticsearch", running)

    context = browser.new_context(base_url=base, accept_downloads=True, locale="en-GB")
    context.set_default_timeout(30_000)
    page = context.new_page()
    server_errors: list[str] = []
    page.on("response", lambda r: r.status >= 500 and server_errors.append(f"HTTP {r.status} {r.url}"))
    try:
        # --- sign in, search, find it -------------------------------------------------------------------------
        page.goto("/accounts/login/")
        page.get_by_label("Email").fill(LEARNER)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign In").click()
        page.wait_for_url("**/my-learning/")

        page.goto("/search/")
        page.get_by_label("Courses, workshops, webinars and ethics modules").fill(SEARCH_WORDS)
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(r"/search/\?"))
        result = page.get_by_role("link", name=COURSE_TITLE)
        result.wait_for()
        assert page.locator("#search-reduced-mode").count() == 0, "the page answered from the database engine"
        api = page.request.get("/api/v1/catalog/search", params={"q": SEARCH_WORDS}).json()
        assert api["reduced_mode"] is False
        assert [hit["title"] for hit in api["results"]][:1] == [COURSE_TITLE], api
        page.screenshot(path=str(screenshot_dir / "e2e-stack-search.png"), full_page=True)
        result.click()
        page.wait_for_url(f"**{course_url}")

        # --- enrol and complete both lessons ------------------------------------------------------------------
        page.get_by_role("button", name="Enrol").click()
        for _ in range(2):
            page.get_by_role("button", name="Mark lesson complete").click()
            page.wait_for_load_state()
        assert page.get_by_text(f"completed {COURSE_TITLE}").first.is_visible()

        # --- the worker issues and renders the certificate; My learning offers it -----------------------------
        def certificate_offered():
            page.goto("/my-learning/")
            link = page.get_by_role("link", name=re.compile(rf"^Download PDF\W+{re.escape(COURSE_TITLE)}$"))
            return link if link.count() else None

        download_link = _wait_for(certificate_offered, "rendering the certificate", running)
        page.screenshot(path=str(screenshot_dir / "e2e-stack-my-learning.png"), full_page=True)
        with page.expect_download() as download:
            download_link.click()
        pdf_bytes = Path(download.value.path()).read_bytes()
        assert server_errors == []
    finally:
        context.close()

    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf_bytes)).pages)
    assert COURSE_TITLE in text
    code = re.search(r"/certificates/([A-Z0-9-]+)/", download.value.url).group(1)
    assert code in text

    # --- the PDF the member downloaded is the object the worker stored in S3, and that object is private ---------
    s3 = s3_client(env)
    bucket = env["AWS_STORAGE_BUCKET_NAME"]
    keys = [item["Key"] for item in s3.list_objects_v2(Bucket=bucket, Prefix=f"certificates/{code}/")["Contents"]]
    assert len(keys) == 1, keys
    assert s3.get_object(Bucket=bucket, Key=keys[0])["Body"].read() == pdf_bytes
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(f"{env['AWS_S3_ENDPOINT_URL']}/{bucket}/{keys[0]}", timeout=10)  # noqa: S310
    assert refused.value.code == 403

    # --- and the worker told the member, with a link to where the site is served ------------------------------
    mails = "\n".join(path.read_text(errors="replace") for path in config.mail_dir.glob("*.log"))
    assert COURSE_TITLE in mails and f"{base}/my-learning/" in mails
