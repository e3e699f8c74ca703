"""Rebuild the lists of Hà Nội's commune-level units from daohoangson/dvhcvn.

Input: ``data/dvhcvn.json`` of https://github.com/daohoangson/dvhcvn at a tag (the project pins
``v20250101`` and ``v20250301``), given as a path or fetched with ``--download --tag TAG``.
Its shape: ``{"data": [{"level1_id", "name", "type", "level2s": [{"level2_id", "name", "type",
"level3s": [{"level3_id", "name", "type"}, ...]}, ...]}, ...], "data_date": ..., ...}``.

Output: a CSV (UTF-8, no BOM, CRLF line ends, as
``data/old_units_lists/hanoi_units_dvhcvn_v2025*.csv``) with the columns
``level2_id,district,district_type,level3_id,name,type``: one row per level-3 unit of the
province ``level1_id`` ``01`` (Hà Nội), in the file's order; text in Unicode NFC.

Usage::

    python scripts/convert_dvhcvn_lists.py dvhcvn.json -o hanoi_units.csv
    python scripts/convert_dvhcvn_lists.py --download --tag v20250301 -o hanoi_units.csv
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
import unicodedata
import urllib.request
from collections.abc import Sequence
from pathlib import Path
from typing import Any

RAW_URL = "https://raw.githubusercontent.com/daohoangson/dvhcvn/{tag}/data/dvhcvn.json"
PINNED_TAGS = ("v20250101", "v20250301")
HANOI_LEVEL1_ID = "01"
COLUMNS = ["level2_id", "district", "district_type", "level3_id", "name", "type"]


class ConversionError(Exception):
    """The input is not a dvhcvn.json of the expected shape."""


def _text(value: Any, where: str) -> str:
    """A non-empty string field, NFC-normalised; ``ConversionError`` otherwise."""
    if not isinstance(value, str) or not value.strip():
        raise ConversionError(f"{where} is not a non-empty string")
    return unicodedata.normalize("NFC", value)


def _field(record: Any, key: str, where: str) -> str:
    """The string ``record[key]`` (NFC)."""
    if not isinstance(record, dict):
        raise ConversionError(f"{where} is not a JSON object")
    if key not in record:
        raise ConversionError(f"{where} has no {key!r}")
    return _text(record[key], f"{where}.{key}")


def _list(record: dict, key: str, where: str) -> list:
    """The list ``record[key]`` (a missing key is an empty list)."""
    value = record.get(key, [])
    if not isinstance(value, list):
        raise ConversionError(f"{where}.{key} is not a list")
    return value


def convert(document: Any, level1_id: str = HANOI_LEVEL1_ID) -> list[dict[str, str]]:
    """Rows (dicts keyed by ``COLUMNS``) of the level-3 units of province ``level1_id``."""
    if not isinstance(document, dict) or not isinstance(document.get("data"), list):
        raise ConversionError('the JSON has no top-level "data" list')
    provinces = [
        (i, p)
        for i, p in enumerate(document["data"])
        if _field(p, "level1_id", f"data[{i}]") == level1_id
    ]
    if len(provinces) != 1:
        raise ConversionError(
            f"expected one province with level1_id {level1_id!r}, found {len(provinces)}"
        )
    i, province = provinces[0]
    rows = []
    for j, district in enumerate(_list(province, "level2s", f"data[{i}]")):
        where2 = f"data[{i}].level2s[{j}]"
        level2 = {
            "level2_id": _field(district, "level2_id", where2),
            "district": _field(district, "name", where2),
            "district_type": _field(district, "type", where2),
        }
        for k, unit in enumerate(_list(district, "level3s", where2)):
            where3 = f"{where2}.level3s[{k}]"
            rows.append(
                {
                    **level2,
                    "level3_id": _field(unit, "level3_id", where3),
                    "name": _field(unit, "name", where3),
                    "type": _field(unit, "type", where3),
                }
            )
    if not rows:
        raise ConversionError(f"province {level1_id!r} has no level-3 units")
    ids = [row["level3_id"] for row in rows]
    if len(set(ids)) != len(ids):
        raise ConversionError(f"duplicate level3_id in province {level1_id!r}")
    return rows


def to_csv(rows: Sequence[dict[str, str]]) -> str:
    """CSV text of the rows: header ``COLUMNS``, CRLF line ends (the csv module's default)."""
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS)
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def write(rows: Sequence[dict[str, str]], path: Path) -> None:
    """Write the CSV of ``rows`` to ``path`` (UTF-8, no BOM)."""
    Path(path).write_bytes(to_csv(rows).encode("utf-8"))


def parse(raw: bytes, source: str) -> Any:
    """Decode the JSON bytes of ``source``; ``ConversionError`` if they are not JSON."""
    try:
        return json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ConversionError(f"{source} is not UTF-8 JSON ({exc})") from exc


def read(path: Path) -> Any:
    """Parsed JSON of a local dvhcvn.json."""
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise ConversionError(f"cannot read {path}: {exc.strerror or exc}") from exc
    return parse(raw, str(path))


def download(tag: str) -> Any:
    """Parsed JSON of dvhcvn.json at ``tag``, from raw.githubusercontent.com."""
    url = RAW_URL.format(tag=tag)
    try:
        with urllib.request.urlopen(url, timeout=60) as response:  # noqa: S310 (https URL)
            raw = response.read()
    except OSError as exc:
        raise ConversionError(f"cannot download {url}: {exc}") from exc
    return parse(raw, url)


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: convert a dvhcvn.json (path or ``--download --tag``) to the CSV list."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("json", nargs="?", type=Path, help="path to dvhcvn.json")
    parser.add_argument("--download", action="store_true", help="fetch dvhcvn.json at --tag")
    parser.add_argument("--tag", help=f"dvhcvn tag to download (pinned: {', '.join(PINNED_TAGS)})")
    parser.add_argument("-o", "--output", type=Path, required=True, help="CSV to write")
    parser.add_argument("--level1-id", default=HANOI_LEVEL1_ID, help="province code (01)")
    args = parser.parse_args(argv)
    if (args.json is None) == (not args.download):
        parser.error("give either a path to dvhcvn.json or --download --tag TAG")
    if args.download and not args.tag:
        parser.error("--download needs --tag (e.g. --tag v20250301)")
    try:
        document = download(args.tag) if args.download else read(args.json)
        rows = convert(document, level1_id=args.level1_id)
        write(rows, args.output)
    except ConversionError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"error: cannot write {args.output}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(f"wrote {len(rows)} rows to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
