"""Create the Dash application."""
from __future__ import annotations

from pathlib import Path

from dash import Dash, dcc, html

from . import callbacks
from .api import make_api
from .data import load_app_data
from .downloads import make_downloads

ASSETS = Path(__file__).resolve().parent.parent / "assets"


def create_app(data_root: str | None = None, cache_root: str | None = None) -> Dash:
    """The dashboard app; the data is built (or read from cache) before the first request."""
    data = load_app_data(data_root, cache_root)
    # The page is rendered from the URL (?lang=en&unit=00070&indicator=pop2025) by a callback, so
    # every view has a shareable address; its components only exist after that callback.
    app = Dash(__name__, assets_folder=str(ASSETS), title="Hà Nội 126 phường, xã — bản đồ sắp xếp 2025",
               update_title=None, suppress_callback_exceptions=True)
    # The uploaded figures live in the browser's session storage, outside the re-rendered page.
    app.layout = html.Div([dcc.Location(id="url", refresh=False), dcc.Store(id="user-data", storage_type="session"),
                           html.Div(id="page")])
    callbacks.register(app, data)
    app.server.register_blueprint(make_api(data))
    app.server.register_blueprint(make_downloads(data))
    return app
