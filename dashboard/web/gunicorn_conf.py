"""gunicorn settings: several workers sharing one data build (preloaded, then forked)."""

from __future__ import annotations

import multiprocessing
import os

bind = os.environ.get(
    "BIND", f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8050')}"
)
# CPUs + 1: the callbacks are CPU-bound (no I/O to wait on), and nginx buffers slow clients, so
# more workers only queue on the CPUs. Measured on 2 CPUs (benchmarks/load.py, 100 clients):
# 5 workers p95 323 ms, 3 workers p95 131 ms.
workers = int(os.environ.get("WEB_CONCURRENCY", min(multiprocessing.cpu_count() + 1, 8)))
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
# gthread, except that a worker leaving (max_requests, a graceful stop) serves every connection
# it holds before it exits, so nginx never meets a closed one (dashboard/web/gunicorn_worker.py).
worker_class = "dashboard.web.gunicorn_worker.DrainingThreadWorker"
# The data (and its build, on a cold cache) loads once in the master; workers share it
# copy-on-write.
preload_app = True
# A worker silent for longer than this is killed and replaced (nginx gives up at 60 s).
timeout = 60
# Recycle each worker after ~1,000 requests (jittered so they do not all restart at once): a
# worker holding a wedged thread (a stuck Chromium, a runaway request) is replaced in time.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "1000"))
max_requests_jitter = max_requests // 10
# Longer than nginx's upstream keepalive_timeout (deploy/nginx.conf): see there.
keepalive = 5
graceful_timeout = 20
limit_request_line = 8190
limit_request_fields = 100
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
# Forwarded headers are trusted only from the proxy's address (HANOI_TRUSTED_PROXIES, loopback by
# default), and only when a proxy is configured (HANOI_PROXY_HOPS): the app applies the same rule
# (serving.TrustedProxyFix). gunicorn must never face the internet directly (README).
_behind_proxy = (os.environ.get("HANOI_PROXY_HOPS", "").strip() not in ("", "0")) or (
    os.environ.get("HANOI_BEHIND_PROXY") == "1"
)
forwarded_allow_ips = os.environ.get(
    "FORWARDED_ALLOW_IPS",
    os.environ.get("HANOI_TRUSTED_PROXIES", "127.0.0.1,::1") if _behind_proxy else "",
)


def post_worker_init(worker) -> None:
    """Import mapclassify in the background once the worker serves: the web process does not
    import it at start (dashboard/model/classify.py), so the first answer is not kept waiting,
    and a worker's first map rarely is either."""
    import importlib
    import threading

    threading.Thread(target=importlib.import_module, args=("mapclassify",), daemon=True).start()
