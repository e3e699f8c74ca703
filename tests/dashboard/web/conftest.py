"""The app and its test client, one per test module (a module may define its own instead)."""

import pytest


@pytest.fixture(scope="module")
def app(data_root, cache_root, built):
    from dashboard.app import create_app

    return create_app(str(data_root), str(cache_root))


@pytest.fixture(scope="module")
def client(app):
    return app.server.test_client()
