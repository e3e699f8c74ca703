"""How the page's scripts reach the browser: the right plotly.js per page, versioned addresses
for every script (also Dash's lazily loaded chunks), and bodies compressed once at the best level.

- Plotly: ``assets/vendor/plotly-hanoi*.min.js`` are left out of Dash's automatic asset tags
  (``ASSETS_IGNORE``); a page gets one of them (:func:`bundle_for`), the Dash pages through
  ``assets/lazy_plotly.js`` when a graph is to be drawn (:func:`lazy_plotly_meta`), the static
  embeds as a ``<script>`` (:func:`plotly_tag`): the chart bundle
  (bars) on ``/embed/chart/*`` and ``/embed/facts``, the geo bundle (the vector print map) on
  ``/embed/map``, the map bundle (MapLibre maps and bars) everywhere else.
  ``HANOI_FULL_PLOTLY=1`` (benchmarks only) adds none, so dcc.Graph loads Dash's full plotly.min.js.
- Versioned chunks: dcc and dash_table load their async chunks (``async-graph.js`` …) from the
  folder of their main script, without a fingerprint. The index therefore names each component
  script under a folder named after its fingerprint
  (``/_dash-component-suites/dash/dcc/v3_4_0m…/dash_core_components.v3_4_0m….js``), so the chunks
  come from ``…/dcc/v3_4_0m…/async-graph.js``; :class:`VersionedSuites` strips that folder again
  and marks the request versioned (cached for a year, immutable). A new Dash version or install
  gives a new folder, hence new chunk addresses.
- Compression: scripts, styles and JSON under ``/assets/`` and ``/_dash-component-suites/`` are
  sent as brotli 11 or gzip 9, compressed once per content (SHA-256) and kept in memory and in
  ``<cache dir>/compressed`` (shared by workers and restarts). Compressing is done in a background
  thread; until it is ready flask-compress answers as before (brotli 4).
"""

from __future__ import annotations

import gzip
import hashlib
import os
import re
import threading
from html import escape
from pathlib import Path

import brotli
from flask import Request, Response


def assets_dir() -> Path:
    """The assets folder: ``dashboard/assets`` inside an installed wheel, else the checkout's."""
    here = Path(__file__).resolve().parent.parent
    installed = here / "assets"
    return installed if installed.is_dir() else here.parent / "assets"


# Matched against file names, not paths: the plotly.js bundles (one per page, see below) and the
# static pages' drawing script (dashboard/web/static_pages.py) are not put in every Dash page.
# citizen.css/.js belong to the citizen pages only (dashboard/web/citizen.py), not the dashboard.
ASSETS_IGNORE = r"^(plotly-hanoi.*|static-graphs)\.js$|^citizen\.(css|js)$"
MAP_BUNDLE = "vendor/plotly-hanoi.min.js"  # MapLibre maps and bars
GEO_BUNDLE = "vendor/plotly-hanoi-geo.min.js"  # the vector print map (plotly geo)
CHART_BUNDLE = "vendor/plotly-hanoi-chart.min.js"  # bars
VERSIONED_KEY = "hanoi.versioned"
WIDE_SCREEN = "(min-width: 600px)"  # plotly.js at once (else after the reader's first action)
_STAMP = r"v[\w-]+m[0-9a-fA-F]+"  # Dash's fingerprint of a component file: v<version>m<mtime>
_FINGERPRINT = re.compile(rf"^{_STAMP}$")
_SUITE_SRC = re.compile(r'(src="/_dash-component-suites/[^"]*/)([^/"]+)"')
_VERSIONED_PATH = re.compile(rf"^(/_dash-component-suites/.+/)({_STAMP})/([^/]+)$")
COMPRESSED_TYPES = {"application/javascript", "text/javascript", "text/css", "application/json"}


def full_plotly() -> bool:
    """True when the benchmark asks for Dash's full plotly.min.js (``HANOI_FULL_PLOTLY=1``)."""
    return os.environ.get("HANOI_FULL_PLOTLY") == "1"


def bundle_for(path: str) -> str | None:
    """The lean plotly.js (path under assets/) a page needs, or None for the full one."""
    if full_plotly():
        return None
    if path.startswith(("/embed/chart/", "/embed/facts")):
        return CHART_BUNDLE
    return GEO_BUNDLE if path.rstrip("/") == "/embed/map" else MAP_BUNDLE


def asset_href(assets_folder: str, asset_url: str, name: str) -> str:
    """``<asset_url><name>?m=<mtime>``: an asset's address versioned as Dash versions them, so it
    is cached for a year (web/security.py) and changes with the file."""
    return f"{asset_url}{name}?m={(Path(assets_folder) / name).stat().st_mtime}"


def plotly_tag(assets_folder: str, asset_url: str, path: str) -> str:
    """The ``<script>`` of the page's plotly.js (:func:`bundle_for`), or "" for the full one."""
    bundle = bundle_for(path)
    if bundle is None:
        return ""
    return f'<script src="{asset_href(assets_folder, asset_url, bundle)}"></script>\n'


def lazy_plotly_meta(assets_folder: str, asset_url: str, path: str, label: str) -> str:
    """The ``<meta name="hanoi-plotly">`` naming the page's plotly.js for assets/lazy_plotly.js,
    which loads it only when a graph is to be drawn (#22), with ``label`` (the text of the
    button in a graph box waiting for it); "" for the full bundle (dcc then loads its own)."""
    bundle = bundle_for(path)
    if bundle is None:
        return ""
    href = escape(asset_href(assets_folder, asset_url, bundle), quote=True)
    # Wider screens draw the map at once: lazy_plotly.js writes the script in there, before
    # Dash's (not preloaded: a script written in over a preload came later to the map, measured
    # by benchmarks/time_to_map.py); a phone fetches nothing until the reader acts.
    return (
        f'<meta name="hanoi-plotly" content="{href}" data-label="{escape(label, quote=True)}" '
        f'data-wide="{WIDE_SCREEN}">'
    )


def version_suite_folders(scripts: str) -> str:
    """Put each fingerprinted component script in a folder named after its fingerprint."""

    def move(m: re.Match) -> str:
        stamp = next((p for p in m.group(2).split(".") if _FINGERPRINT.match(p)), None)
        return f'{m.group(1)}{stamp}/{m.group(2)}"' if stamp else m.group(0)

    return _SUITE_SRC.sub(move, scripts)


# dcc's lazily loaded chunks the dashboard's first render needs: the graph, and the upload
# fields of the officials' tabs (fetched late, it was drawn while MapLibre started).
FIRST_CHUNKS = ("async-graph.js", "async-upload.js")


def chunk_preloads(scripts: str, chunks: tuple[str, ...] = FIRST_CHUNKS) -> str:
    """``<link rel=preload>`` for dcc's lazily loaded chunks a page needs at once: fetched with
    the page instead of once its components render. ``scripts`` is the index's script tags
    after :func:`version_suite_folders` (the chunks' folder is dcc's versioned one)."""
    m = re.search(rf'src="(/_dash-component-suites/dash/dcc/{_STAMP}/)', scripts)
    if not m:
        return ""
    return "".join(f'<link rel="preload" as="script" href="{m.group(1)}{c}">' for c in chunks)


class VersionedSuites:
    """WSGI middleware: ``/_dash-component-suites/<pkg>/<dir>/<fingerprint>/<file>`` is served
    as ``…/<dir>/<file>``, with the request marked versioned (see the module doc)."""

    def __init__(self, wsgi_app):
        self.wsgi_app = wsgi_app

    def __call__(self, environ, start_response):
        m = _VERSIONED_PATH.match(environ.get("PATH_INFO", ""))
        if m:
            environ["PATH_INFO"] = m.group(1) + m.group(3)
            environ[VERSIONED_KEY] = True
        return self.wsgi_app(environ, start_response)


class Precompressed:
    """Brotli-11 and gzip-9 bodies per content, computed once (see the module doc)."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.ready: dict[str, dict[str, bytes]] = {}
        self.pending: set[str] = set()
        self.lock = threading.Lock()

    def _load(self, key: str) -> dict[str, bytes] | None:
        files = {"br": self.folder / f"{key}.br", "gzip": self.folder / f"{key}.gz"}
        if all(f.is_file() for f in files.values()):
            return {enc: f.read_bytes() for enc, f in files.items()}
        return None

    def _compute(self, key: str, raw: bytes) -> None:
        try:
            bodies = {
                "br": brotli.compress(raw, quality=11),
                "gzip": gzip.compress(raw, 9, mtime=0),
            }
            self.folder.mkdir(parents=True, exist_ok=True)
            for enc, suffix in (("br", "br"), ("gzip", "gz")):
                tmp = self.folder / f"{key}.{suffix}.{os.getpid()}.tmp"
                tmp.write_bytes(bodies[enc])
                tmp.replace(self.folder / f"{key}.{suffix}")
            self.ready[key] = bodies
        finally:
            with self.lock:
                self.pending.discard(key)

    def bodies(self, raw: bytes, wait: bool = False) -> dict[str, bytes] | None:
        """The compressed bodies of ``raw``, or None while they are being computed."""
        key = hashlib.sha256(raw).hexdigest()
        if key in self.ready:
            return self.ready[key]
        loaded = self._load(key)
        if loaded:
            self.ready[key] = loaded
            return loaded
        if wait:
            self._compute(key, raw)
            return self.ready.get(key)
        with self.lock:
            if key in self.pending:
                return None
            self.pending.add(key)
        threading.Thread(target=self._compute, args=(key, raw), daemon=True).start()
        return None

    def apply(self, request: Request, resp: Response) -> Response:
        """Send a static script, style or JSON file pre-compressed when the client accepts it."""
        if (
            request.method not in ("GET", "HEAD")
            or resp.status_code != 200
            or not request.path.startswith(("/assets/", "/_dash-component-suites/"))
            or resp.mimetype not in COMPRESSED_TYPES
            or "Content-Encoding" in resp.headers
        ):
            return resp
        accepted = request.accept_encodings
        encoding = "br" if accepted["br"] else "gzip" if accepted["gzip"] else None
        if encoding is None:
            return resp
        resp.direct_passthrough = False
        bodies = self.bodies(resp.get_data())
        if bodies is None:
            return resp  # flask-compress compresses this one; the next gets the stored body
        resp.set_data(bodies[encoding])
        resp.headers["Content-Encoding"] = encoding
        resp.vary.add("Accept-Encoding")
        # One ETag per encoding (http_caching adds it from the body and answers If-None-Match).
        resp.headers.pop("ETag", None)
        return resp


def warm(app, precompressed: Precompressed) -> int:
    """Compress every script and style the app can send (assets, Dash's component files) now;
    run once per deploy (``python -m dashboard.web.static_assets``). Returns the file count."""
    import pkgutil

    client = app.server.test_client()
    for page in ("/", "/embed/chart/pop2025", "/embed/map"):
        client.get(page)  # rendering an index registers Dash's files (also the async chunks)
    bodies = [
        f.read_bytes()
        for f in Path(app.config.assets_folder).rglob("*")
        if f.suffix in (".js", ".css", ".json")
    ]
    for namespace, paths in app.registered_paths.items():
        for rel in paths:
            if rel.endswith((".js", ".css", ".json")):
                body = pkgutil.get_data(namespace, rel)
                bodies += [body] if body else []
    for body in bodies:
        precompressed.bodies(body, wait=True)
    return len(bodies)
