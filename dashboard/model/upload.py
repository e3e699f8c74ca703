"""Officials' own figures: validate an uploaded CSV keyed by GSO code (pure functions, no Dash).

Nothing is stored on the server: the validated columns go back to the browser's session store.
Any error rejects the whole file, so a half-read file can never look like real figures.
"""

from __future__ import annotations

import base64
import binascii
import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from geodata.convert import neutralise
from geodata.text import fold, nfc

MAX_BYTES = 1_000_000  # 126 rows are a few KB; anything near this is not the template
MAX_ROWS = 1_000
MAX_COLUMNS = 20
MAX_ABS_VALUE = 1e12
MAX_LISTED = 8  # problems of one kind listed one by one; the rest are counted
CODE_HEADERS = {"code", "ma", "ma_gso", "gso_code", "ma_don_vi", "ma_xa"}
LABEL_HEADERS = {"name", "ten", "ten_don_vi", "full_name", "don_vi", "unit"}
TEMPLATE_COLUMNS = ["staff", "dossiers_received", "dossiers_on_time"]
_PLAIN = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_COMMA_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")

MESSAGES = {
    "not_file": ("Không đọc được tệp tải lên.", "The upload could not be read."),
    "too_large": (
        "Tệp quá lớn ({size:,} byte); tối đa {limit:,} byte.",
        "File too large ({size:,} bytes); the limit is {limit:,} bytes.",
    ),
    "excel": (
        "Đây là tệp Excel, không phải CSV: hãy lưu dưới dạng “CSV UTF-8”.",
        "This is an Excel file, not CSV: save it as “CSV UTF-8”.",
    ),
    "encoding": (
        "Tệp không ở mã UTF-8 (byte lỗi ở vị trí {pos}): hãy lưu dưới dạng “CSV UTF-8”.",
        "The file is not UTF-8 (bad byte at position {pos}): save it as “CSV UTF-8”.",
    ),
    "malformed": ("Không đọc được CSV: {detail}", "Malformed CSV: {detail}"),
    "empty": ("Tệp không có dòng dữ liệu nào.", "The file has no data rows."),
    "too_many_rows": (
        "Quá nhiều dòng ({n:,}); tối đa {limit:,}.",
        "Too many rows ({n:,}); the limit is {limit:,}.",
    ),
    "too_many_columns": (
        "Quá nhiều cột ({n}); tối đa {limit}.",
        "Too many columns ({n}); the limit is {limit}.",
    ),
    "no_code": (
        "Thiếu cột mã đơn vị: cột đầu tiên phải tên là “code” (mã GSO 5 chữ số).",
        "No code column: name it “code” (the 5-digit GSO code).",
    ),
    "bad_code": (
        "Mã không hợp lệ ở dòng {rows}: {values}.",
        "Invalid code on row {rows}: {values}.",
    ),
    "unknown_code": (
        "Mã không thuộc 126 đơn vị mới ở dòng {rows}: {values}.",
        "Codes not among the 126 new units on row {rows}: {values}.",
    ),
    "duplicate_code": ("Mã lặp lại: {values}.", "Duplicate codes: {values}."),
    "non_numeric": (
        "Cột “{column}” có giá trị không phải số ở dòng {rows}: {values}."
        " Chỉ dùng chữ số, dấu “.” cho phần thập phân.",
        "Column “{column}” has non-numeric values on row {rows}: {values}."
        " Use digits, with “.” for decimals.",
    ),
    "out_of_range": (
        "Cột “{column}” có giá trị quá lớn ở dòng {rows}.",
        "Column “{column}” has values out of range on row {rows}.",
    ),
    "no_values": (
        "Không có cột số liệu nào ngoài mã và tên.",
        "No numeric column besides code and name.",
    ),
    "empty_column": (
        "Cột “{column}” không có giá trị nào, bỏ qua.",
        "Column “{column}” has no values; ignored.",
    ),
    "missing_units": (
        "{n} đơn vị không có trong tệp, sẽ hiện “không có dữ liệu”: {values}.",
        "{n} units are not in the file and will show “no data”: {values}.",
    ),
}


@dataclass(frozen=True)
class Problem:
    """One validation problem: a message key and its parameters."""

    kind: str
    params: dict = field(default_factory=dict)

    def message(self, lang: str) -> str:
        """The message in ``lang``."""
        vi, en = MESSAGES[self.kind]
        return (en if lang == "en" else vi).format(**self.params)


@dataclass
class UploadResult:
    """The valid columns (name → {code: value}), errors that reject the file, and warnings."""

    columns: dict[str, dict[str, float]] = field(default_factory=dict)
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when the file is accepted."""
        return not self.errors and bool(self.columns)


def _listed(items: list) -> str:
    shown = ", ".join(str(i) for i in items[:MAX_LISTED])
    return shown + (f" (+{len(items) - MAX_LISTED})" if len(items) > MAX_LISTED else "")


def decode_upload(contents: str) -> bytes:
    """Bytes of a ``data:...;base64,...`` URL as sent by ``dcc.Upload``; else ValueError."""
    if not isinstance(contents, str) or "," not in contents:
        raise ValueError("not a data URL")
    header, payload = contents.split(",", 1)
    if not header.endswith(";base64"):
        raise ValueError("not base64")
    try:
        return base64.b64decode(payload, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise ValueError("bad base64") from exc


def decode_text(raw: bytes) -> str:
    """The text of a CSV: UTF-8 (BOM or not) or UTF-16 with BOM; else UnicodeDecodeError."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    return raw.decode("utf-8-sig")


def parse_number(text: str) -> float | None:
    """A number from a cell: plain digits with "." decimals, or 1,234,567 thousands; None if blank.

    Raises ValueError for anything else: "12,5" or "1.234.567" are ambiguous between locales and
    are refused rather than guessed.
    """
    s = text.strip().replace("\u00a0", "").replace(" ", "")
    if not s:
        return None
    if _COMMA_THOUSANDS.match(s):
        s = s.replace(",", "")
    if not _PLAIN.match(s):
        raise ValueError(text)
    return float(s)


def header_slug(header: str) -> str:
    """A column header folded for recognition ("Hồ sơ tiếp nhận" → "ho_so_tiep_nhan")."""
    return fold(header).replace(" ", "_")


def column_ids(names: list) -> list[str]:
    """Safe, unique identifiers (``[a-z0-9_]``, ≤ 40 chars) for uploaded column names.

    The names become DataTable column ids (inside ``{…}`` filter queries) and plotly titles:
    a raw ``a}b`` would break the table's filter and ``x} is blank || {code`` would rewrite it.
    """
    out: list[str] = []
    for name in names:
        base = header_slug(str(name))[:40].strip("_") or "column"
        safe, n = base, 1
        while safe in out:
            n += 1
            safe = f"{base[:36]}_{n}"
        out.append(safe)
    return out


def _delimiter(text: str) -> str:
    first = text.splitlines()[0] if text.strip() else ""
    try:
        return csv.Sniffer().sniff(first[:4096], delimiters=",;\t").delimiter
    except csv.Error:
        return ","


def _widest_row(text: str) -> int:
    """The most fields on any row (0 when the csv module cannot read it: pandas then says why)."""
    widest = 0
    try:
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text)):
            widest = max(widest, len(row))
    except csv.Error:
        return widest
    return widest


def _read_table(text: str) -> pd.DataFrame:
    return pd.read_csv(
        io.StringIO(text),
        sep=_delimiter(text),
        dtype=str,
        keep_default_na=False,
        skip_blank_lines=True,
    )


class Rejected(Exception):
    """The file is refused as a whole; ``problems`` say why."""

    def __init__(self, *problems: Problem):
        super().__init__(problems[0].kind if problems else "rejected")
        self.problems = list(problems)


def read_upload_table(
    contents: str | None, max_rows: int = MAX_ROWS, max_columns: int = MAX_COLUMNS
) -> pd.DataFrame:
    """The uploaded CSV as a table of strings, NFC; Rejected for anything that is not a small,
    UTF-8, non-empty CSV file (size, Excel signature, encoding, syntax, row and column limits)."""
    try:
        raw = decode_upload(contents)
    except ValueError:
        raise Rejected(Problem("not_file")) from None
    if len(raw) > MAX_BYTES:
        raise Rejected(Problem("too_large", {"size": len(raw), "limit": MAX_BYTES}))
    # ZIP (xlsx) and OLE2 (xls) signatures: an Excel file, whatever its name says.
    if raw.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        raise Rejected(Problem("excel"))
    try:
        text = unicodedata.normalize("NFC", decode_text(raw))
    except UnicodeDecodeError as exc:
        raise Rejected(Problem("encoding", {"pos": exc.start})) from None
    # pandas takes minutes over one line of 900,000 commas (header or data) before any check
    # of ours: the widest row is measured first by the csv module (~15 ms for 1 MB).
    # Moderately wide tables go on to pandas, so that every limit they break is reported.
    width = _widest_row(text)
    if width > 10 * max_columns:
        raise Rejected(Problem("too_many_columns", {"n": width, "limit": max_columns}))
    try:
        table = _read_table(text)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, csv.Error) as exc:
        detail = str(exc).strip().splitlines()[-1][:200] if str(exc).strip() else "empty file"
        detail = detail.replace("Error tokenizing data. C error: ", "")  # pandas' own words
        raise Rejected(Problem("malformed", {"detail": detail})) from None
    if table.empty:
        raise Rejected(Problem("empty"))
    problems = []
    if len(table) > max_rows:
        problems.append(Problem("too_many_rows", {"n": len(table), "limit": max_rows}))
    if table.shape[1] > max_columns:
        problems.append(Problem("too_many_columns", {"n": table.shape[1], "limit": max_columns}))
    if problems:
        raise Rejected(*problems)
    return table


def _check_codes(codes: pd.Series, rows: pd.Series, known: set[str]) -> tuple[pd.Series, list]:
    """Codes padded back to five digits (Excel drops leading zeros), and their problems."""
    codes = codes.str.strip()
    digits = codes.str.fullmatch(r"\d{1,5}")
    codes = codes.where(~digits, codes.str.zfill(5))
    problems = []
    if (~digits).any():
        problems.append(
            Problem(
                "bad_code",
                {
                    "rows": _listed(list(rows[~digits])),
                    "values": _listed(list(codes[~digits].str[:12])),
                },
            )
        )
    unknown = digits & ~codes.isin(known)
    if unknown.any():
        problems.append(
            Problem(
                "unknown_code",
                {"rows": _listed(list(rows[unknown])), "values": _listed(list(codes[unknown]))},
            )
        )
    dup = codes[digits].duplicated(keep=False)
    if dup.any():
        problems.append(
            Problem("duplicate_code", {"values": _listed(sorted(set(codes[digits][dup])))})
        )
    return codes, problems


def _column_values(name: str, cells: pd.Series, rows: pd.Series) -> pd.Series | Problem:
    """A value column as floats (NaN for blanks), or the Problem that refuses it."""
    parsed, bad = [], []
    for row, cell in zip(rows, cells, strict=True):
        try:
            parsed.append(parse_number(cell))
        except ValueError:
            parsed.append(None)
            bad.append((row, cell))
    if bad:
        return Problem(
            "non_numeric",
            {
                "column": name,
                "rows": _listed([r for r, _ in bad]),
                "values": _listed([f"“{v[:20]}”" for _, v in bad]),
            },
        )
    values = pd.Series(parsed, index=cells.index, dtype=float)
    huge = values.abs() > MAX_ABS_VALUE
    if huge.any():
        return Problem("out_of_range", {"column": name, "rows": _listed(list(rows[huge]))})
    return values


def validate_upload(contents: str | None, known_codes: list[str]) -> UploadResult:
    """Validate a CSV upload against the 126 codes; see MESSAGES for every case it reports.

    Steps: read the file (read_upload_table), find the code column, check the codes, parse each
    value column; any error rejects the whole file.
    """
    result = UploadResult()
    try:
        table = read_upload_table(contents)
    except Rejected as rejected:
        result.errors = rejected.problems
        return result
    slugs = [header_slug(c) for c in table.columns]
    code_col = next(
        (c for c, s in zip(table.columns, slugs, strict=True) if s in CODE_HEADERS), None
    )
    if code_col is None:
        result.errors.append(Problem("no_code"))
        return result
    rows = pd.Series(range(2, len(table) + 2), index=table.index)  # row 1 is the header
    codes, result.errors = _check_codes(table[code_col], rows, set(known_codes))
    value_cols = [
        c
        for c, s in zip(table.columns, slugs, strict=True)
        if c != code_col and s not in LABEL_HEADERS
    ]
    for col, safe in zip(value_cols, column_ids(value_cols), strict=True):
        name = nfc(col)[:40] or "?"  # as the reader wrote it, for the messages only
        values = _column_values(name, table[col], rows)
        if isinstance(values, Problem):
            result.errors.append(values)
        elif values.isna().all():
            result.warnings.append(Problem("empty_column", {"column": name}))
        else:
            result.columns[safe] = {
                c: float(v) for c, v in zip(codes, values, strict=True) if not np.isnan(v)
            }
    if not value_cols or (not result.columns and not result.errors):
        result.errors.append(Problem("no_values"))
    if result.errors:
        result.columns = {}
        return result
    missing = sorted(set(known_codes) - set(codes))
    if missing:
        result.warnings.append(
            Problem("missing_units", {"n": len(missing), "values": _listed(missing)})
        )
    return result


def template_csv(units: pd.DataFrame) -> str:
    """The upload template: one row per unit with code and name, the value columns left blank."""
    frame = pd.DataFrame({"code": units["code"], "name": units["full_name"].map(neutralise)})
    for col in TEMPLATE_COLUMNS:
        frame[col] = ""
    return frame.to_csv(index=False)


def session_figures(value) -> dict | None:
    """The session store's figures if well-formed, else None.

    Well-formed: ``{"file": …, "columns": {name: {code: number}}}``.

    The store comes back from the browser, so it is checked like any other input.
    """
    if not isinstance(value, dict) or not isinstance(value.get("columns"), dict):
        return None
    columns = {}
    items = list(value["columns"].items())[:MAX_COLUMNS]
    if not all(isinstance(name, str) and isinstance(values, dict) for name, values in items):
        return None
    # The store comes from the browser: its names are made safe again, whoever wrote them.
    for (_, values), name in zip(items, column_ids([n for n, _ in items]), strict=True):
        clean = {
            c: float(v)
            for c, v in values.items()
            if isinstance(c, str)
            and isinstance(v, (int, float))
            and not isinstance(v, bool)
            and np.isfinite(v)
            and abs(v) <= MAX_ABS_VALUE
        }
        columns[name] = clean
    return {"file": str(value.get("file", ""))[:80], "columns": columns}
