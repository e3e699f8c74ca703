"""File downloads: the upload template (and, for the press, the data files)."""
from __future__ import annotations

from flask import Blueprint, Response

from .data import AppData
from .upload import template_csv


def make_downloads(data: AppData) -> Blueprint:
    """The downloads blueprint bound to the app's data."""
    bp = Blueprint("downloads", __name__, url_prefix="/download")
    units = data.units.reset_index()

    @bp.get("/template.csv")
    def _template():
        # UTF-8 with BOM so that Excel opens the Vietnamese names correctly.
        return Response("\ufeff" + template_csv(units), mimetype="text/csv",
                        headers={"Content-Disposition": "attachment; filename=hanoi-126-template.csv"})

    return bp
