"""The registry of sources: every input file the pipeline reads, what it is, its licence, origin.

Paths are relative to the data folder (see ``locations.data_dir``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import MissingSourceError
from .locations import DATA_DIR_ENV


@dataclass(frozen=True)
class Source:
    """One input file: its key, path relative to the data directory, and what it is."""

    key: str
    relpath: str
    title: str
    licence: str
    origin: str


# Every input the pipeline reads. Origins as given in PROVENANCE.md.
_DVHCVN_2025 = "github.com/dvhcvn/20250701 @ dd94887"
_PROVINCES_DB = "github.com/thanglequoc/vietnamese-provinces-database @ cd58063"
_VN3D = "github.com/lamngockhuong/vietnam-3d-map @ dc6095c"
SOURCES: dict[str, Source] = {
    s.key: s
    for s in [
        Source(
            "new_polygons_dir",
            "new_units_polygons_2025/json/geojson/01_ha_noi/wards",
            "Polygons of the 126 new units (sapnhap.bando.com.vn)",
            "MIT",
            _PROVINCES_DB,
        ),
        Source(
            "city_outline",
            "new_units_polygons_2025/json/geojson/01_ha_noi/01_ha_noi.geojson",
            "Hà Nội city outline",
            "MIT",
            _PROVINCES_DB,
        ),
        Source(
            "population_2025",
            "new_units_population_2025/public/wards/01.json",
            "Population 2025 per new unit",
            "MIT",
            _VN3D,
        ),
        Source(
            "merger_map_records",
            "new_units_population_2025/data/wards-metadata/1.json",
            "Merger map record per new unit (area, population, admin centre)",
            "MIT",
            _VN3D,
        ),
        Source(
            "resolution_1656",
            "crosswalk_2025/input/docs/1656_NQ-UBTVQH15.md",
            "Resolution 1656/NQ-UBTVQH15 (16 Jun 2025)",
            "MIT (transcription)",
            _DVHCVN_2025,
        ),
        Source(
            "merges",
            "crosswalk_2025/mapping/merges.json",
            "Old→new crosswalk (merges)",
            "MIT",
            _DVHCVN_2025,
        ),
        Source(
            "old_polygons_2019",
            "old_units_2019/hanoi_communes_584_censusVN2009pkg_lowres.geojson",
            "584 commune polygons of 2019 (censusVN2009, low resolution)",
            "MIT (Marc Choisy)",
            "github.com/LucieContamin/censusVN2009 @ d9a3676",
        ),
        Source(
            "old_crosswalk_2019",
            "old_units_2019/hanoi_584_crosswalk_polygons_gso_gadm_pop2019.csv",
            "2019 census population and GSO codes per 2019 polygon",
            "GSO official statistics",
            "github.com/hgscarlette/vn-demographic @ bfc5508 (2019 census, GSO)",
        ),
        Source(
            "units_579",
            "old_units_lists/hanoi_units_dvhcvn_v20250101.csv",
            "GSO list of 579 units (2020 – Feb 2025)",
            "GPL-3.0",
            "github.com/daohoangson/dvhcvn v20250101",
        ),
        Source(
            "units_526",
            "old_units_lists/hanoi_units_dvhcvn_v20250301.csv",
            "GSO list of 526 units (Mar – Jun 2025)",
            "GPL-3.0",
            "github.com/daohoangson/dvhcvn v20250301",
        ),
    ]
}


def source_path(key: str, root: Path) -> Path:
    """Path of source ``key`` under ``root``; raise MissingSourceError naming it if absent."""
    src = SOURCES[key]
    path = root / src.relpath
    if not path.exists():
        raise MissingSourceError(
            f"Missing source file: {path}\n  ({src.title}; from {src.origin}).\n"
            f"  Set {DATA_DIR_ENV} or --data-dir to the folder that holds it (default: the"
            " repository's data/), or run `python -m geodata fetch` to re-download it."
        )
    return path
