"""The sortable table of all units with every indicator (the accessible alternative to the map
too)."""

from __future__ import annotations

import pandas as pd
from dash import dash_table
from dash.dash_table.Format import Format, Scheme

from dashboard.model.i18n import t
from dashboard.model.indicators import all_indicators, indicator_values
from dashboard.model.numbers import SEPARATORS

UNIT_TYPES = {"all": None, "phuong": "phường", "xa": "xã"}


def pick_type(value: str | None) -> str:
    """A unit-type filter key from untrusted input."""
    return value if isinstance(value, str) and value in UNIT_TYPES else "all"


def filter_units(units: pd.DataFrame, unit_type: str | None) -> pd.DataFrame:
    """Units of one type (``phuong``/``xa``) or all of them."""
    wanted = UNIT_TYPES[pick_type(unit_type)]
    return units if wanted is None else units[units["unit_type"] == wanted]


def table_frame(
    units: pd.DataFrame, lang: str, user: dict | None = None
) -> tuple[pd.DataFrame, dict]:
    """Every unit with every indicator (values rounded for reading), and the column labels."""
    frame = pd.DataFrame(
        {
            "code": units.index,
            "name": units["full_name"].values,
            "type": units["unit_type"].values,
            "group": units[f"group_name_{lang}"].values,
        },
        index=units.index,
    )
    labels = {
        "code": t("code", lang),
        "name": t("name", lang),
        "type": t("type", lang),
        "group": t("group", lang),
    }
    for key, ind in all_indicators(user).items():
        if ind.categorical:
            continue
        values = indicator_values(units, ind, user)
        frame[key] = values.round(4 if "%" in ind.fmt else 1)
        labels[key] = ind.title(lang)
    return frame, labels


def units_table(units: pd.DataFrame, lang: str, user: dict | None = None) -> dash_table.DataTable:
    """A natively sortable and filterable table; missing values show as "no data"."""
    frame, labels = table_frame(units, lang, user)
    every = all_indicators(user)
    columns = []
    for key, label in labels.items():
        col = {"name": label, "id": key}
        if key in every:
            fmt = every[key].fmt
            scheme = Scheme.percentage if "%" in fmt else Scheme.fixed
            digits = 0 if fmt in (",.0f", ".0%") else 1 if "%" in fmt else 2 if fmt == ",.2f" else 1
            col.update(
                type="numeric",
                format=Format(
                    precision=digits,
                    scheme=scheme,
                    group_delimiter=SEPARATORS.get(lang, SEPARATORS["vi"])[0],
                    decimal_delimiter=SEPARATORS.get(lang, SEPARATORS["vi"])[1],
                )
                .group(True)
                .nully(t("no_data", lang)),
            )
        columns.append(col)
    return dash_table.DataTable(
        id="units-table",
        data=frame.to_dict("records"),
        columns=columns,
        sort_action="native",
        filter_action="native",
        filter_options={"placeholder_text": t("filter_placeholder", lang)},
        page_action="none",
        fixed_rows={"headers": True},
        style_table={"maxHeight": "480px", "overflowY": "auto", "overflowX": "auto"},
        style_cell={
            "fontFamily": "system-ui, sans-serif",
            "fontSize": "13px",
            "padding": "4px 6px",
            "minWidth": "90px",
            "maxWidth": "220px",
            "whiteSpace": "normal",
        },
        style_header={"fontWeight": "bold", "whiteSpace": "normal", "height": "auto"},
        style_data_conditional=[
            {
                "if": {"filter_query": f"{{{c['id']}}} is blank", "column_id": c["id"]},
                "backgroundColor": "#f3f3f3",
            }
            for c in columns
            if c.get("type") == "numeric"
        ],
    )
