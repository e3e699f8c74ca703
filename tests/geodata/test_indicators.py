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


def test_a_2019_ward_follows_its_own_polygon_before_its_2020_units(built):
    # Issue #25. Phường Trung Tự (2019: 13,083 people) and Phường Phương Liên (17,022) merged in
    # 2020 into Phường Phương Liên - Trung Tự (00226), which clauses 10 and 11 split between
    # Kim Liên (00229) and Văn Miếu - Quốc Tử Giám (00226). Trung Tự's own 2019 polygon lies
    # wholly in Kim Liên (share 1.0 after slivers), so all 13,083 go there; Phương Liên's lies
    # 0.787751 / 0.212249: 17,022 × 0.787751 = 13,409.1 → 13,409 and 3,613. The 2020 unit's
    # shares (0.381665 / 0.618335) are only the fallback, for a polygon with no overlap: used
    # first, they send 4,993 of Trung Tự's people to Văn Miếu.
    trung_tu = _only(built, ["Phường Trung Tự"])
    assert trung_tu[trung_tu > 0].to_dict() == {"00229": 13_083}
    assert _only(built, ["Phường Phương Liên"]).to_dict() == {"00226": 13_409, "00229": 3_613}


def test_every_density_is_the_publishers_from_the_official_area(built, data_root):
    # Issue #25. Density is people per official km² (the area the publisher states), never per
    # km² of our polygon: by hand, Xã Hoà Lạc 20,815 / 35.37 = 588.49 → 588.5, although its
    # polygon measures 43.422 km² (20,815 / 43.422 = 479.4). The publisher's own file states
    # each unit's density (2 decimals): all 126 agree to the rounding.
    import json

    units = built.units.set_index("code")
    hl = units.loc["09988"]
    assert (hl["pop2025"], hl["area_official_km2"], hl["density_2025"]) == (20_815, 35.37, 588.5)
    source = data_root / "new_units_population_2025" / "public" / "wards" / "01.json"
    published = {w["id"]: w["density"] for w in json.loads(source.read_text())["wards"]}
    assert len(published) == 126
    off = {
        code: (units.at[code, "density_2025"], density)
        for code, density in published.items()
        if abs(units.at[code, "density_2025"] - density) > 0.051
    }
    assert not off, off
