"""Workload estimates per new unit, derived from city-wide figures reported in the news.

No per-unit staff or dossier counts are published. The seed articles give city totals only, so each
unit's share is an estimate whose method is stated in ``WORKLOAD_METHODS`` and shown wherever the
figure appears.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

# City-wide figures, as reported (see ../shared/seeds/).
CADRES_TOTAL = 9_536
CADRES_SOURCE = (
    "9,536 cadres and civil servants assigned to the 126 communes and wards — "
    "Báo Lạng Sơn / Vietnam+, 20/06/2025"
)
DOSSIERS_TOTAL = 523_292
DOSSIERS_DAYS = 61  # 1 July to 30 August 2025, both days included
DOSSIERS_SOURCE = (
    "523,292 administrative dossiers received by the city centre and the 126 units from 1/7 to "
    "30/8/2025 — report to the Hanoi Party Committee conference of 11/09/2025, as reported in the press"
)
DAYS_PER_MONTH = 365.25 / 12
# A later article (hanoimoi.vn, 2026) counts 109,800 commune-level officials, civil servants *and public
# employees* (teachers, health workers): a different scope, so it is listed, not used.
OTHER_STAFF_FIGURE = (
    "109,800 commune-level officials, civil servants and public employees (May 2026, wider scope) — "
    "hanoimoi.vn/cham-lo-khau-then-chot-cua-then-chot-1209640.html"
)


@dataclass(frozen=True)
class Method:
    """How an estimate is made, in both UI languages."""

    vi: str
    en: str

    def text(self, lang: str) -> str:
        """The method in ``lang``."""
        return self.en if lang == "en" else self.vi


WORKLOAD_METHODS = {
    "dossiers_month_est": Method(
        vi=(
            "Ước tính: 523.292 hồ sơ cả thành phố nhận trong 61 ngày (1/7–30/8/2025), quy ra tháng (×30,44/61), "
            "chia cho từng đơn vị theo tỷ lệ dân số 2025."
        ),
        en=(
            "Estimate: the city's 523,292 dossiers received in 61 days (1 Jul–30 Aug 2025), scaled to a month "
            "(×30.44/61) and shared among units in proportion to 2025 population."
        ),
    ),
    "cadres_est": Method(
        vi=(
            "Ước tính: 9.536 cán bộ, công chức chia đều cho 126 đơn vị (báo chí cho biết các đơn vị áp dụng "
            "cùng một cơ cấu biên chế, bất kể quy mô)."
        ),
        en=(
            "Estimate: 9,536 cadres and civil servants divided equally among the 126 units (the press reports "
            "that units apply the same staffing structure whatever their size)."
        ),
    ),
    "pop_per_cadre_est": Method(
        vi="Ước tính: dân số 2025 chia cho số cán bộ ước tính (9.536 / 126 mỗi đơn vị).",
        en="Estimate: 2025 population divided by the estimated cadres (9,536 / 126 per unit).",
    ),
    "dossiers_per_cadre_est": Method(
        vi="Ước tính: hồ sơ mỗi tháng (523.292 hồ sơ trong 61 ngày, chia theo dân số) chia cho số cán bộ ước tính (9.536 / 126).",
        en="Estimate: dossiers per month (523,292 in 61 days, shared by population) divided by the estimated cadres (9,536 / 126).",
    ),
}
WORKLOAD_SOURCES = f"{DOSSIERS_SOURCE}; {CADRES_SOURCE}"


def workload_estimates(units: pd.DataFrame) -> pd.DataFrame:
    """Estimated dossiers per month, cadres, population per cadre and dossiers per cadre, per unit.

    ``units`` needs ``code`` and ``pop2025``. A unit with no population gets no estimate (NaN),
    never zero; shares are taken over the units that have a population.
    """
    pop = units["pop2025"].astype(float)
    share = pop / pop.sum()
    n_units = len(units)
    out = pd.DataFrame({"code": units["code"].values}, index=units.index)
    cadres = CADRES_TOTAL / n_units
    dossiers = DOSSIERS_TOTAL * DAYS_PER_MONTH / DOSSIERS_DAYS * share
    out["dossiers_month_est"] = dossiers.round(1)
    out["cadres_est"] = round(cadres, 1)
    out["pop_per_cadre_est"] = (pop / cadres).round(1)
    out["dossiers_per_cadre_est"] = (dossiers / cadres).round(2)
    return out
