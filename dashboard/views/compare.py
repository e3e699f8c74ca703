"""The compare view: a table of values, ranks and ratio to the median, and one bar chart per
indicator."""

from __future__ import annotations

import pandas as pd
from dash import dcc, html

from dashboard.figures.charts import compare_bar
from dashboard.figures.common import format_value
from dashboard.model.compare import MIN_UNITS, compare_indicators, compare_table
from dashboard.model.data import AppData
from dashboard.model.embeds import embed_path
from dashboard.model.i18n import t
from dashboard.model.numbers import fmt_number
from dashboard.views.controls import export_buttons, figure_tools
from dashboard.views.embed import chart_source
from dashboard.views.frame import graphic_frame


def _cell(row: pd.Series, ind, lang: str) -> list:
    if pd.isna(row["value"]):
        return [t("no_data", lang)]
    ratio = (
        ""
        if row["to_median"] is None or pd.isna(row["to_median"])
        else f" · {fmt_number(row['to_median'], 2, lang)}× {t('to_median', lang)}"
    )
    return [
        html.Strong(format_value(row["value"], ind, lang)),
        html.Br(),
        html.Small(f"{t('rank', lang)} {row['rank']}/{row['ranked']}{ratio}"),
    ]


def compare_results(
    data: AppData, codes: list[str], rejected: list[str], lang: str, user: dict | None = None
) -> html.Div:
    """Table and charts for the chosen units, or a hint when fewer than two are chosen."""
    notes = []
    if rejected:
        notes.append(
            html.P(
                f"{t('compare_dropped', lang)}: {', '.join(rejected[:10])}",
                className="error",
                role="alert",
            )
        )
    if len(codes) < MIN_UNITS:
        return html.Div(notes + [html.P(t("compare_need", lang), className="hint")])
    indicators = compare_indicators(user)
    table = compare_table(data.units, codes, indicators, user)
    names = [data.units.at[c, "full_name"] for c in codes]
    header = html.Tr(
        [html.Th(t("indicator", lang), scope="col")]
        + [html.Th(n, scope="col") for n in names]
        + [html.Th(t("city_median", lang), scope="col")]
    )
    body, charts, methods = [], [], []
    for ind in indicators:
        rows = table[table["indicator"] == ind.key].set_index("code")
        label = ind.title(lang)
        median = rows["median"].iloc[0]
        body.append(
            html.Tr(
                [html.Th(label, scope="row", title=ind.method_text(lang) or ind.source_text(lang))]
                + [html.Td(_cell(rows.loc[c], ind, lang)) for c in codes]
                + [html.Td(format_value(median, ind, lang))]
            )
        )
        source = chart_source(ind, lang, data.built.stamp)
        graph_id = f"compare-chart-{ind.key.replace(':', '-')}"
        chart = compare_bar(names, list(rows.loc[codes, "value"]), median, ind, lang, title=False)
        # The session's own columns exist only in this browser: they can be exported, not embedded.
        tools = (
            export_buttons(graph_id, f"hanoi-126-{graph_id}", lang)
            if ":" in ind.key
            else figure_tools(
                graph_id,
                f"hanoi-126-{graph_id}",
                embed_path("chart", ind.key, compare=",".join(codes), lang=lang),
                ind.label(lang),
                "chart",
                lang,
            )
        )
        # No mode bar (it printed over the titles): the frame's buttons export the chart.
        graph = dcc.Graph(
            id=graph_id, figure=chart, config={"displaylogo": False, "displayModeBar": False}
        )
        charts.append(
            html.Div(
                graphic_frame(
                    graph, ind.title(lang), source, subtitle=", ".join(names), tools=tools
                ),
                className="compare-chart",
            )
        )
        if ind.estimate:
            methods.append(html.Li([html.B(ind.label(lang) + ": "), ind.method_text(lang)]))
    link = f"?lang={lang}&compare={','.join(codes)}"
    return html.Div(
        notes
        + [
            html.Div(
                html.Table(
                    [html.Thead(header), html.Tbody(body)], className="compare-table", tabIndex="0"
                ),
                className="table-scroll",
            ),
            html.Ul(methods, className="methods") if methods else None,
            html.P(html.A(t("permalink", lang), href=link, id="compare-permalink")),
            html.Div(charts, className="compare-charts"),
        ]
    )
