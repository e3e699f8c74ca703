"""Start the production servers (gunicorn, nginx in front) on loopback for a benchmark."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    """A free loopback port in 8600–8699 (the range this machine's users share out)."""
    for port in range(8600, 8700):
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port in 8600-8699")


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
def gunicorn(workers: int = 4, threads: int = 2, log=None, **extra_env):
    """Yield the base URL of a gunicorn server running the app, with access logs off. Static files
    are compressed first, as `make serve` does (a no-op when already in the cache)."""
    subprocess.run(
        [sys.executable, "-m", "dashboard.web.static_assets"],
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    port = free_port()
    env = dict(
        os.environ,
        PORT=str(port),
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
    proc = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "-c",
            "python:dashboard.web.gunicorn_conf",
            "dashboard.wsgi:server",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        # A file when given (the errors of a run); else a pipe nobody reads, so keep it quiet.
        stderr=log if log is not None else subprocess.PIPE,
    )
    try:
        deadline = time.time() + 120
        while time.time() < deadline:
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.3)
        else:
            raise RuntimeError("gunicorn did not start")
        time.sleep(1.0)  # let every worker come up
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(20)


@contextlib.contextmanager
def nginx(upstream: str, log=None):
    """The shipped deploy/nginx.conf in front of ``upstream`` (a base URL); yields its base URL."""
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    port = free_port()
    with tempfile.TemporaryDirectory() as prefix:
        # Started as root, nginx's workers run as "nobody": they must reach temp/ to buffer
        # request bodies over client_body_buffer_size (else 500; a private 0700 folder here).
        os.chmod(prefix, 0o755)
        (Path(prefix) / "temp").mkdir()
        conf = (ROOT / "deploy" / "nginx.conf").read_text()
        conf = conf.replace("@LISTEN@", f"127.0.0.1:{port}")
        conf = conf.replace("@UPSTREAM@", upstream.split("//", 1)[1])
        (Path(prefix) / "nginx.conf").write_text(conf)
        cmd = [binary, "-p", prefix, "-e", "stderr", "-c", "nginx.conf"]
        err = log if log is not None else subprocess.PIPE
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err)
        try:
            for _ in range(100):
                with socket.socket() as s:
                    if s.connect_ex(("127.0.0.1", port)) == 0:
                        break
                time.sleep(0.1)
            else:
                raise RuntimeError("nginx did not start")
            yield f"http://127.0.0.1:{port}"
        finally:
            proc.terminate()
            proc.wait(20)
