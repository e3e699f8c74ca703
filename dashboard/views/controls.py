"""The "Embed" box (iframe code + preview) and the PNG/SVG export buttons shown under maps and
charts."""

from __future__ import annotations

from dash import dcc, html

from dashboard.model.embeds import iframe_html, request_origin
from dashboard.model.i18n import t


def embed_box(src: str, title: str, kind: str, lang: str) -> html.Details:
    """A closed box with the iframe code to copy and a lazy preview of the embed."""
    code = iframe_html(request_origin(), src, title, kind)
    return html.Details(
        [
            html.Summary(f"{t('embed', lang)} </>"),
            html.P(t("embed_help", lang)),
            html.Label(
                [t("embed", lang), dcc.Textarea(value=code, readOnly=True, className="embed-code")]
            ),
            html.P([html.A(t("preview", lang) + " ↗", href=src, target="_blank", rel="noopener")]),
            # The preview loads only when the box is opened (assets/export.js): a page has many
            # boxes.
            html.Iframe(title=title, className="embed-preview", **{"data-src": src}),
        ],
        className="embed-box",
    )


def export_buttons(graph_id: str, filename: str, lang: str, svg_url: str | None = None) -> html.Div:
    """PNG and SVG download of a graph, made in the browser (assets/export.js) with the graphic
    frame's title, legend and source around it. ``svg_url``: a map's framed vector SVG made by
    the server (dashboard/web/map_svg.py), which the PNG is drawn from too; without a query, the
    page's own address's query is used (the dashboard's options live in its URL)."""
    extra = {"data-svg-url": svg_url} if svg_url else {}
    return html.Div(
        [
            html.Button(
                t("download_png", lang),
                className="export",
                **{"data-export": "png", "data-graph": graph_id, "data-filename": filename},
                **extra,
            ),
            html.Button(
                t("download_svg", lang),
                className="export",
                **{"data-export": "svg", "data-graph": graph_id, "data-filename": filename},
                **extra,
            ),
        ],
        className="export-buttons",
        # what assets/export.js says when a download fails (the server's own message if any)
        **{"data-error": t("export_failed", lang)},
    )


def figure_tools(
    graph_id: str,
    filename: str,
    src: str,
    title: str,
    kind: str,
    lang: str,
    svg_url: str | None = None,
) -> html.Div:
    """Export buttons and the embed box for one map or chart."""
    return html.Div(
        [export_buttons(graph_id, filename, lang, svg_url), embed_box(src, title, kind, lang)],
        className="figure-tools",
    )
