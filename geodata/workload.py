"""Workload of the new units: what the published figures can and cannot say per unit.

No per-unit staff or dossier counts are published. The press gives city totals only: 9,536 cadres
and civil servants for the 126 units, and 523,292 dossiers received from 1 July to 30 August 2025
by the City Public Administration Service Center *and* the 126 units together, with no split.

So the dossiers are shown as one city-wide figure (``CITY_WORKLOAD``), never shared out per unit:
any per-unit share would be our guess, and sharing them by population (or cadres equally) only
rescales population. Per unit we keep the indicators whose method carries information beyond
population (their methods are in the provenance registry): how many old units and old district
administrations each unit absorbed, and how much of it was carved from split units. The test
checks that each ranks the units differently from population (Spearman ρ < 0.95 on the real
build).
"""

from __future__ import annotations

import pandas as pd

from .provenance import Text as Method

# City-wide figures, as reported (data/reorganisation_facts/facts.csv).
CADRES_TOTAL = 9_536
DOSSIERS_TOTAL = 523_292  # received by the city centre and the 126 units together
DOSSIERS_DAYS = 61  # 1 July to 30 August 2025, both days included
DAYS_PER_MONTH = 365.25 / 12
# A later article (hanoimoi.vn, 2026) counts 109,800 commune-level officials, civil servants *and
# public employees* (teachers, health workers): a different scope, so it is listed, not used.
OTHER_STAFF_FIGURE = (
    "109,800 commune-level officials, civil servants and public employees "
    "(May 2026, wider scope) — "
    "hanoimoi.vn/cham-lo-khau-then-chot-cua-then-chot-1209640.html"
)


def _month(total: float) -> float:
    return total * DAYS_PER_MONTH / DOSSIERS_DAYS


def _vi(number: float) -> str:
    """A whole number with Vietnamese thousands dots (523.292)."""
    return f"{number:,.0f}".replace(",", ".")


# The city-wide workload, stated once (dashboard note, API metadata, exports). Not per unit.
CITY_WORKLOAD = Method(
    vi=(
        f"Toàn thành phố: {_vi(DOSSIERS_TOTAL)} hồ sơ thủ tục hành chính tiếp nhận trong 61 ngày "
        f"(1/7–30/8/2025), khoảng {_vi(_month(DOSSIERS_TOTAL))} hồ sơ mỗi tháng, gồm cả Trung tâm "
        "Phục vụ hành chính công thành phố và 126 xã, phường; báo chí không công bố số của từng "
        "nơi, nên không chia cho từng đơn vị. "
        f"{_vi(CADRES_TOTAL)} cán bộ, công chức được bố trí về 126 xã, phường (6/2025)."
    ),
    en=(
        f"City-wide: {DOSSIERS_TOTAL:,} administrative dossiers received in 61 days "
        f"(1 Jul–30 Aug 2025), about {_month(DOSSIERS_TOTAL):,.0f} a month, by the City Public "
        "Administration Service Center and the 126 communes and wards together; no split is "
        "published, so the figure is not shared out per unit. "
        f"{CADRES_TOTAL:,} cadres and civil servants were assigned to the 126 units (June 2025)."
    ),
)

# Per-unit workload indicators whose method adds information beyond population. Dossiers per
# unit, population per cadre and dossiers per cadre are gone: with dossiers shared by population
# and cadres shared equally they ranked the units exactly like population. Area per cadre is
# not added for the same reason: with equal cadres it is the area ÷ 75.7, ranked like the area.


def old_districts(crosswalk: pd.DataFrame) -> pd.Series:
    """Number of distinct old districts feeding each new unit, indexed by new code.

    ``crosswalk`` holds the resolution's pairs with ``old_district``; an unknown district is not
    counted (NaN stays out), so a unit with none known gets no value rather than zero.
    """
    known = crosswalk.dropna(subset=["old_district"])
    known = known[known["old_district"].astype(str).str.strip() != ""]
    return known.groupby("new_code")["old_district"].nunique().rename("n_old_districts")
