"""The upload block: template link, drop zone, and the validator's messages."""

from __future__ import annotations

from dash import dcc, html

from dashboard.model.i18n import t
from dashboard.model.upload import UploadResult


def upload_section(lang: str) -> html.Section:
    """Upload controls; the figures go to the browser's session store only."""
    return html.Section(
        [
            html.H3(t("upload_title", lang)),
            html.P(t("upload_help", lang)),
            html.P(
                html.A(
                    t("template", lang),
                    href="/download/template.csv",
                    download="hanoi-126-template.csv",
                )
            ),
            dcc.Upload(
                id="upload",
                children=html.Div(t("upload_drop", lang), id="upload-drop-text"),
                accept=".csv,text/csv",
                multiple=False,
                className="upload-zone",
            ),
            html.Button(t("upload_clear", lang), id="upload-clear", n_clicks=0),
            html.Div(id="upload-messages", **{"aria-live": "polite"}),
        ],
        className="upload-section",
    )


def upload_messages(result: UploadResult, filename: str, lang: str) -> html.Div:
    """What happened to the file: loaded columns, or every problem to fix; warnings either way."""
    name = (filename or "?")[:80]
    warnings = [html.Li(w.message(lang)) for w in result.warnings]
    if not result.ok:
        return html.Div(
            [
                html.P(t("upload_rejected", lang).format(file=name)),
                html.Ul([html.Li(e.message(lang)) for e in result.errors] + warnings),
            ],
            className="error",
            role="alert",
        )
    cols = ", ".join(result.columns)
    return html.Div(
        [
            html.P(t("upload_ok", lang).format(n=len(result.columns), file=name, cols=cols)),
            html.Ul(warnings) if warnings else None,
        ],
        className="ok",
    )
