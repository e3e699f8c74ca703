"""``/export/map.svg``: the city map as a framed vector SVG for the PNG/SVG downloads (#23).

Same options as the page (indicator, scheme, k, type, lang, unit: ``parse_params``), same
classes and colours as the map the reader sees (``map_trace_props``), drawn by
dashboard/figures/map_svg.py. assets/export.js downloads it as is (SVG) or draws it on a canvas
(PNG). Kept per process for the bounded set of option combinations.
"""

from __future__ import annotations

from functools import lru_cache

from flask import Blueprint, Response, request

from dashboard.figures.map_svg import fill_colors, map_svg
from dashboard.figures.maps import NO_DATA_COLOR, map_trace_props
from dashboard.model.classify import SCHEMES, pick_k
from dashboard.model.data import AppData
from dashboard.model.i18n import t
from dashboard.model.indicators import get_indicator
from dashboard.model.params import parse_params
from dashboard.views.embed import source_line
from dashboard.views.frame import source_lines
from dashboard.views.map import map_subtitle, shown_values


def framed_map_svg(
    data: AppData, indicator: str, scheme: str, k: int, unit_type: str, lang: str, unit=None
) -> str:
    """The framed SVG of the city map for these (already validated) options."""
    ind = get_indicator(indicator)
    values = shown_values(data, ind, unit_type)
    props, rows = map_trace_props(data.units, values, ind, lang, scheme, k)
    notes = []
    if rows and not ind.categorical and scheme in SCHEMES and len(rows) < pick_k(k):
        notes.append(t("classes_merged", lang).format(n=len(rows), m=pick_k(k)))
    missing = int(values.isna().sum())
    legend = list(rows) + (
        [(NO_DATA_COLOR, f"{t('no_data', lang)} ({missing})")] if missing else []
    )
    if ind.method:
        notes.append(f"{t('method', lang)}: {ind.method_text(lang)}")
    n_classes = len(rows) if scheme in SCHEMES and not ind.categorical else 0
    shown = data.built.units_map[data.built.units_map["code"].isin(values.index)]
    return map_svg(
        shown,
        fill_colors(props),
        ind.title(lang),
        map_subtitle(ind, scheme, n_classes, lang),
        legend,
        notes,
        source_lines(source_line(lang, data.built.stamp)),
        highlight=unit if unit in data.units.index else None,
        names=dict(data.units["full_name"]),
    )


def make_map_svg(data: AppData) -> Blueprint:
    """The ``/export/map.svg`` route."""
    bp = Blueprint("map_svg", __name__)

    @lru_cache(maxsize=256)
    def cached(*key) -> bytes:
        return framed_map_svg(data, *key).encode("utf-8")

    @bp.get("/export/map.svg")
    def _map_svg():
        p = parse_params(request.query_string.decode("utf-8", "replace"))
        unit = p.unit if p.unit in data.units.index else None
        body = cached(p.indicator, p.scheme, p.k, p.type, p.lang, unit)
        resp = Response(body, mimetype="image/svg+xml")
        resp.headers["Cache-Control"] = "public, max-age=3600"
        resp.headers["Content-Disposition"] = f'inline; filename="hanoi-126-{p.indicator}.svg"'
        return resp

    return bp
