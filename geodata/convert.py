"""Many old addresses at once: a CSV or Excel table in, the same table out with the new unit.

Pure functions over bytes (no files, nothing stored): the dashboard's upload, the batch API and
``python -m geodata convert in.csv out.csv`` all call them. Each row is answered by
:func:`geodata.finder.lookup`; the added columns say which new unit, whether the old unit was
split, the candidates with their area shares, and how sure the answer is.
"""

from __future__ import annotations

import csv
import io
import re
import time
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass, field

from .finder import Finder, QueryError, lookup
from .text import fold

MAX_ROWS = 5_000
MAX_BYTES = 5_000_000
MAX_COLUMNS = 50
# Budgets of an .xlsx, checked from its zip directory before any XML is parsed. zipfile stops
# reading a member at its declared size (and fails its CRC beyond), so the directory's sizes hold.
MAX_PARTS = 200  # a workbook has ~10-30 parts
MAX_UNZIPPED = 24_000_000  # all parts together; a 5,000-row sheet of addresses is ~1-5 MB
MAX_PART = 8_000_000  # any one part (the sheet, styles…): ~2 s of parsing at worst
MAX_SHARED_STRINGS = 4_000_000  # read whole into memory by openpyxl: kept smaller
MAX_RATIO = 100  # uncompressed / compressed, for parts over RATIO_FROM bytes
RATIO_FROM = 1_000_000
MAX_CELLS = 150_000  # cell elements in the sheet, counted on its bytes before parsing (~2 s)
MAX_DECLARED_ROWS = 2 * MAX_ROWS  # a sheet's <dimension ref>: beyond these it is not believed
READ_SECONDS = 5.0
_CELL_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c[\s/>]")  # wall clock to read a file
CONVERT_SECONDS = 30.0  # wall clock for a whole request: read, answer every row, write
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
        "Tệp quá lớn ({size} byte); tối đa {limit} byte.",
        "File too large ({size} bytes); the limit is {limit} bytes.",
    ),
    "xls": (
        "Tệp Excel cũ (.xls) không đọc được: hãy lưu thành .xlsx hoặc “CSV UTF-8”.",
        "Old Excel files (.xls) cannot be read: save it as .xlsx or “CSV UTF-8”.",
    ),
    "xlsx": (
        "Không đọc được tệp Excel: tệp bị hỏng hoặc không phải .xlsx. Hãy mở và lưu lại bằng Excel,"
        " hoặc lưu thành “CSV UTF-8”.",
        "The Excel file could not be read: it is damaged or not an .xlsx file. Open and save it"
        " again in Excel, or save it as “CSV UTF-8”.",
    ),
    "no_sheet": (
        "Tệp Excel không có trang tính nào.",
        "The Excel file has no worksheet.",
    ),
    "sheet": (
        "Trang tính Excel bị hỏng gần dòng {row}: hãy mở và lưu lại bằng Excel, hoặc lưu thành"
        " “CSV UTF-8”.",
        "The Excel worksheet is damaged near row {row}: open and save it again in Excel, or save"
        " it as “CSV UTF-8”.",
    ),
    "cell": (
        "Dòng {row} có một ô số hoặc ngày tháng không hợp lệ: hãy sửa ô đó hoặc lưu thành"
        " “CSV UTF-8”.",
        "Row {row} has a cell with an invalid number or date: fix it, or save the file as"
        " “CSV UTF-8”.",
    ),
    "unzipped": (
        "Tệp Excel giải nén ra quá lớn ({size} byte); tối đa {limit} byte.",
        "The Excel file is too large once unpacked ({size} bytes); the limit is {limit} bytes.",
    ),
    "ratio": (
        "Tệp Excel bị nén bất thường ({ratio} lần); tối đa {limit} lần: có thể là tệp độc hại.",
        "The Excel file is compressed abnormally ({ratio} times; the limit is {limit}): it may be"
        " hostile.",
    ),
    "parts": (
        "Tệp Excel có quá nhiều thành phần ({n}); tối đa {limit}.",
        "The Excel file has too many parts ({n}); the limit is {limit}.",
    ),
    "dimension": (
        "Trang tính khai báo {rows} dòng × {cols} cột; tối đa {max_rows} dòng × {max_cols} cột.",
        "The worksheet declares {rows} rows × {cols} columns; the limit is {max_rows} rows ×"
        " {max_cols} columns.",
    ),
    "too_many_columns": (
        "Quá nhiều cột ({n}); tối đa {limit}.",
        "Too many columns ({n}); the limit is {limit}.",
    ),
    "too_many_cells": (
        "Trang tính có quá nhiều ô ({n}); tối đa {limit}: hãy xoá các cột không cần.",
        "The worksheet has too many cells ({n}); the limit is {limit}: remove the columns you"
        " do not need.",
    ),
    "budget": (
        "Bạn đã gửi quá nhiều dòng: tối đa {amount} dòng mỗi {per_vi} cho việc chuyển nhiều địa"
        " chỉ. Hãy đợi một chút rồi thử lại.",
        "You have sent too many rows: at most {amount} rows per {per_en} for converting many"
        " addresses. Please wait a little and try again.",
    ),
    "too_slow": (
        "Tệp cần quá nhiều thời gian để xử lý (hơn {seconds} giây): hãy chia nhỏ tệp.",
        "The file takes too long to process (over {seconds} seconds): split it into smaller files.",
    ),
    "encoding": (
        "Tệp không ở mã UTF-8 (byte lỗi ở dòng {row}): hãy lưu dưới dạng “CSV UTF-8”.",
        "The file is not UTF-8 (bad byte on row {row}): save it as “CSV UTF-8”.",
    ),
    "malformed": (
        "CSV lỗi ở dòng {row}: dấu ngoặc kép không đóng, hoặc một ô quá dài.",
        "Malformed CSV on row {row}: an unclosed double quote, or a cell too long.",
    ),
    "fields": (
        "Dòng {row} có {n} cột, tiêu đề có {expected}: hãy đặt địa chỉ trong dấu ngoặc kép.",
        "Row {row} has {n} fields, the header has {expected}: put the address in double quotes.",
    ),
    "empty": ("Tệp không có dòng dữ liệu nào.", "The file has no data rows."),
    "too_many_rows": (
        "Quá nhiều dòng ({n}); tối đa {limit}.",
        "Too many rows ({n}); the limit is {limit}.",
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
        self.kind, self.params = kind, params
        super().__init__(self.message("en"))

    def message(self, lang: str) -> str:
        """The message in ``lang`` ("vi" or "en"), whole numbers grouped as the language does
        (vi 5.000, en 5,000)."""
        vi, en = MESSAGES[self.kind]
        sep = "," if lang == "en" else "."
        params = {
            k: f"{v:,}".replace(",", sep) if isinstance(v, int) and not isinstance(v, bool) else v
            for k, v in self.params.items()
        }
        return (en if lang == "en" else vi).format(**params)


class Deadline:
    """A wall-clock budget for one request; ``check()`` raises ConvertError("too_slow") past it."""

    def __init__(self, seconds: float = CONVERT_SECONDS):
        self.seconds, self.end = seconds, time.monotonic() + seconds

    def check(self) -> None:
        """Raise ConvertError once the budget is spent."""
        if time.monotonic() > self.end:
            raise ConvertError("too_slow", seconds=round(self.seconds))


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


def _read_csv(raw: bytes, deadline: Deadline) -> list[list[str]]:
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
            if len(row) > MAX_COLUMNS:
                raise ConvertError("too_many_columns", n=len(row), limit=MAX_COLUMNS)
            rows.append(row)
            if len(rows) > MAX_ROWS + 1:
                break
            deadline.check()
    except csv.Error:
        # csv's own words (English, Python's) never reach the reader: the row says where.
        raise ConvertError("malformed", row=reader.line_num) from None
    return rows


def _check_zip(raw: bytes) -> None:
    """Refuse an .xlsx whose zip directory announces more than the budgets (before parsing)."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
        raise ConvertError("xlsx") from None
    if len(parts) > MAX_PARTS:
        raise ConvertError("parts", n=len(parts), limit=MAX_PARTS)
    total = sum(p.file_size for p in parts)
    if total > MAX_UNZIPPED:
        raise ConvertError("unzipped", size=total, limit=MAX_UNZIPPED)
    for part in parts:
        limit = MAX_SHARED_STRINGS if part.filename.endswith("sharedStrings.xml") else MAX_PART
        if part.file_size > limit:
            raise ConvertError("unzipped", size=part.file_size, limit=limit)
        if part.file_size > RATIO_FROM and part.file_size > MAX_RATIO * max(part.compress_size, 1):
            ratio = part.file_size // max(part.compress_size, 1)
            raise ConvertError("ratio", ratio=ratio, limit=MAX_RATIO)
    # Cells counted on each sheet's bytes (≤ MAX_PART, ~20 ms) before openpyxl, which reads a
    # sheet without a <dimension> through once just to open it.
    for part in parts:
        if part.filename.startswith("xl/worksheets/") and part.filename.endswith(".xml"):
            try:
                with zipfile.ZipFile(io.BytesIO(raw)) as archive:
                    cells = len(_CELL_TAG.findall(archive.read(part)))
            except (zipfile.BadZipFile, ValueError, EOFError, OSError, zlib.error):
                raise ConvertError("xlsx") from None
            if cells > MAX_CELLS:
                raise ConvertError("too_many_cells", n=cells, limit=MAX_CELLS)


def _open_sheet(raw: bytes):
    """(workbook, its first worksheet) in openpyxl's streaming mode; ConvertError otherwise."""
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds (KeyError, ParseError…) for a damaged file
        raise ConvertError("xlsx") from None
    try:
        sheet = book.worksheets[0]
    except IndexError:
        book.close()
        raise ConvertError("no_sheet") from None
    except Exception:  # a sheet part that cannot be opened or parsed at all
        book.close()
        raise ConvertError("xlsx") from None
    return book, sheet


def _read_xlsx(raw: bytes, deadline: Deadline) -> list[list[str]]:
    """The first sheet's rows under the budgets: zip directory, declared dimension, real rows
    and columns (streamed, stopping at the limit) and the request's deadline."""
    _check_zip(raw)
    book, sheet = _open_sheet(raw)
    try:
        declared_rows, declared_cols = sheet.max_row or 0, sheet.max_column or 0
        if declared_rows > MAX_DECLARED_ROWS or declared_cols > MAX_COLUMNS:
            raise ConvertError(
                "dimension",
                rows=declared_rows,
                cols=declared_cols,
                max_rows=MAX_ROWS + 1,
                max_cols=MAX_COLUMNS,
            )
        # Rows are never padded to a declared size: each is cut at MAX_COLUMNS + 1 cells (one
        # more, to tell a too-wide sheet), and reading stops one row past the limit.
        sheet.reset_dimensions()
        rows: list[list[str]] = []
        stream = sheet.iter_rows(max_row=MAX_ROWS + 2, max_col=MAX_COLUMNS + 1, values_only=True)
        while True:
            try:
                values = next(stream, None)
            except (ValueError, TypeError, OverflowError, ArithmeticError):
                raise ConvertError("cell", row=len(rows) + 1) from None
            except Exception:  # truncated XML, a shared string past the list, …
                raise ConvertError("sheet", row=len(rows) + 1) from None
            if values is None:
                break
            if len(values) > MAX_COLUMNS and values[MAX_COLUMNS] is not None:
                raise ConvertError("too_many_columns", n=MAX_COLUMNS + 1, limit=MAX_COLUMNS)
            cells_of_row = ["" if v is None else str(v) for v in values[:MAX_COLUMNS]]
            while cells_of_row and cells_of_row[-1] == "":
                cells_of_row.pop()
            rows.append(cells_of_row)
            deadline.check()
    finally:
        book.close()
    width = max((len(r) for r in rows), default=0)  # as wide as the widest real row
    return [r + [""] * (width - len(r)) for r in rows]


def address_column(header: list[str]) -> int:
    """Index of the address column: a known name, or the only column; ConvertError otherwise."""
    slugs = [fold(h).replace(" ", "_") for h in header]
    for i, slug in enumerate(slugs):
        if slug in ADDRESS_HEADERS:
            return i
    if len([h for h in header if h.strip()]) == 1:
        return next(i for i, h in enumerate(header) if h.strip())
    raise ConvertError("no_address")


def read_table(raw: bytes, deadline: Deadline | None = None) -> Table:
    """Read a CSV (UTF-8, "," ";" or tab) or .xlsx file of addresses; ConvertError names the row.

    Every read is bounded before parsing (size, zip directory, declared and real dimensions) and
    by ``deadline`` (READ_SECONDS when not given) while it streams.
    """
    deadline = deadline or Deadline(READ_SECONDS)
    if len(raw) > MAX_BYTES:
        raise ConvertError("too_large", size=len(raw), limit=MAX_BYTES)
    if raw.startswith(b"\xd0\xcf\x11\xe0"):
        raise ConvertError("xls")
    excel = raw.startswith(b"PK\x03\x04")
    rows = _read_xlsx(raw, deadline) if excel else _read_csv(raw, deadline)
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


def convert_table(
    finder: Finder, table: Table, lang: str = "vi", deadline: Deadline | None = None
) -> Table:
    """Answer every row of ``table`` (in place) and return it; ConvertError("too_slow") when
    ``deadline`` passes first."""
    memo: dict = {}
    answers = []
    for n, row in enumerate(table.rows, start=table.first_row):
        answers.append(answer_row(finder, row[table.address], n, lang, memo))
        if deadline is not None:
            deadline.check()
    table.answers = answers
    return table


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NEGATIVE_NUMBER = re.compile(r"^-(\d+([.,]\d+)*|\.\d+)([eE][+-]?\d+)?$")


def neutralise(cell):
    """A text cell that a spreadsheet would run as a formula (it starts with = + - @, tab or CR),
    prefixed with a single quote (OWASP's CSV injection advice); other values unchanged.

    Negative numbers ("-12", "-0.5") stay as they are: they are numbers, not formulas.
    """
    if isinstance(cell, str) and cell.startswith(FORMULA_STARTS):
        if not _NEGATIVE_NUMBER.match(cell):
            return "'" + cell
    return cell


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
    writer.writerow([neutralise(c) for c in _out_header(table)])
    writer.writerows([neutralise(c) for c in row] for row in _out_rows(table))
    return buf.getvalue().encode("utf-8-sig")


def write_xlsx(table: Table) -> bytes:
    """The converted table as an .xlsx workbook (one sheet); every cell is text, never a
    formula (openpyxl would store a string starting with "=" as one)."""
    import openpyxl
    from openpyxl.cell import WriteOnlyCell

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("converted")

    def text_cells(values: list[str]) -> list:
        cells = []
        for value in values:
            cell = WriteOnlyCell(sheet, value)
            if cell.data_type == "f":
                cell.data_type = "s"
            cells.append(cell)
        return cells

    sheet.append(text_cells(_out_header(table)))
    for row in _out_rows(table):
        sheet.append(text_cells(row))
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def convert_bytes(
    finder: Finder,
    raw: bytes,
    lang: str = "vi",
    excel_out: bool | None = None,
    charge=None,
):
    """Read, answer and write back a file: (bytes, table). Excel in → Excel out unless told.

    The whole request has CONVERT_SECONDS of wall clock, its reading READ_SECONDS of them.
    ``charge(rows)``, when given, is called once the rows are counted and before any is
    answered: it raises ConvertError("budget") to refuse them (the dashboard's rows budget)."""
    deadline = Deadline(CONVERT_SECONDS)
    read_deadline = Deadline(min(READ_SECONDS, CONVERT_SECONDS))
    table = read_table(raw, read_deadline)
    if charge is not None:
        charge(len(table.rows))
    table = convert_table(finder, table, lang, deadline)
    excel = table.excel if excel_out is None else excel_out
    return (write_xlsx(table) if excel else write_csv(table)), table
