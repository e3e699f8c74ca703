"""Production concerns in one place: compression, cache, rate limits, request limits, error pages.

Configured from the environment:
- ``HANOI_REDIS_URL`` (e.g. redis://127.0.0.1:6379/0): cache and rate-limit counters in Redis,
  shared by all gunicorn workers; otherwise a file-system cache under the cache directory and
  per-worker in-memory rate counters.
- ``HANOI_API_RATE`` (default "120/minute;2000/hour" per client IP) for /api and /oembed.
- ``HANOI_BEHIND_PROXY=1`` trusts one proxy's X-Forwarded-For/-Proto/-Host.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from flask import Flask, jsonify, request
from flask_caching import Cache
from flask_compress import Compress
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from werkzeug.exceptions import HTTPException
from werkzeug.middleware.proxy_fix import ProxyFix

from geodata.locations import cache_dir

MAX_REQUEST_BYTES = 3 * 1024 * 1024  # an upload is ≤ 1 MB, i.e. ≤ 1.4 MB as base64 in a callback
MAX_QUERY_CHARS = 4096
DEFAULT_API_RATE = "120/minute;2000/hour"
CACHE_SECONDS = 24 * 3600
log = logging.getLogger("hanoi126")


def redis_url() -> str:
    """The configured Redis URL, or ""."""
    return os.environ.get("HANOI_REDIS_URL", "").strip()


def cache_config(cache_root: str | Path | None) -> dict:
    """flask-caching settings: Redis when configured, else files under the cache directory."""
    if redis_url():
        return {
            "CACHE_TYPE": "RedisCache",
            "CACHE_REDIS_URL": redis_url(),
            "CACHE_KEY_PREFIX": "hanoi126:",
            "CACHE_DEFAULT_TIMEOUT": CACHE_SECONDS,
        }
    return {
        "CACHE_TYPE": "FileSystemCache",
        "CACHE_DIR": str(cache_dir(cache_root) / "flask"),
        "CACHE_THRESHOLD": 5000,
        "CACHE_DEFAULT_TIMEOUT": CACHE_SECONDS,
    }


def _wants_json() -> bool:
    return request.path.startswith(("/api", "/oembed", "/_dash-", "/download", "/geo"))


def error_response(status: int, message: str):
    if _wants_json():
        return jsonify({"error": message}), status
    return (
        (
            f"<!doctype html><meta charset=utf-8><title>{status} — Hà Nội 126</title><p>{message}</p>"
            f'<p><a href="/">Hà Nội 126</a></p>'
        ),
        status,
        {"Content-Type": "text/html; charset=utf-8"},
    )


def _prop(item) -> bool:
    return isinstance(item, dict) and "id" in item and "property" in item


def valid_callback_request(body, callback_map) -> bool:
    """True when a POST to Dash's callback route has the shape Dash expects, for a callback that
    exists. A pattern-matching input (``ALL``) arrives as a list of such items."""
    if not isinstance(body, dict) or body.get("output") not in callback_map:
        return False
    for key in ("inputs", "state"):
        items = body.get(key, [])
        if not isinstance(items, list) or not all(
            _prop(i) or (isinstance(i, list) and all(_prop(j) for j in i)) for i in items
        ):
            return False
    changed = body.get("changedPropIds", [])
    return isinstance(changed, list) and all(isinstance(c, str) for c in changed)


def configure(app, cache_root: str | Path | None) -> tuple[Cache, Limiter]:
    """Attach compression, cache, limiter, request checks and error handlers to a Dash app's server."""
    server: Flask = app.server
    if os.environ.get("HANOI_BEHIND_PROXY") == "1":
        server.wsgi_app = ProxyFix(server.wsgi_app, x_for=1, x_proto=1, x_host=1)
    server.config.update(
        MAX_CONTENT_LENGTH=MAX_REQUEST_BYTES,
        PROPAGATE_EXCEPTIONS=False,
        COMPRESS_ALGORITHM=["br", "gzip"],
        COMPRESS_MIN_SIZE=500,
        COMPRESS_MIMETYPES=[
            "text/html",
            "text/css",
            "text/csv",
            "text/plain",
            "application/json",
            "application/javascript",
            "text/javascript",
            "application/geo+json",
        ],
    )
    Compress(server)
    cache = Cache(server, config=cache_config(cache_root))
    limiter = Limiter(
        get_remote_address,
        app=server,
        storage_uri=redis_url() or "memory://",
        default_limits=[],
        headers_enabled=True,
        strategy="fixed-window",
    )

    @server.before_request
    def _limits():
        if len(request.query_string) > MAX_QUERY_CHARS:
            return error_response(
                414, f"Address too long (over {MAX_QUERY_CHARS} characters in the query)."
            )
        if request.method == "POST" and request.path == "/_dash-update-component":
            if not valid_callback_request(request.get_json(silent=True), app.callback_map):
                return error_response(400, "Malformed callback request.")
        return None

    @server.errorhandler(413)
    def _too_large(_err):
        return error_response(
            413, f"Request too large: the limit is {MAX_REQUEST_BYTES // (1024 * 1024)} MB."
        )

    @server.errorhandler(429)
    def _too_many(err):
        return error_response(
            429, f"Too many requests ({err.description}). Please wait a little and try again."
        )

    @server.errorhandler(HTTPException)
    def _http(err):
        return error_response(err.code or 400, err.description or err.name)

    @server.errorhandler(Exception)
    def _unexpected(err):
        # Logged with its traceback for us; the reader gets a plain message, never a trace.
        log.exception("unhandled error on %s", request.path)
        return error_response(500, "Internal error. It has been logged.")

    return cache, limiter


def api_rate() -> str:
    """Rate limit for the JSON API and oEmbed, per client IP."""
    return os.environ.get("HANOI_API_RATE", DEFAULT_API_RATE)
