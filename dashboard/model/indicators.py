"""The indicators the map, the comparison and the table can show: labels, units, sources, methods.

Three kinds: the built ones (one column of the units table each), the columns an official uploads
for their browser session (``user:<name>``), and ratios computed when their inputs exist
(``ratio:<name>``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard.model.upload import header_slug
from geodata.provenance import SOURCES, VARIABLES, Text

ESTIMATE = {"vi": "ước tính", "en": "estimate"}
UNITS_EN = {"người": "people", "người/km²": "people/km²", "đơn vị": "units", "hồ sơ": "dossiers"}


@dataclass(frozen=True)
class Indicator:
    """One indicator: how to label, format and source it, and how it was estimated if it was."""

    key: str
    label_vi: str
    label_en: str
    unit: str
    fmt: str
    sources: tuple[str, ...]  # keys of geodata.provenance.SOURCES
    method: Text | None = None
    categorical: bool = False
    # Counted (from the law, or a ratio of given figures), not estimated: the method says what
    # it measures, with no "estimate" label.
    derived: bool = False

    @property
    def estimate(self) -> bool:
        """True when the figure is our estimate, not a published one."""
        return self.method is not None and not self.categorical and not self.derived

    def label(self, lang: str) -> str:
        """Label in the UI language, with the unit."""
        base, unit = (
            (self.label_en, UNITS_EN.get(self.unit, self.unit))
            if lang == "en"
            else (self.label_vi, self.unit)
        )
        return f"{base} ({unit})" if unit else base

    def title(self, lang: str) -> str:
        """The label with "— estimate" when the figure is ours: use wherever the indicator is
        named."""
        return self.label(lang) + (f" — {ESTIMATE[lang]}" if self.estimate else "")

    def method_text(self, lang: str) -> str:
        """The method in ``lang``, or "" for a published figure."""
        return self.method.text(lang) if self.method else ""

    def source_text(self, lang: str) -> str:
        """Where the figure comes from, from the provenance registry (the reader's own file is
        named in ``lang``; other sources by their citation)."""
        return "; ".join(
            SOURCES[k].title.text(lang) if k == "user_upload" else SOURCES[k].short.text(lang)
            for k in dict.fromkeys(self.sources)
        )


def _built(key: str, vi: str, en: str, unit: str, fmt: str, categorical: bool = False):
    """A built indicator: its sources and method come from the provenance registry."""
    v = VARIABLES[key]
    return Indicator(
        key, vi, en, unit, fmt, v.sources, v.method, categorical, derived=v.kind != "estimate"
    )


INDICATORS = {
    i.key: i
    for i in [
        _built("pop2025", "Dân số 2025", "Population 2025", "người", ",.0f"),
        _built(
            "area_official_km2",
            "Diện tích theo bản đồ sáp nhập (trước đo đạc)",
            "Area per the merger map (pre-survey)",
            "km²",
            ",.2f",
        ),
        _built(
            "density_2025", "Mật độ dân số 2025", "Population density 2025", "người/km²", ",.0f"
        ),
        _built("n_old_units", "Số đơn vị cũ hợp thành", "Old units merged", "đơn vị", ",.0f"),
        _built(
            "split_share",
            "Tỷ lệ đơn vị cũ bị chia tách",
            "Share of merged old units that were split",
            "",
            ".0%",
        ),
        _built("pop2019_est", "Dân số 2019", "Population 2019", "người", ",.0f"),
        _built(
            "n_old_districts",
            "Số quận, huyện cũ hợp thành",
            "Old districts merged",
            "đơn vị",
            ",.0f",
        ),
        _built("group", "Nhóm quản trị", "Governance group", "", "d", categorical=True),
    ]
}
DEFAULT_INDICATOR = "density_2025"
# Built indicators compared side by side by default (the group is categorical, not a bar).
COMPARE_DEFAULT = [
    "pop2025",
    "area_official_km2",
    "density_2025",
    "n_old_units",
    "split_share",
]
# The per-unit workload indicators (see geodata.workload): the method adds more than population.
WORKLOAD_INDICATORS = ["n_old_units", "n_old_districts", "split_share"]

# Uploaded columns recognised by name (folded), for the ratios below.
SYNONYMS = {
    "staff": {"staff", "can_bo", "so_can_bo", "cadres", "bien_che", "nhan_su", "cong_chuc"},
    "dossiers_received": {
        "dossiers_received",
        "dossiers",
        "ho_so",
        "ho_so_tiep_nhan",
        "ho_so_nhan",
    },
    "dossiers_on_time": {"dossiers_on_time", "on_time", "ho_so_dung_han", "dung_han"},
}
# (key, numerator, denominator, label vi, label en, format); "pop2025" is the built column.
RATIOS = [
    (
        "dossiers_per_staff",
        "dossiers_received",
        "staff",
        "Hồ sơ trên mỗi cán bộ",
        "Dossiers per staff",
        ",.1f",
    ),
    (
        "on_time_rate",
        "dossiers_on_time",
        "dossiers_received",
        "Tỷ lệ hồ sơ đúng hạn",
        "Share of dossiers on time",
        ".1%",
    ),
    (
        "pop_per_staff",
        "pop2025",
        "staff",
        "Dân số trên mỗi cán bộ (số liệu của bạn)",
        "Population per staff (your figures)",
        ",.0f",
    ),
]


def _roles(user: dict | None) -> dict[str, str]:
    """Which uploaded column plays which role (staff, dossiers received, on time)."""
    roles = {}
    for name in (user or {}).get("columns", {}):
        slug = header_slug(name)
        for role, names in SYNONYMS.items():
            if slug in names and role not in roles:
                roles[role] = name
    return roles


def user_indicators(user: dict | None) -> dict[str, Indicator]:
    """Indicators for the uploaded columns, then the ratios whose inputs exist."""
    out = {}
    for name, values in (user or {}).get("columns", {}).items():
        whole = all(float(v).is_integer() for v in values.values())
        out[f"user:{name}"] = Indicator(
            f"user:{name}", name, name, "", ",.0f" if whole else ",.2f", ("user_upload",)
        )
    roles = _roles(user)
    for key, num, den, vi, en, fmt in RATIOS:
        if (num == "pop2025" or num in roles) and den in roles:
            inputs = " / ".join(roles.get(x, x) for x in (num, den))
            sources = ("user_upload", "population_2025") if num == "pop2025" else ("user_upload",)
            out[f"ratio:{key}"] = Indicator(
                f"ratio:{key}", vi, en, "", fmt, sources, Text(inputs, inputs), derived=True
            )
    return out


def all_indicators(user: dict | None = None) -> dict[str, Indicator]:
    """The built indicators followed by the session's own."""
    return {**INDICATORS, **user_indicators(user)}


def get_indicator(key: str | None, user: dict | None = None) -> Indicator:
    """The indicator for ``key``, or the default for an unknown or missing key."""
    return all_indicators(user).get(
        key if isinstance(key, str) else "", INDICATORS[DEFAULT_INDICATOR]
    )


def _user_column(units: pd.DataFrame, user: dict | None, name: str) -> pd.Series:
    values = (user or {}).get("columns", {}).get(name, {})
    return pd.Series([values.get(code) for code in units.index], index=units.index, dtype=float)


def indicator_values(units: pd.DataFrame, ind: Indicator, user: dict | None = None) -> pd.Series:
    """Values of ``ind`` for every unit (indexed by code); NaN where there is no data."""
    if ind.key in units.columns:
        return units[ind.key].astype(float)
    if ind.key.startswith("user:"):
        return _user_column(units, user, ind.key[5:])
    if ind.key.startswith("ratio:"):
        roles = _roles(user)
        _, num, den, *_ = next(r for r in RATIOS if r[0] == ind.key[6:])
        top = (
            units["pop2025"].astype(float)
            if num == "pop2025"
            else _user_column(units, user, roles[num])
        )
        bottom = _user_column(units, user, roles[den]).replace(0, np.nan)
        return top / bottom
    return pd.Series(np.nan, index=units.index)
