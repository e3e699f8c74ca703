"""Pure functions from data to plotly figures (no Dash imports)."""
from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import plotly.graph_objects as go

from .i18n import t
from .indicators import Indicator

HANOI_CENTER = {"lat": 21.0, "lon": 105.75}
COLORSCALE = "Viridis"  # perceptually uniform and colour-blind safe
NO_DATA_COLOR = "#d9d9d9"
BASEMAPS = {"none": "white-bg", "light": "carto-positron", "osm": "open-street-map"}


def _hover(names: pd.Series, values: pd.Series, ind: Indicator, lang: str) -> list[str]:
    text = []
    for name, value in zip(names, values):
        shown = t("no_data", lang) if pd.isna(value) else format(value, ind.fmt)
        mark = f" ({t('estimate', lang)})" if ind.estimate_method and not pd.isna(value) else ""
        text.append(f"<b>{name}</b><br>{ind.label(lang)}: {shown}{mark}")
    return text


def indicator_trace_values(units: pd.DataFrame, ind: Indicator, lang: str) -> dict:
    """The parts of the map that change with the indicator: values, hover text, colour bar.

    Returned as a plain dict so a callback can send only these (a Patch), never the geometry.
    """
    values = units[ind.key].astype(float)
    return {
        "z": [None if pd.isna(v) else v for v in values],
        "hovertext": _hover(units["full_name"], values, ind, lang),
        "colorbar_title": ind.label(lang) + (f" — {t('estimate', lang)}" if ind.estimate_method else ""),
        "tickformat": ind.fmt.replace(",.0f", ",d") if ind.fmt != ".0%" else ".0%",
    }


def city_map(geojson: dict, outline: dict, units: pd.DataFrame, ind: Indicator, lang: str, basemap: str = "none") -> go.Figure:
    """Choropleth of the new units for one indicator; units with no value are drawn grey."""
    parts = indicator_trace_values(units, ind, lang)
    codes = list(units.index)
    fig = go.Figure()
    # Grey city outline under the units: a unit without a value shows as "no data", never as zero.
    fig.add_trace(go.Choroplethmap(
        geojson=outline, locations=["city"], featureidkey="properties.code", z=[0],
        colorscale=[[0, NO_DATA_COLOR], [1, NO_DATA_COLOR]], showscale=False, hoverinfo="skip",
        marker_line_width=0, name="no-data",
    ))
    fig.add_trace(go.Choroplethmap(
        geojson=geojson, locations=codes, featureidkey="properties.code", z=parts["z"],
        colorscale=COLORSCALE, hovertext=parts["hovertext"], hoverinfo="text",
        marker_line_width=0.5, marker_line_color="white", marker_opacity=0.9,
        colorbar={"title": {"text": parts["colorbar_title"], "side": "right"}, "tickformat": parts["tickformat"], "thickness": 14},
        name="units",
    ))
    fig.update_layout(
        map={"style": BASEMAPS.get(basemap, "white-bg"), "center": HANOI_CENTER, "zoom": 8.6},
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        uirevision="city-map",
        clickmode="event",
    )
    return fig


def fit_view(bounds) -> dict:
    """Map centre and zoom that frame a (minx, miny, maxx, maxy) box in a ~260 px high map."""
    minx, miny, maxx, maxy = bounds
    span = max(maxx - minx, maxy - miny, 0.004)
    return {"center": {"lat": (miny + maxy) / 2, "lon": (minx + maxx) / 2}, "zoom": float(np.clip(np.log2(360 / span) - 1.3, 8, 16))}


def old_boundary_layer(old_geojson: dict) -> dict:
    """A map layer drawing the old (526) boundaries as thin dark lines."""
    return {"sourcetype": "geojson", "source": old_geojson, "type": "line", "color": "#222", "line": {"width": 0.8}, "below": ""}


def unit_detail_map(unit: gpd.GeoDataFrame, old_parts: gpd.GeoDataFrame) -> go.Figure:
    """Small map of one new unit (filled) with the old units that formed it (outlines, labelled)."""
    fig = go.Figure()
    geo = unit.__geo_interface__
    fig.add_trace(go.Choroplethmap(
        geojson=geo, locations=[f["id"] for f in geo["features"]], z=[1], colorscale=[[0, "#9ecae1"], [1, "#9ecae1"]],
        showscale=False, hoverinfo="skip", marker_line_width=2, marker_line_color="#08519c",
    ))
    if len(old_parts):
        old_geo = old_parts.__geo_interface__
        fig.add_trace(go.Choroplethmap(
            geojson=old_geo, locations=[f["id"] for f in old_geo["features"]], z=[0] * len(old_parts),
            colorscale=[[0, "rgba(0,0,0,0)"], [1, "rgba(0,0,0,0)"]], showscale=False,
            marker_line_width=1, marker_line_color="#555", hovertext=list(old_parts["label"]), hoverinfo="text",
        ))
    fig.update_layout(map={"style": "white-bg", **fit_view(unit.total_bounds)}, margin={"l": 0, "r": 0, "t": 0, "b": 0}, height=260)
    return fig


SPLIT_COLORS = ["#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e"]  # ColorBrewer Dark2


def split_map(old_outline: gpd.GeoDataFrame, new_parts: gpd.GeoDataFrame) -> go.Figure:
    """An old unit's boundary (thick black) over the new units that received parts of it."""
    fig = go.Figure()
    geo = new_parts.__geo_interface__
    ids = [f["id"] for f in geo["features"]]
    fig.add_trace(go.Choroplethmap(
        geojson=geo, locations=ids, z=list(range(len(ids))), showscale=False, marker_opacity=0.55,
        colorscale=[[i / max(len(ids) - 1, 1), SPLIT_COLORS[i % len(SPLIT_COLORS)]] for i in range(len(ids))] if len(ids) > 1
        else [[0, SPLIT_COLORS[0]], [1, SPLIT_COLORS[0]]],
        hovertext=list(new_parts["full_name"]), hoverinfo="text", marker_line_color="white", marker_line_width=1,
    ))
    fig.update_layout(
        map={"style": "white-bg", **fit_view(old_outline.total_bounds),
             "layers": [{"sourcetype": "geojson", "source": old_outline.__geo_interface__, "type": "line", "color": "#000",
                         "line": {"width": 3}}]},
        margin={"l": 0, "r": 0, "t": 0, "b": 0}, height=260,
    )
    return fig
