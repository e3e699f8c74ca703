"""Response headers (who may frame which route) and which paths exist at all."""
from __future__ import annotations

import re

# Dash answers every path with its index page; only these are pages or endpoints of this app.
_KNOWN = re.compile(r"^/(|corrections/?|embed/[^/]+(/[^/]+)?/?|api/.*|download/[^/]+|oembed|geo/[^/]+|assets/[^?]+|_dash-[^/]+(/.*)?"
                    r"|_reload-hash|_favicon\.ico)$")


def known_path(path: str) -> bool:
    """True for the app's pages and endpoints; anything else is a 404."""
    return ".." not in path and bool(_KNOWN.match(path))


def frame_headers(path: str) -> dict[str, str]:
    """Embeds may be framed by any site; everything else by none (clickjacking)."""
    if path.startswith("/embed/"):
        return {"Content-Security-Policy": "frame-ancestors *"}
    return {"X-Frame-Options": "DENY", "Content-Security-Policy": "frame-ancestors 'none'"}
