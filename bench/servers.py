"""Start gunicorn on a free loopback port, wait until it answers, and stop it again (master first, by its pid)."""

from __future__ import annotations

import http.client
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

LOOPBACK = "127.0.0.1"


class ServerError(RuntimeError):
    """gunicorn did not come up, or answered its readiness check wrongly."""


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((LOOPBACK, 0))
        return probe.getsockname()[1]


@dataclass
class Server:
    name: str
    port: int
    process: subprocess.Popen
    log_path: Path

    def log_tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"

    def stop(self, timeout: float = 15) -> None:
        """Graceful stop (SIGTERM to the master, which stops its workers); SIGKILL if it hangs."""
        if self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(5)


def start_gunicorn(
    name: str,
    app: str,
    *,
    env: dict[str, str],
    cwd: Path,
    log_dir: Path,
    workers: int,
    extra_args: tuple[str, ...] = (),
    ready_path: str = "/",
    timeout: float = 60,
) -> Server:
    """Serve `app` (module:callable) with `workers` sync workers on a free 127.0.0.1 port; return once it answers."""
    port = free_port()
    log_path = log_dir / f"gunicorn-{name}.log"
    command = [
        sys.executable, "-m", "gunicorn", app,
        "--bind", f"{LOOPBACK}:{port}",
        "--workers", str(workers),
        "--log-level", "warning",
        "--error-logfile", "-",
        *extra_args,
    ]
    log = log_path.open("wb")
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT)
    log.close()
    server = Server(name, port, process, log_path)
    try:
        _wait_until_ready(server, ready_path, timeout)
    except BaseException:
        server.stop()
        raise
    return server


def _wait_until_ready(server: Server, path: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    last_problem = "no answer yet"
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise ServerError(f"gunicorn ({server.name}) exited with {server.process.returncode}:\n{server.log_tail()}")
        conn = http.client.HTTPConnection(LOOPBACK, server.port, timeout=10)
        try:
            conn.request("GET", path)
            response = conn.getresponse()
            response.read()
            if response.status == 200:
                return
            last_problem = f"GET {path} answered {response.status}"
        except OSError as error:
            last_problem = str(error)
        finally:
            conn.close()
        time.sleep(0.2)
    raise ServerError(f"gunicorn ({server.name}) not ready after {timeout:.0f}s: {last_problem}\n{server.log_tail()}")
