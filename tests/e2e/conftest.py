"""Fixtures of the browser tests: one app for the whole session, one Chromium per module."""

from __future__ import annotations

import pytest

from tests.e2e.helpers import chromium, running_app


@pytest.fixture(scope="session")
def server(data_root, cache_root, built):
    with running_app(data_root, cache_root) as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    driver = chromium()
    yield driver
    driver.quit()
