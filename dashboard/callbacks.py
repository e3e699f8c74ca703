"""Callbacks: wire inputs to the pure functions in figures.py and panels.py."""
from __future__ import annotations

from urllib.parse import parse_qs, quote

from dash import Input, Output, Patch, State, html, no_update

from geodata.finder import QueryError, locate

from .data import AppData
from .finder_view import finder_results
from .figures import BASEMAPS, indicator_trace_values, old_boundary_layer
from .i18n import pick_lang
from .indicators import get_indicator
from .layout import page
from .panels import unit_panel


def switch_indicator(data: AppData, indicator: str | None, lang: str | None) -> Patch:
    """Patch the map's values, hover text and colour bar only: the geometry is never resent."""
    parts = indicator_trace_values(data.units, get_indicator(indicator), pick_lang(lang))
    patch = Patch()
    patch["data"][1]["z"] = parts["z"]
    patch["data"][1]["hovertext"] = parts["hovertext"]
    patch["data"][1]["colorbar"]["title"]["text"] = parts["colorbar_title"]
    patch["data"][1]["colorbar"]["tickformat"] = parts["tickformat"]
    return patch


def map_layers(data: AppData, show_old: list | None, basemap: str | None) -> Patch:
    """Patch the basemap style and the old-boundaries line layer."""
    patch = Patch()
    patch["layout"]["map"]["style"] = BASEMAPS.get(basemap or "none", "white-bg")
    patch["layout"]["map"]["layers"] = [old_boundary_layer(data.old_geojson)] if show_old and "old" in show_old else []
    return patch


def page_from_url(data: AppData, search: str | None):
    """Render the page a URL query asks for; unknown or absurd parameters fall back to defaults."""
    args = parse_qs((search or "").lstrip("?")[:2000])
    first = lambda key: (args.get(key) or [None])[0]  # noqa: E731
    return page(data, pick_lang(first("lang")), first("unit"), first("indicator"), first("q"))


def panel_for_point(data: AppData, point: dict | None, lang: str):
    """Panel of the unit containing a clicked point (exact, full-resolution polygons)."""
    try:
        lat, lon = float(point["lat"]), float(point["lon"])
        found = locate(data.finder, lat, lon)
    except (TypeError, KeyError, ValueError, QueryError):
        return no_update
    if not found["new_unit"]:
        return html.Div(found["message"], className="hint")
    return unit_panel(data, found["new_unit"]["new_code"], lang, located=(lat, lon))


def register(app, data: AppData) -> None:
    """Attach every callback to ``app``."""

    # Rendered once per page load: the search box later writes ?q= into the URL (for sharing)
    # without re-rendering the page and resending the map.
    @app.callback(Output("page", "children"), Input("url", "pathname"), State("url", "search"))
    def _page(_pathname, search):
        return page_from_url(data, search)

    @app.callback(Output("search-results", "children"), Output("url", "search"),
                  Input("search-button", "n_clicks"), Input("search", "value"), State("lang", "data"),
                  prevent_initial_call=True)
    def _search(_clicks, query, lang):
        lang = pick_lang(lang)
        query = (query or "")[:300]
        return finder_results(data, query, lang), f"?lang={lang}&q={quote(query)}" if query else f"?lang={lang}"

    @app.callback(Output("city-map", "figure"), Input("indicator", "value"), State("lang", "data"), prevent_initial_call=True)
    def _indicator(indicator, lang):
        return switch_indicator(data, indicator, lang)

    @app.callback(Output("city-map", "figure", allow_duplicate=True), Input("show-old", "value"), Input("basemap", "value"),
                  prevent_initial_call=True)
    def _layers(show_old, basemap):
        return map_layers(data, show_old, basemap)

    # Map clicks arrive as coordinates (assets/map_click.js), not plotly's clickData, which only
    # names the simplified polygon: the unit is then found on the full-resolution boundaries.
    @app.callback(Output("unit-panel", "children"), Input("map-click", "data"), State("lang", "data"), prevent_initial_call=True)
    def _panel(point, lang):
        return panel_for_point(data, point, pick_lang(lang))
