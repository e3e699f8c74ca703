"""Shared fixtures: one fresh build of the real data per test session."""
from __future__ import annotations

import pytest

from geodata.build import get_built
from geodata.paths import data_dir


@pytest.fixture(scope="session")
def data_root():
    root = data_dir()
    assert root.exists(), f"source data not found at {root}: set HANOI_DATA_DIR"
    return root


@pytest.fixture(scope="session")
def cache_root(tmp_path_factory):
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(scope="session")
def built(data_root, cache_root):
    # force=True: the tests exercise the whole pipeline, not a cache left by an earlier run.
    return get_built(data_root, cache_root, force=True)


@pytest.fixture(scope="session")
def app_data(data_root, cache_root, built):
    from dashboard.data import load_app_data

    return load_app_data(str(data_root), str(cache_root))
