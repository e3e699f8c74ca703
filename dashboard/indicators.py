"""The indicators the map can show: labels, units, sources, and whether each is an estimate."""
from __future__ import annotations

from dataclasses import dataclass

from geodata.indicators import POP2019_METHOD

SRC_POP = "Dân số 2025 theo mã GSO: lamngockhuong/vietnam-3d-map (MIT), từ bản đồ sáp nhập sapnhap.bando.com.vn"
SRC_AREA = "Diện tích tự nhiên chính thức: thanglequoc/vietnamese-provinces-database (MIT), sapnhap.bando.com.vn"
SRC_RES = "Nghị quyết 1656/NQ-UBTVQH15 (16/6/2025), bản chép dvhcvn/20250701 (MIT)"
SRC_2019 = "Tổng điều tra 2019 (GSO) qua hgscarlette/vn-demographic; đa giác 2019: censusVN2009 (MIT)"


@dataclass(frozen=True)
class Indicator:
    """One map indicator."""

    key: str
    label_vi: str
    label_en: str
    unit: str
    fmt: str
    source: str
    estimate_method: str = ""

    def label(self, lang: str) -> str:
        """Label in the UI language, with the unit."""
        base = self.label_en if lang == "en" else self.label_vi
        return f"{base} ({self.unit})" if self.unit else base


INDICATORS = {
    i.key: i
    for i in [
        Indicator("pop2025", "Dân số 2025", "Population 2025", "người" , ",.0f", SRC_POP),
        Indicator("area_official_km2", "Diện tích", "Area", "km²", ",.2f", SRC_AREA),
        Indicator("density_2025", "Mật độ dân số 2025", "Population density 2025", "người/km²", ",.0f", f"{SRC_POP}; {SRC_AREA}"),
        Indicator("n_old_units", "Số đơn vị cũ hợp thành", "Old units merged", "đơn vị", ",.0f", SRC_RES),
        Indicator("split_share", "Tỷ lệ đơn vị cũ bị chia tách", "Share of merged old units that were split", "", ".0%", SRC_RES),
        Indicator("pop2019_est", "Dân số 2019 (ước tính)", "Population 2019 (estimate)", "người", ",.0f", SRC_2019, POP2019_METHOD),
    ]
}
DEFAULT_INDICATOR = "density_2025"


def get_indicator(key: str | None) -> Indicator:
    """The indicator for ``key``, or the default for an unknown or missing key."""
    return INDICATORS.get(key or "", INDICATORS[DEFAULT_INDICATOR])
