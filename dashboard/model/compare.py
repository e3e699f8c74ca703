"""Side-by-side comparison of 2–6 units: value, rank among the 126 and ratio to the city median."""

from __future__ import annotations

import re

import pandas as pd

from dashboard.model.indicators import COMPARE_DEFAULT, Indicator, all_indicators, indicator_values

MIN_UNITS, MAX_UNITS = 2, 6
_CODE = re.compile(r"^\d{5}$")


def parse_codes(raw, known) -> tuple[list[str], list[str]]:
    """Codes to compare from a URL value or a dropdown (comma string or list; anything else is
    none), and what was dropped.

    Keeps known codes in order without repeats, at most six; returns (codes, rejected) where
    rejected lists unknown codes and those beyond the sixth.
    """
    items = (
        raw.split(",")
        if isinstance(raw, str)
        else list(raw)
        if isinstance(raw, (list, tuple))
        else []
    )
    codes, rejected = [], []
    for item in items[:50]:
        code = str(item).strip()[:12]
        if not code or code in codes:
            continue
        if _CODE.match(code) and code in known and len(codes) < MAX_UNITS:
            codes.append(code)
        else:
            rejected.append(code)
    return codes, rejected


def canonical_codes(raw, known) -> tuple[str, ...]:
    """The known codes of ``raw`` (as ``parse_codes`` reads it) sorted and without repeats: one
    spelling per set of units, so caches keyed on it stay bounded (at most MAX_UNITS codes)."""
    return tuple(sorted(parse_codes(raw, known)[0]))


def compare_indicators(user: dict | None) -> list[Indicator]:
    """The indicators compared: the defaults, the old districts merged, then the session's own."""
    every = all_indicators(user)
    keys = (
        COMPARE_DEFAULT
        + ["n_old_districts"]
        + [k for k in every if k.startswith(("user:", "ratio:"))]
    )
    return [every[k] for k in keys]


def compare_table(
    units: pd.DataFrame, codes: list[str], indicators: list[Indicator], user: dict | None = None
) -> pd.DataFrame:
    """One row per (indicator, unit): value, rank (1 = highest), units ranked, city median, value /
    median."""
    rows = []
    for ind in indicators:
        values = indicator_values(units, ind, user)
        ranks = values.rank(ascending=False, method="min")
        median = values.median()
        for code in codes:
            v = values.get(code)
            rows.append(
                {
                    "indicator": ind.key,
                    "code": code,
                    "value": v,
                    "rank": None if pd.isna(v) else int(ranks[code]),
                    "ranked": int(values.notna().sum()),
                    "median": median,
                    "to_median": None if pd.isna(v) or not median else v / median,
                }
            )
    return pd.DataFrame(rows)
