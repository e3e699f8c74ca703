"""City-wide figures of the 2025 reorganisation, as reported by the press, with their sources.

One row per figure in ``<data>/reorganisation_facts/facts.csv`` (see the ``PROVENANCE.md`` beside
it): a number, its unit and period, short labels in Vietnamese and English, and the article, date
and short quote it comes from. This module only reads and checks the file.
"""

from __future__ import annotations

import csv
import math
from pathlib import Path

import pandas as pd

from .text import nfc

FACTS_RELPATH = Path("reorganisation_facts") / "facts.csv"

# Columns every row must have (empty allowed except where the tests say otherwise).
REQUIRED_COLUMNS = (
    "key",
    "value",
    "unit",
    "period",
    "group",
    "label_vi",
    "label_en",
    "source_title",
    "source_publisher",
    "source_date",
    "source_url",
    "quote",
    "note",  # our note on the figure, in English
    "note_vi",  # the same note in Vietnamese
)
# Columns read when present, filled with "" when absent.
OPTIONAL_COLUMNS = ("qualifier", "scope", "source_note", "citation_vi", "citation_en")


def _number(raw: str) -> float:
    """``raw`` as a finite float (plain digits, dot decimal); ValueError otherwise."""
    text = raw.strip()
    if not text or "," in text or "_" in text:
        raise ValueError(raw)
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(raw)
    return value


def read_facts(root: Path) -> pd.DataFrame:
    """The reorganisation figures under ``root`` (the data directory), one row per figure.

    Columns in the file's order, absent optional ones appended. ``value`` is float64; every other
    column is NFC text (pandas ``string`` dtype, "" when empty).
    Raises a one-line ``ValueError`` naming the file, and the row (counted from 1 after the header)
    and its key, for a missing required column, a non-numeric value or a repeated key.
    """
    path = Path(root) / FACTS_RELPATH
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        header = [nfc(c) for c in (reader.fieldnames or [])]
        missing = [c for c in REQUIRED_COLUMNS if c not in header]
        if missing:
            raise ValueError(f"{path}: missing required column(s): {', '.join(missing)}")
        reader.fieldnames = header
        rows = list(reader)
    columns = [c for c in header if c] + [c for c in OPTIONAL_COLUMNS if c not in header]
    text_columns = [c for c in columns if c != "value"]

    records: list[dict] = []
    seen: dict[str, int] = {}
    for number, raw in enumerate(rows, start=1):
        record: dict[str, str | float] = {c: nfc(raw.get(c) or "") for c in text_columns}
        key = str(record["key"])
        where = f"{path}: row {number} (key {key!r})"
        try:
            record["value"] = _number(raw.get("value") or "")
        except ValueError:
            raise ValueError(f"{where}: value {raw.get('value')!r} is not a plain number") from None
        if not key:
            raise ValueError(f"{where}: empty key")
        if key in seen:
            raise ValueError(f"{where}: key already used in row {seen[key]}")
        seen[key] = number
        records.append(record)

    frame = pd.DataFrame.from_records(records, columns=columns)
    return frame.astype({"value": "float64", **{c: "string" for c in text_columns}})
