"""Production concerns in one place: compression, cache, rate limits, request limits, error pages.

Configured from the environment:
- ``HANOI_REDIS_URL`` (e.g. redis://127.0.0.1:6379/0): cache and rate-limit counters in Redis,
  shared by all gunicorn workers; otherwise a bounded in-memory cache (stores.BoundedCache) and
  rate counters per process. If Redis goes away both fail open (one warning logged):
  answers are computed uncached and counted in memory until it is back.
- ``HANOI_API_RATE`` (default "120/minute;2000/hour" per client IP) for /api, /oembed and the
  finder (its search callback, and pages holding an answer, ?q=: one count each; a page load
  over the limit gets its page without the answer).
- ``HANOI_PROXY_HOPS`` (default 0): how many reverse proxies in front are trusted for
  X-Forwarded-For/-Proto (1 behind the shipped nginx). ``HANOI_BEHIND_PROXY=1`` means 1.
  The headers are read only on connections from ``HANOI_TRUSTED_PROXIES`` (default
  ``127.0.0.1,::1``: the proxy's address as gunicorn sees it); from any other peer they are
  ignored, so a client reaching gunicorn directly cannot choose its rate-limit identity.
- ``HANOI_CACHE_ENTRIES`` (default 3000) and ``HANOI_CACHE_MB`` (default 64): most entries and
  megabytes kept by the embedded cache of each process (least recently used dropped first).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from urllib.parse import unquote_to_bytes

from dash.exceptions import DependencyException
from flask import Flask, jsonify, request
from flask_caching import Cache
from flask_compress import Compress
from flask_limiter import Limiter, RateLimitExceeded
from flask_limiter.util import get_remote_address
from werkzeug.exceptions import HTTPException
from werkzeug.middleware.proxy_fix import ProxyFix

from dashboard.model.embeds import request_origin
from dashboard.model.params import opened_address, parse_params
from dashboard.web.security import LAYOUT_ROUTE
from dashboard.web.stores import AppCache
from dashboard.web.validate import CallbackRequestError, check_callback_request, parse_json

MAX_REQUEST_BYTES = 3 * 1024 * 1024  # an upload is ≤ 1 MB, i.e. ≤ 1.4 MB as base64 in a callback
MAX_QUERY_CHARS = 4096
MAX_JSON_BYTES = 1024 * 1024  # a batch of 1,000 addresses is ~100 KB; callbacks carry uploads
MAX_JSON_DEPTH = 16
DEFAULT_API_RATE = "120/minute;2000/hour"
DEFAULT_CACHE_ENTRIES = 3000
DEFAULT_CACHE_MB = 64  # per process: pages are ~100 KB pickled, map states ~10 KB
CACHE_SECONDS = 24 * 3600
CALLBACK_ROUTE = "/_dash-update-component"
BATCH_ROUTE = "/api/lookup/batch"
FINDER_CALLBACK = "search-results.children"
FINDER_LIMITED = "hanoi.finder_limited"  # set on a layout request over the finder's limit
PAGE_CALLBACK = "page.children"
# A dead Redis must cost milliseconds per request, not a hung worker thread.
REDIS_TIMEOUTS = {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}
log = logging.getLogger("hanoi126")


def redis_url() -> str:
    """The configured Redis URL, or ""."""
    return os.environ.get("HANOI_REDIS_URL", "").strip()


def _with_timeouts(url: str) -> str:
    """The Redis URL with connect/read timeouts unless it sets its own."""
    extra = [f"{k}={v}" for k, v in REDIS_TIMEOUTS.items() if k not in url]
    return url + ("&" if "?" in url else "?") + "&".join(extra) if extra else url


def proxy_hops() -> int:
    """Trusted reverse proxies in front (``HANOI_PROXY_HOPS``; ``HANOI_BEHIND_PROXY=1`` is 1)."""
    raw = os.environ.get("HANOI_PROXY_HOPS", "").strip()
    if not raw:
        return 1 if os.environ.get("HANOI_BEHIND_PROXY") == "1" else 0
    return max(0, int(raw))


DEFAULT_TRUSTED_PROXIES = "127.0.0.1,::1"


def trusted_proxies() -> frozenset[str]:
    """Peer addresses whose forwarded headers count (``HANOI_TRUSTED_PROXIES``)."""
    raw = os.environ.get("HANOI_TRUSTED_PROXIES", DEFAULT_TRUSTED_PROXIES)
    return frozenset(a.strip() for a in raw.split(",") if a.strip())


class TrustedProxyFix:
    """werkzeug's ProxyFix applied only when the connection comes from a trusted proxy."""

    def __init__(self, app, hops: int, trusted: frozenset[str]):
        self.app, self.trusted = app, trusted
        self.fixed = ProxyFix(app, x_for=hops, x_proto=hops)

    def __call__(self, environ, start_response):
        """Read X-Forwarded-For/-Proto when the peer is a trusted proxy, else ignore them."""
        if environ.get("REMOTE_ADDR") in self.trusted:
            return self.fixed(environ, start_response)
        return self.app(environ, start_response)


def cache_config(cache_root: str | Path | None) -> dict:
    """flask-caching settings: Redis when configured, else a bounded in-memory LRU per process
    (``cache_root`` is no longer used by it: kept for callers)."""
    if redis_url():
        return {
            "CACHE_TYPE": "RedisCache",
            "CACHE_REDIS_URL": _with_timeouts(redis_url()),
            "CACHE_KEY_PREFIX": "hanoi126:",
            "CACHE_DEFAULT_TIMEOUT": CACHE_SECONDS,
        }
    return {
        "CACHE_TYPE": "dashboard.web.stores.BoundedCache",
        # Bounded here by entries and bytes; Redis is bounded by its own maxmemory (README).
        "CACHE_THRESHOLD": int(os.environ.get("HANOI_CACHE_ENTRIES", DEFAULT_CACHE_ENTRIES)),
        "CACHE_MAX_BYTES": int(os.environ.get("HANOI_CACHE_MB", DEFAULT_CACHE_MB)) << 20,
        "CACHE_DEFAULT_TIMEOUT": CACHE_SECONDS,
    }


def _wants_json() -> bool:
    return request.path.startswith(("/api", "/oembed", "/_dash-", "/download", "/geo"))


def error_response(status: int, message: str):
    """A plain page or a JSON ``{"error": …}`` (for the API and Dash's routes) with ``status``."""
    if _wants_json():
        return jsonify({"error": message}), status
    return (
        (
            f"<!doctype html><meta charset=utf-8><title>{status} — Hà Nội 126</title>"
            f"<p>{message}</p>"
            f'<p><a href="/">Hà Nội 126</a></p>'
        ),
        status,
        {"Content-Type": "text/html; charset=utf-8"},
    )


def client_error(status: int, message: str):
    """A 4xx with one log line (no traceback: the client sent something wrong, not the app)."""
    log.info("%s %s -> %d: %s", request.method, request.path[:200], status, message)
    return error_response(status, message)


def _asks_finder(search) -> bool:
    """True when a page address's query string (untrusted) holds a finder question (?q=)."""
    return isinstance(search, str) and bool(parse_params(search).q)


def _check_json_body():
    """One guard for every JSON body but Dash's callbacks (validate.py checks those whole):
    size, nesting depth on the raw bytes, syntax and Unicode, before any route parses it."""
    if request.path == CALLBACK_ROUTE or not request.is_json:
        return None
    if (request.content_length or 0) > MAX_JSON_BYTES:
        return client_error(413, f"JSON body too large: the limit is {MAX_JSON_BYTES} bytes.")
    raw = request.get_data(cache=True)
    if len(raw) > MAX_JSON_BYTES:
        return client_error(413, f"JSON body too large: the limit is {MAX_JSON_BYTES} bytes.")
    try:
        parse_json(raw, MAX_JSON_DEPTH)
    except CallbackRequestError as err:
        return client_error(400, str(err))
    return None


def _input_checks(limiter_box: list):
    """Query length and UTF-8, the rows budget of a batch, and every JSON body (issue #24)."""
    if len(request.query_string) > MAX_QUERY_CHARS:
        return client_error(
            414, f"Address too long (over {MAX_QUERY_CHARS} characters in the query)."
        )
    if request.path.startswith(("/api/", "/oembed")):
        # The API's text must be what the client sent; pages stay lenient (werkzeug reads a bad
        # byte as U+FFFD, and the page falls back to its defaults).
        try:
            unquote_to_bytes(request.query_string.replace(b"+", b" ")).decode("utf-8")
        except UnicodeDecodeError:
            return client_error(400, "The query is not valid UTF-8 text.")
    if request.method == "POST" and request.path == BATCH_ROUTE and limiter_box:
        over = rows_spent(limiter_box[0])
        if over is not None:  # refused before its JSON is parsed: a refusal costs ~nothing
            body, status = client_error(429, _budget_error(over).message("en"))
            return body, status, {"Retry-After": str(over.get_expiry())}
    return _check_json_body()


def _early_checks(app, limiter_box: list):
    """The request checks that must run before the rate limiter (which reads the body)."""

    def check():
        refused = _input_checks(limiter_box)
        if refused is not None:
            return refused
        finder = False
        if request.method == "GET" and request.path == LAYOUT_ROUTE:
            # the page the layout will draw (app.py), if any
            opened = opened_address(request.referrer, request_origin())
            finder = opened is not None and _asks_finder(opened.search)
        if request.method == "POST" and request.path == CALLBACK_ROUTE:
            try:
                body = check_callback_request(request.get_data(cache=True), app.callback_map)
            except CallbackRequestError as err:
                return client_error(400, str(err))
            finder = body["output"] == FINDER_CALLBACK or (
                body["output"] == PAGE_CALLBACK
                and any(_asks_finder(s.get("value")) for s in body.get("state", []))
            )
        if finder:
            # The finder is the API's lookup behind a button (or in a page's ?q=, drawn by the
            # layout or the page callback): same limit, its own counter.
            try:
                with limiter_box[0].shared_limit(api_rate(), scope="finder"):
                    pass
            except RateLimitExceeded:
                if request.path != LAYOUT_ROUTE:
                    raise
                # A whole page must not fail for its answer: the layout draws it without one.
                request.environ[FINDER_LIMITED] = True
        return None

    return check


def _only_429_retry_after(resp):
    # flask-limiter's headers_enabled sends Retry-After on every limited route; it means
    # "wait" and belongs on 429s (and a busy 503) only.
    if resp.status_code not in (429, 503):
        resp.headers.pop("Retry-After", None)
    return resp


def configure(app, cache_root: str | Path | None) -> tuple[AppCache, Limiter]:
    """Attach compression, cache, limiter, request checks and error handlers to the server."""
    server: Flask = app.server
    hops = proxy_hops()
    if hops:
        server.wsgi_app = TrustedProxyFix(server.wsgi_app, hops, trusted_proxies())
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
    limiter_box: list = []
    # Registered before the limiter so that they run before it (before_request) and after it
    # (after_request): the limiter must never parse a hostile body.
    server.before_request(_early_checks(app, limiter_box))
    server.after_request(_only_429_retry_after)
    cache = AppCache(Cache(server, config=cache_config(cache_root)), "", fallible=bool(redis_url()))
    limiter = Limiter(
        get_remote_address,
        app=server,
        storage_uri=_with_timeouts(redis_url()) if redis_url() else "memory://",
        default_limits=[],
        headers_enabled=True,
        strategy="fixed-window",
        # Redis down: count in memory (one warning), never a 500.
        in_memory_fallback_enabled=True,
        swallow_errors=True,
    )
    limiter_box.append(limiter)
    _error_handlers(server)
    return cache, limiter


def _error_handlers(server: Flask) -> None:
    @server.errorhandler(413)
    def _too_large(_err):
        return client_error(
            413, f"Request too large: the limit is {MAX_REQUEST_BYTES // (1024 * 1024)} MB."
        )

    @server.errorhandler(429)
    def _too_many(err):
        return client_error(
            429, f"Too many requests ({err.description}). Please wait a little and try again."
        )

    @server.errorhandler(DependencyException)
    def _no_such_file(_err):
        # /_dash-component-suites/<not a registered file>: Dash raises, the reader gets a 404.
        return client_error(404, "No such file.")

    @server.errorhandler(HTTPException)
    def _http(err):
        return client_error(err.code or 400, err.description or err.name)

    @server.errorhandler(Exception)
    def _unexpected(err):
        # Logged with its traceback for us; the reader gets a plain message, never a trace.
        log.exception("unhandled error on %s", request.path)
        return error_response(500, "Internal error. It has been logged.")


DEFAULT_ROWS_RATE = "5000/minute;20000/hour"
DEFAULT_ROWS_RATE_ALL = "15000/minute"
ROWS_SCOPE = "hanoi-rows"
_rows_warned: list[bool] = []


def rows_rates() -> list[tuple[str, bool]]:
    """(rate, per client?) of the rows budget shared by the convert tab and the batch API:
    ``HANOI_ROWS_RATE`` per client IP (default 5000/minute;20000/hour: one largest file a
    minute) and ``HANOI_ROWS_RATE_ALL`` for all clients together (default 15000/minute, about
    half a CPU of lookups), so that abusers at their limits leave the CPUs to visitors."""
    return [
        (os.environ.get("HANOI_ROWS_RATE", DEFAULT_ROWS_RATE), True),
        (os.environ.get("HANOI_ROWS_RATE_ALL", DEFAULT_ROWS_RATE_ALL), False),
    ]


def charge_rows(limiter: Limiter, rows: int):
    """Spend ``rows`` of the rows budgets; the first RateLimitItem exceeded, else None.

    Counted in the limiter's storage (Redis when configured: one count for all workers). A
    storage error lets the rows through (one warning), as the other limits fail open."""
    from limits import parse_many

    for rate, per_client in rows_rates():
        who = get_remote_address() if per_client else "all"
        for item in parse_many(rate):
            try:
                if not limiter.limiter.hit(item, ROWS_SCOPE, who, cost=max(rows, 1)):
                    return item
            except Exception as err:  # storage unreachable: fail open, say so once
                if not _rows_warned:
                    _rows_warned.append(True)
                    log.warning("rows budget storage unreachable, not counting: %s", err)
                return None
    return None


def rows_spent(limiter: Limiter):
    """The first rows budget this client (or everyone) has already used up, else None: checked
    before a request's body is read, so that a refused request costs next to nothing."""
    from limits import parse_many

    for rate, per_client in rows_rates():
        who = get_remote_address() if per_client else "all"
        for item in parse_many(rate):
            try:
                if not limiter.limiter.test(item, ROWS_SCOPE, who, cost=1):
                    return item
            except Exception:  # storage unreachable: fail open (charge_rows says so)
                return None
    return None


def _budget_error(over):
    from geodata.convert import ConvertError

    per = over.GRANULARITY.name
    names = {"second": "giây", "minute": "phút", "hour": "giờ", "day": "ngày"}
    per_en = per if over.multiples == 1 else f"{over.multiples} {per}s"
    per_vi = names.get(per, per)
    per_vi = per_vi if over.multiples == 1 else f"{over.multiples} {per_vi}"
    return ConvertError("budget", amount=over.amount, per_en=per_en, per_vi=per_vi)


class RowsCharger:
    """``charge(rows)`` for geodata.convert.convert_bytes (ConvertError("budget") when over),
    and ``check()`` to refuse a client already over before its file is even decoded."""

    def __init__(self, limiter: Limiter):
        self.limiter = limiter

    def check(self) -> None:
        """Raise ConvertError("budget") when a rows budget is already spent."""
        over = rows_spent(self.limiter)
        if over is not None:
            raise _budget_error(over)

    def __call__(self, rows: int) -> None:
        over = charge_rows(self.limiter, rows)
        if over is not None:
            raise _budget_error(over)


def rows_charger(limiter: Limiter) -> RowsCharger:
    """The rows budget of the convert tab and the batch API, bound to ``limiter``."""
    return RowsCharger(limiter)


def api_rate() -> str:
    """Rate limit for the JSON API, oEmbed and the finder (its callback and pages with ?q=),
    per client IP."""
    return os.environ.get("HANOI_API_RATE", DEFAULT_API_RATE)
