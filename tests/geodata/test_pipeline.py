import shutil

import pytest

from geodata import build as build_mod
from geodata.errors import MissingSourceError
from geodata.integrity import read_manifest, write_manifest
from geodata.locations import data_dir
from geodata.overlay import WHOLE_MIN_SHARE
from geodata.report import render
from geodata.validate import CENSUS_2019_TOTAL


def test_every_check_passes(built):
    failed = [f"{c.name}: {c.detail}" for c in built.checks if not c.ok]
    assert failed == []


def test_126_units_51_wards_75_communes(built):
    u = built.units
    assert len(u) == 126 and u["code"].is_unique
    assert u["unit_type"].value_counts().to_dict() == {"xã": 75, "phường": 51}


def test_totals_reconcile(built):
    u = built.units
    assert u["area_official_km2"].sum() == pytest.approx(3359.8, rel=0.005)
    assert u["pop2025"].sum() == 8_807_523  # sum of the GSO-coded 2025 file
    assert u["pop2019_est"].sum() == pytest.approx(CENSUS_2019_TOTAL, abs=5)
    assert u["area_computed_km2"].sum() == pytest.approx(u["area_official_km2"].sum(), rel=0.005)


def test_known_unit_figures(built):
    hk = built.units.set_index("code").loc["00070"]
    assert hk["full_name"] == "Phường Hoàn Kiếm" and hk["area_official_km2"] == 1.91
    assert (hk["n_old_whole"], hk["n_old_part"]) == (7, 7)
    assert hk["density_2025"] == pytest.approx(hk["pop2025"] / 1.91, rel=1e-3)


def test_disagreeing_population_sources_are_both_kept(built):
    tt = built.units.set_index("code").loc["00640"]
    assert (tt["pop2025"], tt["pop2025_merger_map"]) == (51393, 55378)


def test_crosswalk_526_to_126_with_split_counts(built):
    law = built.crosswalk[built.crosswalk["source"] != "mapping only"]
    assert law["old_code"].nunique() == 526 and law["new_code"].nunique() == 126
    splits = law.groupby("old_code")["new_code"].nunique()
    # PROVENANCE counts 200 split units (148 into 2) from the dvhcvn mapping; the resolution sends
    # Sơn Đồng (09859) whole, so the resolution-based count is one lower.
    assert splits.value_counts().sort_index().to_dict() == {1: 327, 2: 147, 3: 35, 4: 16, 5: 1}


def test_every_disagreement_with_the_mapping_is_listed(built):
    problems = built.problems
    assert set(zip(problems["new_code"], problems["old_code"], strict=True)) == {
        ("09616", "09859"),
        ("09871", "09859"),
    }
    assert "Sơn Đồng" in render(built)


def test_whole_units_land_inside_with_exceptions_listed(built):
    wc = built.whole_check
    assert len(wc) == 327
    exceptions = wc[wc["share_inside"] < WHOLE_MIN_SHARE]
    assert 0 < len(exceptions) <= 10
    report = render(built)
    for name in exceptions["old_name"]:
        assert name in report


def test_merge_rebuilds_new_units(built):
    iou = built.iou.set_index("code")["iou"]
    assert len(iou) == 126
    assert iou.median() > 0.75
    assert iou["00070"] > 0.5


def test_missing_source_names_the_file(tmp_path):
    with pytest.raises(MissingSourceError, match="SHA256SUMS"):
        build_mod.get_built(tmp_path / "nowhere", tmp_path / "cache")


def test_data_dir_env_override(monkeypatch, tmp_path):
    monkeypatch.setenv("HANOI_DATA_DIR", str(tmp_path))
    assert data_dir() == tmp_path.resolve()
    assert data_dir("/x/y").as_posix() == "/x/y"


def test_cache_rebuilds_when_a_source_changes(data_root, tmp_path, monkeypatch):
    copy = tmp_path / "data"
    shutil.copytree(data_root, copy)
    calls = []
    real = build_mod.build_all
    monkeypatch.setattr(build_mod, "build_all", lambda root: calls.append(root) or real(root))
    build_mod.get_built(copy, tmp_path / "cache")
    build_mod.get_built(copy, tmp_path / "cache")
    assert len(calls) == 1  # second call read the cache
    pop = copy / "new_units_population_2025/public/wards/01.json"
    pop.chmod(0o644)
    pop.write_text(
        pop.read_text(encoding="utf-8").replace('"population":65023', '"population":65024'),
        encoding="utf-8",
    )
    write_manifest(copy, list(read_manifest(copy)))  # a deliberate data update comes with its sums
    rebuilt = build_mod.get_built(copy, tmp_path / "cache")
    assert len(calls) == 2
    assert rebuilt.units.set_index("code").loc["00004", "pop2025"] == 65024


def test_cli_build_prints_report(capsys, data_root, tmp_path):
    from geodata.__main__ import main

    assert main(["build", "--data-dir", str(data_root), "--cache-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "[ok] 126 new units" in out and "8,053,66" in out


def test_cli_missing_data_is_a_clear_error(capsys, tmp_path):
    from geodata.__main__ import main

    assert main(["build", "--data-dir", str(tmp_path / "none"), "--cache-dir", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: No SHA256SUMS") and "Traceback" not in err
