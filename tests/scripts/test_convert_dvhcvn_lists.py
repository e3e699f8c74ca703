"""scripts/convert_dvhcvn_lists.py on a tiny dvhcvn.json (tests/scripts/fixtures/dvhcvn_tiny.json).

The fixture has the shape of dvhcvn's data/dvhcvn.json: Hà Nội (01) with 2 districts and 3
wards, Hà Giang (02) with 1 district and 1 ward; two names are stored decomposed (NFD).
"""

from __future__ import annotations

import csv
import importlib.util
import json
import unicodedata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = Path(__file__).with_name("fixtures") / "dvhcvn_tiny.json"
COMMITTED = sorted((ROOT / "data/old_units_lists").glob("hanoi_units_dvhcvn_v*.csv"))
COLUMNS = ["level2_id", "district", "district_type", "level3_id", "name", "type"]

_spec = importlib.util.spec_from_file_location(
    "convert_dvhcvn_lists", ROOT / "scripts/convert_dvhcvn_lists.py"
)
conv = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(conv)


@pytest.fixture(scope="module")
def output(tmp_path_factory):
    out = tmp_path_factory.mktemp("dvhcvn") / "hanoi_units.csv"
    assert conv.main([str(FIXTURE), "-o", str(out)]) == 0
    return out


def _rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_shape_columns_and_hanoi_only(output):
    rows = _rows(output)
    assert list(rows[0]) == COLUMNS
    assert len(rows) == 3
    assert [r["level3_id"] for r in rows] == ["00001", "00004", "08974"]  # the file's order
    assert [r["level2_id"] for r in rows] == ["001", "001", "250"]
    assert rows[2] == {
        "level2_id": "250",
        "district": "Huyện Mê Linh",
        "district_type": "Huyện",
        "level3_id": "08974",
        "name": "Xã Tráng Việt",
        "type": "Xã",
    }
    assert "Hà Giang" not in output.read_text(encoding="utf-8")
    assert "00688" not in output.read_text(encoding="utf-8")


def test_text_is_nfc_and_the_format_is_the_committed_one(output):
    raw = output.read_bytes()
    text = raw.decode("utf-8")
    assert unicodedata.is_normalized("NFC", text)
    assert "Phường Trúc Bạch" in text and "Huyện Mê Linh" in text
    assert not raw.startswith(b"\xef\xbb\xbf")
    assert raw.count(b"\r\n") == raw.count(b"\n") == 4  # header + 3 rows, CRLF
    assert raw.splitlines()[0] == b"level2_id,district,district_type,level3_id,name,type"


def test_other_province_by_level1_id():
    rows = conv.convert(json.loads(FIXTURE.read_text(encoding="utf-8")), level1_id="02")
    assert [r["name"] for r in rows] == ["Phường Quang Trung"]


@pytest.mark.parametrize("path", COMMITTED, ids=lambda p: p.name)
def test_rebuilds_committed_csv_from_equivalent_json(path):
    # Nest the committed rows back into dvhcvn's shape (plus another province), convert:
    # the bytes must come back unchanged.
    rows = _rows(path)
    districts: dict[str, dict] = {}
    for r in rows:
        district = districts.setdefault(
            r["level2_id"],
            {
                "level2_id": r["level2_id"],
                "name": r["district"],
                "type": r["district_type"],
                "level3s": [],
            },
        )
        district["level3s"].append(
            {"level3_id": r["level3_id"], "name": r["name"], "type": r["type"]}
        )
    other = json.loads(FIXTURE.read_text(encoding="utf-8"))["data"][1]
    document = {
        "data": [
            {
                "level1_id": "01",
                "name": "Thành phố Hà Nội",
                "type": "Thành phố Trung ương",
                "level2s": list(districts.values()),
            },
            other,
        ]
    }
    assert conv.to_csv(conv.convert(document)).encode("utf-8") == path.read_bytes()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is not UTF-8 JSON"),
        (b"{not json", "is not UTF-8 JSON"),
        (b"\xff\xfe", "is not UTF-8 JSON"),
        (b"[]", 'no top-level "data" list'),
        (b'{"data": [{"level1_id": "02"}]}', "found 0"),
        (b'{"data": [{"name": "x"}]}', "data[0] has no 'level1_id'"),
        (b'{"data": [{"level1_id": "01", "level2s": {}}]}', "data[0].level2s is not a list"),
        (
            b'{"data": [{"level1_id": "01", "level2s": [{"level2_id": "001", "name": "Q",'
            b' "type": "Q", "level3s": [{"level3_id": 1, "name": "P", "type": "P"}]}]}]}',
            "level3s[0].level3_id is not a non-empty string",
        ),
    ],
)
def test_malformed_input_gives_one_line_error(tmp_path, capsys, content, message):
    bad = tmp_path / "dvhcvn.json"
    bad.write_bytes(content)
    out = tmp_path / "out.csv"
    assert conv.main([str(bad), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and err.count("\n") == 1 and "Traceback" not in err
    assert message in err
    assert not out.exists()


def test_arguments(tmp_path, capsys):
    out = str(tmp_path / "o.csv")
    assert conv.main([str(tmp_path / "missing.json"), "-o", out]) == 1
    assert capsys.readouterr().err.startswith("error: cannot read")
    for argv in (["-o", out], ["--download", "-o", out], [str(FIXTURE), "--download", "-o", out]):
        with pytest.raises(SystemExit):
            conv.main(argv)
