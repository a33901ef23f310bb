"""The production servers on this one machine: PostgreSQL, Redis, Elasticsearch, an S3-compatible store and a
Learning Record Store.

`make services`, `make test`, `make bench` and `make stack` call this before anything needs a server, so a bare
Debian machine needs nothing started by hand. For each server:

- when its variable is already set (`DATABASE_URL`, `REDIS_URL`, `ELASTICSEARCH_URL`, `AWS_S3_ENDPOINT_URL`,
  `LRS_ENDPOINT`), that
  server is used and nothing is started: it is only checked to answer;
- when the one started here before still answers, it is reused (a second `make test` starts nothing);
- otherwise it is installed if missing and started, with its data under `var/services/<name>/`.

What is started: Debian's PostgreSQL and Redis; Elastic's own minimal Elasticsearch distribution, fetched from Maven
Central with Maven, plus the catalog's analysis plugin built from `search/elasticsearch_plugin/`; S3Proxy (a real
S3 API server on a local folder), also from Maven Central; Ralph (an xAPI Learning Record Store, from PyPI, in a
virtualenv of its own so its pinned dependencies never meet ours), storing statements in the Elasticsearch above.
Elasticsearch and PostgreSQL refuse to run as root, so when this runs as root they run as the system user
`lms-services`.

Only the standard library: this runs before Django is configured, sometimes before the project is installed.

    python -m lms.local_services start [NAME ...]   # start (or reuse) and print the lines that point at them
    python -m lms.local_services start ralph --export   # just one of them (here the LRS), as shell lines
    python -m lms.local_services stop               # stop what this checkout started
    python -m lms.local_services env                # print the lines again
"""

from __future__ import annotations

import argparse
import glob
import hashlib
import json
import os
import secrets
import shlex
import shutil
import signal
import socket
import subprocess  # noqa: S404 - starting servers is this module's job
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parent.parent
STATE = Path(os.environ.get("LMS_SERVICES_DIR", REPOSITORY / "var" / "services"))
# Downloads are the same for every checkout on the machine: kept once, outside the repository.
CACHE = Path(os.environ.get("LMS_SERVICES_CACHE", Path.home() / ".cache" / "vsmc-lms"))
SERVICE_USER = "lms-services"
HOST = "127.0.0.1"

ELASTICSEARCH_VERSION = os.environ.get("ELASTICSEARCH_VERSION", "8.19.21")
ELASTICSEARCH_HEAP = os.environ.get("ELASTICSEARCH_HEAP", "512m")
ELASTICSEARCH_ARTIFACT = "org.elasticsearch.distribution.integ-test-zip:elasticsearch:{version}:zip"
PLUGIN_SOURCE = REPOSITORY / "search" / "elasticsearch_plugin"
PLUGIN_NAME = "catalog-analysis"
S3PROXY_VERSION = "3.1.0"
S3PROXY_ARTIFACT = f"org.gaul:s3proxy:{S3PROXY_VERSION}:jar:jar-with-dependencies"
S3_BUCKET = "lms-media"
# Ralph, pinned, with the extras its API server and its Elasticsearch backend need; `requests` is imported by its API
# but not declared by 5.1.0. Its filesystem backend is not used: in 5.1.0 it refuses every write after the first (it
# creates its one file and will not append), so statements go to an index of the Elasticsearch the tests use.
RALPH_VERSION = "5.1.0"
RALPH_REQUIREMENTS = (f"ralph-malph[backend-es,lrs]=={RALPH_VERSION}", "requests>=2.32")
RALPH_USER = "lms"
RALPH_INDEX = "lms-xapi-statements"

# Each port can be moved (LMS_POSTGRES_PORT, LMS_REDIS_PORT, LMS_ELASTICSEARCH_PORT, LMS_S3_PORT), e.g. for a second
# checkout's servers beside the first.
DEFAULT_PORTS = {"postgres": 5432, "redis": 6379, "elasticsearch": 9200, "s3": 9000, "ralph": 8100}
PORTS = {name: int(os.environ.get(f"LMS_{name.upper()}_PORT", port)) for name, port in DEFAULT_PORTS.items()}
START_TIMEOUTS = {"postgres": 60, "redis": 20, "elasticsearch": 240, "s3": 90, "ralph": 60}
SERVICE_NAMES = tuple(PORTS)  # in starting order: Ralph stores its statements in Elasticsearch
TITLES = {"postgres": "PostgreSQL", "redis": "Redis", "elasticsearch": "Elasticsearch", "s3": "S3 (S3Proxy)",
          "ralph": "Learning Record Store (Ralph)"}


class ServiceFailed(RuntimeError):
    """A server could not be installed, started or reached; the message names it and says why."""

    def __init__(self, service: str, reason: str):
        super().__init__(f"{TITLES.get(service, service)}: {reason}")
        self.service = service


# ------------------------------------------------------------------------------------------------------ plumbing


def _say(message: str) -> None:
    print(f"[services] {message}", file=sys.stderr, flush=True)


def run_step(command: list[str], service: str, what: str, **options) -> subprocess.CompletedProcess:
    """Run a setup command; a failure names the service, the step and the command's last words."""
    try:
        result = subprocess.run(command, capture_output=True, text=True, **options)  # noqa: S603
    except FileNotFoundError as error:
        raise ServiceFailed(service, f"{what} failed: {command[0]} is not installed ({error})") from error
    if result.returncode != 0:
        tail = "\n".join((result.stdout + result.stderr).strip().splitlines()[-15:])
        raise ServiceFailed(service, f"{what} failed (exit {result.returncode}): {' '.join(command)}\n{tail}")
    return result


def _port_open(port: int) -> bool:
    try:
        with socket.create_connection((HOST, port), timeout=1):
            return True
    except OSError:
        return False


def http_status(url: str, timeout: float = 3) -> int | None:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 - local servers only
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except (urllib.error.URLError, OSError):
        return None


def _alive(pid_file: Path) -> int | None:
    try:
        pid = int(pid_file.read_text().split()[0])
        os.kill(pid, 0)
    except (OSError, ValueError, IndexError):
        return None
    return pid


def _is_root() -> bool:
    return os.geteuid() == 0


def _ensure_service_user() -> None:
    """Create `lms-services` on first use: a new machine has no such user, and whichever step needs it first
    (handing over a folder, or running a server) creates it."""
    if subprocess.run(["id", "-u", SERVICE_USER], capture_output=True).returncode != 0:  # noqa: S603,S607
        run_step(["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", SERVICE_USER],
                 "setup", f"creating the user {SERVICE_USER}")


def _as_service_user(command: list[str]) -> list[str]:
    """Servers that refuse root run as `lms-services` when this runs as root."""
    if not _is_root():
        return command
    _ensure_service_user()
    return ["runuser", "-u", SERVICE_USER, "--", *command]


def _own(path: Path) -> None:
    """Hand a server's folder to the user it runs as."""
    if _is_root():
        _ensure_service_user()
        run_step(["chown", "-R", f"{SERVICE_USER}:", str(path)], "setup", f"giving {path} to {SERVICE_USER}")


def _wait_until(ready: Callable[[], bool], service: str, timeout: float, log: Path | None,
                still_running: Callable[[], bool] = lambda: True) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if ready():
            return
        if not still_running():
            raise ServiceFailed(service, f"exited while starting.{_log_tail(log)}")
        time.sleep(0.5)
    raise ServiceFailed(service, f"did not answer within {timeout} s.{_log_tail(log)}")


def _log_tail(log: Path | None, lines: int = 20) -> str:
    if log is None or not log.exists():
        return ""
    tail = log.read_text(errors="replace").strip().splitlines()[-lines:]
    return f"\nLast lines of {log}:\n" + "\n".join(tail)


def _apt_install(service: str, packages: list[str]) -> None:
    missing = [p for p in packages if subprocess.run(  # noqa: S603
        ["dpkg", "-s", p], capture_output=True).returncode != 0]  # noqa: S607
    if not missing:
        return
    sudo = [] if _is_root() else ["sudo"]
    _say(f"installing Debian packages for {TITLES[service]}: {' '.join(missing)}")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    run_step([*sudo, "apt-get", "update", "-qq"], service, "apt-get update", env=env)
    run_step([*sudo, "apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing], service,
         f"apt-get install {' '.join(missing)}", env=env)


def _ensure_java_tools(service: str) -> None:
    """Java 17 and Maven, from Debian's packages when the machine lacks them."""
    wanted = {"java": "openjdk-17-jdk-headless", "mvn": "maven"}
    missing = [package for command, package in wanted.items() if not shutil.which(command)]
    if missing:
        _apt_install(service, missing)


def _maven_fetch(service: str, artifact: str, filename: str) -> Path:
    """One artifact from Maven Central, through Maven (its own cache, checksums and proxy settings), kept in CACHE."""
    target = CACHE / filename
    if target.exists():
        return target
    _ensure_java_tools(service)
    CACHE.mkdir(parents=True, exist_ok=True)
    _say(f"fetching {artifact} from Maven Central")
    run_step(["mvn", "-q", "-B", "dependency:copy", f"-Dartifact={artifact}", f"-DoutputDirectory={CACHE}",
          "-Dmdep.overWriteReleases=false"], service, f"fetching {artifact} with Maven", cwd=CACHE)
    if not target.exists():
        raise ServiceFailed(service, f"Maven reported success but {target} is missing")
    return target


def _java_home() -> str:
    java = shutil.which("java")
    if not java:
        raise ServiceFailed("elasticsearch", "no `java` on PATH (Java 17 is needed)")
    return str(Path(java).resolve().parent.parent)


def _start_detached(command: list[str], log: Path, env: dict | None = None,
                    cwd: Path | None = None) -> subprocess.Popen:
    """A server in its own session, so it outlives this command (and `make`), its output in `log`."""
    log.parent.mkdir(parents=True, exist_ok=True)
    with open(log, "ab") as out:
        return subprocess.Popen(  # noqa: S603
            command, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env, cwd=cwd,
            start_new_session=True,
        )


def _stop_pid(pid_file: Path, grace: float = 30) -> bool:
    pid = _alive(pid_file)
    if pid is None:
        pid_file.unlink(missing_ok=True)
        return False
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + grace
    while time.monotonic() < deadline and _alive(pid_file):
        time.sleep(0.3)
    if _alive(pid_file):
        os.kill(pid, signal.SIGKILL)
    pid_file.unlink(missing_ok=True)
    return True


# -------------------------------------------------------------------------------------------------- PostgreSQL


def _postgres_bin(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), key=lambda p: int(Path(p).parts[4]))
    if not found:
        raise ServiceFailed("postgres", f"{name} not found under /usr/lib/postgresql after installing")
    return found[-1]


def _postgres_answers(url_host: str = HOST, port: int = PORTS["postgres"]) -> bool:
    result = subprocess.run(  # noqa: S603
        ["pg_isready", "-q", "-h", url_host, "-p", str(port), "-U", "postgres"], capture_output=True)  # noqa: S607
    return result.returncode == 0


def start_postgres() -> str:
    home = STATE / "postgres"
    data, log = home / "data", home / "postgres.log"
    url = f"postgres://postgres@{HOST}:{PORTS['postgres']}/lms"
    if (data / "postmaster.pid").exists() and _alive(data / "postmaster.pid") and _postgres_answers():
        _ensure_database("lms")
        return url
    if _port_open(PORTS["postgres"]):
        if _postgres_answers():
            _say(f"PostgreSQL already answers on {HOST}:{PORTS['postgres']}; using it")
            _ensure_database("lms")
            return url
        raise ServiceFailed("postgres", f"port {PORTS['postgres']} is taken by something that is not PostgreSQL")
    _apt_install("postgres", ["postgresql"])
    if not (data / "PG_VERSION").exists():
        home.mkdir(parents=True, exist_ok=True)
        _own(home)
        run_step(_as_service_user([_postgres_bin("initdb"), "-D", str(data), "--auth=trust", "-U", "postgres",
                               "--encoding=UTF8", "--locale=C.UTF-8"]), "postgres", "initdb")
    settings = (f"-c listen_addresses={HOST} -c port={PORTS['postgres']} -c unix_socket_directories={home} "
                "-c max_connections=200 -c fsync=off -c synchronous_commit=off -c full_page_writes=off")
    run_step(_as_service_user([_postgres_bin("pg_ctl"), "-D", str(data), "-l", str(log), "-o", settings, "-w",
                           "-t", str(START_TIMEOUTS["postgres"]), "start"]), "postgres", "pg_ctl start")
    _wait_until(_postgres_answers, "postgres", START_TIMEOUTS["postgres"], log)
    _ensure_database("lms")
    return url


def _ensure_database(name: str) -> None:
    """The database DATABASE_URL names, so `manage.py migrate` against it works straight away."""
    connection = ["-h", HOST, "-p", str(PORTS["postgres"]), "-U", "postgres"]
    listed = run_step(["psql", *connection, "--list", "--tuples-only", "--no-align"], "postgres", "listing databases")
    if name not in {line.split("|", 1)[0] for line in listed.stdout.splitlines()}:
        run_step(["createdb", *connection, name], "postgres", f"creating the database {name}")


def stop_postgres() -> bool:
    data = STATE / "postgres" / "data"
    if not _alive(data / "postmaster.pid"):
        return False
    run_step(_as_service_user([_postgres_bin("pg_ctl"), "-D", str(data), "-m", "fast", "stop"]), "postgres",
         "pg_ctl stop")
    return True


# ------------------------------------------------------------------------------------------------------- Redis


def _redis_answers(port: int | None = None, host: str = HOST) -> bool:
    try:
        with socket.create_connection((host, port or PORTS["redis"]), timeout=1) as connection:
            connection.sendall(b"PING\r\n")
            return connection.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def start_redis() -> str:
    home = STATE / "redis"
    url = f"redis://{HOST}:{PORTS['redis']}/15"
    if _redis_answers():
        if not _alive(home / "redis.pid"):
            _say(f"Redis already answers on {HOST}:{PORTS['redis']}; using it")
        return url
    if _port_open(PORTS["redis"]):
        raise ServiceFailed("redis", f"port {PORTS['redis']} is taken by something that is not Redis")
    _apt_install("redis", ["redis-server"])
    home.mkdir(parents=True, exist_ok=True)
    run_step(["redis-server", "--bind", HOST, "--port", str(PORTS["redis"]), "--daemonize", "yes", "--dir", str(home),
          "--pidfile", str(home / "redis.pid"), "--logfile", str(home / "redis.log"), "--save", "",
          "--appendonly", "no"], "redis", "redis-server")
    _wait_until(_redis_answers, "redis", START_TIMEOUTS["redis"], home / "redis.log")
    return url


def stop_redis() -> bool:
    return _stop_pid(STATE / "redis" / "redis.pid")


# ----------------------------------------------------------------------------------------------- Elasticsearch


def _plugin_fingerprint() -> str:
    digest = hashlib.sha256(ELASTICSEARCH_VERSION.encode())
    for path in sorted(PLUGIN_SOURCE.rglob("*")):
        if path.is_file() and "target" not in path.relative_to(PLUGIN_SOURCE).parts:
            digest.update(str(path.relative_to(PLUGIN_SOURCE)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _build_plugin() -> Path:
    """The catalog's analysis plugin for this Elasticsearch version, built from the checkout with Maven."""
    _ensure_java_tools("elasticsearch")
    _say(f"building the {PLUGIN_NAME} plugin for Elasticsearch {ELASTICSEARCH_VERSION}")
    run_step(["mvn", "-q", "-B", "-f", str(PLUGIN_SOURCE / "pom.xml"),
              f"-Delasticsearch.version={ELASTICSEARCH_VERSION}", "package"],
             "elasticsearch", f"building the {PLUGIN_NAME} plugin")
    built = sorted((PLUGIN_SOURCE / "target").glob(f"{PLUGIN_NAME}-*.zip"))
    if len(built) != 1:
        raise ServiceFailed("elasticsearch", f"expected one {PLUGIN_NAME} zip in {PLUGIN_SOURCE / 'target'}, "
                                             f"found {len(built)}")
    return built[0]


def ensure_elasticsearch() -> Path:
    """Elasticsearch's home for this checkout: the distribution unpacked, with the catalog plugin installed.

    One home per version and plugin source (its fingerprint is in the folder's name), so a node still running from
    an older home keeps it while a new one is made; `make services-stop` and start again to move to the new one."""
    fingerprint = _plugin_fingerprint()
    home = STATE / "elasticsearch" / f"elasticsearch-{ELASTICSEARCH_VERSION}-{fingerprint}"
    ready = home / ".catalog-plugin-installed"
    if ready.exists():
        return home
    distribution = _maven_fetch("elasticsearch", ELASTICSEARCH_ARTIFACT.format(version=ELASTICSEARCH_VERSION),
                                f"elasticsearch-{ELASTICSEARCH_VERSION}.zip")
    plugin = _build_plugin()
    unpacked = STATE / "elasticsearch" / "unpacking"
    shutil.rmtree(unpacked, ignore_errors=True)
    shutil.rmtree(home, ignore_errors=True)
    with zipfile.ZipFile(distribution) as archive:
        archive.extractall(unpacked)  # noqa: S202 - Elastic's own archive, fetched with checksums by Maven
    (unpacked / f"elasticsearch-{ELASTICSEARCH_VERSION}").rename(home)
    unpacked.rmdir()
    for script in (home / "bin").iterdir():
        script.chmod(0o755)
    env = {**os.environ, "ES_JAVA_HOME": _java_home()}
    run_step([str(home / "bin" / "elasticsearch-plugin"), "install", "--batch", plugin.resolve().as_uri()],
         "elasticsearch", f"installing the {PLUGIN_NAME} plugin", env=env)
    _own(home)
    ready.touch()
    return home


@dataclass
class ElasticsearchNode:
    """One single-node Elasticsearch on `port`, its data, logs and pid under `workdir`.

    `make services` runs one on 9200; tests that must kill a cluster start a throwaway one of their own."""

    port: int
    workdir: Path
    heap: str = ELASTICSEARCH_HEAP

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    @property
    def pid_file(self) -> Path:
        return self.workdir / "elasticsearch.pid"

    @property
    def log(self) -> Path:
        return self.workdir / "logs" / "elasticsearch.log"

    def answers(self) -> bool:
        return http_status(f"{self.url}/_cluster/health?wait_for_status=yellow&timeout=1s") == 200

    def running(self) -> bool:
        return _alive(self.pid_file) is not None

    def start(self, timeout: float = START_TIMEOUTS["elasticsearch"]) -> ElasticsearchNode:
        """Start (or keep) the node and wait until its cluster is at least yellow."""
        if self.running() and self.answers():
            return self
        if _port_open(self.port):
            raise ServiceFailed("elasticsearch", f"port {self.port} is taken by something else")
        home = ensure_elasticsearch()
        for folder in ("data", "logs"):
            (self.workdir / folder).mkdir(parents=True, exist_ok=True)
        _own(self.workdir)
        env = {**os.environ, "ES_JAVA_HOME": _java_home(), "ES_JAVA_OPTS": f"-Xms{self.heap} -Xmx{self.heap}"}
        env.pop("ES_PATH_CONF", None)
        settings = {
            "discovery.type": "single-node",
            "network.host": HOST,
            "http.port": self.port,
            "transport.port": self.port + 100,
            "path.data": self.workdir / "data",
            "path.logs": self.workdir / "logs",
            "cluster.name": f"lms-{self.port}",
            "node.name": f"lms-{self.port}",
            "xpack.security.enabled": "false",
            # A nearly full disk must not turn the index read-only in the middle of a test run.
            "cluster.routing.allocation.disk.threshold_enabled": "false",
            "action.destructive_requires_name": "false",
        }
        command = [str(home / "bin" / "elasticsearch"), "-p", str(self.pid_file)]
        command += [f"-E{key}={value}" for key, value in settings.items()]
        process = _start_detached(_as_service_user(command), self.workdir / "console.log", env=env, cwd=home)
        _wait_until(self.answers, "elasticsearch", timeout, self.workdir / "console.log",
                    still_running=lambda: process.poll() is None)
        return self

    def kill(self) -> None:
        """Gone at once, as a crashed or unplugged server is (SIGKILL)."""
        pid = _alive(self.pid_file)
        if pid is not None:
            os.kill(pid, signal.SIGKILL)
            while _alive(self.pid_file):
                time.sleep(0.1)

    def stop(self) -> bool:
        return _stop_pid(self.pid_file)


def main_elasticsearch() -> ElasticsearchNode:
    return ElasticsearchNode(PORTS["elasticsearch"], STATE / "elasticsearch" / "node")


def start_elasticsearch() -> str:
    node = main_elasticsearch()
    if not node.running() and _port_open(node.port):
        if node.answers():
            _say(f"Elasticsearch already answers on {node.url}; using it")
            return node.url
        raise ServiceFailed("elasticsearch", f"port {node.port} is taken by something that is not Elasticsearch")
    node.start()
    return node.url


def stop_elasticsearch() -> bool:
    return main_elasticsearch().stop()


# ------------------------------------------------------------------------------------------------------------ S3


def _s3_credentials() -> dict[str, str]:
    """This checkout's S3 keys: made once at random, kept with the server's data (it listens on loopback only)."""
    path = STATE / "s3" / "credentials.json"
    if path.exists():
        return json.loads(path.read_text())
    path.parent.mkdir(parents=True, exist_ok=True)
    credentials = {"access_key": f"lms-{secrets.token_hex(6)}", "secret_key": secrets.token_urlsafe(30)}
    path.write_text(json.dumps(credentials))
    path.chmod(0o600)
    return credentials


def _s3_answers() -> bool:
    # Any S3 answer (403 to an anonymous request included) means the server is up.
    return http_status(f"http://{HOST}:{PORTS['s3']}/{S3_BUCKET}") in (200, 403, 404)


def start_s3() -> dict[str, str]:
    home = STATE / "s3"
    credentials = _s3_credentials()
    lines = {
        "AWS_S3_ENDPOINT_URL": f"http://{HOST}:{PORTS['s3']}",
        "AWS_ACCESS_KEY_ID": credentials["access_key"],
        "AWS_SECRET_ACCESS_KEY": credentials["secret_key"],
        "AWS_STORAGE_BUCKET_NAME": S3_BUCKET,
    }
    if _alive(home / "s3proxy.pid") and _s3_answers():
        return lines
    if _port_open(PORTS["s3"]):
        raise ServiceFailed("s3", f"port {PORTS['s3']} is taken by a server this checkout did not start (its keys "
                                  "are unknown here): stop it, or set AWS_S3_ENDPOINT_URL and its keys")
    jar = _maven_fetch("s3", S3PROXY_ARTIFACT, f"s3proxy-{S3PROXY_VERSION}-jar-with-dependencies.jar")
    (home / "data" / S3_BUCKET).mkdir(parents=True, exist_ok=True)  # a bucket is a folder of the filesystem store
    config = home / "s3proxy.conf"
    config.write_text("\n".join([
        f"s3proxy.endpoint=http://{HOST}:{PORTS['s3']}",
        # Every request must be signed (v2 or v4); objects have no public ACL, so unsigned reads are refused.
        "s3proxy.authorization=aws-v2-or-v4",
        f"s3proxy.identity={credentials['access_key']}",
        f"s3proxy.credential={credentials['secret_key']}",
        "jclouds.provider=filesystem",
        f"jclouds.filesystem.basedir={home / 'data'}",
        "",
    ]))
    config.chmod(0o600)
    log = home / "s3proxy.log"
    process = _start_detached(["java", "-Xmx256m", "-jar", str(jar), "--properties", str(config)], log)
    (home / "s3proxy.pid").write_text(str(process.pid))
    _wait_until(_s3_answers, "s3", START_TIMEOUTS["s3"], log, still_running=lambda: process.poll() is None)
    return lines


def stop_s3() -> bool:
    return _stop_pid(STATE / "s3" / "s3proxy.pid")


# --------------------------------------------------------------------------------------------------------- Ralph


def _ralph_home() -> Path:
    return STATE / "ralph"


def _ralph_venv() -> Path:
    """Ralph's own virtualenv, one per version: its pinned FastAPI, pydantic and httpx stay out of ours. pip's
    download cache (shared by every checkout) makes a second install take seconds."""
    venv = _ralph_home() / f"venv-{RALPH_VERSION}"
    ready = venv / ".installed"
    if ready.exists():
        return venv
    shutil.rmtree(venv, ignore_errors=True)
    _say(f"installing Ralph {RALPH_VERSION} from PyPI into {venv}")
    run_step([sys.executable, "-m", "venv", str(venv)], "ralph", "creating Ralph's virtualenv")
    run_step([str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
              *RALPH_REQUIREMENTS], "ralph", "pip install ralph-malph")
    ready.touch()
    return venv


def _ralph_credentials(venv: Path) -> dict[str, str]:
    """This checkout's LRS account: made once at random, written to Ralph's basic-auth file as a bcrypt hash
    (computed by Ralph's own bcrypt) with every scope, the platform's identity as its authority."""
    home = _ralph_home()
    path = home / "credentials.json"
    auth_file = home / "auth.json"
    if path.exists() and auth_file.exists():
        return json.loads(path.read_text())
    home.mkdir(parents=True, exist_ok=True)
    credentials = {"username": RALPH_USER, "password": secrets.token_urlsafe(24)}
    script = (
        "import bcrypt, json, sys\n"
        "password = sys.stdin.read().encode()\n"
        "print(json.dumps([{'username': sys.argv[1], 'hash': bcrypt.hashpw(password, bcrypt.gensalt()).decode(),"
        " 'scopes': ['all'], 'agent': {'account': {'name': sys.argv[1], 'homePage': sys.argv[2]}}}]))\n"
    )
    written = run_step([str(venv / "bin" / "python"), "-c", script, RALPH_USER, f"http://{HOST}"], "ralph",
                       "writing Ralph's auth file", input=credentials["password"])
    auth_file.write_text(written.stdout)
    auth_file.chmod(0o600)
    path.write_text(json.dumps(credentials))
    path.chmod(0o600)
    return credentials


def _ralph_answers() -> bool:
    # The load balancer's heartbeat: the API is up. (Its full `__heartbeat__` asks Elasticsearch for `GET /`, which
    # the minimal distribution started here does not serve.)
    return http_status(f"http://{HOST}:{PORTS['ralph']}/__lbheartbeat__") == 200


def _ensure_statement_index(elasticsearch: str) -> None:
    """Ralph reads from its index before it ever writes to it, so it must exist: made once, kept across runs."""
    url = f"{elasticsearch.rstrip('/')}/{RALPH_INDEX}"
    if http_status(url) == 200:
        return
    request = urllib.request.Request(url, method="PUT")  # noqa: S310 - the local Elasticsearch
    try:
        with urllib.request.urlopen(request, timeout=30):  # noqa: S310
            return
    except urllib.error.HTTPError as error:
        if error.code == 400 and b"resource_already_exists" in error.read():
            return  # made meanwhile by another start
        raise ServiceFailed("ralph", f"could not create the index {RALPH_INDEX} in {elasticsearch}: {error}") from error
    except (urllib.error.URLError, OSError) as error:
        raise ServiceFailed("ralph", f"Elasticsearch at {elasticsearch} does not answer: {error}") from error


def start_ralph() -> dict[str, str]:
    home = _ralph_home()
    running = _alive(home / "ralph.pid") and _ralph_answers()
    if not running and _port_open(PORTS["ralph"]):
        raise ServiceFailed("ralph", f"port {PORTS['ralph']} is taken by a server this checkout did not start (its "
                                     "account is unknown here): stop it, or set LRS_ENDPOINT and its account")
    venv = _ralph_venv()
    credentials = _ralph_credentials(venv)
    lines = {
        "LRS_ENDPOINT": f"http://{HOST}:{PORTS['ralph']}/xAPI/",
        "LRS_USERNAME": credentials["username"],
        "LRS_PASSWORD": credentials["password"],
    }
    if running:
        return lines
    elasticsearch = (_given("elasticsearch") or {}).get("ELASTICSEARCH_URL") or start_elasticsearch()
    _ensure_statement_index(elasticsearch)
    env = {
        **os.environ,
        "RALPH_APP_DIR": str(home / "app"),
        "RALPH_AUTH_FILE": str(home / "auth.json"),
        "RALPH_RUNSERVER_BACKEND": "es",
        "RALPH_BACKENDS__LRS__ES__HOSTS": elasticsearch,
        "RALPH_BACKENDS__LRS__ES__DEFAULT_INDEX": RALPH_INDEX,
        "RALPH_BACKENDS__LRS__ES__ALLOW_YELLOW_STATUS": "true",  # one node: replicas never assigned
        # A statement is searchable once its PUT is answered, so a resend finds it and is not stored twice.
        "RALPH_BACKENDS__LRS__ES__REFRESH_AFTER_WRITE": "wait_for",
    }
    log = home / "ralph.log"
    # Ralph's API run the way its docs deploy it (uvicorn on ralph.api:app), not `ralph runserver`, which reloads.
    process = _start_detached([str(venv / "bin" / "uvicorn"), "ralph.api:app", "--host", HOST, "--port",
                               str(PORTS["ralph"]), "--no-access-log"], log, env=env, cwd=home)
    (home / "ralph.pid").write_text(str(process.pid))
    _wait_until(_ralph_answers, "ralph", START_TIMEOUTS["ralph"], log, still_running=lambda: process.poll() is None)
    return lines


def stop_ralph() -> bool:
    return _stop_pid(_ralph_home() / "ralph.pid")


# ----------------------------------------------------------------------------------------------------- commands

ENV_FILE = STATE / "env"
S3_VARIABLES = ("AWS_S3_ENDPOINT_URL", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_STORAGE_BUCKET_NAME")
LRS_VARIABLES = ("LRS_ENDPOINT", "LRS_USERNAME", "LRS_PASSWORD")


def _without_password(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    if parts.password is None:
        return url
    return parts._replace(netloc=parts.netloc.replace(f":{parts.password}@", ":***@")).geturl()


def _given(service: str) -> dict[str, str] | None:
    """The lines for a server the environment already names (nothing is started for it), after checking it answers."""
    if service == "postgres" and os.environ.get("DATABASE_URL"):
        url = os.environ["DATABASE_URL"]
        if subprocess.run(["pg_isready", "-q", "-d", url], capture_output=True).returncode != 0:  # noqa: S603,S607
            raise ServiceFailed("postgres", f"DATABASE_URL={_without_password(url)} does not answer")
        return {"DATABASE_URL": url}
    if service == "redis" and os.environ.get("REDIS_URL"):
        url = os.environ["REDIS_URL"]
        address = urllib.parse.urlsplit(url)
        if not _redis_answers(address.port or 6379, address.hostname or HOST):
            raise ServiceFailed("redis", f"REDIS_URL={_without_password(url)} does not answer")
        return {"REDIS_URL": url}
    if service == "elasticsearch" and os.environ.get("ELASTICSEARCH_URL"):
        url = os.environ["ELASTICSEARCH_URL"].rstrip("/")
        if http_status(f"{url}/_cluster/health") is None:
            raise ServiceFailed("elasticsearch", f"ELASTICSEARCH_URL={url} does not answer")
        return {"ELASTICSEARCH_URL": url}
    if service == "s3" and os.environ.get("AWS_S3_ENDPOINT_URL"):
        missing = [name for name in S3_VARIABLES if not os.environ.get(name)]
        if missing:
            raise ServiceFailed("s3", f"AWS_S3_ENDPOINT_URL is set but {', '.join(missing)} is not")
        return {name: os.environ[name] for name in S3_VARIABLES}
    if service == "ralph" and os.environ.get("LRS_ENDPOINT"):
        endpoint = os.environ["LRS_ENDPOINT"]
        # Any HTTP answer means a server is there; its account is checked by the first statement sent.
        if http_status(urllib.parse.urljoin(endpoint.rstrip("/") + "/", "about")) is None:
            raise ServiceFailed("ralph", f"LRS_ENDPOINT={endpoint} does not answer")
        return {name: os.environ[name] for name in LRS_VARIABLES if os.environ.get(name)}
    return None


STARTERS: dict[str, Callable[[], dict[str, str]]] = {
    "postgres": lambda: {"DATABASE_URL": start_postgres()},
    "redis": lambda: {"REDIS_URL": start_redis(), "CELERY_BROKER_URL": f"redis://{HOST}:{PORTS['redis']}/14"},
    "elasticsearch": lambda: {"ELASTICSEARCH_URL": start_elasticsearch()},
    "s3": start_s3,
    "ralph": start_ralph,
}
STOPPERS: dict[str, Callable[[], bool]] = {
    "postgres": stop_postgres, "redis": stop_redis, "elasticsearch": stop_elasticsearch, "s3": stop_s3,
    "ralph": stop_ralph,
}


def start(names: tuple[str, ...] = SERVICE_NAMES) -> dict[str, str]:
    """Start (or reuse, or take from the environment) each named server; the variables that point at them."""
    lines: dict[str, str] = {}
    for name in names:
        given = _given(name)
        if given is not None:
            _say(f"{TITLES[name]}: using the server the environment names")
            lines.update(given)
            continue
        began = time.monotonic()
        lines.update(STARTERS[name]())
        _say(f"{TITLES[name]}: ready ({time.monotonic() - began:.0f} s)")
    STATE.mkdir(parents=True, exist_ok=True)
    known = read_env_file()
    known.update(lines)
    ENV_FILE.write_text("".join(f"{key}={value}\n" for key, value in sorted(known.items())))
    ENV_FILE.chmod(0o600)
    return lines


def read_env_file() -> dict[str, str]:
    if not ENV_FILE.exists():
        return {}
    return dict(line.split("=", 1) for line in ENV_FILE.read_text().splitlines() if "=" in line)


def stop(names: tuple[str, ...] = SERVICE_NAMES) -> list[str]:
    stopped = [name for name in names if STOPPERS[name]()]
    ENV_FILE.unlink(missing_ok=True)
    return stopped


def _format(lines: dict[str, str], export: bool) -> str:
    if export:
        return "".join(f"export {key}={shlex.quote(value)}\n" for key, value in lines.items())
    return "".join(f"{key}={value}\n" for key, value in lines.items())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m lms.local_services", description=__doc__.split("\n\n")[0])
    parser.add_argument("action", choices=("start", "stop", "env", "elasticsearch-home"))
    parser.add_argument("--export", action="store_true",
                        help="print `export NAME='value'` lines for a shell to eval")
    parser.add_argument("services", nargs="*", metavar="SERVICE",
                        help=f"any of {', '.join(SERVICE_NAMES)} (default: all)")
    options = parser.parse_args(argv)
    unknown = [name for name in options.services if name not in SERVICE_NAMES]
    if unknown:
        parser.error(f"unknown service {', '.join(unknown)}: choose from {', '.join(SERVICE_NAMES)}")
    names = tuple(options.services) or SERVICE_NAMES
    try:
        if options.action == "start":
            print(_format(start(names), options.export), end="")
        elif options.action == "stop":
            stopped = stop(names)
            _say(f"stopped: {', '.join(TITLES[n] for n in stopped) or 'nothing was running'}")
        elif options.action == "env":
            print(_format(read_env_file(), options.export), end="")
        else:
            print(ensure_elasticsearch())
    except ServiceFailed as error:
        print(f"[services] could not start {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
