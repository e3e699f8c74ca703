"""The citizen pages' routes: ``/old/<code>[-slug]``, ``/unit/<code>[-slug]``, ``/find?q=``,
``/sitemap.xml`` and ``/robots.txt`` (pages built by dashboard/views/citizen.py).

Plain HTML from the server with one small stylesheet and one small deferred script
(``assets/citizen.css``, ``assets/citizen.js``): no Dash, React or plotly. An address without its
slug, or with a wrong one, is sent (301) to the canonical one. Unit pages never change while the
data stays the same: each is built once per (page, language, origin) and kept.
"""

from __future__ import annotations

import re
import threading

from flask import Blueprint, Response, redirect, request

from dashboard.model.data import AppData
from dashboard.model.embeds import request_origin
from dashboard.model.i18n import pick_lang
from dashboard.views import citizen
from dashboard.web.static_assets import asset_href

_CODE = re.compile(r"^(\d{5})(?:-([a-z0-9-]{0,80}))?$")
FIND_ROUTE = "/find"


def make_citizen(data: AppData, assets: tuple[str, str]) -> tuple[Blueprint, Blueprint]:
    """(pages, finder) blueprints: the unit pages and sitemap, and ``/find`` (rate-limited by
    the caller like the finder)."""
    pages = Blueprint("citizen", __name__)
    finder = Blueprint("citizen_find", __name__)
    index = citizen.old_index_of(data)
    built: dict[tuple, tuple[str, str]] = {}  # (kind, code, lang, origin) → (html, canonical)
    sitemaps: dict[str, str] = {}  # origin → sitemap.xml
    lock = threading.Lock()

    def hrefs() -> tuple[str, str]:
        return asset_href(*assets, "citizen.css"), asset_href(*assets, "citizen.js")

    def respond(page: citizen.Page, query: str = "") -> Response:
        html = citizen.document(page, data, request_origin(), *hrefs(), query=query)
        return Response(html, status=page.status, mimetype="text/html")

    def unit_route(kind: str, rest: str):
        lang = pick_lang(request.args.get("lang"))
        m = _CODE.match(rest)
        code = m.group(1) if m else rest
        key = (kind, code, lang, request_origin())
        if key not in built:
            build = citizen.old_page if kind == "old" else citizen.unit_page
            page = build(data, index, code, lang) if m else None
            if page is None:
                return respond(citizen.not_found_page(rest, lang))
            html = citizen.document(page, data, request_origin(), *hrefs())
            with lock:
                built[key] = (html, page.canonical)
        html, canonical = built[key]
        if request.path + _lang_query(lang) != canonical:
            return redirect(canonical, 301)
        return Response(html, mimetype="text/html")

    @pages.get("/old/<path:rest>")
    def _old(rest: str):
        return unit_route("old", rest)

    @pages.get("/unit/<path:rest>")
    def _unit(rest: str):
        return unit_route("unit", rest)

    @pages.get("/sitemap.xml")
    def _sitemap():
        origin = request_origin()
        if origin not in sitemaps:
            sitemaps[origin] = citizen.sitemap(data, index, origin)
        return Response(sitemaps[origin], mimetype="application/xml")

    pages.get("/robots.txt")(robots)

    @finder.get(FIND_ROUTE)
    def _find():
        lang = pick_lang(request.args.get("lang"))
        query = request.args.get("q", "")
        return respond(citizen.find_page(data, index, query, lang), query=query[:300])

    return pages, finder


def _lang_query(lang: str) -> str:
    return "?lang=en" if lang == "en" else ""


def robots() -> Response:
    """robots.txt: everything but the machinery and the finder's answers (the unit pages are
    their indexable form), and where the sitemap is."""
    body = (
        "User-agent: *\nDisallow: /_dash-\nDisallow: /api/\nDisallow: /find\n"
        f"Sitemap: {request_origin()}/sitemap.xml\n"
    )
    return Response(body, mimetype="text/plain")
