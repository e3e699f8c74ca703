"""Response headers: who may frame which route."""
from __future__ import annotations


def frame_headers(path: str) -> dict[str, str]:
    """Embeds may be framed by any site; everything else by none (clickjacking)."""
    if path.startswith("/embed/"):
        return {"Content-Security-Policy": "frame-ancestors *"}
    return {"X-Frame-Options": "DENY", "Content-Security-Policy": "frame-ancestors 'none'"}
