"""Page layout: side panel (finder, indicator and legend, unit or city, map options) beside the
map, officials' tools in tabs below, downloads and the sources footer."""

from __future__ import annotations

import json

from dash import dcc, html

from dashboard.figures.maps import city_map
from dashboard.model.compare import parse_codes
from dashboard.model.data import AppData
from dashboard.model.embeds import embed_path
from dashboard.model.i18n import N_, t
from dashboard.model.indicators import INDICATORS, get_indicator
from dashboard.model.numbers import fmt_number, plotly_separators
from dashboard.model.params import TABS, Address, ViewParams
from dashboard.views.compare import compare_results
from dashboard.views.controls import figure_tools
from dashboard.views.convert import convert_section
from dashboard.views.embed import source_line
from dashboard.views.facts import facts_section
from dashboard.views.finder import finder_results
from dashboard.views.frame import source_lines
from dashboard.views.groups import groups_section
from dashboard.views.map import highlight_layer, map_head, map_state
from dashboard.views.panel import unit_panel
from dashboard.views.table import filter_units, units_table
from dashboard.views.upload import upload_section
from geodata.crosswalk import by_resolution
from geodata.provenance import SOURCES
from geodata.workload import CITY_WORKLOAD, OTHER_STAFF_FIGURE


def sources_footer(lang: str, stamp: str) -> html.Footer:
    """Every source with its origin and licence, plus the data version stamp."""
    return html.Footer(
        [
            html.H2(t("sources_title", lang)),
            html.Ul(
                [
                    html.Li([html.B(s.title.text(lang)), f" — {s.origin} — ", html.I(s.licence)])
                    for s in SOURCES.values()
                    if s.key != "user_upload"
                ]
            ),
            html.P(t("data_version_note", lang).format(stamp=stamp, estimate=t("estimate", lang))),
        ],
        className="sources",
    )


def finder_section(data: AppData, lang: str, query: str | None) -> html.Section:
    """Search box, the "use my location" button, and the finder's answer."""
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
                [
                    html.Button(
                        ["◎ ", t("locate_me", lang)],
                        id="locate-me",
                        n_clicks=0,
                        type="button",
                        className="locate-button",
                        **{"aria-describedby": "locate-why"},
                    ),
                    html.Small(t("locate_why", lang), id="locate-why"),
                ],
                className="locate-row",
            ),
            html.Div(id="geo-answer", **{"aria-live": "polite"}),
            html.Div(
                finder_results(data, query, lang), id="search-results", **{"aria-live": "polite"}
            ),
        ],
        className="finder",
    )


def unit_label(data: AppData, code: str | None) -> str:
    """How the unit picker (a text field with suggestions) shows a unit: "name (code)"."""
    if not code or code not in data.units.index:
        return ""
    return f"{data.units.at[code, 'full_name']} ({code})"


def unit_options(data: AppData) -> list[dict]:
    """Options for the 126 units, by name, with their codes."""
    return [
        {"label": unit_label(data, code), "value": code}
        for code in data.units.sort_values("full_name").index
    ]


def unit_picker(data: AppData, unit: str | None, lang: str) -> html.Div:
    """The unit picker: a native text field with the 126 units as suggestions (<datalist>, filled
    in the browser from its ``data-options``), so every browser and screen reader knows it (a
    combobox with a name); "name (code)", a code or an exact name chooses the unit
    (dashboard.callbacks.chosen_unit)."""
    return html.Div(
        [
            html.Label(t("choose_unit", lang), htmlFor="unit-select", className="control-label"),
            dcc.Input(
                id="unit-select",
                type="text",
                list="unit-names",
                value=unit_label(data, unit),
                placeholder=t("choose_unit_placeholder", lang),
                autoComplete="off",
                debounce=0.4,
                maxLength=120,
                className="unit-input",
            ),
            # The suggestions travel as one attribute that assets/ui.js writes out as <option>s:
            # 126 components would add ~50 ms to the page's first draw (more on a phone).
            html.Datalist(
                id="unit-names",
                **{
                    "data-options": json.dumps(
                        [o["label"] for o in unit_options(data)], ensure_ascii=False
                    )
                },
            ),
        ],
        className="control unit-picker",
    )


def radio_group(label: str, radio) -> html.Fieldset:
    """A group of radio buttons or checkboxes named by its legend (a native fieldset)."""
    return html.Fieldset([html.Legend(label), radio], className="control choice-group")


def indicator_options(lang: str, indicators=None) -> list[dict]:
    """Options for the indicators (built ones unless ``indicators`` is given)."""
    return [{"label": i.title(lang), "value": k} for k, i in (indicators or INDICATORS).items()]


def indicator_picker(p: ViewParams) -> html.Fieldset:
    """The indicator the map shows (the legend follows it): radio buttons, all visible (a
    dcc.Dropdown's react-select fails axe: role=option outside a listbox, 2.3:1 placeholder)."""
    return radio_group(
        t("indicator", p.lang),
        dcc.RadioItems(
            id="indicator",
            options=indicator_options(p.lang),
            value=p.indicator,
            className="choices",
            labelClassName="choice",
        ),
    )


def class_options(scheme: str | None = None) -> list[dict]:
    """The class counts 3–9 (radio buttons); none applies to the continuous scale."""
    return [{"label": str(i), "value": i, "disabled": scheme == "continuous"} for i in range(3, 10)]


def map_options(p: ViewParams) -> html.Details:
    """Secondary controls folded away: classification, unit-type filter, old boundaries, basemap."""
    lang = p.lang
    return html.Details(
        [
            html.Summary(t("map_options", lang)),
            html.Div(
                [
                    radio_group(
                        t("classes", lang),
                        dcc.RadioItems(
                            id="scheme",
                            options=[
                                {"label": t(s, lang), "value": s}
                                for s in (
                                    N_("quantiles"),
                                    N_("jenks"),
                                    N_("equal"),
                                    N_("continuous"),
                                )
                            ],
                            value=p.scheme,
                            className="choices",
                            labelClassName="choice",
                        ),
                    ),
                    # Radio buttons, not dcc.Slider: its handle has no accessible name.
                    radio_group(
                        t("n_classes", lang),
                        dcc.RadioItems(
                            id="k",
                            options=class_options(p.scheme),
                            value=p.k,
                            inline=True,
                            className="choices choices-inline",
                            labelClassName="choice",
                        ),
                    ),
                    radio_group(
                        t("unit_filter", lang),
                        dcc.RadioItems(
                            id="unit-type",
                            options=[
                                {"label": t(k, lang), "value": v}
                                for v, k in (
                                    ("all", N_("all_units")),
                                    ("phuong", N_("wards_only")),
                                    ("xa", N_("communes_only")),
                                )
                            ],
                            value=p.type,
                            inline=True,
                            className="choices choices-inline",
                            labelClassName="choice",
                        ),
                    ),
                    dcc.Checklist(
                        id="show-old",
                        options=[{"label": " " + t("show_old", lang), "value": "old"}],
                        value=[],
                        className="control choices",
                        labelClassName="choice",
                    ),
                    radio_group(
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
                            className="choices choices-inline",
                            labelClassName="choice",
                        ),
                    ),
                ],
                className="controls",
            ),
        ],
        className="map-options",
    )


def _compare_section(data: AppData, p: ViewParams) -> html.Section:
    lang = p.lang
    codes, rejected = parse_codes(list(p.compare), data.units.index)
    # The 126 checkboxes come when the reader nears them (assets/ui.js sets compare-seen; their
    # ~40 ms would hold up the map's first draw), at once when the address names units.
    now = bool(codes)
    return html.Section(
        [
            html.H3(t("compare_title", lang)),
            # Checkboxes in a scrolling box, not a multi-select dcc.Dropdown (react-select fails
            # axe: role=option outside a listbox, 2.3:1 placeholder, 5 px wide input).
            html.Fieldset(
                [
                    html.Legend(t("compare_pick", lang)),
                    html.Div(
                        dcc.Checklist(
                            id="compare-units",
                            options=unit_options(data) if now else [],
                            value=codes,
                            className="choices",
                            labelClassName="choice",
                        ),
                        className="unit-checklist",
                        **({} if now else {"data-seen": "compare-seen"}),
                    ),
                    dcc.Store(id="compare-seen"),
                ],
                className="control choice-group",
            ),
            dcc.Checklist(
                id="compare-click",
                options=[{"label": " " + t("compare_click", lang), "value": "on"}],
                value=[],
                className="choices",
                labelClassName="choice",
            ),
            # Codes dropped from the URL are reported here: the results are redrawn by a callback.
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
    )


def officials_section(data: AppData, p: ViewParams) -> html.Section:
    """Compare, governance groups, the table, own figures and many addresses, one tab at a time.

    Every tab stays in the page (its callbacks keep working); the chosen one is shown and written
    to the URL (``tab=``).
    """
    lang = p.lang
    table = html.Section(
        [
            html.H3(t("table_title", lang)),
            # Drawn here only when the page opens on this tab; else when the tab is opened.
            html.Div(
                units_table(filter_units(data.units, p.type), lang) if p.tab == "table" else None,
                id="table-holder",
            ),
        ],
        className="table-section",
    )
    panels = {
        "compare": _compare_section(data, p),
        "groups": groups_section(data, lang),
        "table": table,
        "upload": upload_section(lang),
        "convert": convert_section(lang),
    }
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
            dcc.RadioItems(
                id="tab",
                options=[{"label": t(f"tab_{k}", lang), "value": k} for k in TABS],
                value=p.tab,
                inline=True,
                className="tabs",
                inputClassName="tab-input",
                labelClassName="tab-label",
            ),
            *[
                html.Div(panel, id=f"tab-{key}", className="tab-panel", hidden=key != p.tab)
                for key, panel in panels.items()
            ],
        ],
        className="officials",
        id="officials",
        **{"aria-label": t("tabs_label", lang)},
    )


def city_summary(data: AppData, lang: str) -> html.Div:
    """What the side panel shows when no unit is chosen: the city in one paragraph."""
    units = data.units
    law = by_resolution(data.built.crosswalk)
    per_old = law.groupby("old_code")["new_code"].nunique()
    text = t("city_summary", lang).format(
        n=len(units),
        wards=int((units["unit_type"] == "phường").sum()),
        communes=int((units["unit_type"] == "xã").sum()),
        pop=fmt_number(units["pop2025"].sum(), 0, lang),
        area=fmt_number(units["area_official_km2"].sum(), 2, lang),
        old=fmt_number(len(per_old), 0, lang),
        split=fmt_number(int((per_old > 1).sum()), 0, lang),
    )
    return html.Div(
        [
            html.H2("Hà Nội", lang="vi"),
            html.P(text),
            html.P(t("city_summary_hint", lang), className="hint"),
        ],
        className="city-summary",
    )


def map_title(ind, lang: str) -> str:
    """The map's name for its embed box and image files (the frame's title is the indicator's)."""
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
        "city-map",
        f"hanoi-126-{p.indicator}",
        src,
        map_title(ind, p.lang),
        "map",
        p.lang,
        # The WebGL map's own SVG is one embedded PNG: the download is the server's vector map
        # for the options in the page's address (its query is added in the browser).
        svg_url="/export/map.svg",
    )


def downloads_section(lang: str, stamp: str) -> html.Section:
    """Links to the data files, each carrying the version stamp and the sources."""
    files = [
        ("units.csv", "CSV — " + t("file_units_csv", lang)),
        ("units.geojson", "GeoJSON — " + t("file_units_geojson", lang)),
        ("units-full.geojson", "GeoJSON — " + t("file_units_full", lang)),
        ("crosswalk.csv", "CSV — " + t("file_crosswalk", lang)),
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


def _city_figure(data: AppData, props: dict, ind, p: ViewParams):
    # No plotly title or source line: the frame around the map has them as HTML text (a plotly
    # title ran under the mode bar and its source line was cut at the right).
    figure = city_map(data.geo_url("units"), data.geo_url("outline"), props)
    # The legend is the HTML one beside (or, on phones, under) the map: a colour bar would take
    # 40 % of a phone's width. assets/fit_map.js frames these bounds in the map's box at any
    # width (MapLibre fitBounds).
    figure.update_traces(showscale=False, selector={"name": "units"})
    outline = highlight_layer(data, p.unit)  # the unit of a unit= link, outlined from the start
    if outline:
        figure.update_layout(map={"layers": [outline]})
    return figure.update_layout(
        meta={"bounds": [float(b) for b in data.built.units.total_bounds]},
        separators=plotly_separators(p.lang),
    )


def page(data: AppData, p: ViewParams) -> html.Div:
    """The whole page for the options in ``p`` (from the URL).

    One responsive layout: from 1,024 px the map fills the viewport beside a side panel (finder,
    indicator and legend, the unit or the city, map options); narrower, the side panel's blocks
    stack with the map right after the finder (assets/style.css).
    """
    lang = p.lang
    ind = get_indicator(p.indicator)
    # The frame's source line names every source (as the embed and the downloads do); the
    # reader's own figures name their file in the legend strip too.
    own = ind.key not in INDICATORS
    props, legend = map_state(data, ind, p.scheme, p.k, p.type, lang, strip=True, own_source=own)
    other = "en" if lang == "vi" else "vi"
    unit = p.unit if p.unit in data.units.index else None
    compare = tuple(parse_codes(p.compare, data.units.index)[0])
    header = html.Header(
        [
            html.H1(t("title", lang)),
            html.P(t("subtitle", lang)),
            html.A(
                "English" if other == "en" else "Tiếng Việt",
                href=p.query(lang=other, unit=unit, compare=compare),  # what the page shows
                id="lang-switch",
                className="lang-switch",
                lang=other,
            ),
        ],
        className="site-header",
    )
    side = html.Aside(
        [
            header,
            finder_section(data, lang, p.q),
            html.Div(
                [indicator_picker(p)],
                className="side-block indicator-block",
            ),
            html.Div(
                [
                    unit_picker(data, unit, lang),
                    html.Div(
                        unit_panel(data, unit, lang) if unit else city_summary(data, lang),
                        id="unit-panel",
                        # focusable from script: focus goes to the panel a pick filled (ui.js)
                        tabIndex="-1",
                        **{"aria-live": "polite"},
                    ),
                ],
                className="side-block unit-block",
            ),
            map_options(p),
        ],
        className="side-panel",
    )
    # The map in its graphic frame (views/frame.py, as the embeds): the title and subtitle above
    # it, the legend strip, source and date below, all HTML text that wraps; the mode bar stays
    # inside the map's box, never over the title.
    map_area = html.Main(
        html.Figure(
            [
                html.Figcaption(
                    map_head(ind, p.scheme, props, lang), id="map-head", className="graphic-head"
                ),
                html.Div(
                    dcc.Graph(
                        id="city-map",
                        figure=_city_figure(data, props, ind, p),
                        config={
                            "scrollZoom": True,
                            "displaylogo": False,
                            "responsive": True,
                            # Nothing reads a box or lasso selection; without them pan is the
                            # only drag mode. plotly's PNG of a WebGL map has no frame: the
                            # frame's own download buttons replace it. 3 buttons of 44 px (zoom
                            # in, zoom out, reset), clear of Hanoi's eastern edge on a phone.
                            "modeBarButtonsToRemove": ["select2d", "lasso2d", "pan2d", "toImage"],
                        },
                        className="city-map",
                    ),
                    className="graphic-plot",
                ),
                html.Div(legend, id="map-legend", className="graphic-legend"),
                html.Div(
                    [html.P(line) for line in source_lines(source_line(lang, data.built.stamp))],
                    className="graphic-source map-source",
                ),
                html.Div(map_tools(p), id="map-tools"),
            ],
            className="graphic graphic--dashboard map-frame",
        ),
        className="map-area",
        id="main",
        tabIndex="-1",
    )
    return html.Div(
        [
            # The first thing a keyboard reaches: past the header and the finder to the map.
            html.A(t("skip_to_main", lang), href="#main", className="skip-link"),
            html.Div([side, map_area], className="app"),
            officials_section(data, p),
            facts_section(data.facts, lang, lambda c: source_line(lang, data.built.stamp, c)),
            downloads_section(lang, data.built.stamp),
            dcc.Store(id="lang", data=lang),
            dcc.Store(id="map-click"),
            dcc.Store(id="geo-point"),
            # No data at all when no unit: a memory store mounted with data=None "changes" it
            # to undefined, which would fire every callback of the chosen unit.
            dcc.Store(id="unit", **({"data": {"code": unit}} if unit else {})),
            dcc.Store(id="scrolled"),
            sources_footer(lang, data.built.stamp),
        ],
        className="page",
        lang=lang,
    )


def shell(address: Address | None, drawn=None) -> html.Div:
    """The app's layout for one page load: ``drawn``, the page for ``address`` (the address the
    layout request's Referer names, see dashboard/app.py), or no page without one.

    ``url`` holds that address, so dcc.Location does not "change" it when mounted and the page's
    prevent_initial_call callbacks stay quiet. It sets ``href`` from the browser, which runs
    the check that the browser is at that address (callbacks.py: ``hanoi.address``). Without
    an address ``url`` takes all of the browser's, and that fires the page callback.
    """
    url = {"pathname": address.pathname, "search": address.search} if address else {}
    return html.Div(
        [
            dcc.Location(id="url", refresh=False, **url),
            # The uploaded figures live in the browser's session storage, outside the re-drawn
            # page. data=None is what an empty storage holds: the store then changes (and fires
            # its callbacks) only when this session has figures.
            dcc.Store(id="user-data", storage_type="session", data=None),
            dcc.Store(id="page-stale"),
            html.Div(drawn, id="page"),
        ]
    )
