"""Start the production servers (gunicorn, nginx in front) on loopback for a benchmark."""

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
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def bound_socket() -> socket.socket:
    """A listening loopback socket on a port the OS picked, for a server to inherit: no other
    program can take the port between choosing it and the server's start."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def _answers(port: int, path: str = "/healthz") -> bool:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        conn.request("GET", path)
        return conn.getresponse().status == 200
    except OSError:
        return False
    finally:
        conn.close()


def chromium(width: int = 1300, height: int = 900):
    """A headless Debian Chromium (selenium) with a fresh profile, so an empty cache, and nothing
    of its own on the network (no background or component-update requests)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = shutil.which("chromium") or shutil.which("chromium-browser") or ""
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        f"--window-size={width},{height}",
        "--enable-unsafe-swiftshader",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
    ):
        opts.add_argument(arg)
    return webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=opts)


@contextlib.contextmanager
def gunicorn(workers: int = 4, threads: int = 2, log=None, args=(), **extra_env):
    """Yield the base URL of a gunicorn server running the app, with access logs off. Static files
    are compressed first, as `make serve` does (a no-op when already in the cache). ``args``: more
    gunicorn options (the command line overrides the config file)."""
    subprocess.run(
        [sys.executable, "-m", "dashboard.web.compress"],
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    sock = bound_socket()
    port = sock.getsockname()[1]
    env = dict(
        os.environ,
        BIND=f"fd://{sock.fileno()}",
        WEB_CONCURRENCY=str(workers),
        GUNICORN_THREADS=str(threads),
        GUNICORN_ACCESS_LOG="/dev/null",
        **{
            "HANOI_API_RATE": "1000000/minute",
            "HANOI_ROWS_RATE": "100000000/minute",
            "HANOI_ROWS_RATE_ALL": "100000000/minute",
            **extra_env,
        },
    )
    if log is None:  # the start lines are read from it: a file even when nobody asked for one
        log = tempfile.NamedTemporaryFile(prefix="gunicorn-", suffix=".log")  # noqa: SIM115
    proc = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "-c",
            "python:dashboard.web.gunicorn_conf",
            *args,
            "dashboard.wsgi:server",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=log,
        pass_fds=(sock.fileno(),),
    )
    sock.close()
    try:
        deadline = time.time() + 180
        # Every worker booted (their start lines) and the app answering: polled.
        while not (
            Path(log.name).read_text().count("Booting worker") >= workers and _answers(port)
        ):
            if proc.poll() is not None or time.time() > deadline:
                raise RuntimeError("gunicorn did not start: " + Path(log.name).read_text()[-2000:])
            time.sleep(0.2)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(20)
        log.close()


@contextlib.contextmanager
def nginx(upstream: str, log=None):
    """The shipped deploy/nginx-local.conf in front of ``upstream`` (a base URL); yields its
    base URL. nginx's errors go to ``log`` when given."""
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    sock = bound_socket()
    port = sock.getsockname()[1]
    with tempfile.TemporaryDirectory() as prefix:
        # Started as root, nginx's workers run as "nobody": they must reach temp/ to buffer
        # request bodies over client_body_buffer_size (else 500; a private 0700 folder here).
        os.chmod(prefix, 0o755)
        (Path(prefix) / "temp").mkdir()
        conf = (ROOT / "deploy" / "nginx-local.conf").read_text()
        conf = conf.replace("@LISTEN@", f"127.0.0.1:{port}")
        conf = conf.replace("@UPSTREAM@", upstream.split("//", 1)[1])
        (Path(prefix) / "nginx.conf").write_text(conf)
        shutil.copy(ROOT / "deploy" / "nginx-proxy.conf", Path(prefix) / "nginx-proxy.conf")
        cmd = [binary, "-p", prefix, "-e", "stderr", "-c", "nginx.conf"]
        # nginx takes the bound socket through NGINX (the variable of its binary upgrade).
        proc = subprocess.Popen(
            cmd,
            stdout=subprocess.DEVNULL,
            stderr=log if log is not None else subprocess.PIPE,
            pass_fds=(sock.fileno(),),
            env=dict(os.environ, NGINX=f"{sock.fileno()};"),
        )
        sock.close()
        try:
            for _ in range(300):
                if proc.poll() is None and _answers(port):
                    break
                time.sleep(0.1)
            else:
                raise RuntimeError("nginx did not start")
            yield f"http://127.0.0.1:{port}"
        finally:
            proc.terminate()
            proc.wait(20)


@contextlib.contextmanager
def redis():
    """A throw-away redis-server on a loopback port the OS handed out (the live tests' start,
    retried on another port if a program takes it first); yields its URL."""
    sys.path.insert(0, str(ROOT))
    from tests.dashboard.web.live import start_redis, stop

    proc, port = start_redis()
    try:
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        stop(proc)


def wait_for_quiet_machine(limit: float = 2.5, patience: float = 600) -> float:
    """Wait (up to ``patience`` seconds) until the 1-minute load is at most ``limit``, as a
    load-sensitive measurement must (other programs share this machine); returns the load then,
    printed beside the figures."""
    deadline = time.time() + patience
    while os.getloadavg()[0] > limit and time.time() < deadline:
        time.sleep(10)
    return os.getloadavg()[0]
