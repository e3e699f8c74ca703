"""old_units: the 579 → 526 successor rules on synthetic polygons, worked out by hand."""

import geopandas as gpd
import pandas as pd
from shapely.geometry import box

from geodata.geometry import EQUAL_AREA
from geodata.old_units import explode_codes, polygon_to_526, successors_526


def units(rows):
    return pd.DataFrame(rows, columns=["code", "full_name", "unit_type", "district"])


# Four 2019 polygons in one district, in a row: P1 | P2 | P3, and P4 above P2 and P3.
#   P1 (0..10) stays; P2 (10..20) merged away and a peer has its name; P3 (20..40) merged away,
#   sharing 10 m with P2's successor... and 20 m with P4 (longest border → P4).
OLD584 = gpd.GeoDataFrame(
    {
        "pkg_id": ["1", "2", "3", "4", "5"],
        "code_2019": ["00001", "00002", "00003", "00004", "00005"],
        "codes_2024": ["00001", "00002", "00003", "00004", "00005;00001"],
    },
    geometry=[
        box(0, 0, 10, 10),
        box(10, 0, 20, 10),
        box(20, 0, 40, 10),
        box(10, 10, 40, 20),
        box(-10, 0, 0, 10),
    ],
    crs=EQUAL_AREA,
)
U579 = units(
    [
        ("00001", "Phường Một", "phường", "Quận Q"),
        ("00002", "Phường Hai", "phường", "Quận Q"),
        ("00003", "Phường Ba", "phường", "Quận Q"),
        ("00004", "Phường Bốn", "phường", "Quận Q"),
        ("00005", "Phường Năm", "phường", "Quận Q"),
    ]
)
U526 = units(
    [
        ("00001", "Phường Một", "phường", "Quận Q"),
        ("00004", "Phường Bốn", "phường", "Quận Q"),
        ("00099", "Phường Hai", "phường", "Quận Q"),  # the merged unit took P2's name
        ("00005", "Phường Năm", "phường", "Quận Q"),
    ]
)


def test_explode_codes_gives_one_row_per_2024_code():
    rows = explode_codes(OLD584)
    assert rows[rows["pkg_id"] == "5"]["code_579"].tolist() == ["00005", "00001"]
    assert len(rows) == 6


def test_successor_rules():
    # 00099 has no 2019 polygon of its own, so give it P2's to be a peer with a name.
    old = OLD584.copy()
    old.loc[old["pkg_id"] == "2", "codes_2024"] = "00002;00099"
    got = successors_526(old, U579, U526).set_index("code_579")
    assert got.loc["00001", "code_526"] == "00001"
    assert got.loc["00001", "method"] == "same code in 526 list"
    assert got.loc["00002", "code_526"] == "00099"
    assert got.loc["00002", "method"] == "inferred: same name in same district"
    # P3 touches P2 (10 m, the 00099 peer) and P4 (20 m): the longest shared border wins.
    assert got.loc["00003", "code_526"] == "00004"
    assert got.loc["00003", "method"] == "inferred: longest shared border in same district"


def test_no_polygon_and_no_neighbour_are_reported_not_guessed():
    u579 = pd.concat([U579, units([("00007", "Xã Bảy", "xã", "Huyện H")])], ignore_index=True)
    old = pd.concat(
        [
            OLD584,
            gpd.GeoDataFrame(
                {"pkg_id": ["7"], "code_2019": ["00007"], "codes_2024": ["00007"]},
                geometry=[box(500, 500, 510, 510)],
                crs=EQUAL_AREA,
            ),
        ],
        ignore_index=True,
    )
    u579 = pd.concat([u579, units([("00008", "Xã Tám", "xã", "Huyện H")])], ignore_index=True)
    got = successors_526(old, u579, U526).set_index("code_579")
    assert (got.loc["00007", "code_526"], got.loc["00007", "method"]) == ("", "no neighbour found")
    assert (got.loc["00008", "code_526"], got.loc["00008", "method"]) == ("", "no 2019 polygon")


def test_polygon_to_526_follows_every_2024_code():
    pairs = polygon_to_526(OLD584, successors_526(OLD584, U579, U526))
    # P5 carries two 2024 codes (a 2019 unit later split): it belongs to both 526 units.
    assert sorted(pairs.loc[pairs["pkg_id"] == "5", "code_526"]) == ["00001", "00005"]
