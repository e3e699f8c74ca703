"""upload: the validator's limits and file signatures at their exact boundaries."""

import base64

import pytest

from dashboard.model.upload import (
    MAX_BYTES,
    MAX_COLUMNS,
    MAX_ROWS,
    Rejected,
    read_upload_table,
    validate_upload,
)

CODES = [f"{i:05d}" for i in range(1, 2001)]


def data_url(raw: bytes) -> str:
    return "data:text/csv;base64," + base64.b64encode(raw).decode()


def kinds(result):
    return {p.kind for p in result.errors}


def table(rows: int, columns: int = 1) -> bytes:
    header = "code," + ",".join(f"v{i}" for i in range(columns))
    body = "".join(
        f"{i:05d}," + ",".join("1" for _ in range(columns)) + "\n" for i in range(1, rows + 1)
    )
    return (header + "\n" + body).encode()


def test_row_limit_is_exact():
    assert MAX_ROWS == 1_000
    assert validate_upload(data_url(table(MAX_ROWS)), CODES).ok
    assert kinds(validate_upload(data_url(table(MAX_ROWS + 1)), CODES)) == {"too_many_rows"}


def test_column_limit_is_exact():
    assert MAX_COLUMNS == 20
    assert validate_upload(data_url(table(3, MAX_COLUMNS - 1)), CODES).ok  # + code = 20
    assert kinds(validate_upload(data_url(table(3, MAX_COLUMNS)), CODES)) == {"too_many_columns"}


def test_both_limits_are_reported_together():
    assert kinds(validate_upload(data_url(table(MAX_ROWS + 1, MAX_COLUMNS)), CODES)) == {
        "too_many_rows",
        "too_many_columns",
    }


def test_size_limit_is_exact():
    head = b"code,v\n00001,1\n"
    exactly = head + b"#" * (MAX_BYTES - len(head))
    with pytest.raises(Rejected) as over:
        read_upload_table(data_url(exactly + b"#"))
    assert [p.kind for p in over.value.problems] == ["too_large"]
    try:
        read_upload_table(data_url(exactly))
    except Rejected as rejected:
        assert "too_large" not in [p.kind for p in rejected.problems]


@pytest.mark.parametrize(
    "signature",
    [b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"],
    ids=["xlsx (zip)", "xls (OLE2)"],
)
def test_excel_signatures_are_refused_whatever_follows(signature):
    raw = signature + b"code,v\n00001,1\n"
    assert kinds(validate_upload(data_url(raw), CODES)) == {"excel"}


def test_limits_can_be_chosen_by_the_caller():
    with pytest.raises(Rejected) as rejected:
        read_upload_table(data_url(table(6)), max_rows=5)
    assert rejected.value.problems[0].params == {"n": 6, "limit": 5}
    assert len(read_upload_table(data_url(table(5)), max_rows=5)) == 5


# Issue #25: the bound on a value is on its size, whichever its sign (MAX_ABS_VALUE = 1e12, a
# thousand times Vietnam's GDP in đồng would still fit; -1e13 is no more a figure than 1e13).
@pytest.mark.parametrize(
    "value, refused",
    [("1e12", False), ("-1e12", False), ("1.000001e12", True), ("-1.000001e12", True)],
)
def test_huge_values_are_refused_on_either_side_of_zero(value, refused):
    from dashboard.model.upload import MAX_ABS_VALUE

    assert MAX_ABS_VALUE == 1e12
    result = validate_upload(data_url(f"code,v\n00001,{value}\n00002,3\n".encode()), CODES)
    assert kinds(result) == ({"out_of_range"} if refused else set())


def test_a_stored_huge_negative_is_dropped_like_a_huge_positive():
    from dashboard.model.upload import session_figures

    store = {"file": "x.csv", "columns": {"v": {"00001": -1e13, "00002": 1e13, "00003": -5.0}}}
    assert session_figures(store)["columns"] == {"v": {"00003": -5.0}}


@pytest.mark.parametrize(
    "raw", [b"code," + b"," * 900_000 + b"\n00001\n", b"code,x\n00001," + b"," * 900_000 + b"\n"]
)
def test_a_row_of_900000_fields_is_refused_before_pandas(raw):
    # pandas spent minutes on either file before any check of ours (issue #24).
    import time

    start = time.perf_counter()
    result = validate_upload(data_url(raw), CODES)
    assert kinds(result) == {"too_many_columns"} and time.perf_counter() - start < 5


def test_downloads_neutralise_text_cells_but_keep_negative_numbers(app_data):
    # Issue #24: every CSV export goes through the same neutralisation.
    import csv
    import io

    from dashboard.model.exports import units_csv

    units = app_data.units.copy()
    first = units.index[0]
    units.loc[first, "full_name"] = '=HYPERLINK("http://evil.example","x")'
    units.loc[first, "density_2025"] = -5.0
    rows = list(csv.DictReader(io.StringIO(units_csv(units, "test", with_header=False))))
    assert rows[0]["full_name"] == "'" + '=HYPERLINK("http://evil.example","x")'
    assert rows[0]["density_2025"] == "-5.0"


def test_a_bad_code_is_quoted_cut_to_12_characters():
    # Issue #25 (a random mutant survived): the message quotes what was sent, cut to 12
    # characters so that a pasted paragraph cannot fill the page.
    raw = b"code,v\nABCDEFGHIJKLMNOP,1\n00001,2\n"
    (problem,) = validate_upload(data_url(raw), CODES).errors
    assert problem.kind == "bad_code" and problem.params == {"rows": "2", "values": "ABCDEFGHIJKL"}
