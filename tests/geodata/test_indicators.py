"""2019 population estimate: the clause wording decides where people go (figures worked by hand)."""

from __future__ import annotations

import pytest

from geodata.crosswalk import by_resolution
from geodata.indicators import pop2019_by_clause


def _only(built, pkg_names):
    """pop2019_by_clause on the named 2019 polygons only (their own contribution)."""
    old = built.old584[built.old584["full_name_2019"].isin(pkg_names)]
    return pop2019_by_clause(built.shares_584, built.shares_526, old, built.crosswalk)


def test_tay_tuu_follows_its_clauses(built):
    # Clause 30 forms Phường Tây Tựu (00613) from:
    #  - Phường Tây Tựu (2019: 20,221 people): "một phần diện tích, toàn bộ dân số" → all 20,221;
    #  - Phường Minh Khai (29,760): part, people; its other people-destination is Xuân Phương
    #    (remainder); Thượng Cát and Đông Ngạc get area only. Area shares of the 2019 polygon:
    #    Tây Tựu 0.685138, Xuân Phương 0.124718 → 29,760 × 0.685138 / 0.809856 = 25,176.9;
    #  - Xã Kim Chung (16,677): "một phần diện tích tự nhiên" (area only) → 0.
    # Total 20,221 + 25,177 = 45,398 (areal weighting gave 34,573: 13,205 + 20,390 + 979).
    est = built.units.set_index("code").at["00613", "pop2019_est"]
    assert est == 45_398
    alone = _only(built, ["Phường Tây Tựu"])
    assert alone["00613"] == 20_221 and alone.sum() == 20_221
    assert _only(built, ["Xã Kim Chung"]).get("00613", 0) == 0


def test_ngoc_thuy_area_only_to_hong_ha_people_to_bo_de(built):
    # Phường Ngọc Thụy (2019: 39,565): clause 14 gives part of its area to Hồng Hà (00097) with
    # no people; clause 40 its remainder to Bồ Đề (00118). Areal weighting sent 14,563 to
    # Hồng Hà, 24,147 to Bồ Đề and 855 to Phúc Thịnh (00454), which no clause names.
    alone = _only(built, ["Phường Ngọc Thụy"])
    assert alone.to_dict() == {"00118": 39_565}


def test_clause_totals_match_the_hand_counts(built):
    law = by_resolution(built.crosswalk)
    assert (law["note"] == "part of area, all population").sum() == 21
    assert (law["note"] == "area only").sum() == 40
    # Population is conserved: every 2019 person goes to exactly one new unit.
    units = built.units
    assert units["pop2019_est"].sum() == pytest.approx(built.old584["pop2019"].sum(), abs=3)
