"""Charts: the compare view's bars (pure: data in, plotly figure out)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.common import add_source_note, format_value
from dashboard.model.i18n import t
from dashboard.model.indicators import Indicator
from dashboard.model.numbers import fmt_spec, plotly_separators


def compare_bar(
    names: list[str], values: list, median: float, ind: Indicator, lang: str, source_line: str = ""
) -> go.Figure:
    """Horizontal bars of one indicator for the compared units, with the city median as a dashed
    line.

    A unit with no value gets no bar and the label "no data", never a zero-length bar.
    """
    shown = [None if v is None or pd.isna(v) else float(v) for v in values]
    text = [format_value(v, ind, lang) for v in shown]
    title = ind.title(lang)
    fig = go.Figure(
        go.Bar(
            x=shown,
            y=names,
            orientation="h",
            text=text,
            textposition="auto",
            marker_color="#3b528b",
            hovertemplate="%{y}: %{text}<extra></extra>",
            cliponaxis=False,
        )
    )
    if median is not None and pd.notna(median):
        fig.add_vline(
            x=float(median),
            line_dash="dash",
            line_color="#b2182b",
            annotation_text=f"{t('city_median', lang)}: {fmt_spec(median, ind.fmt, lang)}",
            annotation_position="top",
        )
    fig.update_layout(
        title={"text": title, "x": 0, "font": {"size": 15}},
        margin={
            "l": 10,
            "r": 20,
            "t": 60,
            "b": 30 + 13 * (source_line.count("<br>") + 1) if source_line else 20,
        },
        height=110 + 42 * len(names) + 13 * (source_line.count("<br>") + 1),
        xaxis={"tickformat": ind.fmt, "rangemode": "tozero"},
        yaxis={"autorange": "reversed", "automargin": True},
        plot_bgcolor="white",
        paper_bgcolor="white",
        font={"family": "system-ui, sans-serif", "color": "#222"},
        separators=plotly_separators(lang),
    )
    if source_line:
        add_source_note(fig, source_line, yshift=-28)
    return fig
