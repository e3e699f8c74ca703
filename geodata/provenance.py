"""The provenance registry: every source (with its licence and origin) and every variable (with
its sources and, when we computed it, its method), each text in Vietnamese and English.

Read everywhere a figure is shown or shipped: the panels, the legends, the embeds, the downloads
and the footer all name sources and methods from here, so they cannot drift apart. File paths
are relative to the data folder (see ``locations.data_dir``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import MissingSourceError
from .locations import DATA_DIR_ENV


@dataclass(frozen=True)
class Text:
    """A text in both UI languages."""

    vi: str
    en: str

    def text(self, lang: str) -> str:
        """The text in ``lang`` ("en", else Vietnamese)."""
        return self.en if lang == "en" else self.vi


@dataclass(frozen=True)
class Source:
    """One source: its key, file (relative to the data folder; "" for a press report or the
    reader's own file), title, licence, origin and a short citation for figure source lines."""

    key: str
    relpath: str
    title: Text
    licence: str
    origin: str
    short: Text


_DVHCVN_2025 = "github.com/dvhcvn/20250701 @ dd94887"
_PROVINCES_DB = "github.com/thanglequoc/vietnamese-provinces-database @ cd58063"
_VN3D = "github.com/lamngockhuong/vietnam-3d-map @ dc6095c"
_PRESS = "data/reorganisation_facts/facts.csv (each row names its article)"

SOURCES: dict[str, Source] = {
    s.key: s
    for s in [
        Source(
            "new_polygons_dir",
            "new_units_polygons_2025/json/geojson/01_ha_noi/wards",
            Text(
                "Ranh giới 126 đơn vị mới (sapnhap.bando.com.vn)",
                "Boundaries of the 126 new units (sapnhap.bando.com.vn)",
            ),
            "MIT",
            _PROVINCES_DB,
            Text(
                "sapnhap.bando.com.vn qua vietnamese-provinces-database (MIT)",
                "sapnhap.bando.com.vn via vietnamese-provinces-database (MIT)",
            ),
        ),
        Source(
            "city_outline",
            "new_units_polygons_2025/json/geojson/01_ha_noi/01_ha_noi.geojson",
            Text("Ranh giới thành phố Hà Nội", "Hà Nội city outline"),
            "MIT",
            _PROVINCES_DB,
            Text(
                "sapnhap.bando.com.vn qua vietnamese-provinces-database (MIT)",
                "sapnhap.bando.com.vn via vietnamese-provinces-database (MIT)",
            ),
        ),
        Source(
            "population_2025",
            "new_units_population_2025/public/wards/01.json",
            Text(
                "Dân số 2025 theo mã GSO của từng đơn vị mới",
                "Population 2025 per new unit, by GSO code",
            ),
            "MIT",
            _VN3D,
            Text(
                "sapnhap.bando.com.vn qua vietnam-3d-map (MIT)",
                "sapnhap.bando.com.vn via vietnam-3d-map (MIT)",
            ),
        ),
        Source(
            "merger_map_records",
            "new_units_population_2025/data/wards-metadata/1.json",
            Text(
                "Bản ghi của bản đồ sáp nhập cho từng đơn vị (diện tích, dân số, trụ sở)",
                "The merger map's record per unit (area, population, headquarters)",
            ),
            "MIT",
            _VN3D,
            Text(
                "sapnhap.bando.com.vn qua vietnam-3d-map (MIT)",
                "sapnhap.bando.com.vn via vietnam-3d-map (MIT)",
            ),
        ),
        Source(
            "resolution_1656",
            "crosswalk_2025/input/docs/1656_NQ-UBTVQH15.md",
            Text(
                "Nghị quyết 1656/NQ-UBTVQH15 (16/6/2025)",
                "Resolution 1656/NQ-UBTVQH15 (16 Jun 2025)",
            ),
            "MIT (transcription)",
            _DVHCVN_2025,
            Text(
                "NQ 1656/NQ-UBTVQH15 và bảng chuyển đổi qua dvhcvn (MIT)",
                "NQ 1656/NQ-UBTVQH15 and mapping via dvhcvn (MIT)",
            ),
        ),
        Source(
            "merges",
            "crosswalk_2025/mapping/merges.json",
            Text("Bảng chuyển đổi cũ → mới của dvhcvn", "dvhcvn's old → new mapping"),
            "MIT",
            _DVHCVN_2025,
            Text(
                "NQ 1656/NQ-UBTVQH15 và bảng chuyển đổi qua dvhcvn (MIT)",
                "NQ 1656/NQ-UBTVQH15 and mapping via dvhcvn (MIT)",
            ),
        ),
        Source(
            "old_polygons_2019",
            "old_units_2019/hanoi_communes_584_censusVN2009pkg_lowres.geojson",
            Text(
                "Ranh giới 584 xã, phường năm 2019 (censusVN2009, độ phân giải thấp)",
                "584 commune polygons of 2019 (censusVN2009, low resolution)",
            ),
            "MIT (Marc Choisy)",
            "github.com/LucieContamin/censusVN2009 @ d9a3676",
            Text("đa giác 2019: censusVN2009 (MIT)", "2019 polygons: censusVN2009 (MIT)"),
        ),
        Source(
            "old_crosswalk_2019",
            "old_units_2019/hanoi_584_crosswalk_polygons_gso_gadm_pop2019.csv",
            Text(
                "Dân số Tổng điều tra 2019 và mã GSO của từng xã năm 2019",
                "2019 census population and GSO codes per 2019 commune",
            ),
            "GSO official statistics",
            "github.com/hgscarlette/vn-demographic @ bfc5508 (2019 census, GSO)",
            Text(
                "Tổng điều tra 2019 (GSO) qua vn-demographic",
                "2019 census (GSO) via vn-demographic",
            ),
        ),
        Source(
            "units_579",
            "old_units_lists/hanoi_units_dvhcvn_v20250101.csv",
            Text(
                "Danh mục 579 đơn vị của GSO (2020 – 2/2025)",
                "GSO list of 579 units (2020 – Feb 2025)",
            ),
            "GPL-3.0",
            "github.com/daohoangson/dvhcvn v20250101",
            Text("danh mục GSO qua dvhcvn (GPL-3.0)", "GSO lists via dvhcvn (GPL-3.0)"),
        ),
        Source(
            "units_526",
            "old_units_lists/hanoi_units_dvhcvn_v20250301.csv",
            Text(
                "Danh mục 526 đơn vị của GSO (3/2025 – 6/2025)",
                "GSO list of 526 units (Mar – Jun 2025)",
            ),
            "GPL-3.0",
            "github.com/daohoangson/dvhcvn v20250301",
            Text("danh mục GSO qua dvhcvn (GPL-3.0)", "GSO lists via dvhcvn (GPL-3.0)"),
        ),
        Source(
            "press",
            "reorganisation_facts/facts.csv",
            Text(
                "Số liệu sắp xếp do báo chí đưa tin (hồ sơ, cán bộ, trụ sở), mỗi số kèm bài báo",
                "Reorganisation figures reported by the press (dossiers, staff, premises), each "
                "with its article",
            ),
            "facts as reported",
            _PRESS,
            Text(
                "báo chí (mỗi số liệu kèm bài báo)", "press reports (each figure with its article)"
            ),
        ),
        Source(
            "user_upload",
            "",
            Text(
                "Tệp của bạn (chỉ trong phiên trình duyệt này)",
                "Your file (this browser session only)",
            ),
            "yours",
            "your browser",
            Text("tệp của bạn", "your file"),
        ),
    ]
}
# Sources that are files of the data folder (the press figures are read by geodata.facts).
FILE_SOURCES = [s for s in SOURCES.values() if s.relpath and s.key != "press"]


@dataclass(frozen=True)
class Variable:
    """A figure we show: where it comes from and, when we made it, how (vi + en).

    ``kind`` is "published" (a source's figure), "counted" (counted from the law, exact) or
    "estimate" (our estimate: labelled as such wherever it appears).
    """

    key: str
    sources: tuple[str, ...]
    kind: str = "published"
    method: Text | None = None

    def source_text(self, lang: str) -> str:
        """The sources' short citations in ``lang``, one each, in order."""
        return "; ".join(dict.fromkeys(SOURCES[k].short.text(lang) for k in self.sources))


AREA_NOTE = Text(
    "Diện tích theo bản đồ sáp nhập, số liệu trước đo đạc: Điều 3 khoản 2 của Nghị quyết 1656 "
    "giao Chính phủ xác định diện tích tự nhiên sau đo đạc.",
    "The merger map's area, a pre-survey figure: Article 3(2) of Resolution 1656 leaves the "
    "surveyed natural areas to the Government.",
)
VARIABLES: dict[str, Variable] = {
    v.key: v
    for v in [
        Variable("pop2025", ("population_2025",)),
        Variable("pop2025_merger_map", ("merger_map_records",)),
        Variable("area_official_km2", ("new_polygons_dir",), method=AREA_NOTE),
        Variable(
            "area_computed_km2",
            ("new_polygons_dir",),
            "counted",
            Text(
                "Diện tích của đa giác ranh giới (phép chiếu Albers đồng diện tích), để so sánh.",
                "Area of the boundary polygon (Albers equal-area projection), for comparison.",
            ),
        ),
        Variable(
            "density_2025",
            ("population_2025", "new_polygons_dir"),
            "counted",
            Text(
                "Dân số 2025 chia cho diện tích theo bản đồ sáp nhập.",
                "Population 2025 divided by the merger map's area.",
            ),
        ),
        Variable(
            "n_old_units",
            ("resolution_1656", "units_526"),
            "counted",
            Text(
                "Số đơn vị cấp xã cũ (danh mục 526) mà Nghị quyết 1656 nhập toàn bộ hoặc một "
                "phần vào đơn vị: số bộ máy, hồ sơ lưu trữ và con dấu cũ phải hợp nhất.",
                "Old commune-level units (526 list) that Resolution 1656 merges wholly or partly "
                "into the unit: the old administrations, archives and seals it had to absorb.",
            ),
        ),
        Variable(
            "n_old_districts",
            ("resolution_1656", "units_526"),
            "counted",
            Text(
                "Số quận, huyện, thị xã cũ có đơn vị cấp xã nhập vào đơn vị (theo Nghị quyết 1656 "
                "và danh mục 526): số chính quyền cấp huyện cũ mà công việc được chuyển về.",
                "Old districts (and the town) whose commune-level units merge into the unit "
                "(Resolution 1656 and the 526 list): the former district administrations whose "
                "work it took over.",
            ),
        ),
        Variable(
            "split_share",
            ("resolution_1656",),
            "counted",
            Text(
                "Tỷ lệ đơn vị cũ hợp thành bị chia tách (chỉ một phần nhập vào), theo Nghị quyết "
                "1656: ranh giới, hồ sơ đất đai và dân cư phải tách ra.",
                "Share of the old units forming the unit that were split (only part merged in), "
                "per Resolution 1656: boundaries, land records and residents had to be separated.",
            ),
        ),
        Variable(
            "pop2019_est",
            ("old_crosswalk_2019", "old_polygons_2019", "resolution_1656"),
            "estimate",
            Text(
                "Ước tính: dân số Tổng điều tra 2019 (GSO) của từng xã năm 2019 được chuyển theo "
                "lời văn Nghị quyết 1656: toàn bộ về đơn vị được nêu khi điều khoản chuyển “một "
                "phần diện tích tự nhiên, toàn bộ quy mô dân số”; không chuyển người với điều "
                "khoản “một phần diện tích tự nhiên của” (chỉ diện tích); còn lại chia cho các "
                "đơn vị nhận theo tỷ lệ diện tích nằm trong mỗi đơn vị (trên đa giác 2019).",
                "Estimate: 2019 census population of each 2019 commune (GSO) sent where "
                "Resolution 1656 says: all of it to the named unit when the clause moves 'part "
                "of the area, all of the population'; none with an 'area only' transfer (part of "
                "the natural area, no population); otherwise shared among the unit's other "
                "destinations by the share of its area inside each (areal weighting on the 2019 "
                "polygons).",
            ),
        ),
        Variable(
            "group",
            ("population_2025", "new_polygons_dir"),
            "estimate",
            Text(
                "Phân nhóm của chúng tôi, không phải phân loại chính thức: k-means (k = 4, cố "
                "định hạt giống) trên log dân số 2025, log diện tích, log mật độ và loại đơn vị "
                "(phường/xã), đã chuẩn hoá.",
                "Our own grouping, not an official classification: k-means (k = 4, fixed seed) "
                "on standardised log 2025 population, log area, log density and unit type "
                "(ward/commune).",
            ),
        ),
        Variable("crosswalk", ("resolution_1656", "merges", "units_526")),
        Variable("city_workload", ("press",)),
        Variable("user", ("user_upload",)),
    ]
}


def method(key: str) -> Text | None:
    """The method of variable ``key`` (None for a published figure)."""
    return VARIABLES[key].method


def all_sources_short(lang: str) -> str:
    """Every file source's short citation in ``lang``, once each: the one-line credit of figures
    and embeds."""
    return "; ".join(dict.fromkeys(s.short.text(lang) for s in FILE_SOURCES))


def source_path(key: str, root: Path) -> Path:
    """Path of source ``key`` under ``root``; raise MissingSourceError naming it if absent."""
    src = SOURCES[key]
    path = root / src.relpath
    if not path.exists():
        raise MissingSourceError(
            f"Missing source file: {path}\n  ({src.title.en}; from {src.origin}).\n"
            f"  Set {DATA_DIR_ENV} or --data-dir to the folder that holds it (default: the"
            " repository's data/), or run `python -m geodata fetch` to re-download it."
        )
    return path
