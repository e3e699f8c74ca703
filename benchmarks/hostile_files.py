"""Hostile spreadsheets (issue #24): each answered in <= 3 s with <= 400 MB peak memory.

Run:
  .venv/bin/python benchmarks/hostile_files.py

Each file of tests/hostile_files.py (the 4.7 KB sheet declaring A1:XFD1048576, a 256 MB zip
bomb, a lying zip directory, no worksheet, truncated XML, a shared string past the list, bad
numbers and dates, the densest sheet under the budgets…) is read in its own fresh process as
the dashboard's convert tab and ``python -m geodata convert`` read it (geodata.convert.
read_table). Prints the time to the answer and the process's peak RSS beside the targets, and
exits 1 when a target is missed.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_S = 3.0
TARGET_MB = 400.0

CHILD = """
import json, resource, sys, time
sys.path.insert(0, {root!r})
from tests.hostile_files import HOSTILE
from geodata.convert import ConvertError, read_table
import openpyxl  # imported before the clock starts, as in a running server
raw = HOSTILE[{name!r}][0]()
start = time.perf_counter()
try:
    read_table(raw)
    kind = "accepted"
except ConvertError as err:
    kind = err.kind
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({{"kind": kind, "seconds": seconds, "peak_mb": peak, "bytes": len(raw)}}))
"""


def measure(name: str) -> dict:
    """Time and peak RSS of reading one hostile file in a fresh Python process."""
    out = subprocess.run(
        [sys.executable, "-c", CHILD.format(root=str(ROOT), name=name)],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    """Print each file's figures beside the targets; 1 when any misses."""
    sys.path.insert(0, str(ROOT))
    from tests.hostile_files import HOSTILE

    missed = 0
    print(f"{'file':22s} {'size':>9s} {'answer':16s} {'time':>12s} {'peak RSS':>16s}")
    for name, (_make, kinds) in HOSTILE.items():
        m = measure(name)
        ok = m["seconds"] <= TARGET_S and m["peak_mb"] <= TARGET_MB and m["kind"] in kinds
        missed += not ok
        print(
            f"{name:22s} {m['bytes']:>9,d} {m['kind']:16s} "
            f"{m['seconds']:5.2f} s ≤ {TARGET_S:.0f} s {m['peak_mb']:6.0f} MB ≤ {TARGET_MB:.0f} MB"
            f"{'' if ok else '  MISSED'}"
        )
    print("all targets met" if not missed else f"{missed} file(s) missed a target")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
