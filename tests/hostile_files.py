"""Hostile spreadsheets, built in memory in well under a second each (issue #24).

Used by the tests (tests/geodata/test_hostile_files.py, the live fuzz) and by
benchmarks/hostile_files.py. Each is a minimal .xlsx written part by part, so a test can say
exactly what is wrong with it.
"""

from __future__ import annotations

import io
import random
import struct
import zipfile
import zlib

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sharedStrings+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
RNS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
SHEETS = '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets>'
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>'
)
SHEET_HEAD = f'<?xml version="1.0" encoding="UTF-8"?><worksheet {NS}>'


def _workbook(sheets: str = SHEETS) -> str:
    return f'<?xml version="1.0" encoding="UTF-8"?><workbook {NS} {RNS}>{sheets}</workbook>'


def _shared(strings: list[str]) -> str:
    items = "".join(f"<si><t>{s}</t></si>" for s in strings)
    return f'<sst {NS} count="{len(strings)}" uniqueCount="{len(strings)}">{items}</sst>'


def build_xlsx(sheet_xml: str | None, strings=("address",), sheets: str = SHEETS) -> bytes:
    """A minimal workbook: one sheet part (``None``: no sheet part at all) and shared strings."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        zf.writestr("_rels/.rels", ROOT_RELS)
        zf.writestr("xl/workbook.xml", _workbook(sheets))
        zf.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        zf.writestr("xl/sharedStrings.xml", _shared(list(strings)))
        if sheet_xml is not None:
            zf.writestr("xl/worksheets/sheet1.xml", sheet_xml)
    return buf.getvalue()


def _cell(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def sheet(rows: str, dimension: str | None = None) -> str:
    """A worksheet part holding ``rows`` (``<row>`` elements) and a declared dimension."""
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    return f"{SHEET_HEAD}{dim}<sheetData>{rows}</sheetData></worksheet>"


def dimension_bomb() -> bytes:
    """~5 KB: declares A1:XFD1048576 and holds one cell, in row 5,001 (the issue's file)."""
    rows = f'<row r="5001">{_cell("A5001", "Hang Bai")}</row>'
    noise = random.Random(24).randbytes(2700).hex()  # incompressible: ~4.7 KB, as reported
    pad = f"<!-- {noise} -->"
    return build_xlsx(sheet(rows, "A1:XFD1048576") + pad)


def far_cells(n: int = 5001) -> bytes:
    """No dimension; each of ``n`` rows has one cell in the last column (XFD): a reader that pads
    rows to their last cell builds n × 16,384 cells."""
    rows = "".join(f'<row r="{i}">{_cell(f"XFD{i}", "x")}</row>' for i in range(1, n + 1))
    return build_xlsx(sheet(rows))


def zip_bomb(unzipped_mb: int = 256) -> bytes:
    """A sheet part of ``unzipped_mb`` MB of rows that deflates ~1000:1 (level 9 streaming over
    one repeated 1 MB block: about a second per 256 MB)."""
    head = sheet(f'<row r="1">{_cell("A1", "address")}</row>').split("</sheetData>")[0]
    row = '<row><c t="inlineStr"><is><t>Hang Bai</t></is></c></row>'
    block = (row * (1_048_576 // len(row) + 1))[:1_048_576].encode()
    block = block[: block.rfind(b"</row>") + 6]
    tail = b"</sheetData></worksheet>"
    deflate = zlib.compressobj(9, zlib.DEFLATED, -15)
    body = [deflate.compress(head.encode())]
    crc, size = zlib.crc32(head.encode()), len(head)
    for _ in range(unzipped_mb):
        body.append(deflate.compress(block))
        crc, size = zlib.crc32(block, crc), size + len(block)
    body.append(deflate.compress(tail))
    body.append(deflate.flush())
    crc, size = zlib.crc32(tail, crc), size + len(tail)
    return _with_raw_member(build_xlsx(None), "xl/worksheets/sheet1.xml", b"".join(body), crc, size)


def lying_zip_bomb(unzipped_mb: int = 64) -> bytes:
    """The zip bomb whose directory claims the sheet is 10 KB: the reader must not believe the
    data stream (zipfile stops at the declared size; the rest is refused)."""
    raw = bytearray(zip_bomb(unzipped_mb))
    name = b"xl/worksheets/sheet1.xml"
    local = raw.find(b"PK\x03\x04")
    while local != -1:
        (name_len,) = struct.unpack_from("<H", raw, local + 26)
        if raw[local + 30 : local + 30 + name_len] == name:
            struct.pack_into("<I", raw, local + 22, 10_000)
        local = raw.find(b"PK\x03\x04", local + 4)
    central = raw.find(b"PK\x01\x02")
    while central != -1:
        (name_len,) = struct.unpack_from("<H", raw, central + 28)
        if raw[central + 46 : central + 46 + name_len] == name:
            struct.pack_into("<I", raw, central + 24, 10_000)
        central = raw.find(b"PK\x01\x02", central + 4)
    return bytes(raw)


def _with_raw_member(base: bytes, name: str, deflated: bytes, crc: int, size: int) -> bytes:
    """``base`` plus one member whose already-deflated bytes are given (no recompression)."""
    buf = io.BytesIO(base)
    with zipfile.ZipFile(buf, "a") as zf:
        info = zipfile.ZipInfo(name, date_time=(2025, 7, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        info.CRC, info.file_size, info.compress_size = crc, size, len(deflated)
        info.header_offset = zf.fp.tell()  # type: ignore[union-attr]
        zf.fp.write(info.FileHeader(zip64=False))  # type: ignore[union-attr]
        zf.fp.write(deflated)  # type: ignore[union-attr]
        zf.filelist.append(info)
        zf.NameToInfo[name] = info
        zf.start_dir = zf.fp.tell()  # type: ignore[union-attr]
        zf._didModify = True
    return buf.getvalue()


def no_worksheet() -> bytes:
    """A workbook listing no sheet, with no sheet part."""
    return build_xlsx(None, sheets="<sheets/>")


def missing_sheet_part() -> bytes:
    """A workbook listing a sheet whose part is not in the zip."""
    return build_xlsx(None)


def truncated_sheet() -> bytes:
    """The sheet's XML stops in the middle of a row."""
    rows = "".join(f'<row r="{i}">{_cell(f"A{i}", "Hang Bai")}</row>' for i in range(1, 50))
    return build_xlsx(sheet(rows)[:-200])


def bad_shared_string() -> bytes:
    """A cell naming shared string 99 of a list of one."""
    rows = (
        '<row r="1"><c r="A1" t="s"><v>0</v></c></row>'
        '<row r="2"><c r="A2" t="s"><v>99</v></c></row>'
    )
    return build_xlsx(sheet(rows))


def bad_number() -> bytes:
    """A numeric cell whose value is not a number."""
    rows = f'<row r="1">{_cell("A1", "address")}</row><row r="2"><c r="A2"><v>12,5abc</v></c></row>'
    return build_xlsx(sheet(rows))


def bad_date() -> bytes:
    """A date cell (``t="d"``) whose value is not a date."""
    rows = (
        f'<row r="1">{_cell("A1", "address")}</row>'
        '<row r="2"><c r="A2" t="d"><v>31/02/2025 nope</v></c></row>'
    )
    return build_xlsx(sheet(rows))


def not_a_zip() -> bytes:
    """Starts like a zip (an .xlsx), then garbage."""
    return b"PK\x03\x04" + b"\x00garbage" * 100


def dense_sheet(target_bytes: int = 7_900_000) -> bytes:
    """The worst file under the budgets: a sheet part just under MAX_PART of small numeric
    cells in rows of 50 columns (varied values, so it compresses less than MAX_RATIO)."""
    from openpyxl.utils import get_column_letter

    letters = [get_column_letter(c) for c in range(1, 51)]
    rng = random.Random(5)
    rows, size, r = [f'<row r="1">{_cell("A1", "address")}</row>'], 0, 2
    while size < target_bytes and r < 20_000:
        cells = "".join(f'<c r="{c}{r}"><v>{rng.randrange(10**6)}</v></c>' for c in letters)
        rows.append(f'<row r="{r}">{cells}</row>')
        size += len(rows[-1])
        r += 1
    return build_xlsx(sheet("".join(rows)))


# name → (bytes factory, ConvertError kinds that answer it)
HOSTILE = {
    "dimension_bomb": (dimension_bomb, {"dimension"}),
    "far_cells": (far_cells, {"no_address", "empty"}),
    "zip_bomb": (zip_bomb, {"unzipped", "ratio"}),
    "lying_zip_bomb": (lying_zip_bomb, {"sheet", "xlsx"}),
    "no_worksheet": (no_worksheet, {"no_sheet"}),
    "missing_sheet_part": (missing_sheet_part, {"xlsx", "no_sheet"}),
    "truncated_sheet": (truncated_sheet, {"sheet", "xlsx"}),
    "bad_shared_string": (bad_shared_string, {"sheet"}),
    "bad_number": (bad_number, {"cell"}),
    "bad_date": (bad_date, {"cell"}),
    "not_a_zip": (not_a_zip, {"xlsx"}),
    "dense_sheet": (dense_sheet, {"too_many_cells"}),
}
