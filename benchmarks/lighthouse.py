"""Lighthouse accessibility and SEO scores of the main pages and the embeds, phone and desktop.

Lighthouse is pinned in benchmarks/js/package.json and package-lock.json (`make lighthouse`
installs it with `npm ci` and runs this). It drives Debian's Chromium (CHROME_PATH, default
/usr/bin/chromium) headless against the app started as the README says (``python app.py``) on a
free port. Prints each score beside its target (100) and exits 1 below it.

    python benchmarks/lighthouse.py [--pages / /embed/map] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geodata.build import get_built  # noqa: E402
from geodata.locations import data_dir  # noqa: E402
from tests.e2e.helpers import running_app  # noqa: E402

JS = ROOT / "benchmarks" / "js"
LIGHTHOUSE = JS / "node_modules" / ".bin" / "lighthouse"
PAGES = ["/", "/?lang=en&unit=00070", "/embed/map", "/embed/unit/00070"]
CATEGORIES = ["accessibility", "seo"]
TARGET = 100
# Lighthouse's phone preset is 412 px wide (moto g power); desktop is 1350 px.
FORMS = {"phone": [], "desktop": ["--preset=desktop"]}


def lighthouse(url: str, form: str, out: Path) -> dict:
    """Lighthouse's JSON report of ``url`` for ``form`` (phone or desktop)."""
    chrome = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
    cmd = [
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--only-categories=" + ",".join(CATEGORIES),
        "--output=json",
        f"--output-path={out}",
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu --enable-unsafe-swiftshader",
        *FORMS[form],
    ]
    subprocess.run(cmd, check=True, env={**os.environ, "CHROME_PATH": chrome}, timeout=300)
    return json.loads(out.read_text(encoding="utf-8"))


def failing_audits(report: dict, category: str) -> list[str]:
    """The audits of ``category`` that lost points, with the elements Lighthouse names."""
    out = []
    for ref in report["categories"][category]["auditRefs"]:
        audit = report["audits"][ref["id"]]
        if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
            items = (audit.get("details") or {}).get("items") or []
            nodes = [i.get("node", {}).get("selector", "") for i in items[:4]]
            out.append(f"{ref['id']}: {audit['title']} {[n for n in nodes if n]}")
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", nargs="+", default=PAGES)
    parser.add_argument("--keep", type=Path, help="keep the JSON reports in this folder")
    args = parser.parse_args(argv)
    if not LIGHTHOUSE.exists():
        print("Lighthouse is not installed: cd benchmarks/js && npm ci --ignore-scripts")
        return 2
    cache = ROOT / ".cache"
    get_built(data_dir(), cache)
    missed = 0
    with tempfile.TemporaryDirectory() as tmp, running_app(data_dir(), cache) as base:
        reports = args.keep or Path(tmp)
        reports.mkdir(parents=True, exist_ok=True)
        print(f"{'page':<24} {'form':<8} " + " ".join(f"{c:>14}" for c in CATEGORIES))
        for n, path in enumerate(args.pages):
            for form in FORMS:
                report = lighthouse(base + path, form, reports / f"lh-{n}-{form}.json")
                scores = {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}
                cells = " ".join(f"{scores[c]:>7} / {TARGET:<4}" for c in CATEGORIES)
                print(f"{path:<24} {form:<8} {cells}")
                for c in CATEGORIES:
                    if scores[c] < TARGET:
                        missed += 1
                        for line in failing_audits(report, c):
                            print(f"    {c}: {line}")
    print("all at target" if not missed else f"{missed} score(s) below {TARGET}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
