"""Link previews: Open Graph / Twitter meta tags per view and the PNG they point to.

The PNG (1200 × 630, the size Facebook, LinkedIn, Zalo and X show large) is the SAME vector print
map the embeds draw (``print_map``, a plotly geo trace), rendered server-side by kaleido in
Debian's Chromium (``BROWSER_PATH``, default /usr/bin/chromium), with the app's own lean
plotly.js and its empty world topojson (``assets/geo-assets.js``): no network at all. One image per
view key (indicator × language, unit × language: bounded), kept on disk for every worker and per
process: the city map, the chart and the facts are rendered ahead of time at deploy (``python -m
dashboard.web.prerender``), any other on first request, one at a time on the machine. Addresses
are absolute from ``request_origin()`` (``HANOI_PUBLIC_URL`` when set), never from an untrusted
Host.
"""

from __future__ import annotations

import fcntl
import hashlib
import html as html_lib
import json
import logging
import os
import textwrap
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

from flask import Blueprint, Response, abort, request

from dashboard.figures.maps import print_map
from dashboard.model.compare import MAX_UNITS, MIN_UNITS, canonical_codes, compare_table
from dashboard.model.data import AppData
from dashboard.model.embeds import parse_embed_path, request_origin
from dashboard.model.i18n import LANGS, pick_lang, t
from dashboard.model.indicators import DEFAULT_INDICATOR, INDICATORS, get_indicator
from dashboard.model.numbers import fmt_number, plotly_separators
from dashboard.views.facts import facts_title
from dashboard.web.static_assets import GEO_BUNDLE, assets_dir

OG_WIDTH, OG_HEIGHT = 1200, 630
RENDER_SECONDS = 20  # kaleido's own timeout for one image (5-10 s is usual)
BUSY_RETRY_SECONDS = 10  # Retry-After of the 503 answered while another image renders
log = logging.getLogger("hanoi126")
CHROMIUM = "/usr/bin/chromium"
HIGHLIGHT, OTHERS = "#d95f02", "#d9d9d9"
ONE_YEAR, ONE_DAY = 31_536_000, 86_400
# Compare-chart images (a set of 2-6 units each): the most recent ones kept, per process and on
# disk; every other image belongs to a small fixed set (indicator, unit, facts × language).
COMPARE_KEPT = 256


@dataclass(frozen=True)
class Preview:
    """What a link preview shows: title, description and the image's (kind, key, lang)."""

    title: str
    description: str
    kind: str  # "map" / "chart" (key: indicator), "unit" (key: GSO code), "facts" (key: "all")
    key: str
    lang: str

    def image_path(self, stamp: str) -> str:
        return f"/og/{self.kind}/{self.key}.{self.lang}.png?v={stamp}"


def _city(lang: str) -> str:
    return "126 wards and communes of Hanoi" if lang == "en" else "126 phường, xã Hà Nội"


def _map_preview(indicator: str | None, lang: str) -> Preview:
    ind = INDICATORS.get(indicator or "", INDICATORS[DEFAULT_INDICATOR])
    return Preview(
        f"{ind.label(lang)} — {_city(lang)}",
        t("preview_map", lang).format(indicator=ind.title(lang)),
        "map",
        ind.key,
        lang,
    )


def _unit_preview(data: AppData, code: str, lang: str) -> Preview:
    u = data.units.loc[code]
    return Preview(
        f"{u['full_name']} — {_city(lang)}",
        t("preview_unit", lang).format(
            name=u["full_name"],
            pop=fmt_number(u["pop2025"], 0, lang),
            area=fmt_number(u["area_official_km2"], 2, lang),
            n=int(u["n_old_units"]),
        ),
        "unit",
        code,
        lang,
    )


def preview_for(data: AppData, path: str, args) -> Preview | None:
    """The preview of the page at ``path`` with query ``args``; None for other pages."""
    lang = pick_lang(args.get("lang"))
    parsed = parse_embed_path(path)
    if parsed is None and path not in ("", "/"):
        return None
    kind, key = parsed or ("dashboard", None)
    if kind == "dashboard":
        key = args.get("unit")
    if kind in ("dashboard", "unit", "overlay") and key in data.units.index:
        return _unit_preview(data, key, lang)
    if kind == "facts":
        # #23: the facts page previews its own figures, not the density map.
        return Preview(
            f"{facts_title(lang)} — {_city(lang)}", t("preview_facts", lang), "facts", "all", lang
        )
    if kind == "chart":
        return _chart_preview(data, key, args, lang)
    return _map_preview(args.get("indicator"), lang)


def compare_key(data: AppData, indicator: str, raw) -> str | None:
    """The preview key of a compare chart ("<indicator>~<code>-<code>…", the codes sorted and
    without repeats: model/compare.canonical_codes), or None under two known units."""
    codes = canonical_codes(raw, data.units.index)
    return f"{indicator}~{'-'.join(codes)}" if len(codes) >= MIN_UNITS else None


def split_compare_key(data: AppData, key: str) -> tuple[str, tuple[str, ...]] | None:
    """(indicator, codes) of a canonical compare key; None for any other spelling (the image
    cache holds one entry per set of units, never one per way of writing it)."""
    indicator, sep, rest = key.partition("~")
    if not sep or indicator not in INDICATORS or len(rest) > 6 * MAX_UNITS:
        return None
    canonical = compare_key(data, indicator, rest.split("-"))
    return (indicator, tuple(rest.split("-"))) if canonical == key else None


def _chart_preview(data: AppData, key: str | None, args, lang: str) -> Preview:
    """A chart embed previews its own chart: the units it compares (one image per indicator, set
    of units and language), or the indicator's 126 units, highest first, without compare=."""
    ind = INDICATORS.get(key or "", INDICATORS[DEFAULT_INDICATOR])
    compared = compare_key(data, ind.key, args.get("compare") or "")
    if compared:
        codes = split_compare_key(data, compared)[1]  # type: ignore[index]
        names = ", ".join(str(data.units.at[c, "full_name"]) for c in codes)
        description = t("preview_chart_compare", lang).format(
            indicator=ind.title(lang), units=names
        )
        return Preview(f"{ind.label(lang)} — {names}", description, "chart", compared, lang)
    description = t("preview_chart", lang).format(indicator=ind.title(lang))
    return Preview(f"{ind.label(lang)} — {_city(lang)}", description, "chart", ind.key, lang)


def meta_tags(data: AppData, path: str, args) -> str:
    """``<meta>`` tags (description, Open Graph, Twitter card) for the page, else ""."""
    preview = preview_for(data, path, args)
    if preview is None:
        return ""
    origin = request_origin()
    query = request.query_string.decode("utf-8", "replace")
    page = origin + path + (f"?{query}" if query else "")
    tags = [
        ("name", "description", preview.description),
        ("property", "og:type", "website"),
        ("property", "og:site_name", "Hà Nội 126"),
        ("property", "og:locale", "en_GB" if preview.lang == "en" else "vi_VN"),
        ("property", "og:title", preview.title),
        ("property", "og:description", preview.description),
        ("property", "og:url", page),
        ("property", "og:image", origin + preview.image_path(data.built.stamp)),
        ("property", "og:image:type", "image/png"),
        ("property", "og:image:width", str(OG_WIDTH)),
        ("property", "og:image:height", str(OG_HEIGHT)),
        ("property", "og:image:alt", preview.title),
        ("name", "twitter:card", "summary_large_image"),
        ("name", "twitter:title", preview.title),
        ("name", "twitter:description", preview.description),
    ]
    esc = lambda s: html_lib.escape(s, quote=True)  # noqa: E731
    return "".join(f'<meta {a}="{esc(n)}" content="{esc(c)}">' for a, n, c in tags)


def preview_figure(data: AppData, kind: str, key: str, lang: str):
    """The figure of a preview, per kind of page (#23): the indicator's print map in the page's
    default classes; a unit's own map, zoomed to the unit with its neighbours around it; a chart
    embed's chart; the facts page's headline figures. Drawn only with the geo bundle's traces
    (choropleth, scatter) and layout shapes and text, which kaleido's page has."""
    from dashboard.figures.previews import chart_preview, compare_preview, facts_preview
    from dashboard.model.classify import DEFAULT_K, DEFAULT_SCHEME
    from dashboard.views.embed import chart_source, source_line
    from dashboard.views.map import map_state, shown_values

    compared = split_compare_key(data, key) if kind == "chart" else None
    if compared:
        ind, codes = get_indicator(compared[0]), list(compared[1])
        table = compare_table(data.units, codes, [ind]).set_index("code")
        fig = compare_preview(
            [str(data.units.at[c, "full_name"]) for c in codes],
            list(table.loc[codes, "value"]),
            float(table["median"].iloc[0]),
            ind,
            lang,
            ind.title(lang),
            wrapped(chart_source(ind, lang, data.built.stamp)),
        )
    elif kind == "chart":
        ind = get_indicator(key)
        values = shown_values(data, ind, "all")
        fig = chart_preview(
            [float(v) for v in values.dropna()],
            ind,
            lang,
            f"{ind.title(lang)} · {t('city_distribution', lang)}",
            wrapped(chart_source(ind, lang, data.built.stamp)),
        )
    elif kind == "facts":
        cited = f"{t('press', lang)}: {t('preview_facts', lang)}"
        fig = facts_preview(
            data.facts,
            lang,
            f"{facts_title(lang)} — {_city(lang)}",
            wrapped(source_line(lang, data.built.stamp, cited)),
        )
    else:
        geojson = json.loads(data.geo_files[data.geo_names["units"]])
        if kind == "unit":
            codes = list(data.units.index)
            props = {
                "locations": codes,
                "z": [1.0 if c == key else 0.0 for c in codes],
                "colorscale": [[0, OTHERS], [1, HIGHLIGHT]],
                "zmin": 0,
                "zmax": 1,
                "showscale": False,
            }
            title = f"{data.units.at[key, 'full_name']} — {_city(lang)}"
            shape = data.built.units_map[data.built.units_map["code"] == key]
            bounds = unit_view(shape.total_bounds)
        else:
            ind = get_indicator(key)
            # The page's default classes (quantiles, 5), not another scheme's breaks.
            props, _legend = map_state(data, ind, DEFAULT_SCHEME, DEFAULT_K, "all", lang)
            title = ind.title(lang)
            bounds = None
        fig = print_map(
            geojson,
            props,
            title=title,
            source_line=wrapped(source_line(lang, data.built.stamp)),
            bounds=bounds,
        )
        if kind == "unit":
            # Unit names where there is room: the unit and its neighbours, never a dot.
            fig.update_traces(marker_line_color="#555555", marker_line_width=0.8)
    fig.update_layout(
        width=OG_WIDTH,
        height=OG_HEIGHT,
        separators=plotly_separators(lang),
        paper_bgcolor="white",
        font={"size": 16},
    )
    return fig


def unit_view(bounds, aspect: float = 1.6) -> tuple[float, float, float, float]:
    """A box around a unit's ``bounds`` for a preview map of about ``aspect`` (width / height):
    the unit takes about half of it, whatever its size (Hoàn Kiếm is not a dot)."""
    import math

    minx, miny, maxx, maxy = (float(b) for b in bounds)
    cx, cy = (minx + maxx) / 2, (miny + maxy) / 2
    # degrees of longitude per degree of latitude on screen (Mercator at this latitude)
    stretch = 1 / math.cos(math.radians(cy))
    half_h = max((maxy - miny), (maxx - minx) / stretch / aspect, 0.004)
    half_w = half_h * aspect * stretch
    return (cx - half_w, cy - half_h, cx + half_w, cy + half_h)


def wrapped(source: str, width: int = 170) -> str:
    """A source line (parts joined by <br>) cut so that no line runs past the image's edge."""
    return "<br>".join(
        "<br>".join(textwrap.wrap(part, width, break_on_hyphens=False))
        for part in source.split("<br>")
    )


def render_png(fig) -> bytes:
    """``fig`` as a PNG of the preview's size, drawn by kaleido in a headless Chromium."""
    import kaleido

    if os.path.exists(CHROMIUM):
        os.environ.setdefault("BROWSER_PATH", CHROMIUM)
    assets = assets_dir()
    page = kaleido.PageGenerator(
        plotly=str(assets / GEO_BUNDLE),
        mathjax=False,
        others=[str(assets / "geo-assets.js")],
    )
    return kaleido.calc_fig_sync(
        fig,
        opts={"format": "png", "width": OG_WIDTH, "height": OG_HEIGHT},
        kopts={"page_generator": page, "timeout": RENDER_SECONDS},
    )


def valid_key(data: AppData, kind: str, key: str, lang: str) -> bool:
    """True for the bounded set of preview images: indicator × language, unit × language."""
    if lang not in LANGS:
        return False
    if kind == "chart" and "~" in key:
        return split_compare_key(data, key) is not None
    if kind in ("map", "chart"):
        return key in INDICATORS
    return (kind == "unit" and key in data.units.index) or (kind == "facts" and key == "all")


def stored_name(data: AppData, kind: str, key: str, lang: str) -> str:
    """The file of a rendered preview in the queue's folder (the data's stamp first: a new
    build renders anew)."""
    return f"{data.built.stamp}-{kind}-{key}-{lang}.png"


def fixed_set(data: AppData, units: bool = False) -> list[tuple[str, str, str]]:
    """(kind, key, lang) of the previews rendered ahead of time (``python -m
    dashboard.web.prerender``): the city map and the chart per indicator, the facts, in each
    language; with ``units``, every unit's too (252 more, 20-40 min)."""
    keys = [(kind, ind, lang) for kind in ("map", "chart") for ind in INDICATORS for lang in LANGS]
    keys += [("facts", "all", lang) for lang in LANGS]
    if units:
        keys += [("unit", code, lang) for code in data.units.index for lang in LANGS]
    return keys


def prerender(data: AppData, folder: Path, units: bool = False, say=print) -> tuple[int, int]:
    """Render the previews of ``fixed_set`` not yet in ``folder``, one at a time through the
    workers' own queue (a running server's renders wait their turn, and it finds each image
    on disk); (rendered, already there)."""
    queue = RenderQueue(folder)
    rendered = kept = 0
    for kind, key, lang in fixed_set(data, units):
        name = stored_name(data, kind, key, lang)
        if queue.stored(name) is not None:
            kept += 1
            continue
        started = time.perf_counter()
        fig = preview_figure(data, kind, key, lang)
        queue.run(name, lambda fig=fig: render_png(fig), wait=True)
        rendered += 1
        say(f"{kind}/{key}.{lang}.png {time.perf_counter() - started:.1f} s")
    return rendered, kept


class RenderQueue:
    """One preview rendered at a time on the machine (a Chromium each, 5-10 s): a lock in the
    process and a file lock shared by the gunicorn workers. There is no waiting line: a request
    that finds a render going gets None at once (answered 503 + Retry-After), so no worker
    thread is held waiting on Chromium. Rendered images are kept on disk for every worker."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()

    def stored(self, name: str) -> bytes | None:
        """A rendered image kept by any worker, or None."""
        try:
            return (self.folder / name).read_bytes()
        except OSError:
            return None

    def prune(self, pattern: str, keep: int) -> None:
        """Delete the oldest stored images matching ``pattern`` beyond the ``keep`` newest."""
        files = []
        for path in self.folder.glob(pattern):
            try:
                files.append((path.stat().st_mtime, path))
            except OSError:
                continue  # deleted by another worker meanwhile
        for _mtime, path in sorted(files, reverse=True)[keep:]:
            path.unlink(missing_ok=True)

    def run(self, name: str, render, wait: bool = False) -> bytes | None:
        """The image ``name``: from disk, else ``render()`` if nothing else renders; else None.
        ``wait``: wait for the render going on instead (the deploy step, never a request)."""
        if not self._lock.acquire(blocking=wait):
            return None
        try:
            with open(self.folder / ".render.lock", "a+b") as lock:
                try:
                    fcntl.flock(lock, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
                except BlockingIOError:
                    return None
                try:
                    png = self.stored(name)  # another worker may have just drawn it
                    if png is None:
                        png = render()
                        tmp = self.folder / f".{name}.{os.getpid()}.tmp"
                        tmp.write_bytes(png)
                        os.replace(tmp, self.folder / name)
                        if "~" in name:
                            self.prune("*~*.png", COMPARE_KEPT)
                    return png
                finally:
                    fcntl.flock(lock, fcntl.LOCK_UN)
        finally:
            self._lock.release()


def _busy(lang: str) -> Response:
    resp = Response(
        f"<!doctype html><meta charset=utf-8><title>503</title><p>{t('busy', lang)}</p>",
        status=503,
        mimetype="text/html",
    )
    resp.headers["Retry-After"] = str(BUSY_RETRY_SECONDS)
    resp.headers["Cache-Control"] = "no-store"
    return resp


def make_previews(data: AppData, folder: str | Path | None = None) -> Blueprint:
    """``/og/<kind>/<key>.<lang>.png``: the preview images, rendered one at a time on the
    machine (RenderQueue, in ``folder``; a temporary one when None), kept on disk and per
    process, with an ETag."""
    import tempfile

    bp = Blueprint("previews", __name__)
    cache: dict[tuple[str, str, str], bytes] = {}
    compared: OrderedDict[tuple[str, str, str], bytes] = OrderedDict()  # the newest COMPARE_KEPT
    queue = RenderQueue(Path(folder) if folder else Path(tempfile.mkdtemp(prefix="hanoi-og-")))

    @bp.get("/og/<kind>/<name>.png")
    def _og(kind: str, name: str):
        key, _, lang = name.rpartition(".")
        if not valid_key(data, kind, key, lang):
            abort(404)
        store = compared if "~" in key else cache
        png = store.get((kind, key, lang))
        if png is None:
            stored = stored_name(data, kind, key, lang)
            try:
                png = queue.stored(stored) or queue.run(
                    stored, lambda: render_png(preview_figure(data, kind, key, lang))
                )
            except Exception as err:  # Chromium missing, crashed or past RENDER_SECONDS
                log.warning("preview %s/%s.%s not rendered: %s", kind, key, lang, err)
                png = None
            if png is None:
                return _busy(lang)
            store[(kind, key, lang)] = png
            while len(compared) > COMPARE_KEPT:
                compared.popitem(last=False)
        resp = Response(png, mimetype="image/png")
        resp.set_etag(hashlib.sha256(png).hexdigest()[:32])
        current = request.args.get("v") == data.built.stamp
        resp.headers["Cache-Control"] = f"public, max-age={ONE_YEAR if current else ONE_DAY}"
        return resp.make_conditional(request)

    return bp


def thumbnail(data: AppData, preview: Preview) -> dict:
    """The oEmbed thumbnail fields of a preview."""
    return {
        "thumbnail_url": request_origin() + preview.image_path(data.built.stamp),
        "thumbnail_width": OG_WIDTH,
        "thumbnail_height": OG_HEIGHT,
    }
