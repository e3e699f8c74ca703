"""GET /healthz: is this process serving, on which data, with which cache.

For a load balancer, systemd or a monitor (docs/deployment.md). Always 200 while the process
answers: the data is loaded before the first request, and a cache outage is survived (stores.py
fails open), so it reports ``"status": "degraded"`` then instead of taking the site down. Never
cached, never rate-limited, and nothing secret in it (no paths, no addresses).
"""

from __future__ import annotations

from flask import Blueprint, jsonify

from dashboard.model.data import AppData
from dashboard.web.stores import AppCache

HEALTH_ROUTE = "/healthz"


def make_health(data: AppData, cache: AppCache, cache_kind: str) -> Blueprint:
    """The blueprint of the health route; ``cache_kind`` is "redis" or "files"."""
    health = Blueprint("health", __name__)

    @health.get(HEALTH_ROUTE)
    def _health():
        reachable = cache.reachable()
        body = {
            "status": "ok" if reachable else "degraded",
            "data": {"units": int(len(data.units)), "build": data.built.stamp},
            "cache": {"kind": cache_kind, "reachable": reachable},
        }
        resp = jsonify(body)
        resp.headers["Cache-Control"] = "no-store"
        return resp

    return health
