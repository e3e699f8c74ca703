"""File downloads: the upload template and the data files for the press (built once per process)."""

from __future__ import annotations

from functools import cache

from flask import Blueprint, Response, abort, request

from dashboard.model.data import AppData
from dashboard.model.exports import FULL_DECIMALS, crosswalk_csv, units_csv, units_geojson
from dashboard.model.upload import template_csv

BOM = "\ufeff"  # so that Excel opens the Vietnamese names correctly


def make_downloads(data: AppData) -> Blueprint:
    """The downloads blueprint bound to the app's data."""
    bp = Blueprint("downloads", __name__, url_prefix="/download")
    stamp = data.built.stamp
    units = data.units
    files = {
        "template.csv": lambda: BOM + template_csv(units.reset_index()),
        "units.csv": lambda: BOM + units_csv(units, stamp),
        "units-nometa.csv": lambda: BOM + units_csv(units, stamp, with_header=False),
        "crosswalk.csv": lambda: BOM + crosswalk_csv(data.built.crosswalk, stamp),
        "crosswalk-nometa.csv": lambda: BOM
        + crosswalk_csv(data.built.crosswalk, stamp, with_header=False),
        "units.geojson": lambda: units_geojson(data.built.units_map, units, stamp, decimals=4),
        "units-full.geojson": lambda: units_geojson(
            data.built.units, units, stamp, decimals=FULL_DECIMALS
        ),
    }

    @cache
    def body(name: str) -> bytes:
        return files[name]().encode("utf-8")

    @bp.get("/<name>")
    def _file(name: str):
        if name not in files:
            abort(404)
        mimetype = "application/geo+json" if name.endswith(".geojson") else "text/csv"
        resp = Response(body(name), mimetype=mimetype)
        resp.headers["Content-Disposition"] = f"attachment; filename=hanoi-126-{stamp}-{name}"
        resp.headers["X-Data-Version"] = stamp
        resp.headers["Cache-Control"] = "public, max-age=3600"
        resp.add_etag()  # the body is fixed per data version: revalidation is a 304
        return resp.make_conditional(request)

    return bp
