"""Response headers (content security, who may frame which route) and which paths exist at all."""

from __future__ import annotations

import re

# Dash answers every path with its index page; only these are pages or endpoints of this app.
_KNOWN = re.compile(
    r"^/(|corrections/?|embed/[^/]+(/[^/]+)?/?|api/.*|download/[^/]+|oembed|geo/[^/]+|assets/[^?]+"
    r"|_dash-[^/]+(/.*)?|_reload-hash|_favicon\.ico)$"
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


def security_headers(path: str, script_hashes: list[str]) -> dict[str, str]:
    """Headers for every response: embeds may be framed by any site, everything else by none."""
    framable = path.startswith("/embed/")
    headers = {
        "Content-Security-Policy": content_security_policy(script_hashes, framable),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "strict-origin-when-cross-origin",
    }
    if not framable:
        headers["X-Frame-Options"] = "DENY"
    return headers
