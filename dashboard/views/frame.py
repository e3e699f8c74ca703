"""One graphic frame for every map and chart (#23): the title and subtitle above, the figure, a
horizontal legend strip, the source and date below, then the export buttons.

Everything but the drawing is HTML text, so it wraps at any width and is never cut the way a
plotly title or annotation is; assets/export.js writes the same texts as SVG text around the
figure in a PNG or SVG download (``data-export-*`` hooks below).
"""

from __future__ import annotations

from datetime import date

from dash import html

from dashboard.model.i18n import t
from geodata.provenance import all_sources_short


def source_line(lang: str, stamp: str, extra: str = "") -> str:
    """One line naming the sources, the data version and the date, put inside figures and images."""
    lines = [extra] if extra else []
    lines.append(f"{t('source', lang)}: {all_sources_short(lang)}")
    lines.append(f"Hà Nội 126 · {t('data_version', lang)} {stamp} · {date.today().isoformat()}")
    return "<br>".join(lines)


def source_lines(source_line: str) -> list[str]:
    """The lines of a figure's source text (figures join them with ``<br>``)."""
    return [line for line in source_line.split("<br>") if line]


def legend_rows(keys, className: str = "legend-rows", **attrs) -> html.Ul:
    """A legend's rows: a swatch and a label per key ``(fill, outline, label)`` (``outline``
    None: none; ``fill`` None: an outline only); ``attrs`` (an aria-label) go on the list."""
    return html.Ul(
        [
            html.Li(
                [
                    html.Span(
                        className="swatch",
                        style={"background": fill or "transparent"}
                        | ({"borderColor": line} if line else {}),
                    ),
                    label,
                ]
            )
            for fill, line, label in keys
        ],
        className=className,
        **attrs,
    )


def legend_strip(keys, className: str = "legend-rows", **attrs) -> html.Div:
    """A frame's horizontal legend strip of :func:`legend_rows`."""
    return html.Div(legend_rows(keys, className, **attrs), className="legend legend--strip")


def graphic_frame(
    graph,
    title: str,
    source_line: str,
    subtitle: str | None = None,
    legend=None,
    tools=None,
    kind: str = "chart",
    frame_id: str | None = None,
) -> html.Figure:
    """``graph`` (a dcc.Graph, drawn without a plotly title or source line) in the frame.

    ``legend`` (HTML, a horizontal strip) goes under the drawing; ``tools`` (the export buttons)
    at the end. ``kind`` ("map" or "chart") picks the layout: a map takes the full width below
    600 px with its legend under it, and sits beside its legend on wide screens. ``frame_id``
    names the frame (tests and links find it).
    """
    head = [html.P(title, className="graphic-title")]
    if subtitle:
        head.append(html.P(subtitle, className="graphic-subtitle"))
    body = [html.Div(graph, className="graphic-plot")]
    if legend is not None:
        body.append(html.Div(legend, className="graphic-legend"))
    return html.Figure(
        [
            html.Figcaption(head, className="graphic-head"),
            html.Div(body, className="graphic-body"),
            html.Div(
                [html.P(line) for line in source_lines(source_line)],
                className="graphic-source",
            ),
            tools,
        ],
        className=f"graphic graphic--{kind}",
        **({"id": frame_id} if frame_id else {}),
    )
