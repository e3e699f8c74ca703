"""The shared cache as the app uses it: versioned keys, and Redis that may fail without harm.

Every key is prefixed with ``cache_version()``: the data version, the code version and the
settings that change rendered output, so a deploy or a changed setting never serves stale
pages from a shared (Redis) or persistent (file) cache.

When Redis is unreachable the cache fails open: one warning is logged, answers are computed
(and kept in a small per-process memory cache) until Redis answers again.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import subprocess
import threading
import time
from collections import OrderedDict
from functools import cache
from importlib import metadata
from pathlib import Path

from cachelib import SimpleCache
from flask_caching.backends.base import BaseCache

log = logging.getLogger("hanoi126")
# Settings whose value appears in rendered pages: part of every cache key.
OUTPUT_SETTINGS = ("HANOI_CORRECTIONS_URL", "HANOI_PUBLIC_URL")
PACKAGE = "hanoi-two-tier-map"
ROOT = Path(__file__).resolve().parents[2]
RETRY_SECONDS = 5.0  # while Redis is down, try it again this often (not on every request)


def _source_hash() -> str:
    """Hash of the dashboard and geodata sources (for installs without git)."""
    digest = hashlib.sha256()
    for package in ("dashboard", "geodata"):
        base = ROOT / package
        for path in sorted(base.rglob("*.py")) if base.is_dir() else []:
            digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


def _git_describe() -> str:
    """``git describe --always --dirty`` of the checkout, or "" outside one."""
    if not (ROOT / ".git").exists():
        return ""
    try:
        out = subprocess.run(
            ["git", "describe", "--always", "--dirty"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=5,
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    return out.stdout.strip() if out.returncode == 0 else ""


@cache
def code_version() -> str:
    """Package version plus git describe; the sources' hash when not a clean git checkout."""
    try:
        version = metadata.version(PACKAGE)
    except metadata.PackageNotFoundError:
        version = "0"
    described = _git_describe()
    # A dirty tree's describe does not change with further edits: add the sources' hash.
    if not described or described.endswith("-dirty"):
        described = f"{described}+{_source_hash()}"
    return f"{version}-{described}"


def cache_version(data_stamp: str) -> str:
    """Short hash of the data version, code version and output-changing settings."""
    parts = [data_stamp, code_version()] + [os.environ.get(k, "") for k in OUTPUT_SETTINGS]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:16]


class AppCache:
    """get/set over a flask-caching backend with versioned keys; backend errors fail open."""

    def __init__(self, backend, version: str, fallible: bool = False):
        self.backend, self.version, self.fallible = backend, version, fallible
        self.memory = SimpleCache(threshold=500, default_timeout=300)
        self._down_since = 0.0
        self._lock = threading.Lock()

    def _key(self, key: str) -> str:
        return f"{self.version}:{key}"

    def _usable(self) -> bool:
        return not self._down_since or time.monotonic() - self._down_since > RETRY_SECONDS

    def _failed(self, err: Exception) -> None:
        with self._lock:
            if not self._down_since:  # one line per outage, not a traceback per request
                log.warning("cache store unreachable, serving uncached: %s", err)
            self._down_since = time.monotonic()

    def _recovered(self) -> None:
        if self._down_since:
            with self._lock:
                self._down_since = 0.0
            log.warning("cache store reachable again")

    def _call(self, method: str, *args):
        """The backend's answer; None (and the memory cache) while it is down."""
        if not self._usable():
            return getattr(self.memory, method)(*args)
        try:
            answer = getattr(self.backend, method)(*args)
        except Exception as err:
            if not self.fallible:
                raise
            self._failed(err)
            return getattr(self.memory, method)(*args)
        self._recovered()
        return answer

    def reachable(self) -> bool:
        """True when the store answers a read now (a miss counts); False while it is down."""
        if not self._usable():
            return False
        try:
            self.backend.get(self._key("healthz"))
        except Exception as err:
            if not self.fallible:
                raise
            self._failed(err)
            return False
        self._recovered()
        return True

    def get(self, key: str):
        """The cached value or None."""
        return self._call("get", self._key(key))

    def set(self, key: str, value) -> None:
        """Store a value (silently dropped into the memory cache while Redis is down)."""
        self._call("set", self._key(key), value)


class BoundedCache(BaseCache):
    """The embedded cache (without Redis): least recently used entries dropped first, bounded
    by entries and by bytes, per process; get and set are O(1), also at the cap.

    flask-caching's FileSystemCache read every entry twice on each write once at its threshold
    (0.5 → 102 ms a write at 3,000 entries); cachelib's SimpleCache scans all its entries too.
    Values are kept pickled: their size is known, and a caller cannot mutate a cached value.
    Used as ``CACHE_TYPE = "dashboard.web.stores.BoundedCache"``.
    """

    def __init__(self, max_entries: int = 3000, max_bytes: int = 64 << 20, default_timeout=300):
        super().__init__(default_timeout=default_timeout)
        self.max_entries, self.max_bytes = max_entries, max_bytes
        self._entries: OrderedDict[str, tuple[float, bytes]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    @classmethod
    def factory(cls, app, config, args, kwargs):
        """flask-caching's constructor hook: CACHE_THRESHOLD entries, CACHE_MAX_BYTES bytes."""
        kwargs.update(
            max_entries=config.get("CACHE_THRESHOLD", 3000),
            max_bytes=config.get("CACHE_MAX_BYTES", 64 << 20),
            default_timeout=config.get("CACHE_DEFAULT_TIMEOUT", 300),
        )
        return cls(*args, **kwargs)

    def _drop(self, key: str) -> None:
        _expires, blob = self._entries.pop(key)
        self._bytes -= len(blob)

    def get(self, key):
        """The value, or None when absent or expired; a hit becomes the most recent."""
        with self._lock:
            item = self._entries.get(key)
            if item is None:
                return None
            if item[0] and item[0] < time.monotonic():
                self._drop(key)
                return None
            self._entries.move_to_end(key)
        return pickle.loads(item[1])

    def set(self, key, value, timeout=None):
        """Store ``value``, dropping the least recently used entries beyond the bounds."""
        blob = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
        if len(blob) > self.max_bytes // 8:
            return False  # one entry may not push out most of the others
        timeout = self._normalize_timeout(timeout)
        expires = time.monotonic() + timeout if timeout else 0.0
        with self._lock:
            if key in self._entries:
                self._drop(key)
            self._entries[key] = (expires, blob)
            self._bytes += len(blob)
            while len(self._entries) > self.max_entries or self._bytes > self.max_bytes:
                _key, (_expires, old) = self._entries.popitem(last=False)
                self._bytes -= len(old)
        return True

    def add(self, key, value, timeout=None):
        """Store ``value`` unless ``key`` holds one."""
        if self.has(key):
            return False
        return self.set(key, value, timeout)

    def delete(self, key):
        """Remove ``key``; True when it was there."""
        with self._lock:
            if key not in self._entries:
                return False
            self._drop(key)
            return True

    def has(self, key):
        """True when ``key`` holds an unexpired value."""
        with self._lock:
            item = self._entries.get(key)
            return item is not None and not (item[0] and item[0] < time.monotonic())

    def clear(self):
        """Drop everything."""
        with self._lock:
            self._entries.clear()
            self._bytes = 0
        return True

    def __len__(self) -> int:
        return len(self._entries)
