"""`lms.local_services`, the servers `make test` starts: servers the environment names are used as they are, a
port taken by something else is refused by name, and every failure says which service and why."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading

import pytest

from lms import local_services

SERVER_VARIABLES = ("DATABASE_URL", "REDIS_URL", "ELASTICSEARCH_URL", "AWS_S3_ENDPOINT_URL", "AWS_ACCESS_KEY_ID",
                    "AWS_SECRET_ACCESS_KEY", "AWS_STORAGE_BUCKET_NAME", "LRS_ENDPOINT", "LRS_USERNAME", "LRS_PASSWORD")


@pytest.fixture
def state(tmp_path, monkeypatch):
    """A state folder of the test's own, so nothing it records touches the real one."""
    monkeypatch.setattr(local_services, "STATE", tmp_path)
    monkeypatch.setattr(local_services, "ENV_FILE", tmp_path / "env")
    return tmp_path


@pytest.fixture
def silent_port():
    """A port where something listens that speaks no known protocol: it accepts and says nothing."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    stop = threading.Event()

    def accept():
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                connection, _ = listener.accept()
                connection.close()
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield listener.getsockname()[1]
    stop.set()
    thread.join()
    listener.close()


def test_servers_named_by_the_environment_are_used_and_nothing_is_started(state):
    # `make test` exported the variables of the servers it runs: asking again starts nothing and records them.
    lines = local_services.start()
    assert {key: lines[key] for key in SERVER_VARIABLES} == {key: os.environ[key] for key in SERVER_VARIABLES}
    assert not list(state.glob("*/*.pid")) and not (state / "postgres").exists()
    assert local_services.read_env_file()["ELASTICSEARCH_URL"] == os.environ["ELASTICSEARCH_URL"]


def test_an_elasticsearch_url_that_does_not_answer_is_refused_by_name(state, monkeypatch, silent_port):
    monkeypatch.setenv("ELASTICSEARCH_URL", f"http://127.0.0.1:{silent_port}")
    with pytest.raises(local_services.ServiceFailed, match=rf"^Elasticsearch: .*:{silent_port} does not answer"):
        local_services.start(("elasticsearch",))


def test_half_an_s3_configuration_names_what_is_missing(state, monkeypatch):
    monkeypatch.delenv("AWS_SECRET_ACCESS_KEY")
    with pytest.raises(local_services.ServiceFailed, match=r"^S3 \(S3Proxy\): .*AWS_SECRET_ACCESS_KEY is not"):
        local_services.start(("s3",))


def test_a_port_taken_by_something_else_is_never_mistaken_for_redis(state, monkeypatch, silent_port):
    monkeypatch.delenv("REDIS_URL")
    monkeypatch.setitem(local_services.PORTS, "redis", silent_port)
    with pytest.raises(local_services.ServiceFailed, match=rf"^Redis: port {silent_port} is taken by something"):
        local_services.start(("redis",))


def test_the_command_refuses_an_unknown_service_and_reports_a_failure_with_exit_1(monkeypatch, silent_port, tmp_path):
    unknown = subprocess.run([sys.executable, "-m", "lms.local_services", "start", "mongodb"],
                             capture_output=True, text=True)
    assert unknown.returncode == 2 and "unknown service mongodb" in unknown.stderr
    env = {**os.environ, "ELASTICSEARCH_URL": f"http://127.0.0.1:{silent_port}", "LMS_SERVICES_DIR": str(tmp_path)}
    failed = subprocess.run([sys.executable, "-m", "lms.local_services", "start", "elasticsearch"],
                            capture_output=True, text=True, env=env)
    assert failed.returncode == 1
    assert "could not start Elasticsearch" in failed.stderr and "does not answer" in failed.stderr
    assert failed.stdout == ""


def test_export_lines_are_quoted_for_the_shell(state):
    local_services.start(("redis",))
    printed = subprocess.run([sys.executable, "-m", "lms.local_services", "env", "--export"], capture_output=True,
                             text=True, env={**os.environ, "LMS_SERVICES_DIR": str(state)}, check=True).stdout
    shell = subprocess.run(["bash", "-c", f"{printed}\nprintf %s \"$REDIS_URL\""], capture_output=True, text=True,  # noqa: S603,S607
                           env={"PATH": os.environ["PATH"]}, check=True)
    assert shell.stdout == os.environ["REDIS_URL"]


def test_an_lrs_endpoint_that_does_not_answer_is_refused_by_name(state, monkeypatch, silent_port):
    monkeypatch.setenv("LRS_ENDPOINT", f"http://127.0.0.1:{silent_port}/xAPI/")
    with pytest.raises(local_services.ServiceFailed,
                       match=rf"^Learning Record Store \(Ralph\): LRS_ENDPOINT=.*:{silent_port}/xAPI/ does not answer"):
        local_services.start(("ralph",))


def test_a_port_taken_by_something_else_is_never_mistaken_for_the_lrs(state, monkeypatch, silent_port):
    monkeypatch.delenv("LRS_ENDPOINT", raising=False)
    monkeypatch.setitem(local_services.PORTS, "ralph", silent_port)
    with pytest.raises(local_services.ServiceFailed, match=rf"^Learning Record Store \(Ralph\): port {silent_port} is"):
        local_services.start(("ralph",))
    assert not (state / "ralph").exists()  # refused before anything was installed
