"""Charts: the compare view's bars (pure: data in, plotly figure out)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.common import format_value, source_note
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
    lines = source_line.count("<br>") + 1 if source_line else 0
    shapes, annotations = [], []
    if median is not None and pd.notna(median):
        # The city median as a dashed line across the plot, labelled above it (what add_vline
        # draws, written out: building the figure in one go is ~4x faster, and the compare view
        # draws up to eight of these per request).
        shapes.append(
            {
                "type": "line",
                "xref": "x",
                "yref": "paper",
                "x0": float(median),
                "x1": float(median),
                "y0": 0,
                "y1": 1,
                "line": {"dash": "dash", "color": "#b2182b"},
            }
        )
        annotations.append(
            {
                "xref": "x",
                "yref": "paper",
                "x": float(median),
                "y": 1,
                "yanchor": "bottom",
                "showarrow": False,
                "text": f"{t('city_median', lang)}: {fmt_spec(median, ind.fmt, lang)}",
            }
        )
    if source_line:
        annotations.append(source_note(source_line, yshift=-28))
    return go.Figure(
        data=[
            go.Bar(
                x=shown,
                y=names,
                orientation="h",
                text=[format_value(v, ind, lang) for v in shown],
                textposition="auto",
                marker_color="#3b528b",
                hovertemplate="%{y}: %{text}<extra></extra>",
                cliponaxis=False,
            )
        ],
        layout={
            "title": {"text": ind.title(lang), "x": 0, "font": {"size": 15}},
            "margin": {"l": 10, "r": 20, "t": 60, "b": 30 + 13 * lines if source_line else 20},
            "height": 110 + 42 * len(names) + 13 * max(lines, 1),
            "xaxis": {"tickformat": ind.fmt, "rangemode": "tozero"},
            "yaxis": {"autorange": "reversed", "automargin": True},
            "plot_bgcolor": "white",
            "paper_bgcolor": "white",
            "font": {"family": "system-ui, sans-serif", "color": "#222"},
            "separators": plotly_separators(lang),
            "shapes": shapes,
            "annotations": annotations,
        },
    )
