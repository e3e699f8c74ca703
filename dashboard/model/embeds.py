"""Embed addresses and iframe code: one definition for the Embed buttons, the pages and oEmbed."""

from __future__ import annotations

import html as html_lib
import os
import re
from urllib.parse import urlencode

# Default iframe heights (px) per embed kind; the page then reports its real height by postMessage.
HEIGHTS = {"map": 640, "unit": 760, "overlay": 460, "chart": 420, "facts": 1400}
_PATH = re.compile(r"^/embed/(map|unit|overlay|chart|facts)(?:/([0-9A-Za-z_:%\-]{1,80}))?/?$")
RESIZE_SCRIPT = "/assets/embed-resize.js"


def embed_path(kind: str, key: str | None = None, **params) -> str:
    """Path and query of an embed, e.g. ``/embed/unit/00070?lang=en``; empty params are left out."""
    path = f"/embed/{kind}" + (f"/{key}" if key else "")
    query = urlencode({k: v for k, v in params.items() if v not in (None, "", ())})
    return path + (f"?{query}" if query else "")


def parse_embed_path(path: str | None) -> tuple[str, str | None] | None:
    """(kind, key) of an embed path, or None when the path is not an embed."""
    m = _PATH.match(path or "")
    return (m.group(1), m.group(2)) if m else None


def iframe_html(origin: str, src: str, title: str, kind: str) -> str:
    """The code a newsroom pastes: a full-width iframe plus the script that follows its height."""
    src_attr = html_lib.escape(origin + src, quote=True)
    title_attr = html_lib.escape(title, quote=True)
    return (
        f'<iframe src="{src_attr}" title="{title_attr}" width="100%" height="{HEIGHTS[kind]}" '
        f'style="border:0;width:100%;max-width:100%" loading="lazy" data-hanoi-embed></iframe>\n'
        f'<script async src="{html_lib.escape(origin + RESIZE_SCRIPT, quote=True)}"></script>'
    )


PUBLIC_URL_ENV = "HANOI_PUBLIC_URL"


def public_url() -> str:
    """The configured public origin (``HANOI_PUBLIC_URL``, e.g. https://map.example.vn), or ""."""
    return os.environ.get(PUBLIC_URL_ENV, "").strip().rstrip("/")


def request_origin() -> str:
    """Scheme and host for absolute addresses (iframe code, oEmbed); "" outside a request.

    ``HANOI_PUBLIC_URL`` when set, so a forged Host header never reaches a page or an embed;
    otherwise the request's own (the app then only answers allowed hosts, see web/security.py).
    """
    from flask import has_request_context, request

    if public_url():
        return public_url()
    return request.host_url.rstrip("/") if has_request_context() else ""
