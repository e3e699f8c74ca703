"""Helpers every figure uses: values as readers see them, title and source inside the figure."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.model.i18n import t
from dashboard.model.indicators import Indicator
from dashboard.model.numbers import fmt_spec


def format_value(value, ind: Indicator, lang: str) -> str:
    """A value as shown to readers: formatted with the indicator's format, "no data" when
    missing."""
    if value is None or pd.isna(value):
        return t("no_data", lang)
    return fmt_spec(value, ind.fmt, lang)


def add_title_and_source(fig: go.Figure, title: str, source_line: str) -> go.Figure:
    """Put a title and a source line inside the figure, so exported images carry them.

    A figure with a fixed height grows by the margins added, so its map keeps its size.
    """
    added = 0
    if title:
        fig.update_layout(title={"text": title, "x": 0.01, "font": {"size": 15}}, margin={"t": 40})
        added += 40
    if source_line:
        bottom = 14 * (source_line.count("<br>") + 1) + 6
        fig.add_annotation(source_note(source_line, yshift=-4, bgcolor="rgba(255,255,255,0.85)"))
        fig.update_layout(margin={"b": bottom})
        added += bottom
    if fig.layout.height:
        fig.update_layout(height=fig.layout.height + added)
    return fig


def source_note(source_line: str, yshift: int, **style) -> dict:
    """The source line as small text under the plot area (inside the figure, so exported images
    carry it); ``yshift`` moves it below the axis labels when there are some."""
    return {
        "text": source_line,
        "xref": "paper",
        "yref": "paper",
        "x": 0,
        "y": 0,
        "yshift": yshift,
        "showarrow": False,
        "xanchor": "left",
        "yanchor": "top",
        "align": "left",
        "font": {"size": 9, "color": "#333"},
        **style,
    }
