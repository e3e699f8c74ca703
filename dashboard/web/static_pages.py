"""The embeds as plain HTML pages: rendered on the server, drawn by plotly.js alone.

An embed has no controls, so it needs none of Dash's machinery (React, the renderer, the
component scripts, the layout and callback round trips): ``/embed/<kind>/<key>`` answers with the
page's HTML (dashboard/web/static_html.py), the page's own plotly.js bundle and a few small
scripts. A chart embed costs ~290 KB on the wire instead of ~560 KB. The dashboard stays a Dash
page.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from flask import Blueprint, Response, request

from dashboard.model.data import AppData
from dashboard.model.i18n import pick_lang, t
from dashboard.views.embed import embed_exists
from dashboard.web.oembed import discovery_link
from dashboard.web.previews import meta_tags
from dashboard.web.static_assets import asset_href, plotly_tag
from dashboard.web.static_html import to_html

# In this order, after the page's plotly.js: the empty world for plotly geo, plotly's texts in
# Vietnamese, map framing, maps that print, PNG/SVG export, height reporting to the host page,
# then the drawing.
EMBED_SCRIPTS = (
    "geo-assets.js",
    "plotly-locale.js",
    "fit_map.js",
    "print_maps.js",
    "export.js",
    "embed-resize.js",
    "static-graphs.js",
)


def page_metas(data: AppData | None, lang: str) -> str:
    """The ``<head>`` tags a page carries besides its title: oEmbed discovery, link previews (Open
    Graph, Twitter) or at least a description. Read from the current request."""
    query = request.query_string.decode("utf-8", "replace")
    metas = discovery_link(request.path, query)
    previews = meta_tags(data, request.path, request.args) if data is not None else ""
    if not previews:  # every page has a description; previews bring one of their own
        previews = f'<meta name="description" content="{escape(t("page_description", lang))}">'
    return metas + previews


def static_page(body: str, lang: str, metas: str, assets: tuple[str, str], path: str) -> str:
    """The whole HTML document around ``body`` for ``path`` (its plotly.js per bundle_for);
    ``assets`` is (assets folder, assets URL prefix)."""
    tags = plotly_tag(*assets, path) + "".join(
        f'<script src="{asset_href(*assets, s)}"></script>' for s in EMBED_SCRIPTS
    )
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(t('page_title', lang))}</title>{metas}"
        f'<link rel="icon" href="{asset_href(*assets, "favicon.ico")}">'
        f'<link rel="stylesheet" href="{asset_href(*assets, "style.css")}">'
        # #page as on the dashboard, so a page's parts have the same place in both
        f'</head><body><div id="page">{body}</div>{tags}</body></html>'
    )


def make_static_embeds(
    data: AppData, render: Callable[[str, str], object], assets: tuple[str, str]
) -> Blueprint:
    """Serve ``/embed/...`` as static pages; ``render(path, search)`` gives the component tree
    (the same function the dashboard's layout and page callback use, with its cache);
    ``assets`` is (assets folder, assets URL prefix)."""
    bp = Blueprint("static_embeds", __name__)

    @bp.get("/embed/<path:_rest>")
    def _embed(_rest: str):
        lang = pick_lang(request.args.get("lang"))
        search = request.query_string.decode("utf-8", "replace")
        body = to_html(render(request.path, "?" + search if search else ""))
        page = static_page(body, lang, page_metas(data, lang), assets, request.path)
        # An unknown embed or unit still gets its message page, with a status that says so.
        status = 200 if embed_exists(data, request.path) else 404
        return Response(page, status=status, mimetype="text/html")

    return bp
