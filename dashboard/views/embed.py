"""Chrome-free embed pages: city map, unit profile card, old/new overlay, compare chart."""

from __future__ import annotations

import pandas as pd
from dash import dcc, html

from dashboard.figures.charts import compare_bar, distribution_chart
from dashboard.figures.common import format_value
from dashboard.figures.maps import print_map
from dashboard.figures.svg_map import tall
from dashboard.model.compare import compare_table, parse_codes
from dashboard.model.data import AppData
from dashboard.model.embeds import parse_embed_path
from dashboard.model.i18n import t
from dashboard.model.indicators import INDICATORS, Indicator, get_indicator
from dashboard.model.numbers import plotly_separators
from dashboard.model.params import ViewParams
from dashboard.views.controls import export_buttons
from dashboard.views.facts import facts_body, facts_title
from dashboard.views.frame import graphic_frame, source_line
from dashboard.views.map import map_state, map_subtitle, shown_values
from dashboard.views.panel import old_units_rows, unit_map_frame, unit_panel, unit_svg_url
from geodata.provenance import all_sources_short

# Embeds draw no mode bar (it covered titles on phones): the frame has the export buttons.
EMBED_GRAPH_CONFIG = {"displaylogo": False, "displayModeBar": False}


def chart_source(ind: Indicator, lang: str, stamp: str) -> str:
    """A chart's source line, opening with the method when the figure is an estimate."""
    return source_line(
        lang,
        stamp,
        extra=f"{t('estimate', lang)}: {ind.method_text(lang)[:70]}…" if ind.estimate else "",
    )


def attribution(data: AppData, lang: str, full_view: str) -> html.Footer:
    """Visible on every embed: sources and licences, data version, correction link, link to the full
    view."""
    return html.Footer(
        [
            html.Span(
                f"{t('source', lang)}: {all_sources_short(lang)}. {t('licence_note', lang)} "
            ),
            html.Span(f"{t('data_version', lang)} {data.built.stamp}. "),
            html.A(
                t("report_correction", lang),
                href=f"/corrections?lang={lang}",
                target="_blank",
                rel="noopener",
            ),
            " · ",
            html.A(t("open_full", lang), href=full_view, target="_blank", rel="noopener"),
        ],
        className="embed-attribution",
    )


def text_summary(units: pd.DataFrame, values: pd.Series, ind: Indicator, lang: str) -> str:
    """A sentence describing the map for screen readers (alt text): extremes, median, no-data
    count."""
    present = values.dropna()
    if present.empty:
        return f"{ind.label(lang)}: {t('no_data', lang)}."
    hi, lo = present.idxmax(), present.idxmin()
    return t("map_summary", lang).format(
        indicator=ind.title(lang),
        n=len(values),
        hi=units.at[hi, "full_name"],
        hi_v=format_value(present[hi], ind, lang),
        lo=units.at[lo, "full_name"],
        lo_v=format_value(present[lo], ind, lang),
        median=format_value(present.median(), ind, lang),
        missing=int(values.isna().sum()),
    )


def table_alternative(
    units: pd.DataFrame, values: pd.Series, ind: Indicator, lang: str
) -> html.Details:
    """The map's data as a table, highest first (the accessible alternative to the colours)."""
    order = values.sort_values(ascending=False, na_position="last")
    return html.Details(
        [
            html.Summary(t("table_alternative", lang)),
            html.Table(
                [
                    html.Thead(
                        html.Tr(
                            [
                                html.Th(t("name", lang), scope="col"),
                                html.Th(ind.label(lang), scope="col"),
                            ]
                        )
                    ),
                    html.Tbody(
                        [
                            html.Tr(
                                [
                                    html.Td(units.at[c, "full_name"]),
                                    html.Td(format_value(v, ind, lang)),
                                ]
                            )
                            for c, v in order.items()
                        ]
                    ),
                ],
                className="alt-table",
            ),
        ],
        className="table-alternative",
    )


def map_aspect(data: AppData) -> float:
    """Width / height of the box that Hanoi's 126 units fill edge to edge in Web Mercator (the
    print map's projection): the map box keeps this ratio at every width."""
    return 1 / tall(tuple(float(b) for b in data.built.units.total_bounds))


def map_embed(data: AppData, p: ViewParams) -> list:
    """The whole-city map for one indicator in its graphic frame: title and subtitle, the map
    (full width on a phone, Hanoi edge to edge), the legend strip, the source; then the text
    summary and the table alternative."""
    ind = get_indicator(p.indicator)
    props, legend = map_state(data, ind, p.scheme, p.k, p.type, p.lang, strip=True)
    values = shown_values(data, ind, p.type)
    summary = text_summary(data.units, values, ind, p.lang)
    title = ind.title(p.lang)
    # A geo trace, not a WebGL map: the exported SVG is vector, and fitbounds frames Hanoi. The
    # colours are told by the HTML legend strip (a colour bar took half a phone's width).
    fig = print_map(data.geo_url("units"), props, bounds=data.built.units.total_bounds)
    fig.update_traces(showscale=False)
    fig.update_layout(separators=plotly_separators(p.lang), autosize=True)
    n_classes = len(props.get("colorbar", {}).get("tickvals", []) or [])
    graph = html.Div(
        dcc.Graph(
            id="embed-graph",
            figure=fig,
            # No mode bar: it covered the title on phones; the frame has the export buttons.
            config={"displaylogo": False, "scrollZoom": False, "displayModeBar": False},
            className="embed-map",
            style={"aspectRatio": f"{map_aspect(data):.4f}"},
        ),
        role="figure",
        **{"aria-label": title, "aria-describedby": "map-summary"},
    )
    tools = export_buttons(
        "embed-graph", f"hanoi-126-{ind.key}", p.lang, svg_url=map_svg_url(p, ind.key)
    )
    return [
        graphic_frame(
            graph,
            title,
            source_line(p.lang, data.built.stamp),
            subtitle=map_subtitle(ind, p.scheme, n_classes, p.lang),
            legend=legend,
            tools=tools,
            kind="map",
        ),
        html.P(summary, className="summary", id="map-summary"),
        table_alternative(data.units, values, ind, p.lang),
    ]


def map_svg_url(p: ViewParams, indicator: str) -> str:
    """The address of the framed vector map (dashboard/web/map_svg.py) for these options."""
    from urllib.parse import urlencode

    query = {"indicator": indicator, "scheme": p.scheme, "k": p.k, "type": p.type, "lang": p.lang}
    return "/export/map.svg?" + urlencode(query)


def overlay_embed(data: AppData, code: str, lang: str) -> list:
    """One new unit with the old boundaries inside it: the unit panel's small map in its graphic
    frame (title, subtitle, legend strip, source and date, export buttons), then the list of the
    old units it was formed from."""
    name = data.units.at[code, "full_name"]
    rows = old_units_rows(data, code)
    olds = ", ".join(sorted(rows["old_full_name"].unique()))
    tools = export_buttons(
        "unit-detail-map", f"hanoi-126-{code}-overlay", lang, unit_svg_url(code, lang)
    )
    return [
        unit_map_frame(data, code, lang, rows, tools),
        html.P(f"{name} — {t('formed_from', lang)}: {olds}.", className="summary"),
    ]


def chart_embed(data: AppData, key: str | None, p: ViewParams) -> list:
    """One chart of the compare view: an indicator for the compared units, with the city median."""
    if not p.compare:
        return distribution_embed(data, key, p)
    codes, _ = parse_codes(list(p.compare), data.units.index)
    if len(codes) < 2:
        return [html.P(t("compare_need", p.lang), className="error", role="alert")]
    ind = INDICATORS.get(key or "", get_indicator(p.indicator))
    table = compare_table(data.units, codes, [ind]).set_index("code")
    names = [data.units.at[c, "full_name"] for c in codes]
    fig = compare_bar(
        names, list(table.loc[codes, "value"]), table["median"].iloc[0], ind, p.lang, title=False
    )
    rows = [
        f"{n}: {format_value(v, ind, p.lang)} ({t('rank', p.lang)} {r}/{table['ranked'].iloc[0]})"
        for n, v, r in zip(names, table.loc[codes, "value"], table.loc[codes, "rank"], strict=True)
    ]
    graph = dcc.Graph(id="embed-graph", figure=fig, config=EMBED_GRAPH_CONFIG)
    tools = export_buttons("embed-graph", f"hanoi-126-compare-{ind.key}", p.lang)
    return [
        graphic_frame(
            graph,
            ind.title(p.lang),
            chart_source(ind, p.lang, data.built.stamp),
            subtitle=", ".join(names),
            tools=tools,
        ),
        html.P(
            "; ".join(rows)
            + f"; {t('city_median', p.lang)}: "
            + f"{format_value(table['median'].iloc[0], ind, p.lang)}.",
            className="summary",
        ),
        html.P([html.B(f"{t('method', p.lang)}: "), ind.method_text(p.lang)], className="summary")
        if ind.estimate
        else None,
    ]


def distribution_embed(data: AppData, key: str | None, p: ViewParams) -> list:
    """A chart embed that names no units to compare: the indicator for all 126 units, highest
    first, with the city median (instead of an empty page)."""
    ind = INDICATORS.get(key or "", get_indicator(p.indicator))
    values = shown_values(data, ind, "all")
    names = [data.units.at[c, "full_name"] for c in values.index]
    fig = distribution_chart(names, list(values), ind, p.lang)
    graph = dcc.Graph(id="embed-graph", figure=fig, config=EMBED_GRAPH_CONFIG)
    tools = export_buttons("embed-graph", f"hanoi-126-distribution-{ind.key}", p.lang)
    return [
        graphic_frame(
            graph,
            ind.title(p.lang),
            chart_source(ind, p.lang, data.built.stamp),
            subtitle=t("city_distribution", p.lang),
            tools=tools,
        ),
        html.P(text_summary(data.units, values, ind, p.lang), className="summary"),
    ]


def facts_embed(data: AppData, lang: str) -> list:
    """The reorganisation in figures: charts and every figure with its article and date."""
    return [
        html.H2(facts_title(lang)),
        *facts_body(data.facts, lang, lambda cited: source_line(lang, data.built.stamp, cited)),
    ]


UNIT_EMBEDS = ("unit", "overlay")


def embed_exists(data: AppData, path: str) -> bool:
    """True when ``path`` names an embed this app draws; False for an unknown kind or unit."""
    kind, key = parse_embed_path(path) or (None, None)
    return kind in ("map", "facts", "chart") or (kind in UNIT_EMBEDS and key in data.units.index)


def embed_page(data: AppData, path: str, p: ViewParams) -> html.Div:
    """The embed for ``path``; an unknown embed or code gets a clear message, never an error
    page."""
    kind, key = parse_embed_path(path) or (None, None)
    full = p.query()
    if not embed_exists(data, path):
        message = (
            f"{t('unknown_unit', p.lang)} “{str(key)[:20]}”."
            if kind in UNIT_EMBEDS
            else t("unknown_embed", p.lang)
        )
        body = [html.P(message, className="error", role="alert")]
    elif kind == "map":
        body = map_embed(data, p)
    elif kind == "facts":
        body = facts_embed(data, p.lang)
    elif kind == "chart":
        body = chart_embed(data, key, p)
        full = p.query(indicator=key if key in INDICATORS else p.indicator)
    else:
        body = (
            [unit_panel(data, key, p.lang, tools=False)]
            if kind == "unit"
            else overlay_embed(data, key, p.lang)
        )
        full = p.query(unit=key)
    return html.Div(
        body + [attribution(data, p.lang, "/" + full)],
        className=f"embed embed--{kind or 'unknown'}",
        lang=p.lang,
    )
