"""Create the Dash application (used by `python app.py` and by gunicorn through `wsgi.py`)."""

from __future__ import annotations

from dataclasses import replace

from dash import Dash
from flask import has_request_context, request

from dashboard import callbacks
from dashboard.model.data import load_app_data
from dashboard.model.embeds import request_origin
from dashboard.model.i18n import pick_lang, t
from dashboard.model.params import opened_address, parse_params
from dashboard.views.citizen import first_screen
from dashboard.views.layout import shell
from dashboard.web import serving
from dashboard.web.api import make_api
from dashboard.web.citizen import make_citizen
from dashboard.web.downloads import make_downloads
from dashboard.web.health import make_health
from dashboard.web.map_svg import make_map_svg, make_own_map_svg
from dashboard.web.oembed import make_oembed
from dashboard.web.previews import make_previews
from dashboard.web.security import host_allowed, http_caching, known_path, security_headers
from dashboard.web.static_assets import (
    ASSETS_IGNORE,
    Precompressed,
    VersionedSuites,
    assets_dir,
    chunk_preloads,
    lazy_plotly_meta,
    version_suite_folders,
)
from dashboard.web.static_geo import make_static_geo
from dashboard.web.static_pages import make_static_embeds, page_metas
from dashboard.web.stores import cache_version
from geodata.locations import cache_dir


class HanoiDash(Dash):
    """Dash with the page's language (``<html lang>``, ``<title>``, description) taken from
    ``?lang=``; the oEmbed discovery link and the link-preview meta tags (Open Graph, Twitter) on
    the dashboard and the embeds; the page's plotly.js (lean map or chart bundle) named for
    assets/lazy_plotly.js, which loads it when a graph is to be drawn; component scripts under
    versioned folders (dashboard/web/static_assets.py) and
    preloads of Dash's layout and callbacks, the map geometry and dcc's first chunks on the
    dashboard. (The embeds are plain HTML pages: dashboard/web/static_pages.py.)"""

    preloads: tuple[str, ...] = ()
    hanoi_data = None  # the AppData, set by create_app

    def interpolate_index(self, **kwargs):
        lang = pick_lang(request.args.get("lang"))
        kwargs["title"] = t("page_title", lang)
        kwargs["metas"] = kwargs.get("metas", "") + page_metas(self.hanoi_data, lang)
        # plotly.js is fetched when a graph is to be drawn, not with the page (#22: the first
        # screen on a phone does not wait for it): assets/lazy_plotly.js reads this.
        kwargs["metas"] += lazy_plotly_meta(
            self.config.assets_folder, self.get_asset_url(""), request.path, t("graph_wait", lang)
        )
        kwargs["scripts"] = version_suite_folders(kwargs.get("scripts", ""))
        if request.path == "/" and self.hanoi_data is not None:
            # The first screen (header and finder, with ?q= the answer's gist) as plain HTML,
            # painted before React and plotly have loaded; Dash's page replaces it (#22).
            search = request.query_string.decode("utf-8", "replace")
            kwargs["app_entry"] = first_screen(self.hanoi_data, search) + kwargs["app_entry"]
        if request.path == "/":
            # Fetched as the HTML arrives, while the scripts load and run: the layout (holding
            # the page) and the callbacks Dash's renderer would ask for only once started, the
            # geometry and dcc's chunks of the first render (static_assets.FIRST_CHUNKS).
            prefix = self.config.requests_pathname_prefix
            fetches = (prefix + "_dash-layout", prefix + "_dash-dependencies", *self.preloads)
            kwargs["metas"] += "".join(
                f'<link rel="preload" as="fetch" crossorigin href="{href}">' for href in fetches
            ) + chunk_preloads(kwargs["scripts"])
        return super().interpolate_index(**kwargs).replace("<html>", f'<html lang="{lang}">', 1)


def create_app(data_root: str | None = None, cache_root: str | None = None) -> Dash:
    """The dashboard app; the data is built (or read from cache) before the first request."""
    data = load_app_data(data_root, cache_root)
    # The page is rendered from the URL (?lang=en&unit=00070&indicator=pop2025), so every view
    # has a shareable address: into the layout (views/layout.py: shell), else by the page
    # callback.
    app = HanoiDash(
        __name__,
        assets_folder=str(assets_dir()),
        title="Hà Nội 126 phường, xã — bản đồ sắp xếp 2025",
        update_title=None,
        suppress_callback_exceptions=True,
        serve_locally=True,
        # the lean plotly.js bundles are added per page by HanoiDash.interpolate_index
        assets_ignore=ASSETS_IGNORE,
    )
    app.preloads = (data.geo_url("units"), data.geo_url("outline"))
    app.hanoi_data = data
    cache, limiter = serving.configure(app, cache_root)
    cache.version = cache_version(data.built.stamp)

    def layout():
        """Per /_dash-layout request: the page being opened, drawn into the layout."""
        opened = (
            opened_address(request.referrer, request_origin()) if has_request_context() else None
        )
        drawn = opened
        if opened and request.environ.get(serving.FINDER_LIMITED):
            drawn = replace(opened, search=parse_params(opened.search).query(q=""))
        page = drawn and callbacks.render_page(data, cache, drawn.pathname, drawn.search)
        return shell(opened, page)

    app.layout = layout
    callbacks.register(app, data, cache, serving.rows_charger(limiter))
    api, oembed = make_api(data, serving.rows_charger(limiter)), make_oembed(data)
    for limited in (api, oembed):
        limiter.shared_limit(serving.api_rate(), scope="public-api")(limited)
    # The citizen pages (#22): unit pages are built once and kept; /find is the finder's lookup
    # behind a plain form, under the finder's limit.
    citizen_pages, citizen_find = make_citizen(
        data, (app.config.assets_folder, app.get_asset_url(""))
    )
    limiter.shared_limit(serving.api_rate(), scope="finder")(citizen_find)
    # The map of the reader's own figures is drawn per request (never cached): the API's limit.
    own_map = make_own_map_svg(data)
    limiter.shared_limit(serving.api_rate(), scope="own-map")(own_map)
    for blueprint in (
        citizen_pages,
        citizen_find,
        api,
        oembed,
        make_downloads(data),
        make_health(data, cache, "redis" if serving.redis_url() else "files"),
        make_static_geo(data),
        make_previews(data, cache_dir(cache_root) / "og"),
        make_map_svg(data),
        own_map,
        make_static_embeds(
            data,
            lambda path, search: callbacks.render_page(data, cache, path, search),
            (app.config.assets_folder, app.get_asset_url("")),
        ),
    ):
        app.server.register_blueprint(blueprint)
    # Dash serves a component file only once this process has rendered a page naming it: render
    # one now (before gunicorn forks), or a worker that has served no page yet answers another
    # worker's page's scripts with 404.
    with app.server.test_request_context("/"):
        app.index()
    script_hashes = app.csp_hashes()
    app.server.wsgi_app = VersionedSuites(app.server.wsgi_app)
    precompressed = Precompressed(cache_dir(cache_root) / "compressed")

    @app.server.before_request
    def _unknown_path():
        if not known_path(request.path):
            return serving.client_error(404, "Không có trang này. / This page does not exist.")
        if not host_allowed(request.host):
            # Without HANOI_PUBLIC_URL the Host header builds absolute addresses: only known ones.
            return serving.client_error(400, "Unknown host. Set HANOI_PUBLIC_URL.")
        return None

    @app.server.after_request
    def _headers(resp):
        for key, value in security_headers(request.path, script_hashes).items():
            resp.headers.setdefault(key, value)
        return http_caching(request, precompressed.apply(request, resp))

    return app
