"""JSON API: /api/lookup?q=… and /api/locate?lat=…&lon=…; bad input gets a 400 with a message."""

from __future__ import annotations

import math

from flask import Blueprint, jsonify, request

from dashboard.model.data import AppData
from geodata.finder import QueryError, locate, lookup


def _number(name: str) -> float:
    raw = request.args.get(name)
    if raw is None or raw.strip() == "":
        raise QueryError(f"Missing parameter '{name}'.")
    try:
        value = float(raw[:40])
    except ValueError:
        raise QueryError(f"Parameter '{name}' must be a number, got {raw[:40]!r}.") from None
    if not math.isfinite(value):
        raise QueryError(f"Parameter '{name}' must be a finite number.")
    return value


def make_api(data: AppData, cache=None) -> Blueprint:
    """The API blueprint bound to the app's data; lookups are cached per query given a cache."""
    api = Blueprint("api", __name__, url_prefix="/api")

    @api.errorhandler(QueryError)
    def _bad(err):
        return jsonify({"error": str(err)}), 400

    @api.get("/lookup")
    def _lookup():
        query = request.args.get("q", "")
        key = f"lookup:{data.built.stamp}:{query}"
        answer = cache.get(key) if cache and len(query) <= 300 else None
        if answer is None:
            answer = lookup(data.finder, query)
            if cache:
                cache.set(key, answer)
        return jsonify(answer)

    @api.get("/locate")
    def _locate():
        return jsonify(locate(data.finder, _number("lat"), _number("lon")))

    @api.route("/<path:anything>")
    def _unknown(anything):
        return jsonify(
            {"error": "Unknown API route. Use /api/lookup?q=… or /api/locate?lat=…&lon=…"}
        ), 404

    return api
