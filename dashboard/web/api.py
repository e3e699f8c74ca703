"""JSON API: /api/lookup?q=…, /api/locate?lat=…&lon=… and POST /api/lookup/batch; bad input gets
a 400 with a message."""

from __future__ import annotations

import math

from flask import Blueprint, jsonify, request

from dashboard.model.data import AppData
from geodata.convert import ConvertError, convert_queries
from geodata.finder import QueryError, locate, lookup

MAX_BATCH = 1_000


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


def make_api(data: AppData, charge=None) -> Blueprint:
    """The API blueprint bound to the app's data; ``charge(rows)`` (serving.rows_charger)
    spends the rows budget the batch shares with the convert tab."""
    api = Blueprint("api", __name__, url_prefix="/api")

    @api.errorhandler(QueryError)
    def _bad(err):
        return jsonify({"error": str(err)}), 400

    # Answers are not cached: a lookup (p95 ~0.2 ms) costs less than a Redis round trip, and
    # free-text keys would fill any cache (issue #24).
    @api.get("/lookup")
    def _lookup():
        return jsonify(lookup(data.finder, request.args.get("q", "")))

    @api.get("/locate")
    def _locate():
        return jsonify(locate(data.finder, _number("lat"), _number("lon")))

    @api.post("/lookup/batch")
    def _batch():
        body = request.get_json(silent=True)
        queries = body.get("queries") if isinstance(body, dict) else None
        if not isinstance(queries, list):
            raise QueryError('Send JSON {"queries": ["old address", ...]}.')
        if len(queries) > MAX_BATCH:
            raise QueryError(f"Too many queries ({len(queries)}); at most {MAX_BATCH} per request.")
        bad = [i for i, q in enumerate(queries) if not isinstance(q, str)]
        if bad:
            raise QueryError(f"Query {bad[0] + 1} is not a string.")
        lang = "en" if body.get("lang") == "en" else "vi"
        if charge is not None:
            try:
                charge(len(queries))
            except ConvertError as err:
                return jsonify({"error": err.message("en")}), 429, {"Retry-After": "60"}
        answers = convert_queries(data.finder, queries, lang)
        return jsonify(
            {
                "count": len(answers),
                "results": [dict(a, query=q) for q, a in zip(queries, answers, strict=True)],
            }
        )

    @api.route("/<path:anything>")
    def _unknown(anything):
        return jsonify(
            {"error": "Unknown API route. Use /api/lookup?q=… or /api/locate?lat=…&lon=…"}
        ), 404

    return api
