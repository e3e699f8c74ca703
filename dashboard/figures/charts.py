"""Charts: the compare view's bars (pure: data in, plotly figure out)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.common import format_value, source_note
from dashboard.model.i18n import t
from dashboard.model.indicators import Indicator
from dashboard.model.numbers import fmt_spec, plotly_separators


def compare_bar(
    names: list[str],
    values: list,
    median: float,
    ind: Indicator,
    lang: str,
    source_line: str = "",
    title: bool = True,
) -> go.Figure:
    """Horizontal bars of one indicator for the compared units, with the city median as a dashed
    line. ``title`` False: no plotly title (a graphic frame gives it, as HTML that wraps).

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
                textangle=0,  # never turned on its side in a short bar
                marker_color="#3b528b",
                hovertemplate="%{y}: %{text}<extra></extra>",
                cliponaxis=False,
            )
        ],
        layout={
            "title": {"text": ind.title(lang) if title else "", "x": 0, "font": {"size": 15}},
            "margin": {
                "l": 10,
                "r": 20,
                "t": 60 if title else 28,
                "b": 30 + 13 * lines if source_line else 20,
            },
            "height": (110 if title else 78) + 42 * len(names) + 13 * max(lines, 1),
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


def distribution_chart(
    names: list[str], values: list, ind: Indicator, lang: str, source_line: str = ""
) -> go.Figure:
    """Every unit's value of one indicator, highest first, one column per unit (the city's
    distribution, what a chart embed shows when it names no units to compare), with the city
    median as a dashed line. Units with no value are left out and counted in the x-axis title."""
    pairs = sorted(
        (
            (n, float(v))
            for n, v in zip(names, values, strict=True)
            if v is not None and pd.notna(v)
        ),
        key=lambda p: -p[1],
    )
    shown = [v for _, v in pairs]
    median = float(pd.Series(shown).median()) if shown else None
    missing = len(names) - len(pairs)
    axis_title = f"{len(pairs)} {t('units_count', lang)}" + (
        f" ({t('no_data', lang)}: {missing})" if missing else ""
    )
    fig = compare_bar(
        [], [], median if median is not None else float("nan"), ind, lang, "", title=False
    )
    lines = source_line.count("<br>") + 1 if source_line else 0
    fig.data = ()
    fig.add_trace(
        go.Bar(
            x=list(range(1, len(pairs) + 1)),
            y=shown,
            customdata=[n for n, _ in pairs],
            text=[format_value(v, ind, lang) for v in shown],
            textposition="none",
            marker_color="#3b528b",
            hovertemplate="%{customdata}: %{text}<extra></extra>",
        )
    )
    if median is not None:
        # compare_bar drew the median across a horizontal bar chart: here it runs along x.
        fig.layout.shapes[0].update(xref="paper", yref="y", x0=0, x1=1, y0=median, y1=median)
        fig.layout.annotations[0].update(
            xref="paper", yref="y", x=1, y=median, xanchor="right", yanchor="bottom"
        )
    if source_line:
        fig.add_annotation(source_note(source_line, yshift=-40))
    fig.update_layout(
        height=320 + 13 * lines,
        margin={"l": 10, "r": 10, "t": 28, "b": 40 + 13 * lines},
        xaxis={"title": {"text": axis_title}, "showticklabels": False, "tickformat": None},
        yaxis={"autorange": True, "automargin": True, "tickformat": ind.fmt, "rangemode": "tozero"},
        bargap=0.15,
    )
    return fig
