"""Charts of the reorganisation's city-wide figures (facts.csv), one per group that reads faster
as a chart than as numbers (pure: a facts table in, plotly figures out)."""

from __future__ import annotations

import textwrap

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.common import add_title_and_source
from dashboard.model.numbers import fmt_number, plotly_separators

# (chart id, title vi, title en, keys in order). Only figures of the same kind, date and scope
# share a chart: the 9,536 of June 2025 and the 5,258 / 3,280 / 6,342 of September are not summed.
FACT_CHARTS = [
    (
        "dossiers",
        "Hồ sơ thủ tục hành chính, 1/7–30/8/2025 (Trung tâm PVHCC thành phố và 126 xã, phường)",
        "Administrative dossiers, 1 Jul–30 Aug 2025 (city service centre and 126 units)",
        ["dossiers_received", "dossiers_processed", "dossiers_pending"],
    ),
    (
        "staff",
        "Cán bộ điều động về xã, phường khi sắp xếp (báo cáo 11/9/2025)",
        "Staff sent to the communes and wards at the switch (report of 11 Sep 2025)",
        [
            "staff_moved_party_mass_org",
            "staff_moved_district_civil_servants",
            "staff_moved_commune_cadres",
        ],
    ),
    (
        "facilities",
        "Cơ sở làm việc: trước sắp xếp và sau (nhà, đất làm trụ sở 126 xã, phường)",
        "Facilities before, and premises (houses and land) for the 126 units' headquarters after",
        ["facilities_in_use_before", "headquarters_premises_after"],
    ),
    (
        "units",
        "Đơn vị hành chính cấp xã: 526 → 126",
        "Commune-level units: 526 → 126",
        ["units_commune_level_before", "units_commune_level_after"],
    ),
]


def fact_number(value: float, lang: str) -> str:
    """A figure as written in ``lang``: 523,292 / 523.292; decimals kept (4,063.6 / 4.063,6)."""
    decimals = 0 if float(value).is_integer() else len(f"{value:.2f}".rstrip("0").split(".")[1])
    return fmt_number(value, decimals, lang)


def fact_chart_title(chart: str, lang: str) -> str:
    """The title of one FACT_CHARTS group in ``lang``."""
    _, title_vi, title_en, _keys = next(c for c in FACT_CHARTS if c[0] == chart)
    return title_en if lang == "en" else title_vi


def fact_chart(
    facts: pd.DataFrame, chart: str, lang: str, source_line: str = "", titled: bool = True
) -> go.Figure:
    """A horizontal bar chart of one FACT_CHARTS group, labelled in ``lang``, its sources inside
    (``titled`` False: neither title nor source inside; a graphic frame gives them)."""
    _, title_vi, title_en, keys = next(c for c in FACT_CHARTS if c[0] == chart)
    rows = facts.set_index("key").loc[keys]
    # Labels wrapped at ~22 characters: on a phone a one-line label took the whole width and
    # plotly cut it at the left edge.
    labels = [
        "<br>".join(textwrap.wrap(label, 22, break_on_hyphens=False))
        for label in rows[f"label_{lang}"]
    ]
    fig = go.Figure(
        go.Bar(
            x=list(rows["value"]),
            y=labels,
            orientation="h",
            text=[fact_number(v, lang) for v in rows["value"]],
            textposition="auto",
            textangle=0,  # never turned on its side in a short bar
            marker_color="#0072B2",
            hoverinfo="skip",
        )
    )
    fig.update_layout(
        height=90 + 52 * len(keys),
        margin={"l": 8, "r": 8, "t": 10, "b": 10},
        yaxis={"autorange": "reversed", "automargin": True},
        xaxis={"visible": False},
        plot_bgcolor="white",
        separators=plotly_separators(lang),
    )
    if not titled:
        return fig
    return add_title_and_source(fig, title_en if lang == "en" else title_vi, source_line)
