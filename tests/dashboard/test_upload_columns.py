"""Uploaded column names become safe identifiers before reaching the table's filter or a title."""

from __future__ import annotations

import base64
import re

from dashboard.model.upload import column_ids, session_figures, validate_upload
from dashboard.views.table import units_table

SAFE = re.compile(r"^[a-z0-9_]{1,40}$")


def _upload(text: str) -> str:
    return "data:text/csv;base64," + base64.b64encode(text.encode()).decode()


def test_column_ids_are_safe_and_unique():
    ids = column_ids(["a}b", "x} is blank || {code", "a{b", "", "Hồ sơ tiếp nhận", "A B"])
    assert all(SAFE.match(i) for i in ids) and len(set(ids)) == len(ids)
    assert ids[4] == "ho_so_tiep_nhan"


def test_hostile_headers_never_reach_the_filter_query(app_data):
    codes = list(app_data.units.index)
    rows = "\n".join(f"{c},1,2" for c in codes)
    result = validate_upload(_upload("code,a}b,x} is blank || {code\n" + rows), codes)
    assert result.ok and all(SAFE.match(name) for name in result.columns)
    user = session_figures({"file": "f.csv", "columns": result.columns})
    table = units_table(app_data.units, "en", user)
    for col in table.columns:
        assert "}" not in col["id"].replace("user:", "") and "{" not in col["id"]
    for rule in table.style_data_conditional:
        # exactly one {column} reference, whose name is a safe identifier
        assert re.fullmatch(r"\{(user:)?[a-z0-9_:]+\} is blank", rule["if"]["filter_query"])


def test_session_store_names_are_made_safe_again():
    stored = {"file": "f", "columns": {"a}b": {"00070": 1}, "a]b": {"00070": 2}}}
    assert list(session_figures(stored)["columns"]) == ["a_b", "a_b_2"]
