"""fetch: which files are re-downloadable, and that a failed fetch changes nothing."""

import shutil

import pytest

from geodata import fetch
from geodata.integrity import read_manifest, verify


def test_every_byte_for_byte_file_has_a_pinned_url_and_conversions_have_none(data_root):
    sums = read_manifest(data_root)
    urls = {rel: fetch.remote_url(rel) for rel in sums}
    fetchable = [rel for rel, url in urls.items() if url]
    # 126 unit polygons + outline + 2 population files + resolution + merges
    assert len(fetchable) == 131
    assert urls["crosswalk_2025/mapping/merges.json"] == (
        "https://raw.githubusercontent.com/dvhcvn/20250701/"
        "dd94887ce32324380bc5bb0a76fe39867dafc73b/mapping/merges.json"
    )
    assert all(urls[rel] is None for rel in sums if rel.startswith(tuple(fetch.CONVERTED)))


def _copy_with_missing(data_root, tmp_path, *missing):
    copy = tmp_path / "data"
    shutil.copytree(data_root, copy)
    for rel in missing:
        (copy / rel).unlink()
    return copy


def test_fetch_downloads_only_missing_files_and_verifies_them(data_root, tmp_path):
    rel = "crosswalk_2025/mapping/merges.json"
    copy = _copy_with_missing(data_root, tmp_path, rel)
    calls = []

    def fake(url, known_hash, fname, path):  # serves the pinned file from the repository's copy
        calls.append(url)
        shutil.copy(data_root / rel, path / fname)

    assert fetch.fetch_sources(copy, downloader=fake) == [rel]
    assert len(calls) == 1 and calls[0].endswith("/mapping/merges.json")
    verify(copy)
    assert not list(copy.glob(".fetch-*"))  # staging folder removed


def test_failed_fetch_changes_nothing_and_lists_every_failure(data_root, tmp_path):
    missing = [
        "crosswalk_2025/mapping/merges.json",
        "new_units_population_2025/public/wards/01.json",
    ]
    copy = _copy_with_missing(data_root, tmp_path, *missing)
    before = sorted(p.relative_to(copy) for p in copy.rglob("*"))

    def half_offline(url, known_hash, fname, path):
        if "merges" in url:
            raise OSError("network unreachable")
        shutil.copy(data_root / missing[1], path / fname)

    with pytest.raises(fetch.FetchError, match="merges.json: network unreachable"):
        fetch.fetch_sources(copy, downloader=half_offline)
    assert sorted(p.relative_to(copy) for p in copy.rglob("*")) == before
    assert not (tmp_path / "data" / missing[1]).exists()


def test_fetch_with_everything_present_downloads_nothing(data_root):
    def never(*args):
        raise AssertionError("no download expected")

    assert fetch.fetch_sources(data_root, downloader=never) == []
