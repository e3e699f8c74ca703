"""The maps as framed vector SVGs for the PNG/SVG downloads (#23), drawn by
dashboard/figures/map_svg.py; assets/export.js downloads one as is (SVG) or draws it on a canvas
(PNG).

- ``/export/map.svg``: the city map, same options as the page (indicator, scheme, k, type, lang,
  unit: ``parse_params``), same classes and colours as the map the reader sees
  (``map_trace_props``);
- ``/export/unit/<code>.svg``: a new unit's small map with the old units it was formed from
  (the unit panel's and the overlay embed's);
- ``/export/split/<old code>.svg``: a split old unit over the new units it went to (the
  finder's split answer; the citizen page's drawing).

Kept per process for the bounded set of option combinations.
"""

from __future__ import annotations

import re
from functools import lru_cache

from flask import Blueprint, Response, jsonify, request

from dashboard.figures.map_svg import fill_colors, map_svg, split_map_svg, unit_map_svg
from dashboard.figures.maps import NO_DATA_COLOR, map_trace_props
from dashboard.model.classify import SCHEMES, pick_k, pick_scheme
from dashboard.model.data import AppData
from dashboard.model.i18n import N_, pick_lang, t
from dashboard.model.indicators import INDICATORS, all_indicators, get_indicator
from dashboard.model.params import parse_params
from dashboard.model.upload import session_figures
from dashboard.views import citizen
from dashboard.views.embed import source_line
from dashboard.views.finder import split_labels
from dashboard.views.frame import source_lines
from dashboard.views.map import map_subtitle, shown_values
from dashboard.views.panel import UNIT_MAP_KEYS, old_units_rows, unit_map_texts


def framed_map_svg(
    data: AppData,
    indicator: str,
    scheme: str,
    k: int,
    unit_type: str,
    lang: str,
    unit=None,
    user: dict | None = None,
) -> str:
    """The framed SVG of the city map for these (already validated) options; ``user``: the
    reader's own figures (model/upload.session_figures), for their "user:"/"ratio:" indicators."""
    ind = get_indicator(indicator, user)
    values = shown_values(data, ind, unit_type, user)
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
        # The reader's own figures name their file first ("Your uploaded file").
        ([] if ind.key in INDICATORS else [f"{t('source', lang)}: {ind.source_text(lang)}"])
        + source_lines(source_line(lang, data.built.stamp)),
        highlight=unit if unit in data.units.index else None,
        names=dict(data.units["full_name"]),
    )


def framed_unit_svg(data: AppData, code: str, lang: str) -> str:
    """The framed SVG of the new unit ``code``'s small map: the same title, subtitle, legend and
    source as its frame in the unit panel (views/panel.py: ``unit_map_frame``); each old unit
    it was formed from at its 2019 map's full detail."""
    olds = old_units_rows(data, code)
    unit = data.built.units_map.set_index("code").geometry[code]
    old = data.built.old526.set_index("code_526")
    shown = [c for c in dict.fromkeys(olds["old_code"]) if c in old.index]
    return unit_map_svg(
        unit,
        [(c, old.at[c, "full_name"], old.geometry[c]) for c in shown],
        *unit_map_texts(data, code, lang, len(olds)),
        [(fill or "none", t(key, lang), line) for fill, line, key in UNIT_MAP_KEYS],
        source_lines(source_line(lang, data.built.stamp)),
        name=data.units.at[code, "full_name"],
        north=t("cz_north", lang),
        lang=lang,
    )


def framed_split_svg(data: AppData, m: dict, lang: str) -> str | None:
    """The framed SVG of the finder's split answer ``m`` (a ``lookup`` record): the old outline
    over each new unit it went to, with the legend and sources of the dashboard's split map;
    None when the build has no outline for the old unit."""
    drawn = citizen.split_destinations(data, m, lang)
    if drawn is None:
        return None
    outline, dests = drawn
    labels = split_labels(m, lang)
    return split_map_svg(
        outline,
        dests,
        f"{m['old_name']} ({m['district']}) → 2025",
        # The page's note on the outline asks for a tap: a picture says what the shares are.
        t("split_note", lang),
        # The page's legend texts (the map's labels keep the short share)
        [(d.color, labels.get(d.code, d.label)) for d in dests]
        + [("none", f"{m['old_name']} ({t('cz_old_outline', lang)})", "#1a1a1a", "4 2")],
        source_lines(source_line(lang, data.built.stamp)),
        north=t("cz_north", lang),
        lang=lang,
    )


def _not_found(key: str, lang: str, code: str):
    resp = jsonify({"error": f"{t(key, lang)} “{code[:20]}”."})
    resp.status_code = 404
    return resp


def make_map_svg(data: AppData) -> Blueprint:
    """The ``/export/map.svg``, ``/export/unit/<code>.svg`` and ``/export/split/<code>.svg``
    routes."""
    bp = Blueprint("map_svg", __name__)
    index = citizen.old_index_of(data)  # old code → its finder entries

    @lru_cache(maxsize=256)
    def cached(*key) -> bytes:
        return framed_map_svg(data, *key).encode("utf-8")

    @lru_cache(maxsize=2 * 126)
    def cached_unit(code: str, lang: str) -> bytes:
        return framed_unit_svg(data, code, lang).encode("utf-8")

    @bp.get("/export/unit/<code>.svg")
    def _unit_svg(code: str):
        lang = pick_lang(request.args.get("lang"))
        if code not in data.units.index:
            return _not_found(N_("unknown_unit"), lang, code)
        resp = Response(cached_unit(code, lang), mimetype="image/svg+xml")
        resp.headers["Cache-Control"] = "public, max-age=3600"
        resp.headers["Content-Disposition"] = f'inline; filename="hanoi-126-{code}-overlay.svg"'
        return resp

    # Only the codes the finder knows reach the cache: 584 old codes x 2 languages at most.
    @lru_cache(maxsize=512)
    def cached_split(code: str, lang: str) -> bytes | None:
        answers = citizen.old_answers(data.finder, index, code)
        split = [m for m in answers if len(m["new_units"]) > 1]
        svg = framed_split_svg(data, split[0], lang) if split else None
        return svg.encode("utf-8") if svg else None

    @bp.get("/export/split/<code>.svg")
    def _split_svg(code: str):
        lang = pick_lang(request.args.get("lang"))
        known = re.fullmatch(r"\d{5}", code) is not None and code in index
        body = cached_split(code, lang) if known else None
        if body is None:
            return _not_found(N_("split_svg_unknown"), lang, code)
        resp = Response(body, mimetype="image/svg+xml")
        resp.headers["Cache-Control"] = "public, max-age=3600"
        resp.headers["Content-Disposition"] = f'inline; filename="hanoi-126-split-{code}.svg"'
        return resp

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


# The reader's own figures travel in the POST body (20 columns x 126 units are ~50 KB).
MAX_OWN_BYTES = 200_000


def _refused(status: int, key: str, lang: str, **fmt):
    """A clear message (JSON ``{"error": …}``, in the reader's language) for a refused map."""
    resp = jsonify({"error": t(key, lang).format(**fmt)})
    resp.status_code = status
    resp.headers["Cache-Control"] = "no-store"
    return resp


def own_map_request(data: AppData, body) -> tuple[dict | None, str]:
    """(the framed map's options, language) from an untrusted POST body, or (None, the message
    key) when it cannot be drawn. The body: ``{"indicator": "user:…", "query": the page's
    query string, "figures": the session store's value}``."""
    if not isinstance(body, dict):
        return None, N_("own_map_bad_request")
    query = body.get("query")
    p = parse_params(query[:2000] if isinstance(query, str) else "")
    user = session_figures(body.get("figures"))
    if not user or not user["columns"]:
        return None, N_("own_map_no_figures")
    indicator = body.get("indicator")
    own = all_indicators(user)
    if not isinstance(indicator, str) or indicator not in own or indicator in INDICATORS:
        return None, N_("own_map_bad_request")
    options = {
        "indicator": indicator,
        "scheme": pick_scheme(p.scheme),
        "k": pick_k(p.k),
        "unit_type": p.type,
        "lang": p.lang,
        "user": user,
    }
    return options, p.lang


def make_own_map_svg(data: AppData) -> Blueprint:
    """``POST /export/map.svg``: the framed vector map of the reader's own uploaded figures.

    Those figures live in the browser's session storage (views/layout.py: ``user-data``), never
    on the server: the page posts them with the download and the map is drawn from the request
    alone, nothing kept (no cache, ``Cache-Control: no-store``).
    """
    bp = Blueprint("own_map_svg", __name__)

    @bp.post("/export/map.svg")
    def _own_map_svg():
        lang = pick_lang(request.args.get("lang"))
        if (request.content_length or 0) > MAX_OWN_BYTES:
            return _refused(413, N_("own_map_too_large"), lang, kb=MAX_OWN_BYTES // 1000)
        raw = request.get_data(cache=True)
        if len(raw) > MAX_OWN_BYTES:
            return _refused(413, N_("own_map_too_large"), lang, kb=MAX_OWN_BYTES // 1000)
        body = request.get_json(silent=True) if request.is_json else None
        options, key = own_map_request(data, body)
        if options is None:
            return _refused(400, key, key_lang(body, lang))
        svg = framed_map_svg(data, **options)
        resp = Response(svg.encode("utf-8"), mimetype="image/svg+xml")
        resp.headers["Cache-Control"] = "no-store"
        name = options["indicator"].split(":", 1)[-1][:40]
        safe = "".join(c if c.isalnum() or c in "-_" else "-" for c in name)
        resp.headers["Content-Disposition"] = f'attachment; filename="hanoi-126-own-{safe}.svg"'
        return resp

    return bp


def key_lang(body, default: str) -> str:
    """The language of a refused body's page (its query's ``lang``), else ``default``."""
    query = body.get("query") if isinstance(body, dict) else None
    return parse_params(query[:2000]).lang if isinstance(query, str) else default
