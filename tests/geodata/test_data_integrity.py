"""The repository's data folder and the built cache cannot be silently wrong."""

import json
import shutil

import pytest

from geodata import build as build_mod
from geodata import sources
from geodata.__main__ import main as cli
from geodata.errors import SourceFormatError, SourceIntegrityError
from geodata.integrity import read_manifest, verify, write_manifest
from geodata.locations import PROJECT_ROOT


def test_default_data_folder_is_inside_the_repository(data_root):
    assert data_root == PROJECT_ROOT / "data"
    assert len(verify(data_root)) == 138


def test_every_source_folder_carries_provenance_and_licence(data_root):
    for folder in sorted(p for p in data_root.iterdir() if p.is_dir()):
        text = (folder / "PROVENANCE.md").read_text(encoding="utf-8")
        assert "Origin" in text and "Licence" in text, folder
        assert list(folder.glob("LICENSE*")), f"{folder.name} has no licence text"
    assert "GNU GENERAL PUBLIC LICENSE" in (
        data_root / "old_units_lists" / "LICENSE_dvhcvn"
    ).read_text(encoding="utf-8")


@pytest.fixture
def data_copy(data_root, tmp_path):
    copy = tmp_path / "data"
    shutil.copytree(data_root, copy)
    return copy


def test_tampered_source_is_an_error_naming_it(data_copy, tmp_path, capsys):
    path = data_copy / "old_units_lists" / "hanoi_units_dvhcvn_v20250301.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace("Hàng Bài", "Hàng Bai"), encoding="utf-8"
    )
    with pytest.raises(SourceIntegrityError, match="hanoi_units_dvhcvn_v20250301.csv"):
        build_mod.get_built(data_copy, tmp_path / "cache")
    assert cli(["build", "--data-dir", str(data_copy), "--cache-dir", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "hanoi_units_dvhcvn_v20250301.csv does not match" in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1


def _corrupt(copy, rel, old, new):
    path = copy / rel
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    write_manifest(copy, list(read_manifest(copy)))  # past the hash check: the reader must object


def test_bad_json_names_the_file(data_copy):
    _corrupt(data_copy, "new_units_population_2025/public/wards/01.json", "{", "{{")
    with pytest.raises(SourceFormatError, match=r"01\.json: not valid JSON"):
        sources.read_population_2025(data_copy)


def test_non_numeric_population_names_the_record(data_copy):
    _corrupt(
        data_copy,
        "new_units_population_2025/public/wards/01.json",
        '"population":65023',
        '"population":"65.023 người"',
    )
    with pytest.raises(SourceFormatError, match=r"01\.json: record \d+ \(Ba Đình\)"):
        sources.read_population_2025(data_copy)


def test_non_numeric_census_population_names_the_row(data_copy):
    rel = "old_units_2019/hanoi_584_crosswalk_polygons_gso_gadm_pop2019.csv"
    _corrupt(data_copy, rel, ",21946,", ",~21946,")
    with pytest.raises(SourceFormatError, match=r"pop2019\.csv: row 2: pop2019_total '~21946'"):
        sources.read_old_polygons_2019(data_copy)


def test_invalid_polygon_names_the_feature(data_copy):
    path = (
        data_copy / "new_units_polygons_2025/json/geojson/01_ha_noi/wards/00070_hoan_kiem.geojson"
    )
    doc = json.loads(path.read_text(encoding="utf-8"))
    # A bow-tie ring: self-intersecting, hence invalid.
    bowtie = [[[105.85, 21.02], [105.86, 21.03], [105.86, 21.02], [105.85, 21.03], [105.85, 21.02]]]
    doc["features"][0]["geometry"] = {"type": "Polygon", "coordinates": bowtie}
    path.write_text(json.dumps(doc), encoding="utf-8")
    write_manifest(data_copy, list(read_manifest(data_copy)))
    with pytest.raises(SourceFormatError, match=r"00070_hoan_kiem\.geojson: feature 1: .*invalid"):
        sources.read_new_polygons(data_copy)


def _build_twice(data_root, cache, monkeypatch):
    calls = []
    real = build_mod.build_all
    monkeypatch.setattr(build_mod, "build_all", lambda root: calls.append(root) or real(root))
    build_mod.get_built(data_root, cache)
    return calls


def test_truncated_built_file_is_rebuilt_and_reported(data_root, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    calls = _build_twice(data_root, cache, monkeypatch)
    units = cache / "build" / "units.parquet"
    units.write_bytes(units.read_bytes()[: units.stat().st_size // 2])
    built = build_mod.get_built(data_root, cache)
    assert len(calls) == 2 and len(built.units) == 126
    assert "rebuilt (units.parquet does not match its SHA-256" in built.cache_note


def test_altered_built_file_is_rebuilt(data_root, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    calls = _build_twice(data_root, cache, monkeypatch)
    # A valid Parquet file with other content (e.g. from another build) is refused too.
    shutil.copy(cache / "build" / "iou.parquet", cache / "build" / "problems.parquet")
    built = build_mod.get_built(data_root, cache)
    assert len(calls) == 2 and "problems.parquet" in built.cache_note


def test_deleted_manifest_is_rebuilt(data_root, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    calls = _build_twice(data_root, cache, monkeypatch)
    (cache / "build" / "manifest.json").unlink()
    built = build_mod.get_built(data_root, cache)
    assert len(calls) == 2 and built.cache_note.startswith("rebuilt (no cache manifest)")
    assert build_mod.get_built(data_root, cache).cache_note.startswith("read from cache")


def test_a_cache_folder_that_does_not_exist_yet_is_created_with_its_parents(tmp_path, monkeypatch):
    # Issue #25 (a random mutant survived): $HANOI_CACHE_DIR or the user cache folder
    # (~/.cache/hanoi-map) may sit under folders that do not exist yet on a fresh machine.
    from geodata.locations import CACHE_DIR_ENV, cache_dir

    nested = tmp_path / "fresh" / "home" / ".cache" / "hanoi-map"
    assert cache_dir(nested) == nested and nested.is_dir()
    monkeypatch.setenv(CACHE_DIR_ENV, str(tmp_path / "other" / "deep"))
    assert cache_dir().is_dir() and cache_dir() == tmp_path / "other" / "deep"
