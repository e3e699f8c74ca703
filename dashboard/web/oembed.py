"""oEmbed for the embeds, and the discovery link that lets publishing tools find it."""

from __future__ import annotations

import html as html_lib
from urllib.parse import parse_qs, quote, urlsplit

from flask import Blueprint, jsonify, request

from dashboard.model.data import AppData
from dashboard.model.embeds import (
    HEIGHTS,
    embed_path,
    iframe_html,
    parse_embed_path,
    request_origin,
)
from dashboard.model.i18n import t
from dashboard.model.indicators import get_indicator
from dashboard.views.facts import facts_title
from dashboard.web.previews import preview_for, thumbnail

PROVIDER = "Hà Nội 126"
MAX_URL = 2000


def _int_arg(name: str, default: int, low: int, high: int) -> int:
    try:
        return max(low, min(high, int(request.args.get(name, default))))
    except (TypeError, ValueError):
        return default


def embed_for(data: AppData, url: str, host: str) -> tuple[str, str, str] | None:
    """(kind, embed path, title) for a page address on this site; None when it is not embeddable."""
    parts = urlsplit(url[:MAX_URL])
    if parts.scheme not in ("http", "https") or parts.netloc != host:
        return None
    args = {k: v[0] for k, v in parse_qs(parts.query).items()}
    lang = "en" if args.get("lang") == "en" else "vi"
    parsed = parse_embed_path(parts.path)
    if parsed:
        kind, key = parsed
        if kind in ("unit", "overlay") and key not in data.units.index:
            return None
        if kind == "facts" and key:
            return None
        path = parts.path + (f"?{parts.query}" if parts.query else "")
    elif parts.path in (
        "",
        "/",
    ):  # the dashboard itself: its unit card if one is open, else its map
        key = args.get("unit")
        kind = "unit" if key in data.units.index else "map"
        path = (
            embed_path("unit", key, lang=lang)
            if kind == "unit"
            else embed_path(
                "map",
                indicator=args.get("indicator"),
                scheme=args.get("scheme"),
                k=args.get("k"),
                type=args.get("type"),
                lang=lang,
            )
        )
    else:
        return None
    return kind, path, view_title(data, kind, key, args, lang)


def view_title(data: AppData, kind: str, key: str | None, args: dict, lang: str) -> str:
    """A title that names what the view shows ("Dân số 2025 — 126 phường, xã Hà Nội", a unit)."""
    city = "126 wards and communes of Hanoi" if lang == "en" else "126 phường, xã Hà Nội"
    if kind in ("unit", "overlay") and key in data.units.index:
        name = data.units.at[key, "full_name"]
        return f"{name} — {city}" if kind == "unit" else f"{name}: {t('small_map', lang)}"
    if kind == "facts":
        return f"{facts_title(lang)} — {city}"
    ind = get_indicator(key if kind == "chart" else args.get("indicator"))
    return f"{ind.label(lang)} — {city}"


def discovery_link(path: str, query: str) -> str:
    """The oEmbed ``<link>`` for an embeddable page (embeds and the dashboard), else ""."""
    if not (parse_embed_path(path) or path in ("", "/")):
        return ""
    page = request_origin() + path + (f"?{query}" if query else "")
    href = f"{request_origin()}/oembed?url={quote(page, safe='')}&format=json"
    href = html_lib.escape(href, quote=True)
    return f'<link rel="alternate" type="application/json+oembed" href="{href}" title="{PROVIDER}">'


def make_oembed(data: AppData) -> Blueprint:
    """The /oembed endpoint (rich type, JSON only)."""
    bp = Blueprint("oembed", __name__)

    @bp.get("/oembed")
    def _oembed():
        fmt = request.args.get("format", "") or "json"
        if fmt == "xml":  # the oEmbed spec's answer for a format the provider does not offer
            return jsonify({"error": "Only format=json is supported."}), 501
        if fmt != "json":
            return jsonify({"error": "Unknown format: use format=json."}), 400
        url = request.args.get("url", "")
        if not url:
            return jsonify(
                {"error": "Missing parameter 'url' (the address of a page on this site)."}
            ), 400
        found = embed_for(data, url, urlsplit(request_origin()).netloc)
        if found is None:
            return jsonify({"error": "This address is not an embeddable page of this site."}), 404
        kind, path, title = found
        parts = urlsplit(url[:MAX_URL])
        args = {k: v[0] for k, v in parse_qs(parts.query).items()}
        preview = preview_for(data, parts.path, args)
        width = _int_arg("maxwidth", 640, 200, 2000)
        height = _int_arg("maxheight", HEIGHTS[kind], 150, HEIGHTS[kind])
        origin = request_origin()
        return jsonify(
            {
                "version": "1.0",
                "type": "rich",
                "provider_name": PROVIDER,
                "provider_url": origin + "/",
                "title": title,
                "width": width,
                "height": height,
                "cache_age": 3600,
                **(thumbnail(data, preview) if preview else {}),
                "html": iframe_html(origin, path, title, kind).replace(
                    f'height="{HEIGHTS[kind]}"', f'height="{height}"'
                ),
            }
        )

    return bp
