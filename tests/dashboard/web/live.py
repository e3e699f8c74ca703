"""Real servers on loopback for the live tests: gunicorn (as `make serve`), nginx in front
(as `make serve-nginx`, deploy/nginx.conf) and redis-server.

Every port is one the OS assigns: the test binds a socket to port 0 and hands the bound socket to
the server (gunicorn's ``fd://``, nginx's inherited sockets), so no other program on the machine
can take it in between. Readiness is polled (an HTTP answer, the workers' start lines), never
slept for.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


def bound_socket() -> socket.socket:
    """A listening loopback socket on a port the OS picked, inheritable by a child process."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def until(predicate: Callable[[], object], seconds: float, what: str) -> object:
    """Poll ``predicate`` until it returns something truthy; RuntimeError after ``seconds``."""
    deadline = time.monotonic() + seconds
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise RuntimeError(f"timed out after {seconds} s waiting for {what}")
        time.sleep(0.1)


def http_status(port: int, path: str = "/healthz", timeout: float = 5) -> int | None:
    """The status of one GET on loopback, or None when nothing answers."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path)
        return conn.getresponse().status
    except OSError:
        return None
    finally:
        conn.close()


def _alive(proc: subprocess.Popen, log: Path) -> None:
    if proc.poll() is not None:
        raise RuntimeError(f"server exited ({proc.returncode}): {log.read_text()[-3000:]}")


def stop(proc: subprocess.Popen) -> None:
    """Terminate a server we started, and make sure it is gone."""
    proc.terminate()
    try:
        proc.wait(20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(5)


def nginx_binary() -> str:
    """nginx's path; a skip outside CI when it is missing, a failure in CI."""
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else "")
    if not found:
        if os.environ.get("CI"):
            pytest.fail("nginx must be installed in CI (.ci/run installs it)")
        pytest.skip("nginx not installed")
    return found


def redis_binary() -> str:
    """redis-server's path; a skip outside CI when it is missing, a failure in CI."""
    found = shutil.which("redis-server")
    if not found:
        if os.environ.get("CI"):
            pytest.fail("redis-server must be installed in CI (.ci/run installs it)")
        pytest.skip("redis-server not installed")
    return found


@contextlib.contextmanager
def gunicorn(
    data_root, cache_root, workers: int = 2, threads: int = 2, log: Path | None = None, **env
) -> Iterator[int]:
    """A gunicorn started as `make serve` does, on a socket the test bound; yields its port once
    every worker has booted and the app answers. Its error log is written to ``log`` when given
    (a temporary file otherwise)."""
    sock = bound_socket()
    port = sock.getsockname()[1]
    full = dict(
        os.environ,
        BIND=f"fd://{sock.fileno()}",
        WEB_CONCURRENCY=str(workers),
        GUNICORN_THREADS=str(threads),
        GUNICORN_ACCESS_LOG="/dev/null",
        HANOI_DATA_DIR=str(data_root),
        HANOI_CACHE_DIR=str(cache_root),
        **env,
    )
    gunicorn_bin = str(Path(sys.executable).parent / "gunicorn")
    cmd = [gunicorn_bin, "-c", "python:dashboard.web.gunicorn_conf", "dashboard.wsgi:server"]
    with tempfile.TemporaryDirectory(prefix="gunicorn-") as tmp:
        log = log or Path(tmp) / "gunicorn.log"
        with log.open("w") as out:
            proc = subprocess.Popen(
                cmd,
                cwd=ROOT,
                env=full,
                stdout=subprocess.DEVNULL,
                stderr=out,
                pass_fds=(sock.fileno(),),
            )
        sock.close()  # gunicorn holds it now

        def ready() -> bool:
            _alive(proc, log)
            booted = log.read_text().count("Booting worker")
            return booted >= workers and http_status(port) == 200

        try:
            until(ready, 180, f"gunicorn's {workers} workers")
            yield port
        finally:
            stop(proc)


@contextlib.contextmanager
def nginx(upstream_port: int, prefix: Path) -> Iterator[int]:
    """The shipped deploy/nginx-local.conf in front of ``upstream_port``, non-daemon, files under
    ``prefix``; yields its port. The listening socket is the test's, inherited by nginx (the
    NGINX environment variable its binary upgrade uses)."""
    binary = nginx_binary()
    sock = bound_socket()
    port = sock.getsockname()[1]
    (prefix / "temp").mkdir(parents=True, exist_ok=True)
    conf = (ROOT / "deploy" / "nginx-local.conf").read_text()
    conf = conf.replace("@LISTEN@", f"127.0.0.1:{port}")
    conf = conf.replace("@UPSTREAM@", f"127.0.0.1:{upstream_port}")
    (prefix / "nginx.conf").write_text(conf)
    shutil.copy(ROOT / "deploy" / "nginx-proxy.conf", prefix / "nginx-proxy.conf")
    cmd = [binary, "-p", str(prefix), "-e", "stderr", "-c", "nginx.conf"]
    log = prefix / "stderr.log"
    with log.open("w") as out:
        proc = subprocess.Popen(
            cmd,
            stdout=subprocess.DEVNULL,
            stderr=out,
            pass_fds=(sock.fileno(),),
            env=dict(os.environ, NGINX=f"{sock.fileno()};"),
        )
    sock.close()
    try:
        until(lambda: _alive(proc, log) or http_status(port) == 200, 30, "nginx")
        yield port
    finally:
        stop(proc)


def start_redis(port: int | None = None, tries: int = 5) -> tuple[subprocess.Popen, int]:
    """A throw-away redis-server on loopback; its process and port once it answers PING.

    redis-server cannot take a bound socket, so a port the OS just handed out is used, and a
    start that loses the port to another program is retried on a new one (``port`` given: that
    port only, as for a restart).
    """
    import redis

    binary = redis_binary()
    for _ in range(tries):
        chosen = port
        if chosen is None:
            with socket.socket() as probe:
                probe.bind(("127.0.0.1", 0))
                chosen = probe.getsockname()[1]
        cmd = [binary, "--port", str(chosen), "--bind", "127.0.0.1", "--save", ""]
        proc = subprocess.Popen([*cmd, "--appendonly", "no"], stdout=subprocess.DEVNULL)
        conn = redis.Redis(port=chosen, socket_timeout=2)
        deadline = time.monotonic() + 20
        while proc.poll() is None and time.monotonic() < deadline:
            try:
                # Ours, not another program's redis that won the port.
                if conn.info("server")["process_id"] == proc.pid:
                    return proc, chosen
                break
            except redis.ConnectionError:
                time.sleep(0.05)
        stop(proc)
    raise RuntimeError(f"redis-server did not start in {tries} tries")
