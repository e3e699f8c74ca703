import hashlib
import json

from geodata import fetch


def test_registry_hashes_match_the_shared_files(data_root):
    registry = json.loads(fetch.REGISTRY.read_text(encoding="utf-8"))
    assert len(registry) == 131  # 126 unit polygons + outline + 2 population files + resolution + merges
    for rel, entry in registry.items():
        assert entry["url"].startswith("https://raw.githubusercontent.com/")
        assert hashlib.sha256((data_root / rel).read_bytes()).hexdigest() == entry["sha256"], rel


def test_fetch_reports_what_it_cannot_fetch(tmp_path, monkeypatch):
    import pooch

    def offline(url, known_hash, fname, path, progressbar):
        raise OSError("network unreachable")

    monkeypatch.setattr(pooch, "retrieve", offline)
    missing = fetch.fetch_sources(tmp_path)
    assert any(m.startswith("crosswalk_2025/mapping/merges.json") for m in missing)
    assert any(m.startswith("old_units_2019/: cannot be fetched") for m in missing)


def test_fetch_skips_files_already_present(data_root, monkeypatch):
    import pooch

    monkeypatch.setattr(pooch, "retrieve", lambda *a, **k: (_ for _ in ()).throw(AssertionError("no download expected")))
    assert fetch.fetch_sources(data_root) == []
