"""The city map's changing parts (values, classes, filter) and its legend, from the reader's
choices."""

from __future__ import annotations

from dash import html

from dashboard.figures.maps import NO_DATA_COLOR, map_trace_props
from dashboard.model.classify import SCHEMES, pick_k
from dashboard.model.data import AppData
from dashboard.model.i18n import t
from dashboard.model.indicators import Indicator, indicator_values
from dashboard.views.frame import legend_rows
from dashboard.views.table import filter_units


def shown_values(data: AppData, ind: Indicator, unit_type: str, user: dict | None = None):
    """Values of ``ind`` for the units the type filter shows, indexed by code (NaN: no data)."""
    return indicator_values(data.units, ind, user).loc[filter_units(data.units, unit_type).index]


def map_state(
    data: AppData,
    ind: Indicator,
    scheme: str,
    k: int,
    unit_type: str,
    lang: str,
    user: dict | None = None,
    strip: bool = False,
    own_source: bool = False,
) -> tuple[dict, html.Div]:
    """Trace properties for the units shown and the legend describing them (``strip``: only the
    rows and notes, for a graphic frame that has its own title and source; ``own_source``: the
    indicator's source line stays in the strip)."""
    values = shown_values(data, ind, unit_type, user)
    props, rows = map_trace_props(data.units, values, ind, lang, scheme, k)
    legend = map_legend(
        rows,
        ind,
        scheme,
        int(values.isna().sum()),
        lang,
        asked=k,
        strip=strip,
        own_source=own_source,
    )
    return props, legend


def map_subtitle(ind: Indicator, scheme: str, n_classes: int, lang: str) -> str:
    """What the colours are: the classing and the number of classes (or the stretched scale)."""
    where = "126 phường, xã · Hà Nội" if lang == "vi" else "126 wards and communes · Hanoi"
    if ind.categorical:
        return where
    if scheme == "continuous":
        return f"{where} · {t('continuous_stretch', lang)}"
    if scheme in SCHEMES and n_classes:
        return f"{where} · {t(scheme, lang)}, {n_classes} {t('classes', lang).lower()}"
    return where


def class_count(props: dict) -> int:
    """How many classes the map's trace properties draw (0: none, a stretched scale)."""
    return len(props.get("colorbar", {}).get("tickvals", []) or [])


def map_head(ind: Indicator, scheme: str, props: dict, lang: str) -> list:
    """The dashboard map frame's title and subtitle, as HTML text (dashboard/views/frame.py)."""
    return [
        # data-indicator: what the map shows, for its downloads (assets/export.js); the radio
        # inputs of dcc.RadioItems carry no value attribute.
        html.P(
            ind.title(lang),
            className="graphic-title",
            id="map-title",
            **{"data-indicator": ind.key},
        ),
        html.P(
            map_subtitle(ind, scheme, class_count(props), lang),
            className="graphic-subtitle",
        ),
    ]


def highlight_layer(data: AppData, code: str | None) -> dict | None:
    """A thick outline of the chosen unit (simplified polygon), or None for no or unknown code."""
    shape = data.built.units_map[data.built.units_map["code"] == code]
    if not code or shape.empty:
        return None
    return {
        "sourcetype": "geojson",
        "source": shape[["geometry"]].__geo_interface__,
        "type": "line",
        "color": "#111111",
        "line": {"width": 3.5},
        "name": "highlight",
    }


def map_legend(
    rows: list[tuple[str, str]],
    ind: Indicator,
    scheme: str,
    n_missing: int,
    lang: str,
    asked: int | None = None,
    strip: bool = False,
    own_source: bool = False,
) -> html.Div:
    """The legend as text: title, class edges with their colours, "no data", method and source.
    When fewer classes were formed than the ``asked`` number (class edges that coincided were
    merged), a note under the rows says so."""
    title = ind.title(lang)
    merged = None
    if rows and not ind.categorical and scheme in SCHEMES:
        title += f" · {t(scheme, lang)}, {len(rows)} {t('classes', lang).lower()}"
        if asked is not None and len(rows) < pick_k(asked):
            merged = t("classes_merged", lang).format(n=len(rows), m=pick_k(asked))
    elif rows and not ind.categorical and scheme == "continuous":
        title += f" · {t('continuous_stretch', lang)}"
    keys = [(c, None, label) for c, label in rows]
    if n_missing:
        keys.append((NO_DATA_COLOR, None, f"{t('no_data', lang)} ({n_missing})"))
    return html.Div(
        [
            # h2: in the side panel it comes straight after the page's h1 (heading order).
            None if strip else html.H2(f"{t('legend', lang)}: {title}", className="legend-title"),
            legend_rows(keys) if keys else None,
            html.P(merged, className="note classes-merged") if merged else None,
            html.P([html.B(f"{t('method', lang)}: "), ind.method_text(lang)], className="method")
            if ind.method
            else None,
            None
            if strip and not own_source
            else html.P(f"{t('source', lang)}: {ind.source_text(lang)}", className="legend-source"),
        ],
        className="legend legend--strip" if strip else "legend",
    )
