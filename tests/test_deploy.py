"""The shipped deployment files work as shipped: nginx accepts the TLS site (`nginx -t`, with a
self-signed certificate made here), the systemd units keep gunicorn on loopback, and Redis starts
from its config with the memory cap and eviction policy the docs promise."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from tests.dashboard.web.live import nginx_binary, redis_binary, stop

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
CERT_DIR = "/etc/letsencrypt/live/map.example.org/"


def _self_signed(folder: Path) -> None:
    """fullchain.pem and privkey.pem for map.example.org (openssl, one day)."""
    openssl = shutil.which("openssl")
    if not openssl:
        if os.environ.get("CI"):
            pytest.fail("openssl must be installed in CI")
        pytest.skip("openssl not installed")
    subprocess.run(
        [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"]
        + ["-subj", "/CN=map.example.org", "-keyout", str(folder / "privkey.pem")]
        + ["-out", str(folder / "fullchain.pem")],
        check=True,
        capture_output=True,
    )


def _nginx_t(prefix: Path) -> subprocess.CompletedProcess:
    cmd = [nginx_binary(), "-t", "-p", str(prefix), "-e", "stderr", "-c", "nginx.conf"]
    return subprocess.run(cmd, capture_output=True, text=True)


def test_tls_site_passes_nginx_t(tmp_path):
    """deploy/nginx.conf as an operator installs it (sites-enabled inside http, the proxy snippet
    in snippets/), only the certificate and log paths moved into the test's folder."""
    certs = tmp_path / "certs"
    certs.mkdir()
    _self_signed(certs)
    (tmp_path / "snippets").mkdir()
    shutil.copy(DEPLOY / "nginx-proxy.conf", tmp_path / "snippets" / "hanoi-map-proxy.conf")
    site = (DEPLOY / "nginx.conf").read_text()
    assert site.count(CERT_DIR) == 2 and "certbot" in site
    site = site.replace(CERT_DIR, f"{certs}/").replace("/var/log/nginx/", f"{tmp_path}/")
    # Ports 80/443 need root only to bind, which -t does not do; unprivileged copies for safety.
    site = site.replace("listen 80;", "listen 127.0.0.1:18080;").replace("listen [::]:80;", "")
    site = site.replace("listen 443 ssl http2;", "listen 127.0.0.1:18443 ssl http2;")
    site = site.replace("listen [::]:443 ssl http2;", "")
    (tmp_path / "hanoi-map.site").write_text(site)
    (tmp_path / "temp").mkdir()
    (tmp_path / "nginx.conf").write_text(
        "pid nginx.pid; error_log stderr;\nevents {}\n"
        "http {\n client_body_temp_path temp/body; proxy_temp_path temp/proxy;\n"
        " fastcgi_temp_path temp/fastcgi; uwsgi_temp_path temp/uwsgi; scgi_temp_path temp/scgi;\n"
        " include hanoi-map.site;\n}\n"
    )
    done = _nginx_t(tmp_path)
    assert done.returncode == 0 and "syntax is ok" in done.stderr, done.stderr


def test_tls_site_sends_plain_http_to_https_and_keeps_gunicorn_on_loopback():
    site = (DEPLOY / "nginx.conf").read_text()
    assert "return 301 https://$host$request_uri;" in site
    assert "server 127.0.0.1:8050 max_fails=0;" in site and "ssl_protocols TLSv1.2 TLSv1.3;" in site
    assert "log_format hanoi_map" in site and "access_log /var/log/nginx/" in site


def test_local_template_passes_nginx_t(tmp_path):
    conf = (DEPLOY / "nginx-local.conf").read_text()
    conf = conf.replace("@LISTEN@", "127.0.0.1:18080").replace("@UPSTREAM@", "127.0.0.1:8050")
    (tmp_path / "nginx.conf").write_text(conf)
    shutil.copy(DEPLOY / "nginx-proxy.conf", tmp_path / "nginx-proxy.conf")
    (tmp_path / "temp").mkdir()
    done = _nginx_t(tmp_path)
    assert done.returncode == 0, done.stderr


def _unit(name: str) -> dict[str, list[str]]:
    """key → values of a systemd unit file (keys repeat, e.g. Environment)."""
    out: dict[str, list[str]] = {}
    for line in (DEPLOY / name).read_text().splitlines():
        if "=" in line and not line.startswith(("#", "[")):
            key, value = line.split("=", 1)
            out.setdefault(key, []).append(value)
    return out


def test_gunicorn_unit_binds_loopback_behind_one_proxy_with_redis():
    unit = _unit("hanoi-map.service")
    env = dict(v.split("=", 1) for v in unit["Environment"])
    assert env["HOST"] == "127.0.0.1"  # never the internet's side
    assert env["HANOI_PROXY_HOPS"] == "1"
    assert env["HANOI_REDIS_URL"] == "redis://127.0.0.1:6380/0"
    assert "dashboard.wsgi:server" in unit["ExecStart"][0]
    redis_conf = (DEPLOY / "redis-hanoi.conf").read_text()
    assert "\nport 6380\n" in redis_conf and "bind 127.0.0.1" in redis_conf
    analyze = shutil.which("systemd-analyze")
    if analyze:  # syntax and directives; the /srv paths do not exist here
        done = subprocess.run(
            [analyze, "verify", "hanoi-map.service", "redis-hanoi.service"],
            cwd=DEPLOY,
            capture_output=True,
            text=True,
        )
        problems = [
            line
            for line in done.stderr.splitlines()
            if line.strip() and "is not executable: No such file" not in line
        ]
        assert not problems, problems


@pytest.mark.live
def test_redis_starts_from_its_config_with_the_cap_and_lru(tmp_path):
    import redis

    conf = (DEPLOY / "redis-hanoi.conf").read_text()
    sock = tmp_path / "redis.sock"
    # The shipped file, with its folder moved here and a Unix socket instead of the TCP port.
    conf = conf.replace("dir /var/lib/redis-hanoi", f"dir {tmp_path}")
    conf = conf.replace("port 6380", f"port 0\nunixsocket {sock}")
    conf = conf.replace("supervised systemd", "supervised no")
    (tmp_path / "redis.conf").write_text(conf)
    proc = subprocess.Popen([redis_binary(), str(tmp_path / "redis.conf")], stdout=subprocess.PIPE)
    try:
        conn = redis.Redis(unix_socket_path=str(sock), socket_timeout=2)
        for _ in range(200):
            if proc.poll() is not None:
                pytest.fail(f"redis-server exited: {proc.stdout.read() if proc.stdout else ''}")
            try:
                conn.ping()
                break
            except redis.ConnectionError:
                pass  # polled until it answers
            time.sleep(0.05)
        assert conn.config_get("maxmemory")["maxmemory"] == str(256 * 1024 * 1024)
        assert conn.config_get("maxmemory-policy")["maxmemory-policy"] == "allkeys-lru"
        assert conn.config_get("save")["save"] == ""
    finally:
        stop(proc)
