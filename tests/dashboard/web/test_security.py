"""security: the exact Content-Security-Policy, frame policy and headers per kind of route."""

import pytest

from dashboard.web.security import BASEMAP_HOSTS, content_security_policy, known_path


def directives(csp: str) -> dict[str, set[str]]:
    """'a x y; b z' → {'a': {'x', 'y'}, 'b': {'z'}} (a directive may appear only once)."""
    out: dict[str, set[str]] = {}
    for part in csp.split(";"):
        name, *values = part.split()
        assert name not in out, f"directive {name} repeated"
        out[name] = set(values)
    return out


TILES = set(BASEMAP_HOSTS.split())
COMMON = {
    "default-src": {"'self'"},
    "style-src": {"'self'", "'unsafe-inline'"},
    "img-src": {"'self'", "data:", "blob:"} | TILES,
    "connect-src": {"'self'"} | TILES,
    "font-src": {"'self'", "data:"},
    "worker-src": {"'self'", "blob:"},
    "child-src": {"'self'", "blob:"},
    "frame-src": {"'self'"},
    "object-src": {"'none'"},
    "base-uri": {"'self'"},
    "form-action": {"'self'"},
}


def test_policy_directives_are_exactly_these():
    hashes = ["'sha256-abc='", "'sha256-def='"]
    page = directives(content_security_policy(hashes, framable=False))
    embed = directives(content_security_policy(hashes, framable=True))
    for got, ancestors in ((page, {"'none'"}), (embed, {"*"})):
        assert got.pop("script-src") == {"'self'", *hashes}
        assert got.pop("frame-ancestors") == ancestors
        assert got == COMMON


@pytest.fixture(scope="module")
def client(app_data, data_root, cache_root):
    from dashboard.app import create_app

    return create_app(str(data_root), str(cache_root)).server.test_client()


@pytest.mark.parametrize(
    "path, framable",
    [
        ("/", False),
        ("/?lang=en&unit=00070", False),
        ("/corrections", False),
        ("/embed/map", True),
        ("/embed/unit/00070", True),
        ("/api/lookup?q=hang%20bai", False),
        ("/download/units.csv", False),
        ("/no-such-page", False),
    ],
)
def test_headers_per_route(client, path, framable):
    resp = client.get(path)
    csp = directives(resp.headers["Content-Security-Policy"])
    scripts = csp["script-src"] - {"'self'"}
    # Only Dash's inline-script hashes: no 'unsafe-inline', no 'unsafe-eval', no host.
    assert scripts and all(s.startswith("'sha256-") for s in scripts)
    assert csp["object-src"] == {"'none'"} and csp["base-uri"] == {"'self'"}
    assert csp["frame-ancestors"] == ({"*"} if framable else {"'none'"})
    assert resp.headers.get("X-Frame-Options") == (None if framable else "DENY")
    assert resp.headers["X-Content-Type-Options"] == "nosniff"
    assert resp.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


@pytest.mark.parametrize(
    "path, known",
    [
        ("/", True),
        ("/embed/map", True),
        ("/embed/unit/00070", True),
        ("/api/x/y", True),
        ("/assets/style.css", True),
        ("/geo/units-abc.json", True),
        ("/wp-admin", False),
        ("/assets/../app.py", False),
        ("/embed/a/b/c", False),
        ("/download/a/b", False),
    ],
)
def test_known_paths(path, known):
    assert known_path(path) is known
