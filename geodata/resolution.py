"""Parse Resolution 1656/NQ-UBTVQH15, Article 1, clause by clause.

Each clause reads like "Sắp xếp toàn bộ … của các phường A, B và một phần … của các phường C, D
và phần còn lại của phường E sau khi sắp xếp theo quy định tại khoản 1 Điều này thành phường mới
có tên gọi là phường X." The parser turns it into one row per old unit named, with
whole/part and the clause number and text; names are resolved to GSO codes elsewhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from .text import nfc

# Phrases that open a list of old units, and what they say about the share transferred.
_MARKERS = [
    (
        r"một phần diện tích tự nhiên, toàn bộ quy mô dân số của",
        "part",
        "part of area, all population",
    ),
    (r"toàn bộ diện tích tự nhiên, quy mô dân số của", "whole", ""),
    (r"một phần diện tích tự nhiên, quy mô dân số của", "part", ""),
    (r"một phần diện tích tự nhiên của", "part", "area only"),
    (r"phần còn lại của", "part", "remainder"),
]
_MARKER_RE = re.compile("|".join(f"({m})" for m, _, _ in _MARKERS))
# Some clause numbers are indented with no-break spaces in the transcription.
_CLAUSE_RE = re.compile(r"^\s*(\d+)\\?\.\s", re.M)
_NEW_UNIT_RE = re.compile(r"\s+thành (?:phường|xã) mới có tên gọi (?:là )?(phường|xã) (.+?)\.?\s*$")
# A remainder's back-reference to earlier clauses ends at "Điều này" or at the next marker.
_AFTER_RE = re.compile(r"\s*sau khi sắp xếp theo quy định tại .*?(?:Điều này|$)")
_TYPE_RE = re.compile(r"^(?:các )?(phường|xã|thị trấn)\s+", re.I)
_HINT_RE = re.compile(r"\s*\((quận|huyện|thị xã) ([^)]+)\)\s*$")


@dataclass(frozen=True)
class ClauseEntry:
    """One old unit as named in one clause."""

    clause: int
    new_type: str
    new_name: str
    old_type: str
    old_name: str
    district_hint: str
    kind: str
    note: str


def article_one(text: str) -> str:
    """The body of Article 1 (the clauses), with Markdown emphasis and escapes removed."""
    start = text.index("Điều 1.")
    end = text.index("Điều 2.")
    body = text[start:end]
    return body.replace("**", "").replace("\\-", "-").replace("\\", "")


def split_clauses(text: str) -> dict[int, str]:
    """Map clause number → clause text on one line, for every clause of Article 1."""
    body = article_one(text)
    parts = _CLAUSE_RE.split(body)
    clauses = {}
    for number, chunk in zip(parts[1::2], parts[2::2], strict=True):
        clauses[int(number)] = nfc(chunk.replace("\n", " "))
    return clauses


def _split_names(segment: str) -> list[tuple[str, str, str]]:
    """'các phường A, B và C (quận Q)' → [(type, name, district hint), …]; the type carries over."""
    items = [i for i in re.split(r",\s*|\s+và\s+", segment) if i.strip()]
    current_type = ""
    out = []
    for item in items:
        item = item.strip()
        match = _TYPE_RE.match(item)
        if match:
            current_type = match.group(1).lower()
            item = item[match.end() :]
        hint = ""
        hint_match = _HINT_RE.search(item)
        if hint_match:
            hint = f"{hint_match.group(1)} {hint_match.group(2)}"
            item = item[: hint_match.start()]
        out.append((current_type, nfc(item), nfc(hint)))
    return out


def parse_clause(number: int, text: str) -> list[ClauseEntry]:
    """Parse one clause into its old-unit entries; [] for a clause that creates no unit."""
    new_match = _NEW_UNIT_RE.search(text)
    if not new_match:
        return []
    new_type, new_name = new_match.group(1), nfc(new_match.group(2))
    body = text[: new_match.start()]
    markers = list(_MARKER_RE.finditer(body))
    entries = []
    for i, marker in enumerate(markers):
        kind, note = next((k, n) for (m, k, n) in _MARKERS if re.fullmatch(m, marker.group(0)))
        end = markers[i + 1].start() if i + 1 < len(markers) else len(body)
        segment = body[marker.end() : end]
        segment = _AFTER_RE.sub("", segment)
        segment = re.sub(r"(,|\s+và)\s*$", "", segment.strip()).strip()
        for old_type, old_name, hint in _split_names(segment):
            entries.append(
                ClauseEntry(number, new_type, new_name, old_type, old_name, hint, kind, note)
            )
    return entries


def parse_resolution(text: str) -> tuple[pd.DataFrame, dict[int, str]]:
    """All clause entries as a DataFrame, plus the clause texts keyed by number."""
    clauses = split_clauses(text)
    rows = [entry for n, t in clauses.items() for entry in parse_clause(n, t)]
    return pd.DataFrame([r.__dict__ for r in rows]), clauses
