"""Round trip of a 5,000-row file of old addresses through geodata.convert (CSV and Excel).

Run:
  .venv/bin/python benchmarks/batch_convert.py [--rows 5000] [--cache-dir .cache]

Builds a deterministic file of old addresses (house number and lane, old ward or commune of the
526 list with or without diacritics and prefixes, old district), converts it as the dashboard's
upload and ``python -m geodata convert`` do (read, look up every row, write back), and prints the
time beside the target. Exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TARGET_S = 10.0  # a 5,000-row file, read + converted + written
MIN_ANSWERED = 0.95  # rows given a new unit (ok, split or point)


def make_file(units_526, rows: int, seed: int = 7) -> bytes:
    """A CSV of ``rows`` old addresses written the ways people write them."""
    from geodata.text import fold

    rng = random.Random(seed)
    units = list(units_526.itertuples())
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["id", "address"])
    for i in range(rows):
        u = rng.choice(units)
        name, district = u.full_name, u.district
        style = rng.randrange(4)
        if style == 1:
            name, district = fold(name).title(), fold(district).title()
        elif style == 2:
            name = name.replace("Phường ", "P. ").replace("Xã ", "X. ").replace("Thị trấn ", "TT ")
            district = district.replace("Quận ", "Q. ").replace("Huyện ", "H. ")
        street = f"Số {rng.randrange(1, 400)} ngõ {rng.randrange(1, 200)}"
        city = ", Hà Nội" if style == 3 else ""
        writer.writerow([i + 1, f"{street}, {name}, {district}{city}"])
    return out.getvalue().encode("utf-8")


def main(argv: list[str] | None = None) -> int:
    """Time the round trips; 0 when every target is met."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=5_000)
    parser.add_argument("--cache-dir")
    args = parser.parse_args(argv)

    import openpyxl

    from geodata.build import get_built
    from geodata.convert import convert_bytes
    from geodata.finder import make_finder

    built = get_built(None, args.cache_dir)
    finder = make_finder(built)
    raw = make_file(built.units_526, args.rows)
    start = time.perf_counter()
    out, table = convert_bytes(finder, raw, "vi")
    csv_s = time.perf_counter() - start
    answered = sum(a["status"] in {"ok", "split", "point"} for a in table.answers) / len(
        table.answers
    )
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("in")
    for row in csv.reader(io.StringIO(raw.decode("utf-8"))):
        sheet.append(row)
    buf = io.BytesIO()
    book.save(buf)
    start = time.perf_counter()
    convert_bytes(finder, buf.getvalue(), "vi")
    xlsx_s = time.perf_counter() - start
    ok = True
    print(f"{'measure':<34}{'figure':>10}{'target':>10}")
    for label, value, target, good in (
        (f"CSV round trip, {args.rows:,} rows (s)", csv_s, f"< {TARGET_S:g}", csv_s < TARGET_S),
        (f"Excel round trip, {args.rows:,} rows (s)", xlsx_s, f"< {TARGET_S:g}", xlsx_s < TARGET_S),
        ("rows given a new unit", answered, f">= {MIN_ANSWERED:.0%}", answered >= MIN_ANSWERED),
    ):
        shown = f"{value:.1%}" if label.startswith("rows") else f"{value:.2f}"
        print(f"{label:<34}{shown:>10}{target:>10}  {'ok' if good else 'MISSED'}")
        ok &= good
    print(f"output: {len(out):,} bytes of CSV")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
