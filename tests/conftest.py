"""Shared fixtures: one fresh build of the real data per test session."""

from __future__ import annotations

import os

import pytest

# The suite sends thousands of API requests from one address: the production rate limit is tested
# on its own (test_serving.py), everything else runs unthrottled.
os.environ.setdefault("HANOI_API_RATE", "1000000/minute")
os.environ.setdefault("HANOI_ROWS_RATE", "100000000/minute")  # the rows budget too (#24)
os.environ.setdefault("HANOI_ROWS_RATE_ALL", "100000000/minute")
os.environ.pop("HANOI_REDIS_URL", None)

from geodata.build import get_built
from geodata.locations import data_dir


@pytest.fixture(scope="session")
def data_root():
    root = data_dir()
    assert root.exists(), f"source data not found at {root}"
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
    from dashboard.model.data import load_app_data

    return load_app_data(str(data_root), str(cache_root))
