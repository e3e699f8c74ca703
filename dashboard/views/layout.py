"""Page layout: finder, map with its controls and legend, officials' tools, and the sources footer."""

from __future__ import annotations

from dash import dcc, html

from dashboard.figures.maps import city_map
from dashboard.model.compare import parse_codes
from dashboard.model.data import AppData
from dashboard.model.embeds import embed_path
from dashboard.model.i18n import t
from dashboard.model.indicators import INDICATORS, get_indicator
from dashboard.model.params import ViewParams
from dashboard.views.compare import compare_results
from dashboard.views.controls import figure_tools
from dashboard.views.embed import source_line
from dashboard.views.facts import facts_section
from dashboard.views.finder import finder_results
from dashboard.views.groups import groups_section
from dashboard.views.map import map_state
from dashboard.views.panel import unit_panel
from dashboard.views.table import filter_units, units_table
from dashboard.views.upload import upload_section
from geodata.provenance import SOURCES
from geodata.workload import CADRES_SOURCE, CITY_WORKLOAD, DOSSIERS_SOURCE, OTHER_STAFF_FIGURE


def sources_footer(lang: str, stamp: str) -> html.Footer:
    """Every source with its origin and licence, plus the data version stamp."""
    return html.Footer(
        [
            html.H2(t("sources_title", lang)),
            html.Ul(
                [
                    html.Li([html.B(s.title), f" — {s.origin} — ", html.I(s.licence)])
                    for s in SOURCES.values()
                ]
                + [
                    html.Li(
                        [html.B("News reports / Báo chí"), f" — {DOSSIERS_SOURCE}; {CADRES_SOURCE}"]
                    )
                ]
            ),
            html.P(
                f"Data version {stamp}. Figures marked “{t('estimate', lang)}” are computed here; their method is stated beside them."
            ),
        ],
        className="sources",
    )


def finder_section(data: AppData, lang: str, query: str | None) -> html.Section:
    """Search box and answer of the citizen finder."""
    return html.Section(
        [
            html.Label(t("search_label", lang), htmlFor="search", className="search-label"),
            html.Div(
                [
                    dcc.Input(
                        id="search",
                        type="search",
                        value=query or "",
                        placeholder=t("search_placeholder", lang),
                        debounce=True,
                        maxLength=300,
                        autoComplete="off",
                        className="search-input",
                    ),
                    html.Button(t("search_button", lang), id="search-button", n_clicks=0),
                ],
                className="search-row",
            ),
            html.Div(
                finder_results(data, query, lang), id="search-results", **{"aria-live": "polite"}
            ),
        ],
        className="finder",
    )


def unit_options(data: AppData) -> list[dict]:
    """Dropdown options for the 126 units, by name, with their codes."""
    return [
        {"label": f"{r.full_name} ({code})", "value": code}
        for code, r in data.units.sort_values("full_name").iterrows()
    ]


def indicator_options(lang: str, indicators=None) -> list[dict]:
    """Dropdown options for the indicators (built ones unless ``indicators`` is given)."""
    return [{"label": i.title(lang), "value": k} for k, i in (indicators or INDICATORS).items()]


def map_controls(p: ViewParams) -> html.Div:
    """Indicator, classification, unit-type filter, old boundaries and basemap."""
    lang = p.lang
    return html.Div(
        [
            html.Label(
                [
                    t("indicator", lang),
                    dcc.Dropdown(
                        id="indicator",
                        options=indicator_options(lang),
                        value=p.indicator,
                        clearable=False,
                    ),
                ],
                className="control control-wide",
            ),
            html.Label(
                [
                    t("classes", lang),
                    dcc.Dropdown(
                        id="scheme",
                        options=[
                            {"label": t(s, lang), "value": s}
                            for s in ("quantiles", "jenks", "equal", "continuous")
                        ],
                        value=p.scheme,
                        clearable=False,
                    ),
                ],
                className="control",
            ),
            html.Label(
                [
                    t("n_classes", lang),
                    dcc.Slider(
                        id="k",
                        min=3,
                        max=9,
                        step=1,
                        value=p.k,
                        marks={i: str(i) for i in range(3, 10)},
                    ),
                ],
                className="control",
            ),
            html.Label(
                [
                    t("unit_filter", lang),
                    dcc.RadioItems(
                        id="unit-type",
                        options=[
                            {"label": t(k, lang), "value": v}
                            for v, k in (
                                ("all", "all_units"),
                                ("phuong", "wards_only"),
                                ("xa", "communes_only"),
                            )
                        ],
                        value=p.type,
                        inline=True,
                    ),
                ],
                className="control",
            ),
            dcc.Checklist(
                id="show-old",
                options=[{"label": " " + t("show_old", lang), "value": "old"}],
                value=[],
                className="control",
            ),
            html.Label(
                [
                    t("basemap", lang),
                    dcc.RadioItems(
                        id="basemap",
                        options=[
                            {"label": t("none", lang), "value": "none"},
                            {"label": "Carto", "value": "light"},
                            {"label": "OpenStreetMap", "value": "osm"},
                        ],
                        value="none",
                        inline=True,
                    ),
                ],
                className="control",
            ),
        ],
        className="controls",
    )


def officials_section(data: AppData, p: ViewParams) -> html.Section:
    """Compare, workload note, governance groups, the table of all units and the upload."""
    lang = p.lang
    codes, rejected = parse_codes(list(p.compare), data.units.index)
    return html.Section(
        [
            html.H2(t("officials_title", lang)),
            html.P(
                [
                    t("workload_note", lang),
                    " ",
                    CITY_WORKLOAD.text(lang),
                    " ",
                    html.Small(f"{t('other_figure', lang)}: {OTHER_STAFF_FIGURE}"),
                ],
                className="note",
            ),
            html.Section(
                [
                    html.H3(t("compare_title", lang)),
                    html.Label(
                        [
                            t("compare_pick", lang),
                            dcc.Dropdown(
                                id="compare-units",
                                options=unit_options(data),
                                value=codes,
                                multi=True,
                            ),
                        ]
                    ),
                    dcc.Checklist(
                        id="compare-click",
                        options=[{"label": " " + t("compare_click", lang), "value": "on"}],
                        value=[],
                    ),
                    # Codes dropped from the URL are reported here: the results below are redrawn by a callback.
                    html.P(
                        f"{t('compare_dropped', lang)}: {', '.join(rejected[:10])}",
                        className="error",
                        role="alert",
                    )
                    if rejected
                    else None,
                    html.Div(
                        compare_results(data, codes, [], lang),
                        id="compare-results",
                        **{"aria-live": "polite"},
                    ),
                ],
                className="compare-section",
            ),
            groups_section(data, lang),
            html.Section(
                [
                    html.H3(t("table_title", lang)),
                    html.Div(
                        units_table(filter_units(data.units, p.type), lang), id="table-holder"
                    ),
                ],
                className="table-section",
            ),
            upload_section(lang),
        ],
        className="officials",
        id="officials",
    )


def map_title(ind, lang: str) -> str:
    """The map's title (inside the figure, so exported images carry it)."""
    return ind.title(lang) + " · Hà Nội 126"


def map_tools(p: ViewParams) -> html.Div:
    """Export buttons and embed box for the city map as currently configured."""
    ind = get_indicator(p.indicator)
    src = embed_path(
        "map",
        indicator=p.indicator,
        scheme=p.scheme,
        k=p.k,
        type=p.type if p.type != "all" else None,
        lang=p.lang,
    )
    return figure_tools(
        "city-map", f"hanoi-126-{p.indicator}", src, map_title(ind, p.lang), "map", p.lang
    )


def downloads_section(lang: str, stamp: str) -> html.Section:
    """Links to the data files, each carrying the version stamp and the sources."""
    files = [
        ("units.csv", "CSV — 126 units, every indicator"),
        ("units.geojson", "GeoJSON — 126 units, simplified (~40 m)"),
        ("units-full.geojson", "GeoJSON — 126 units, full resolution"),
        ("crosswalk.csv", "CSV — old → new crosswalk with clauses"),
    ]
    return html.Section(
        [
            html.H2(t("downloads_title", lang)),
            html.Ul(
                [
                    html.Li(
                        html.A(
                            label, href=f"/download/{name}", download=f"hanoi-126-{stamp}-{name}"
                        )
                    )
                    for name, label in files
                ]
            ),
        ],
        className="downloads",
    )


def page(data: AppData, p: ViewParams) -> html.Div:
    """The whole page for the options in ``p`` (from the URL)."""
    lang = p.lang
    ind = get_indicator(p.indicator)
    props, legend = map_state(data, ind, p.scheme, p.k, p.type, lang)
    other = "en" if lang == "vi" else "vi"
    return html.Div(
        [
            html.Header(
                [
                    html.H1(t("title", lang)),
                    html.P(t("subtitle", lang)),
                    html.A(
                        "English" if other == "en" else "Tiếng Việt",
                        href=p.query(lang=other),
                        id="lang-switch",
                        className="lang-switch",
                        lang=other,
                    ),
                ]
            ),
            finder_section(data, lang, p.q),
            map_controls(p),
            html.Main(
                [
                    html.Div(
                        [
                            dcc.Graph(
                                id="city-map",
                                figure=city_map(
                                    data.geo_url("units"),
                                    data.geo_url("outline"),
                                    props,
                                    title=map_title(ind, lang),
                                    source_line=source_line(lang, data.built.stamp),
                                ),
                                config={"scrollZoom": True, "displaylogo": False},
                                className="city-map",
                            ),
                            html.Div(legend, id="map-legend"),
                            html.Div(map_tools(p), id="map-tools"),
                        ],
                        className="map-column",
                    ),
                    html.Aside(
                        [
                            html.Label(
                                [
                                    t("choose_unit", lang),
                                    dcc.Dropdown(
                                        id="unit-select",
                                        options=unit_options(data),
                                        value=p.unit if p.unit in data.units.index else None,
                                    ),
                                ]
                            ),
                            html.Div(
                                unit_panel(data, p.unit, lang),
                                id="unit-panel",
                                **{"aria-live": "polite"},
                            ),
                        ],
                        className="panel",
                    ),
                ],
                className="main",
            ),
            facts_section(data.facts, lang, lambda c: source_line(lang, data.built.stamp, c)),
            officials_section(data, p),
            downloads_section(lang, data.built.stamp),
            dcc.Store(id="lang", data=lang),
            dcc.Store(id="map-click"),
            sources_footer(lang, data.built.stamp),
        ],
        className="page",
    )
