"""Maps: the city choropleth, its changing trace, the unit and split-ward maps (pure)."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.common import add_title_and_source, format_value
from dashboard.model.classify import (
    CATEGORY_COLORS,
    COLORSCALE,
    DEFAULT_K,
    DEFAULT_SCHEME,
    class_labels,
    classify,
    stepped_colorscale,
)
from dashboard.model.i18n import t
from dashboard.model.indicators import Indicator
from dashboard.model.numbers import fmt_spec

HANOI_CENTER = {"lat": 21.0, "lon": 105.75}

NO_DATA_COLOR = "#d9d9d9"
COLORSCALE_ENDS = ("#440154", "#fde725")  # Viridis' first and last colours

# The same two layers in the interactive map (MapLibre) and the print map (SVG geo): a grey
# "no data" ground under the units, then the units with white borders.
NO_DATA_TRACE = {
    "featureidkey": "properties.code",
    "colorscale": [[0, NO_DATA_COLOR], [1, NO_DATA_COLOR]],
    "showscale": False,
    "hoverinfo": "skip",
    "marker_line_width": 0,
    "name": "no-data",
}
UNITS_TRACE = {
    "featureidkey": "properties.code",
    "hoverinfo": "text",
    "marker_line_width": 0.5,
    "marker_line_color": "white",
    "name": "units",
}
BASEMAPS = {"none": "white-bg", "light": "carto-positron", "osm": "open-street-map"}


def _hover(units: pd.DataFrame, values: pd.Series, ind: Indicator, lang: str) -> list[str]:
    text = []
    for code, value in values.items():
        u = units.loc[code]
        if ind.categorical:
            shown = t("no_data", lang) if pd.isna(value) else u[f"group_name_{lang}"]
        else:
            shown = format_value(value, ind, lang) + (
                f" ({t('estimate', lang)})" if ind.estimate and pd.notna(value) else ""
            )
        text.append(f"<b>{u['full_name']}</b><br>{ind.label(lang)}: {shown}")
    return text


def map_trace_props(
    units: pd.DataFrame,
    values: pd.Series,
    ind: Indicator,
    lang: str,
    scheme: str = DEFAULT_SCHEME,
    k: int = DEFAULT_K,
) -> tuple[dict, list[tuple[str, str]]]:
    """The parts of the map that change with the indicator, classes or filter, and the legend rows.

    ``values`` (indexed by code) holds the units to draw. Returned as plain trace properties so a
    callback can send only these (a Patch), never the geometry. The legend is (colour, text) per
    class.
    """
    props = {"locations": list(values.index), "hovertext": _hover(units, values, ind, lang)}
    title = ind.title(lang)
    if ind.categorical:
        groups = (
            units.loc[values.index]
            .dropna(subset=["group"])
            .drop_duplicates("group")
            .sort_values("group")
        )
        names = [
            f"{int(g)}. {n}"
            for g, n in zip(groups["group"], groups[f"group_name_{lang}"], strict=True)
        ]
        colors = CATEGORY_COLORS[: len(names)]
        props.update(
            z=[None if pd.isna(v) else float(v) for v in values],
            colorscale=stepped_colorscale(colors),
            zauto=False,
            zmin=0.5,
            zmax=len(names) + 0.5,
            colorbar={
                "title": {"text": title, "side": "right"},
                "tickvals": list(range(1, len(names) + 1)),
                "ticktext": names,
                "thickness": 14,
            },
        )
        return props, list(zip(colors, names, strict=True))
    classes = None if scheme == "continuous" else classify(values, scheme, k)
    if classes is None:
        # One outlier (Hoàn Kiếm's density, a 60-commune xã's area) would squeeze every other
        # unit into one colour: the scale is stretched over the 2nd–98th percentiles and the
        # units beyond take the end colours; the legend says so.
        present = values.dropna().astype(float)
        low, high = (
            (float(present.quantile(0.02)), float(present.quantile(0.98)))
            if len(present)
            else (0.0, 1.0)
        )
        if high <= low:  # all (or nearly all) units equal: any non-empty range will do
            high = low + 1.0
        props.update(
            z=[None if pd.isna(v) else float(v) for v in values],
            colorscale=COLORSCALE,
            zauto=False,
            zmin=low,
            zmax=high,
            colorbar={
                "title": {"text": title, "side": "right"},
                "thickness": 14,
                "tickformat": ind.fmt,
            },
        )
        rows = [
            (COLORSCALE_ENDS[0], f"≤ {fmt_spec(low, ind.fmt, lang)} ({t('p2', lang)})"),
            (COLORSCALE_ENDS[1], f"≥ {fmt_spec(high, ind.fmt, lang)} ({t('p98', lang)})"),
        ]
        return props, rows if scheme == "continuous" else []
    labels = class_labels(classes, ind.fmt, lang)
    props.update(
        z=[None if pd.isna(v) else float(v) for v in classes.index],
        colorscale=stepped_colorscale(classes.colors),
        zauto=False,
        zmin=-0.5,
        zmax=classes.k - 0.5,
        colorbar={
            "title": {"text": title, "side": "right"},
            "tickvals": list(range(classes.k)),
            "ticktext": labels,
            "thickness": 14,
        },
    )
    return props, list(zip(classes.colors, labels, strict=True))


def city_map(
    geojson: dict | str,
    outline: dict | str,
    trace_props: dict,
    basemap: str = "none",
) -> go.Figure:
    """Choropleth of the new units; units with no value are drawn grey over the city outline.
    No title or source: the graphic frame around it has them (views/frame.py).

    ``geojson`` and ``outline`` may be URLs: the browser then fetches (and caches) the geometry
    itself.
    """
    fig = go.Figure()
    # Grey city outline under the units: a unit without a value shows as "no data", never as zero.
    fig.add_trace(go.Choroplethmap(geojson=outline, locations=["city"], z=[0], **NO_DATA_TRACE))
    fig.add_trace(
        go.Choroplethmap(
            geojson=geojson,
            marker_opacity=0.9,
            **UNITS_TRACE,
            **trace_props,
        )
    )
    fig.update_layout(
        map={"style": BASEMAPS.get(basemap, "white-bg"), "center": HANOI_CENTER, "zoom": 8.6},
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        uirevision="city-map",
        clickmode="event",
        # A column down the right edge, clear of the title (a row covered it on phones).
        modebar={"orientation": "v"},
    )
    return fig


def fit_view(bounds) -> dict:
    """Map centre and zoom that frame a (minx, miny, maxx, maxy) box in a ~260 px high map."""
    minx, miny, maxx, maxy = bounds
    span = max(maxx - minx, maxy - miny, 0.004)
    return {
        "center": {"lat": (miny + maxy) / 2, "lon": (minx + maxx) / 2},
        "zoom": float(np.clip(np.log2(360 / span) - 1.3, 8, 16)),
    }


def old_boundary_layer(old_geojson: dict | str) -> dict:
    """A map layer drawing the old (526) boundaries as thin dark lines."""
    return {
        "sourcetype": "geojson",
        "source": old_geojson,
        "type": "line",
        "color": "#222",
        "line": {"width": 0.8},
        "below": "",
    }


# The small map's colours: the new unit filled, the old units it was formed from outlined (the
# frame's legend strip shows the same, views/panel.py).
DETAIL_FILL, DETAIL_LINE, DETAIL_OLD_LINE = "#9ecae1", "#08519c", "#555555"


def unit_detail_map(unit: gpd.GeoDataFrame, old_parts: gpd.GeoDataFrame) -> go.Figure:
    """Small map of one new unit (filled) with the old units that formed it (outlines, labelled);
    its graphic frame (views/panel.py: unit_map_frame) has the title and source."""
    fig = go.Figure()
    geo = unit.__geo_interface__
    fig.add_trace(
        go.Choroplethmap(
            geojson=geo,
            locations=[f["id"] for f in geo["features"]],
            z=[1],
            colorscale=[[0, DETAIL_FILL], [1, DETAIL_FILL]],
            showscale=False,
            hoverinfo="skip",
            marker_line_width=2,
            marker_line_color=DETAIL_LINE,
        )
    )
    if len(old_parts):
        old_geo = old_parts.__geo_interface__
        fig.add_trace(
            go.Choroplethmap(
                geojson=old_geo,
                locations=[f["id"] for f in old_geo["features"]],
                z=[0] * len(old_parts),
                colorscale=[[0, "rgba(0,0,0,0)"], [1, "rgba(0,0,0,0)"]],
                showscale=False,
                marker_line_width=1,
                marker_line_color=DETAIL_OLD_LINE,
                hovertext=list(old_parts["label"]),
                hoverinfo="text",
            )
        )
    fig.update_layout(
        map={"style": "white-bg", **fit_view(unit.total_bounds)},
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        height=260,
    )
    return fig


SPLIT_COLORS = ["#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e"]  # ColorBrewer Dark2


def split_map(
    old_outline: gpd.GeoDataFrame,
    new_parts: gpd.GeoDataFrame,
    labels: dict[str, str] | None = None,
    basemap: str = "open-street-map",
) -> go.Figure:
    """An old unit's boundary (thick black) over the new units that received parts of it.

    Each candidate is coloured and labelled by name on the map (a text marker where it overlaps
    the old unit; ``labels``: code → hover text, e.g. with the area share). Streets underneath
    (plotly's inline OpenStreetMap style: it needs no style file, so the polygons draw even when
    tiles cannot load). ``layout.meta.bounds`` is the old unit's box, which the page fits to the
    map's size.
    """
    fig = go.Figure()
    labels = labels or {}
    old_shape = old_outline.union_all()
    for i, (code, part) in enumerate(new_parts.iterrows()):
        colour = SPLIT_COLORS[i % len(SPLIT_COLORS)]
        geo = gpd.GeoDataFrame({"code": [code]}, geometry=[part.geometry], crs=new_parts.crs)
        fig.add_trace(
            go.Choroplethmap(
                geojson=geo.__geo_interface__,
                locations=["0"],
                z=[1],
                colorscale=[[0, colour], [1, colour]],
                showscale=False,
                marker_opacity=0.45,
                marker_line_color=colour,
                marker_line_width=2,
                hovertext=[part["full_name"]],
                hoverinfo="text",
                legendgroup=code,
                showlegend=False,
            )
        )
        inside = part.geometry.intersection(old_shape)
        point = (inside if not inside.is_empty else part.geometry).representative_point()
        fig.add_trace(
            go.Scattermap(
                lat=[point.y],
                lon=[point.x],
                mode="markers+text",
                marker={"size": 12, "color": colour},
                text=[part["full_name"]],
                textposition="top center",
                textfont={"size": 12, "color": "#111111"},
                name=labels.get(code, part["full_name"]),
                legendgroup=code,
                hoverinfo="text",
                hovertext=[labels.get(code, part["full_name"])],
            )
        )
    minx, miny, maxx, maxy = (float(b) for b in old_outline.total_bounds)
    fig.update_layout(
        map={
            "style": basemap,
            **fit_view(old_outline.total_bounds),
            "layers": [
                {
                    "sourcetype": "geojson",
                    "source": old_outline.__geo_interface__,
                    "type": "line",
                    "color": "#000",
                    "line": {"width": 3},
                }
            ],
        },
        meta={"bounds": [minx, miny, maxx, maxy]},
        showlegend=False,  # the graphic frame's legend strip (views/finder.py) has the entries
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        height=340,
    )
    return fig


def print_map(
    geojson: dict | str,
    trace_props: dict,
    title: str = "",
    source_line: str = "",
    bounds=None,
) -> go.Figure:
    """The city map as a plotly geo trace: vector output (one SVG path per unit) for print.

    The map traces of ``city_map`` draw with WebGL, so their "SVG" export is one embedded PNG.
    ``fitbounds`` frames all 126 units at any width; no basemap (``geo.visible`` off). Units with
    no value are drawn grey by a first trace, never as zero.
    """
    fig = go.Figure()
    locations = trace_props.get("locations", [])
    fig.add_trace(
        go.Choropleth(geojson=geojson, locations=locations, z=[0] * len(locations), **NO_DATA_TRACE)
    )
    fig.add_trace(
        go.Choropleth(
            geojson=geojson,
            **UNITS_TRACE,
            **trace_props,
        )
    )
    if bounds is not None:
        # The units' own box, unpadded (fitbounds pads by 5 % a side and left Hanoi at ~75 % of
        # the map's width): with a box of Hanoi's shape, the city fills it edge to edge.
        minx, miny, maxx, maxy = (float(b) for b in bounds)
        fig.update_geos(
            lonaxis_range=[minx, maxx], lataxis_range=[miny, maxy], projection_type="mercator"
        )
        fig.update_geos(visible=False)
    else:
        fig.update_geos(fitbounds="locations", visible=False, projection_type="mercator")
    fig.update_layout(margin={"l": 0, "r": 0, "t": 0, "b": 0}, dragmode=False)
    return add_title_and_source(fig, title, source_line)
