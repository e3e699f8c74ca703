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


def export_buttons(graph_id: str, filename: str, lang: str) -> html.Div:
    """PNG and SVG download of a graph, drawn in the browser (assets/export.js); title and source
    are in the figure."""
    return html.Div(
        [
            html.Button(
                t("download_png", lang),
                className="export",
                **{"data-export": "png", "data-graph": graph_id, "data-filename": filename},
            ),
            html.Button(
                t("download_svg", lang),
                className="export",
                **{"data-export": "svg", "data-graph": graph_id, "data-filename": filename},
            ),
        ],
        className="export-buttons",
    )


def figure_tools(
    graph_id: str, filename: str, src: str, title: str, kind: str, lang: str
) -> html.Div:
    """Export buttons and the embed box for one map or chart."""
    return html.Div(
        [export_buttons(graph_id, filename, lang), embed_box(src, title, kind, lang)],
        className="figure-tools",
    )
