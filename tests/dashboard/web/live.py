"""Real servers on loopback for the live tests: gunicorn (as `make serve`), nginx in front
(as `make serve-nginx`, deploy/nginx.conf) and redis-server. Ports come from 8600–8699."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
PORTS = range(8600, 8700)


def free_port() -> int:
    """A loopback port in 8600–8699 that nothing listens on."""
    for port in PORTS:
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port in 8600-8699")


def wait_port(port: int, proc: subprocess.Popen, seconds: float = 120) -> None:
    """Return once ``port`` accepts connections; fail with the process's output if it died."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited: {proc.stderr.read() if proc.stderr else ''}")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise RuntimeError(f"nothing listens on {port}")


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


@contextlib.contextmanager
def gunicorn(data_root, cache_root, workers: int = 2, threads: int = 2, **env):
    """A gunicorn started as `make serve` does; yields its port."""
    port = free_port()
    full = dict(
        os.environ,
        PORT=str(port),
        HOST="127.0.0.1",
        WEB_CONCURRENCY=str(workers),
        GUNICORN_THREADS=str(threads),
        GUNICORN_ACCESS_LOG="/dev/null",
        HANOI_DATA_DIR=str(data_root),
        HANOI_CACHE_DIR=str(cache_root),
        **env,
    )
    gunicorn_bin = str(Path(sys.executable).parent / "gunicorn")
    cmd = [gunicorn_bin, "-c", "python:dashboard.web.gunicorn_conf", "dashboard.wsgi:server"]
    proc = subprocess.Popen(
        cmd, cwd=ROOT, env=full, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    try:
        wait_port(port, proc)
        time.sleep(1.0)  # every worker up
        yield port
    finally:
        stop(proc)


@contextlib.contextmanager
def nginx(upstream_port: int, prefix: Path):
    """The shipped deploy/nginx.conf in front of ``upstream_port``, non-daemon, files under
    ``prefix``; yields its port."""
    binary = nginx_binary()
    port = free_port()
    (prefix / "temp").mkdir(parents=True, exist_ok=True)
    conf = (ROOT / "deploy" / "nginx.conf").read_text()
    conf = conf.replace("@LISTEN@", f"127.0.0.1:{port}")
    conf = conf.replace("@UPSTREAM@", f"127.0.0.1:{upstream_port}")
    (prefix / "nginx.conf").write_text(conf)
    cmd = [binary, "-p", str(prefix), "-e", "stderr", "-c", "nginx.conf"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        wait_port(port, proc, 20)
        yield port
    finally:
        stop(proc)
