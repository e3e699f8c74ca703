"""The figures of the link-preview images that are not maps (#23): a chart embed's chart and the
facts page's headline figures (pure: values in, plotly figures out).

They are rendered by kaleido with the geo bundle (dashboard/web/previews.py), which has the
choropleth and scatter traces but no bar: bars are drawn as filled scatter shapes.
"""

from __future__ import annotations

import textwrap

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.common import add_title_and_source, source_note
from dashboard.figures.facts import fact_number
from dashboard.model.i18n import t
from dashboard.model.indicators import Indicator
from dashboard.model.numbers import fmt_spec

# The facts shown in a preview, each as one large number (a pair: "before → after").
PREVIEW_FACTS = [
    ("units_commune_level_before", "units_commune_level_after"),
    ("dossiers_received",),
    ("staff_moved_party_mass_org",),
    ("staff_commune_cadres_civil_servants",),
]


def columns(values: list[float], title: str, source: str) -> go.Figure:
    """One column per value, left to right, as filled scatter rectangles."""
    xs: list = []
    ys: list = []
    for i, value in enumerate(values):
        xs += [i + 0.1, i + 0.1, i + 0.9, i + 0.9, i + 0.1, None]
        ys += [0, value, value, 0, 0, None]
    fig = go.Figure(
        go.Scatter(x=xs, y=ys, fill="toself", mode="lines", line={"width": 0}, fillcolor="#3b528b")
    )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(rangemode="tozero", gridcolor="#e5e5e5")
    fig.update_layout(
        showlegend=False, plot_bgcolor="white", margin={"l": 70, "r": 30, "t": 20, "b": 40}
    )
    return add_title_and_source(fig, title, source)


def chart_preview(
    values: list[float], ind: Indicator, lang: str, title: str, source: str
) -> go.Figure:
    """Every unit's value, highest first, with the city median: the chart a chart embed draws
    without compare=."""
    shown = sorted(values, reverse=True)
    fig = columns(shown, title, source)
    _median_line(fig, float(pd.Series(shown).median()), len(shown), ind, lang)
    return fig.update_yaxes(tickformat=ind.fmt)


def _median_line(fig: go.Figure, median: float, n: int, ind: Indicator, lang: str, **label) -> None:
    """The city median across ``n`` columns: a dashed line, labelled at its right end."""
    fig.add_hline(y=median, line_dash="dash", line_color="#b2182b")
    fig.add_annotation(
        x=n,
        y=median,
        xanchor="right",
        yanchor="bottom",
        showarrow=False,
        text=f"{t('city_median', lang)}: {fmt_spec(median, ind.fmt, lang)}",
        **label,
    )


def compare_preview(
    names: list[str],
    values: list[float | None],
    median: float,
    ind: Indicator,
    lang: str,
    title: str,
    source: str,
) -> go.Figure:
    """The units a chart embed compares: one column each, its name under it and its value above,
    with the city median (what the compare chart shows, for its link preview)."""
    shown = [0.0 if v is None or pd.isna(v) else float(v) for v in values]
    fig = columns(shown, title, "")
    top = max([*shown, median, 0.0]) or 1.0
    for i, (name, value) in enumerate(zip(names, values, strict=True)):
        label = "<br>".join(textwrap.wrap(name, 18, break_on_hyphens=False))
        fig.add_annotation(x=i + 0.5, y=0, yshift=-4, yanchor="top", text=label, font={"size": 16})
        number = (
            t("no_data", lang)
            if value is None or pd.isna(value)
            else fmt_spec(float(value), ind.fmt, lang)
        )
        fig.add_annotation(
            x=i + 0.5, y=shown[i], yanchor="bottom", text=f"<b>{number}</b>", font={"size": 18}
        )
    fig.update_annotations(showarrow=False, xanchor="center")
    # Its label on a white ground: readable over a column.
    _median_line(fig, median, len(shown), ind, lang, bgcolor="rgba(255,255,255,0.85)")
    # The names under the columns (two lines at most), the source line under the names.
    fig.add_annotation(source_note(source, yshift=-52))
    fig.update_layout(margin={"b": 52 + 14 * (source.count("<br>") + 1) + 8})
    fig.update_xaxes(range=[0, len(shown)])
    return fig.update_yaxes(tickformat=ind.fmt, range=[0, top * 1.15])


def facts_preview(facts: pd.DataFrame, lang: str, title: str, source: str) -> go.Figure:
    """The facts page's headline figures as large numbers with their labels and dates."""
    from dashboard.views.facts import source_date

    rows = facts.set_index("key")
    fig = go.Figure(go.Scatter(x=[0, 1], y=[0, 1], mode="markers", marker={"opacity": 0}))
    shown = [keys for keys in PREVIEW_FACTS if all(k in rows.index for k in keys)]
    for i, keys in enumerate(shown):
        x, y = 0.02 + 0.5 * (i % 2), 0.78 - 0.5 * (i // 2)
        number = " → ".join(fact_number(float(rows.at[k, "value"]), lang) for k in keys)
        row = rows.loc[keys[-1]]
        label = f"{row[f'label_{lang}']} ({source_date(str(row['source_date']), lang)})"
        fig.add_annotation(
            x=x,
            y=y,
            text=f"<b>{number}</b>",
            font={"size": 54, "color": "#0b5394"},
            yanchor="bottom",
        )
        text = "<br>".join(textwrap.wrap(label, 44, break_on_hyphens=False))
        fig.add_annotation(x=x, y=y - 0.02, text=text, font={"size": 18}, yanchor="top")
    fig.update_annotations(
        xref="paper", yref="paper", xanchor="left", align="left", showarrow=False
    )
    fig.update_xaxes(visible=False, range=[0, 1])
    fig.update_yaxes(visible=False, range=[0, 1])
    fig.update_layout(plot_bgcolor="white", margin={"l": 30, "r": 30, "t": 20, "b": 20})
    return add_title_and_source(fig, title, source)
