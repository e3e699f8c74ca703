"""scripts/convert_censusvn2009.py on a tiny real .rda (tests/scripts/fixtures/communes_tiny.rda).

The fixture is written by fixtures/make_censusvn2009_fixture.py: 3 communes, 2 in Hà Nội (one a
MultiPolygon with a hole), 1 in Bắc Ninh.
"""

from __future__ import annotations

import gzip
import importlib.util
import json
from pathlib import Path

import geopandas as gpd
import numpy as np
import pytest
import shapely

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).with_name("fixtures")
RDA = FIXTURES / "communes_tiny.rda"
COMMITTED = ROOT / "data/old_units_2019/hanoi_communes_584_censusVN2009pkg_lowres.geojson"
COLUMNS = [
    "province_id",
    "district_id",
    "commune_id",
    "province",
    "district",
    "commune",
    "province_vn",
    "district_vn",
    "commune_vn",
    "shape_length",
    "shape_area",
    "area",
    "population",
    "_sp_ID",
]


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


conv = _load("convert_censusvn2009", ROOT / "scripts/convert_censusvn2009.py")
make_fixture = _load("make_censusvn2009_fixture", FIXTURES / "make_censusvn2009_fixture.py")


@pytest.fixture(scope="module")
def geojson(tmp_path_factory):
    out = tmp_path_factory.mktemp("censusvn") / "out.geojson"
    assert conv.main([str(RDA), "-o", str(out)]) == 0
    return out


@pytest.fixture(scope="module")
def collection(geojson):
    return json.loads(geojson.read_text(encoding="utf-8"))


def test_fixture_is_up_to_date(tmp_path):
    # The committed .rda is what the generator writes (gzip mtime 0): no hand-edited fixture.
    regenerated = tmp_path / "communes_tiny.rda"
    make_fixture.write(regenerated)
    assert gzip.decompress(regenerated.read_bytes()) == gzip.decompress(RDA.read_bytes())


def test_output_is_a_wgs84_feature_collection(collection, geojson):
    assert collection["type"] == "FeatureCollection"
    assert collection["crs"]["properties"]["name"] == "urn:ogc:def:crs:OGC:1.3:CRS84"
    gdf = gpd.read_file(geojson)
    assert gdf.crs.to_epsg() == 4326
    assert gdf.is_valid.all()


def test_only_hanoi_rows_are_kept(collection):
    props = [f["properties"] for f in collection["features"]]
    assert len(props) == 2
    assert {p["province"] for p in props} == {"Ha Noi"}
    assert [p["commune"] for p in props] == ["Phuc Xa", "Truc Bach"]
    assert "Dinh Bang" not in json.dumps(collection)


def test_attributes_unchanged_in_order_plus_sp_id(collection):
    first, second = (f["properties"] for f in collection["features"])
    assert list(first) == COLUMNS
    assert first["_sp_ID"] == "1" and second["_sp_ID"] == "2"
    assert first["commune_id"] == 1010101.0 and first["population"] == 15767.0
    # the strings are copied as stored in R, escapes included
    assert first["commune_vn"] == "Ph\\u01b0\\u1eddng Ph\\u00fac X\\u00e1"
    # R NA/NaN becomes JSON null (the output stays strict JSON)
    assert second["area"] is None


def test_geometries_and_hole(collection):
    first, second = (shapely.geometry.shape(f["geometry"]) for f in collection["features"])
    assert first.geom_type == "Polygon" and not first.interiors
    assert second.geom_type == "MultiPolygon" and len(second.geoms) == 2
    with_hole, island = second.geoms
    # the hole (stored after both exteriors) belongs to the exterior that contains it
    assert len(with_hole.interiors) == 1 and not island.interiors
    assert with_hole.area == pytest.approx(0.02 * 0.02 - 0.01 * 0.01)
    # coordinates exactly as stored, ring order and orientation unchanged
    rings = make_fixture.GEOMETRIES[1][0]
    np.testing.assert_array_equal(np.asarray(with_hole.exterior.coords), rings[0][0])
    np.testing.assert_array_equal(np.asarray(with_hole.interiors[0].coords), rings[2][0])


def test_convert_returns_geodataframe():
    gdf = conv.convert(conv.read(RDA))
    assert list(gdf.columns) == [*COLUMNS, "geometry"]
    assert gdf.crs.to_epsg() == 4326
    assert conv.convert(conv.read(RDA), province="Bac Ninh")["commune"].tolist() == ["Dinh Bang"]


def test_hole_owner_without_comment():
    # No (or an inconsistent) sp comment: the hole goes to the exterior containing it.
    rings = [(coords, hole) for coords, hole in make_fixture.GEOMETRIES[1][0]]
    for comment in (None, "0 0 3", "0 1 0", "0 0", "junk"):
        geometry = conv.rings_to_geometry(rings, comment)
        assert [len(p.interiors) for p in geometry.geoms] == [1, 0]
    # a consistent comment is followed (sp's "0 0 2": the hole belongs to the 2nd exterior)
    geometry = conv.rings_to_geometry(rings, "0 0 2")
    assert [len(p.interiors) for p in geometry.geoms] == [0, 1]


def test_writer_reproduces_the_committed_file():
    # The GeoJSON writer's format is the committed file's, byte for byte.
    gdf = gpd.read_file(COMMITTED)
    assert conv.to_geojson(gdf) == COMMITTED.read_text(encoding="utf-8")


TRUNCATED = gzip.compress(gzip.decompress(RDA.read_bytes())[:300])


@pytest.mark.parametrize(
    "content",
    [b"", b"not an rda file", b"RDX3\n\x00\x00", TRUNCATED],
    ids=["empty", "text", "header-only", "truncated"],
)
def test_malformed_input_gives_one_line_error(tmp_path, capsys, content):
    bad = tmp_path / "bad.rda"
    bad.write_bytes(content)
    assert conv.main([str(bad), "-o", str(tmp_path / "out.geojson")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and err.count("\n") == 1 and "Traceback" not in err
    assert not (tmp_path / "out.geojson").exists()


def test_missing_input_and_wrong_object(tmp_path, capsys):
    assert conv.main([str(tmp_path / "nope.rda"), "-o", str(tmp_path / "o.geojson")]) == 1
    assert capsys.readouterr().err.startswith("error: cannot read")
    assert conv.main([str(RDA), "-o", str(tmp_path / "o.geojson"), "--province", "X"]) == 1
    assert "no row has province == 'X'" in capsys.readouterr().err


def test_rda_without_spatial_polygons(tmp_path, capsys):
    # A valid .rda whose "communes" is a plain data.frame, not an sp object.
    import pandas as pd
    import rdata

    other = tmp_path / "other.rda"
    rdata.write_rda(other, {"communes": pd.DataFrame({"province": ["Ha Noi"]})})
    assert conv.main([str(other), "-o", str(tmp_path / "o.geojson")]) == 1
    err = capsys.readouterr().err
    assert err == "error: object 'communes' is not a SpatialPolygonsDataFrame\n"


def test_path_or_download_required(tmp_path):
    with pytest.raises(SystemExit):
        conv.main(["-o", str(tmp_path / "o.geojson")])
