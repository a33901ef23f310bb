"""What production runs, on this one machine: `make stack`.

gunicorn serving the production settings, a Celery worker and Celery beat over Redis, PostgreSQL, Elasticsearch and
the S3 server (the last four from `lms.local_services`), with the demo loaded. Its own database, Redis databases,
catalog alias and bucket, so it never touches what the tests or `make run` use. Secrets are made at random on first
use and kept in `var/stack/secrets.json` (readable by this user only).

The browser test of the whole topology (`tests/e2e/test_production_stack.py`) starts a second one of these on free
ports with `Stack`, so what it proves is what `make stack` runs.

    python -m lms.local_stack [--port 8000] [--workers 3]
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import secrets
import signal
import socket
import subprocess  # noqa: S404 - running the site's processes is this module's job
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from lms import local_services

REPOSITORY = local_services.REPOSITORY
PYTHON = sys.executable
HOST = local_services.HOST


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


@dataclass
class StackConfig:
    """Where one stack keeps its state; every name is its own so two stacks (and the tests) never meet."""

    port: int = 8000
    name: str = "stack"
    workers: int = 3
    worker_concurrency: int = 2
    workdir: Path = field(default_factory=lambda: REPOSITORY / "var" / "stack")
    redis_cache_db: int = 1
    redis_broker_db: int = 2

    @property
    def base_url(self) -> str:
        return f"http://{HOST}:{self.port}"

    @property
    def database(self) -> str:
        return f"lms_{self.name.replace('-', '_')}"

    @property
    def bucket(self) -> str:
        return f"lms-{self.name}"

    @property
    def mail_dir(self) -> Path:
        return self.workdir / "mail"


def _secrets(workdir: Path) -> dict[str, str]:
    path = workdir / "secrets.json"
    if path.exists():
        return json.loads(path.read_text())
    workdir.mkdir(parents=True, exist_ok=True)
    made = {
        "SECRET_KEY": secrets.token_urlsafe(64),
        "CERTIFICATE_SIGNING_KEY": base64.urlsafe_b64encode(secrets.token_bytes(32)).decode().rstrip("="),
    }
    path.write_text(json.dumps(made))
    path.chmod(0o600)
    return made


def stack_environment(config: StackConfig, services: dict[str, str]) -> dict[str, str]:
    """The environment production would set, pointed at this machine's servers."""
    redis = services["REDIS_URL"].rsplit("/", 1)[0]
    database = services["DATABASE_URL"].rsplit("/", 1)[0]
    return {
        **os.environ,
        **_secrets(config.workdir),
        "DJANGO_SETTINGS_MODULE": "lms.settings.production",
        "DATABASE_URL": f"{database}/{config.database}",
        "REDIS_URL": f"{redis}/{config.redis_cache_db}",
        "CELERY_BROKER_URL": f"{redis}/{config.redis_broker_db}",
        "ELASTICSEARCH_URL": services["ELASTICSEARCH_URL"],
        "ELASTICSEARCH_INDEX_ALIAS": f"catalog-{config.name}",
        "AWS_S3_ENDPOINT_URL": services["AWS_S3_ENDPOINT_URL"],
        "AWS_ACCESS_KEY_ID": services["AWS_ACCESS_KEY_ID"],
        "AWS_SECRET_ACCESS_KEY": services["AWS_SECRET_ACCESS_KEY"],
        "AWS_STORAGE_BUCKET_NAME": config.bucket,
        # The learning records go to the LRS the services started (Ralph), as production's go to its own.
        **{name: services[name] for name in local_services.LRS_VARIABLES if name in services},
        "ALLOWED_HOSTS": f"{HOST},localhost",
        "WAGTAILADMIN_BASE_URL": config.base_url,
        # Plain HTTP on loopback: in production a TLS proxy stands in front and these stay on.
        "SECURE_SSL_REDIRECT": "false",
        "SESSION_COOKIE_SECURE": "false",
        "CSRF_COOKIE_SECURE": "false",
        "SECURE_HSTS_SECONDS": "0",
        # django-environ reads the path after "filemail://" as relative unless it starts with a further slash.
        "EMAIL_URL": f"filemail:///{config.mail_dir.resolve()}",
        "PYTHONUNBUFFERED": "1",
    }


def _manage(env: dict[str, str], *arguments: str) -> None:
    local_services.run_step([PYTHON, str(REPOSITORY / "manage.py"), *arguments], "stack",
                            f"`manage.py {' '.join(arguments)}`", env=env, cwd=REPOSITORY)


def _create_database(services: dict[str, str], name: str) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(f"{services['DATABASE_URL'].rsplit('/', 1)[0]}/postgres", autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def _create_bucket(env: dict[str, str]) -> None:
    from botocore.exceptions import ClientError

    from lms.media_storage import s3_client

    client = s3_client(env)
    try:
        client.head_bucket(Bucket=env["AWS_STORAGE_BUCKET_NAME"])
    except ClientError:
        client.create_bucket(Bucket=env["AWS_STORAGE_BUCKET_NAME"])


def prepare(config: StackConfig, env: dict[str, str], services: dict[str, str], say=print) -> None:
    """Database, bucket, schema, static files, the demo and the catalog index: each step safe to repeat."""
    say(f"preparing database {config.database} and bucket {config.bucket}")
    _create_database(services, config.database)
    _create_bucket(env)
    config.mail_dir.mkdir(parents=True, exist_ok=True)
    say("migrating")
    _manage(env, "migrate", "--noinput", "--verbosity", "0")
    say("collecting static files")
    _manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    say("loading the demo (once)")
    _manage(env, "load_demo", "--outside-debug", "--verbosity", "0")
    say("indexing the catalog in Elasticsearch")
    _manage(env, "catalog_reindex", "--verbosity", "0")


@dataclass
class Stack:
    """The three long-running processes of the site; `start` returns once the site answers."""

    config: StackConfig
    env: dict[str, str]
    processes: dict[str, subprocess.Popen] = field(default_factory=dict)

    def commands(self) -> dict[str, list[str]]:
        config = self.config
        return {
            "web": [PYTHON, "-m", "gunicorn", "lms.wsgi:application", "--bind", f"{HOST}:{config.port}",
                    "--workers", str(config.workers), "--access-logfile", "-", "--timeout", "60"],
            "worker": [PYTHON, "-m", "celery", "-A", "lms", "worker", "--loglevel", "info",
                       "--concurrency", str(config.worker_concurrency), "--hostname", f"{config.name}@%h"],
            "beat": [PYTHON, "-m", "celery", "-A", "lms", "beat", "--loglevel", "info",
                     "--schedule", str(config.workdir / "celerybeat-schedule"),
                     "--pidfile", str(config.workdir / "celerybeat.pid")],
        }

    def log(self, name: str) -> Path:
        return self.config.workdir / f"{name}.log"

    def start(self, timeout: float = 90) -> Stack:
        self.config.workdir.mkdir(parents=True, exist_ok=True)
        (self.config.workdir / "celerybeat.pid").unlink(missing_ok=True)
        for name, command in self.commands().items():
            with open(self.log(name), "ab") as out:
                self.processes[name] = subprocess.Popen(  # noqa: S603
                    command, env=self.env, cwd=REPOSITORY, stdout=out, stderr=subprocess.STDOUT,
                    start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self._check_running()
            if self._site_answers() and "ready" in self.log("worker").read_text(errors="replace"):
                return self
            time.sleep(0.5)
        self.stop()
        raise local_services.ServiceFailed("stack", f"the site did not answer on {self.config.base_url} within "
                                                    f"{timeout} s; see the logs in {self.config.workdir}")

    def _site_answers(self) -> bool:
        return local_services.http_status(self.config.base_url + "/", timeout=5) == 200

    def _check_running(self) -> None:
        for name, process in self.processes.items():
            if process.poll() is not None:
                tail = "\n".join(self.log(name).read_text(errors="replace").splitlines()[-20:])
                self.stop()
                raise local_services.ServiceFailed("stack", f"{name} exited (code {process.returncode}):\n{tail}")

    def wait(self) -> None:
        """Until one process ends or the person presses Ctrl-C."""
        while True:
            self._check_running()
            time.sleep(1)

    def stop(self) -> None:
        for process in self.processes.values():
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes.values():
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


def launch(config: StackConfig, say=print) -> Stack:
    """Servers, then the prepared site, then its processes."""
    services = local_services.start()
    env = stack_environment(config, services)
    prepare(config, env, services, say=say)
    return Stack(config, env).start()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m lms.local_stack", description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", 8000)))
    parser.add_argument("--workers", type=int, default=3, choices=range(1, 17), metavar="1-16")
    options = parser.parse_args(argv)
    config = StackConfig(port=options.port, workers=options.workers)
    try:
        stack = launch(config, say=lambda message: print(f"[stack] {message}", flush=True))
    except local_services.ServiceFailed as error:
        print(f"[stack] could not start: {error}", file=sys.stderr)
        return 1
    print(f"[stack] serving {config.base_url}/ (gunicorn x{config.workers}, Celery worker and beat over Redis, "
          f"PostgreSQL database {config.database}, Elasticsearch alias catalog-{config.name}, bucket "
          f"{config.bucket}); logs and e-mails in {config.workdir}. Ctrl-C stops the site (the servers keep "
          "running: `make services-stop`).", flush=True)
    # `kill` (SIGTERM) stops the site as Ctrl-C does, children included.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        stack.wait()
    except KeyboardInterrupt:
        pass
    except local_services.ServiceFailed as error:
        print(f"[stack] {error}", file=sys.stderr)
        return 1
    finally:
        stack.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
