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
import subprocess
import threading
import time
from functools import cache
from importlib import metadata
from pathlib import Path

from cachelib import SimpleCache

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
