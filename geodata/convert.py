"""Many old addresses at once: a CSV or Excel table in, the same table out with the new unit.

Pure functions over bytes (no files, nothing stored): the dashboard's upload, the batch API and
``python -m geodata convert in.csv out.csv`` all call them. Each row is answered by
:func:`geodata.finder.lookup`; the added columns say which new unit, whether the old unit was
split, the candidates with their area shares, and how sure the answer is.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from dataclasses import dataclass, field

from .finder import Finder, QueryError, lookup
from .text import fold

MAX_ROWS = 5_000
MAX_BYTES = 5_000_000
ADDRESS_HEADERS = {
    "address",
    "old_address",
    "dia_chi",
    "diachi",
    "dia_chi_cu",
    "query",
    "q",
    "old_unit",
    "don_vi_cu",
    "phuong_xa",
}
OUT_COLUMNS = ["new_code", "new_name", "whole_split", "candidates", "status", "note"]
# status: ok (one new unit), split (the old unit went to several: the first candidate is the
# largest share), ambiguous (several old units share the name), new_name (the query names a new
# unit), point (coordinates, exact), not_found, empty, error.

MESSAGES = {
    "too_large": (
        "Tệp quá lớn ({size:,} byte); tối đa {limit:,} byte.",
        "File too large ({size:,} bytes); the limit is {limit:,} bytes.",
    ),
    "xls": (
        "Tệp Excel cũ (.xls) không đọc được: hãy lưu thành .xlsx hoặc “CSV UTF-8”.",
        "Old Excel files (.xls) cannot be read: save it as .xlsx or “CSV UTF-8”.",
    ),
    "xlsx": ("Không đọc được tệp Excel: {detail}", "The Excel file could not be read: {detail}"),
    "encoding": (
        "Tệp không ở mã UTF-8 (byte lỗi ở dòng {row}): hãy lưu dưới dạng “CSV UTF-8”.",
        "The file is not UTF-8 (bad byte on row {row}): save it as “CSV UTF-8”.",
    ),
    "malformed": ("CSV lỗi ở dòng {row}: {detail}", "Malformed CSV on row {row}: {detail}"),
    "fields": (
        "Dòng {row} có {n} cột, tiêu đề có {expected}: hãy đặt địa chỉ trong dấu ngoặc kép.",
        "Row {row} has {n} fields, the header has {expected}: put the address in double quotes.",
    ),
    "empty": ("Tệp không có dòng dữ liệu nào.", "The file has no data rows."),
    "too_many_rows": (
        "Quá nhiều dòng ({n:,}); tối đa {limit:,}.",
        "Too many rows ({n:,}); the limit is {limit:,}.",
    ),
    "no_address": (
        "Không thấy cột địa chỉ: đặt tên cột là “address” hoặc “dia_chi”.",
        "No address column: name it “address” or “dia_chi”.",
    ),
}

NOTES = {
    "ok": ("Toàn bộ vào {name}.", "Wholly in {name}."),
    "split": (
        "Đơn vị cũ bị chia: phần lớn nhất (~{share}) vào {name}; hãy xem vị trí chính xác trên "
        "bản đồ.",
        "The old unit was split: the largest part (~{share}) went to {name}; check the exact "
        "location on the map.",
    ),
    "ambiguous": (
        "Nhiều đơn vị cũ cùng tên: hãy thêm quận/huyện cũ.",
        "Several old units share this name: add the old district.",
    ),
    "new_name": ("Đây là tên đơn vị mới.", "This is the name of a new unit."),
    "point": ("Toạ độ nằm trong {name}.", "The point lies in {name}."),
    "not_found": ("Không tìm thấy đơn vị nào khớp.", "No matching unit found."),
    "outside": ("Điểm nằm ngoài Hà Nội.", "The point is outside Hanoi."),
    "empty": ("Dòng {row}: địa chỉ trống.", "Row {row}: empty address."),
    "error": ("Dòng {row}: {detail}", "Row {row}: {detail}"),
    "too_long": (
        "Dòng {row}: địa chỉ quá dài ({n} ký tự, tối đa {limit}).",
        "Row {row}: address too long ({n} characters, at most {limit}).",
    ),
    "corrected": ("(đã sửa chính tả: {name})", "(spelling corrected: {name})"),
}


class ConvertError(ValueError):
    """A file that cannot be converted; ``message(lang)`` names the row when one is at fault."""

    def __init__(self, kind: str, **params):
        super().__init__(MESSAGES[kind][1].format(**params))
        self.kind, self.params = kind, params

    def message(self, lang: str) -> str:
        """The message in ``lang`` ("vi" or "en")."""
        vi, en = MESSAGES[self.kind]
        return (en if lang == "en" else vi).format(**self.params)


@dataclass
class Table:
    """A read table: header, rows (lists of strings) and which column holds the address."""

    header: list[str]
    rows: list[list[str]]
    address: int = 0
    excel: bool = False
    first_row: int = 2  # spreadsheet row number of rows[0] (the header is row 1)
    answers: list[dict] = field(default_factory=list)


def _row_of(text_bytes: bytes, pos: int) -> int:
    return text_bytes[:pos].count(b"\n") + 1


def _read_csv(raw: bytes) -> list[list[str]]:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ConvertError("encoding", row=_row_of(raw, exc.start)) from None
    text = unicodedata.normalize("NFC", text)
    first = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first.count) if any(d in first for d in ",;\t") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows = []
    try:
        for row in reader:
            rows.append(row)
            if len(rows) > MAX_ROWS + 1:
                break
    except csv.Error as exc:
        raise ConvertError("malformed", row=reader.line_num, detail=str(exc)[:120]) from None
    return rows


def _read_xlsx(raw: bytes) -> list[list[str]]:
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise ConvertError("xlsx", detail=str(exc).splitlines()[0][:120] or "?") from None
    rows = []
    for values in book.worksheets[0].iter_rows(values_only=True):
        rows.append(["" if v is None else str(v) for v in values])
        if len(rows) > MAX_ROWS + 1:
            break
    book.close()
    return rows


def address_column(header: list[str]) -> int:
    """Index of the address column: a known name, or the only column; ConvertError otherwise."""
    slugs = [fold(h).replace(" ", "_") for h in header]
    for i, slug in enumerate(slugs):
        if slug in ADDRESS_HEADERS:
            return i
    if len([h for h in header if h.strip()]) == 1:
        return next(i for i, h in enumerate(header) if h.strip())
    raise ConvertError("no_address")


def read_table(raw: bytes) -> Table:
    """Read a CSV (UTF-8, "," ";" or tab) or .xlsx file of addresses; ConvertError names the row."""
    if len(raw) > MAX_BYTES:
        raise ConvertError("too_large", size=len(raw), limit=MAX_BYTES)
    if raw.startswith(b"\xd0\xcf\x11\xe0"):
        raise ConvertError("xls")
    excel = raw.startswith(b"PK\x03\x04")
    rows = _read_xlsx(raw) if excel else _read_csv(raw)
    while rows and not any(c.strip() for c in rows[-1]):
        rows.pop()
    if len(rows) < 2:
        raise ConvertError("empty")
    if len(rows) - 1 > MAX_ROWS:
        raise ConvertError("too_many_rows", n=len(rows) - 1, limit=MAX_ROWS)
    header = [h.strip() for h in rows[0]]
    col = address_column(header)
    body = []
    for number, row in enumerate(rows[1:], start=2):
        if len(row) > len(header) and len(header) == 1:
            row = [", ".join(c.strip() for c in row if c.strip())]  # unquoted commas, one column
        elif len(row) > len(header) and any(c.strip() for c in row[len(header) :]):
            raise ConvertError("fields", row=number, n=len(row), expected=len(header))
        body.append((row + [""] * len(header))[: len(header)])
    return Table(header, body, col, excel)


def _share(value) -> str:
    return f"{value:.0%}" if isinstance(value, (int, float)) else "?"


def answer_row(finder: Finder, query: str, row: int, lang: str = "vi", memo=None) -> dict:
    """The added columns for one address (see OUT_COLUMNS); never raises for bad input."""
    pick = 1 if lang == "en" else 0
    note = lambda kind, **kw: NOTES[kind][pick].format(**kw)  # noqa: E731
    out = dict.fromkeys(OUT_COLUMNS, "")
    query = (query or "").strip()
    if not query:
        return dict(out, status="empty", note=note("empty", row=row))
    # Rows often repeat an address in other spacing or case: one lookup for them all.
    key = " ".join(query.casefold().split())
    try:
        answer = memo[key] if memo is not None and key in memo else lookup(finder, query)
    except QueryError as err:
        text = note(err.key, row=row, **err.args_) if err.key in NOTES else str(err)
        return dict(out, status="error", note=text)
    if memo is not None:
        memo[key] = answer
    matches = answer.get("matches") or []
    if not matches or answer.get("reading") == "new":
        nu = answer.get("new_unit")
        if not nu:
            outside = "lat" in answer
            return dict(out, status="not_found", note=note("outside" if outside else "not_found"))
        kind = "point" if "lat" in answer else "new_name"
        return dict(
            out,
            new_code=nu["new_code"],
            new_name=nu["new_name"],
            whole_split="whole" if kind == "point" else "",
            candidates=f"{nu['new_name']} ({nu['new_code']})",
            status=kind,
            note=note(kind, name=nu["new_name"]),
        )
    top = matches[0]
    tied = [m for m in matches if m["score"] >= top["score"] - 0.5 and not m["corrected"]]
    # The same unit under two codes (526 and 579 lists) is no ambiguity: both go to one place.
    routes = {tuple(sorted(n["new_code"] for n in m["new_units"])) for m in tied}
    if answer.get("ambiguous") and len(routes) > 1:
        return dict(
            out,
            whole_split="?",
            candidates="; ".join(
                f"{m['old_name']} ({m['district']}) → "
                + ", ".join(n["new_name"] for n in m["new_units"])
                for m in tied
            ),
            status="ambiguous",
            note=note("ambiguous"),
        )
    units = top["new_units"]
    first = units[0]
    split = len(units) > 1
    status = "split" if split else "ok"
    text = note(status, name=first["new_name"], share=_share(first["area_share"]))
    if top["corrected"]:
        text += " " + note("corrected", name=top["old_name"])
    return dict(
        out,
        new_code=first["new_code"],
        new_name=first["new_name"],
        whole_split="split" if split else "whole",
        candidates="; ".join(
            f"{n['new_name']} ({n['new_code']})"
            + (f" ~{_share(n['area_share'])}" if split and n["area_share"] is not None else "")
            for n in units
        ),
        status=status,
        note=text,
    )


def convert_queries(finder: Finder, queries: list[str], lang: str = "vi") -> list[dict]:
    """The added columns for each query, in order (row numbers count from 1)."""
    memo: dict = {}
    return [answer_row(finder, q, i, lang, memo) for i, q in enumerate(queries, start=1)]


def convert_table(finder: Finder, table: Table, lang: str = "vi") -> Table:
    """Answer every row of ``table`` (in place) and return it."""
    memo: dict = {}
    table.answers = [
        answer_row(finder, row[table.address], n, lang, memo)
        for n, row in enumerate(table.rows, start=table.first_row)
    ]
    return table


def _out_header(table: Table) -> list[str]:
    taken = set(table.header)
    return table.header + [c if c not in taken else f"{c}_2025" for c in OUT_COLUMNS]


def _out_rows(table: Table):
    for row, answer in zip(table.rows, table.answers, strict=True):
        yield row + [answer[c] for c in OUT_COLUMNS]


def write_csv(table: Table) -> bytes:
    """The converted table as UTF-8 CSV with a BOM (so Excel shows Vietnamese correctly)."""
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(_out_header(table))
    writer.writerows(_out_rows(table))
    return buf.getvalue().encode("utf-8-sig")


def write_xlsx(table: Table) -> bytes:
    """The converted table as an .xlsx workbook (one sheet)."""
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("converted")
    sheet.append(_out_header(table))
    for row in _out_rows(table):
        sheet.append(row)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def convert_bytes(finder: Finder, raw: bytes, lang: str = "vi", excel_out: bool | None = None):
    """Read, answer and write back a file: (bytes, table). Excel in → Excel out unless told."""
    table = convert_table(finder, read_table(raw), lang)
    excel = table.excel if excel_out is None else excel_out
    return (write_xlsx(table) if excel else write_csv(table)), table
