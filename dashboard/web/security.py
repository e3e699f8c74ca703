"""Response headers (content security, framing, CORS, caching, HSTS), which paths exist at all
and which Host headers are answered.

- ``HANOI_ALLOWED_HOSTS`` (default ``localhost,127.0.0.1,[::1]``): the hosts answered when
  ``HANOI_PUBLIC_URL`` is not set (any other Host gets a 400, since absolute addresses are then
  built from it); with ``HANOI_PUBLIC_URL`` the Host header is never used for an address.
- ``HANOI_HSTS``: ``1`` always sends Strict-Transport-Security, ``0`` never; unset, it is sent
  on requests that arrived over HTTPS (directly, or through ``HANOI_PROXY_HOPS`` trusted proxies).
- ``HANOI_REFERRER_POLICY`` (default ``strict-origin-when-cross-origin``): the Referrer-Policy.
  A stricter one (``strict-origin``, ``same-origin``, ``no-referrer``…) works too: the dashboard
  then draws its page after the layout instead of with it (dashboard/views/layout.py: shell).
"""

from __future__ import annotations

import os
import re

from dash.fingerprint import check_fingerprint
from flask import Request, Response

from dashboard.model.embeds import public_url

# Dash answers every path with its index page; only these are pages or endpoints of this app.
_KNOWN = re.compile(
    r"^/(|healthz|corrections/?|embed/[^/]+(/[^/]+)?/?|api/.*|download/[^/]+|oembed|geo/[^/]+"
    r"|og/[^/]+/[^/]+\.png|export/map\.svg|export/(unit|split)/[^/]+\.svg|assets/[^?]+|old/[^/]+"
    r"|unit/[^/]+|find|sitemap\.xml|robots\.txt"
    r"|_dash-component-suites/.+|_dash-(layout|dependencies|update-component)|_favicon\.ico)$"
)
# Basemaps the reader can switch on (plotly's carto-positron and open-street-map styles), and the
# glyphs (fonts) of the open-street-map style, which the split answer's map labels use.
BASEMAP_HOSTS = (
    "https://*.basemaps.cartocdn.com https://basemaps.cartocdn.com"
    " https://*.tile.openstreetmap.org https://tile.openstreetmap.org"
    " https://fonts.openmaptiles.org"
)


def known_path(path: str) -> bool:
    """True for the app's pages and endpoints; anything else is a 404."""
    return ".." not in path and bool(_KNOWN.match(path))


def content_security_policy(script_hashes: list[str], framable: bool) -> str:
    """The CSP: scripts only from this site plus Dash's inline-script hashes, no eval.

    Styles allow inline attributes because plotly and Dash set element styles at run time;
    MapLibre builds its workers from blob: URLs.
    """
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self' " + " ".join(script_hashes),
            "style-src 'self' 'unsafe-inline'",
            f"img-src 'self' data: blob: {BASEMAP_HOSTS}",
            f"connect-src 'self' {BASEMAP_HOSTS}",
            "font-src 'self' data:",
            "worker-src 'self' blob:",
            "child-src 'self' blob:",
            "frame-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors *" if framable else "frame-ancestors 'none'",
        ]
    )


LAYOUT_ROUTE = "/_dash-layout"  # Dash's layout, which holds the page its Referer names
REFERRER_POLICIES = {
    "no-referrer",
    "no-referrer-when-downgrade",
    "origin",
    "origin-when-cross-origin",
    "same-origin",
    "strict-origin",
    "strict-origin-when-cross-origin",
}


def referrer_policy() -> str:
    """``HANOI_REFERRER_POLICY`` when it names a policy, else strict-origin-when-cross-origin."""
    policy = os.environ.get("HANOI_REFERRER_POLICY", "").strip().lower()
    return policy if policy in REFERRER_POLICIES else "strict-origin-when-cross-origin"


def security_headers(path: str, script_hashes: list[str]) -> dict[str, str]:
    """Headers for every response: embeds may be framed by any site, everything else by none."""
    framable = path.startswith("/embed/")
    headers = {
        "Content-Security-Policy": content_security_policy(script_hashes, framable),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": referrer_policy(),
    }
    if not framable:
        headers["X-Frame-Options"] = "DENY"
    return headers


DEFAULT_ALLOWED_HOSTS = "localhost,127.0.0.1,[::1]"
ONE_YEAR = 31_536_000
API_MAX_AGE = 300


def host_allowed(host: str) -> bool:
    """True when absolute addresses may be built from this Host header (see module doc)."""
    if public_url():
        return True
    allowed = os.environ.get("HANOI_ALLOWED_HOSTS", DEFAULT_ALLOWED_HOSTS)
    name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
    return name.lower() in {h.strip().lower() for h in allowed.split(",") if h.strip()}


def _hsts(request: Request) -> bool:
    setting = os.environ.get("HANOI_HSTS", "").strip()
    return setting == "1" or (setting != "0" and request.is_secure)


def _versioned(request: Request) -> bool:
    """True for addresses that change with their content (Dash's fingerprint, ?m=<mtime>, or a
    component file under its script's fingerprint folder: static_assets.VersionedSuites)."""
    if request.environ.get("hanoi.versioned"):
        return True
    if request.path.startswith("/assets/"):
        return "m" in request.args
    return (
        request.path.startswith("/_dash-component-suites/") and check_fingerprint(request.path)[1]
    )


def http_caching(request: Request, resp: Response) -> Response:
    """CORS for the public API, Cache-Control/ETag per kind of route, HSTS; returns ``resp``."""
    path = request.path
    public_api = path.startswith("/api/") or path == "/oembed"
    if public_api and request.method in ("GET", "HEAD"):
        resp.headers["Access-Control-Allow-Origin"] = "*"
    if _hsts(request):
        resp.headers["Strict-Transport-Security"] = f"max-age={ONE_YEAR}"
    if request.method not in ("GET", "HEAD") or resp.status_code != 200:
        return resp
    if public_api:
        resp.headers["Cache-Control"] = f"public, max-age={API_MAX_AGE}"
    elif _versioned(request):
        resp.headers["Cache-Control"] = f"public, max-age={ONE_YEAR}, immutable"
    elif path == LAYOUT_ROUTE:
        # The layout holds the page named by the Referer (views/layout.py: shell).
        resp.headers["Cache-Control"] = "private, no-cache"
        resp.vary.add("Referer")
    elif resp.mimetype == "text/html":
        # Pages carry the current asset fingerprints and CSP hashes: always revalidate.
        resp.headers["Cache-Control"] = "no-cache"
    if (public_api or path.startswith(("/download/", "/assets/", "/_dash-component-suites/"))) and (
        not resp.direct_passthrough and not resp.get_etag()[0]
    ):
        resp.add_etag()
    return resp.make_conditional(request) if resp.get_etag()[0] else resp
