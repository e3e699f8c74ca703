"""The map's geometry as static, content-addressed files: cached by browsers and CDNs for a year,
sent pre-compressed (brotli or gzip), so the page and its callbacks never carry coordinates."""

from __future__ import annotations

import gzip
from functools import lru_cache

import brotli
from flask import Blueprint, Response, abort, request

from dashboard.model.data import AppData

ONE_YEAR = 31_536_000


@lru_cache(maxsize=8)
def encodings(raw: bytes) -> dict[str, bytes]:
    """The body as sent for each Accept-Encoding; computed once per process (brotli 11 takes ~0.7
    s)."""
    return {"identity": raw, "gzip": gzip.compress(raw, 9), "br": brotli.compress(raw, quality=11)}


def make_static_geo(data: AppData) -> Blueprint:
    """Serve ``/geo/<kind>-<hash>.json`` with ETag, long max-age and pre-compressed bodies."""
    bp = Blueprint("geo", __name__, url_prefix="/geo")
    bodies = {name: encodings(raw) for name, raw in data.geo_files.items()}

    @bp.get("/<name>")
    def _geo(name: str):
        if name not in bodies:
            abort(404)
        accepted = request.accept_encodings
        encoding = "br" if accepted["br"] else "gzip" if accepted["gzip"] else "identity"
        resp = Response(bodies[name][encoding], mimetype="application/geo+json")
        if encoding != "identity":
            resp.headers["Content-Encoding"] = encoding
        resp.headers["Vary"] = "Accept-Encoding"
        resp.headers["Cache-Control"] = f"public, max-age={ONE_YEAR}, immutable"
        resp.set_etag(f"{name}-{encoding}")
        return resp.make_conditional(request)

    return bp
