"""The "many addresses" block: upload a CSV/Excel file of old addresses, get it back converted."""

from __future__ import annotations

from dash import dcc, html

from dashboard.model.i18n import t
from dashboard.model.upload import decode_upload
from geodata.convert import ConvertError, convert_bytes
from geodata.finder import Finder


def convert_section(lang: str) -> html.Section:
    """Drop zone, help and messages; the converted file is sent back by ``dcc.Download``."""
    return html.Section(
        [
            html.H3(t("convert_title", lang)),
            html.P(t("convert_help", lang)),
            dcc.Upload(
                id="convert-upload",
                children=html.Div(t("convert_drop", lang), id="convert-drop-text"),
                accept=".csv,text/csv,.xlsx,application/vnd.openxmlformats-officedocument"
                ".spreadsheetml.sheet",
                multiple=False,
                className="upload-zone",
            ),
            html.Div(id="convert-messages", **{"aria-live": "polite"}),
            dcc.Download(id="convert-download"),
        ],
        className="convert-section",
    )


def convert_upload(finder: Finder, contents, filename, lang: str, charge=None):
    """(download dict or None, message) for an uploaded file; nothing is kept on the server.

    ``charge(rows)`` spends the client's rows budget (convert_bytes); over it, a message."""
    name = (filename if isinstance(filename, str) else "?")[:80] or "?"
    try:
        if charge is not None and hasattr(charge, "check"):
            charge.check()  # a client over its rows budget: refused before decoding its file
        raw = decode_upload(contents)
        out, table = convert_bytes(finder, raw, lang, charge=charge)
    except ValueError as err:  # ConvertError is a ValueError; so is a broken data URL
        message = (
            err.message(lang) if isinstance(err, ConvertError) else t("upload_unreadable", lang)
        )
        failed = t("convert_failed", lang).format(file=name, message=message)
        return None, html.P(failed, className="error", role="alert")
    counts: dict[str, int] = {}
    for answer in table.answers:
        counts[answer["status"]] = counts.get(answer["status"], 0) + 1
    summary = ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
    stem = name.rsplit(".", 1)[0] or "addresses"
    ext = "xlsx" if table.excel else "csv"
    done = t("convert_done", lang).format(n=len(table.answers), file=name, summary=summary)
    download = dcc.send_bytes(out, f"{stem}-2025.{ext}")
    return download, html.P(done, className="ok", role="status")
