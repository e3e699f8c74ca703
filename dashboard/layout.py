"""Page layout: controls, the city map, the drill-down panel and the sources footer."""
from __future__ import annotations

from dash import dcc, html

from geodata.paths import SOURCES

from .data import AppData
from .figures import city_map
from .finder_view import finder_results
from .i18n import t
from .indicators import DEFAULT_INDICATOR, INDICATORS, get_indicator
from .panels import unit_panel


def sources_footer(lang: str, stamp: str) -> html.Footer:
    """Every source with its origin and licence, plus the data version stamp."""
    return html.Footer([
        html.H2(t("sources_title", lang)),
        html.Ul([html.Li([html.B(s.title), f" — {s.origin} — ", html.I(s.licence)]) for s in SOURCES.values()]),
        html.P(f"Data version {stamp}. Figures marked “{t('estimate', lang)}” are computed here; their method is stated beside them."),
    ], className="sources")


def finder_section(data: AppData, lang: str, query: str | None) -> html.Section:
    """Search box and answer of the citizen finder."""
    return html.Section([
        html.Label(t("search_label", lang), htmlFor="search", className="search-label"),
        html.Div([
            dcc.Input(id="search", type="search", value=query or "", placeholder=t("search_placeholder", lang), debounce=True,
                      maxLength=300, autoComplete="off", className="search-input"),
            html.Button(t("search_button", lang), id="search-button", n_clicks=0),
        ], className="search-row"),
        html.Div(finder_results(data, query, lang), id="search-results", **{"aria-live": "polite"}),
    ], className="finder")


def page(data: AppData, lang: str, unit: str | None, indicator: str | None, query: str | None = None) -> html.Div:
    """The whole page for one language, optionally opened on a unit, an indicator and a search."""
    ind = get_indicator(indicator)
    other = "en" if lang == "vi" else "vi"
    return html.Div([
        html.Header([
            html.H1(t("title", lang)),
            html.P(t("subtitle", lang)),
            html.A("English" if other == "en" else "Tiếng Việt", href=f"?lang={other}", className="lang-switch", lang=other),
        ]),
        finder_section(data, lang, query),
        html.Div([
            html.Label([t("indicator", lang), dcc.Dropdown(
                id="indicator", options=[{"label": i.label(lang), "value": k} for k, i in INDICATORS.items()],
                value=ind.key if indicator in INDICATORS else DEFAULT_INDICATOR, clearable=False)], className="control"),
            dcc.Checklist(id="show-old", options=[{"label": " " + t("show_old", lang), "value": "old"}], value=[], className="control"),
            html.Label([t("basemap", lang), dcc.RadioItems(
                id="basemap", options=[{"label": t("none", lang), "value": "none"}, {"label": "Carto", "value": "light"},
                                       {"label": "OpenStreetMap", "value": "osm"}], value="none", inline=True)], className="control"),
        ], className="controls"),
        html.Main([
            dcc.Graph(id="city-map", figure=city_map(data.map_geojson, data.outline_geojson, data.units, ind, lang),
                      config={"scrollZoom": True, "displaylogo": False}, className="city-map"),
            html.Aside(unit_panel(data, unit, lang), id="unit-panel", className="panel", **{"aria-live": "polite"}),
        ], className="main"),
        dcc.Store(id="lang", data=lang),
        dcc.Store(id="map-click"),
        sources_footer(lang, data.built.stamp),
    ], className="page")
