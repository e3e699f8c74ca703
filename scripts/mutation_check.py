"""Mutation check: small edits to important logic must make the test suite fail.

Usage: ``.venv/bin/python scripts/mutation_check.py [--only NAME] [--list]`` (the hand-written
list) or ``… --random 30 [--seed 25]`` (a seeded random batch over the core modules).

Each mutant is one textual edit of one module. The script exports HEAD into a temporary folder,
applies one mutant at a time there, runs the tests that cover the module, and counts the mutant
as killed when they fail. It prints every mutant with its result and the kill rate against the
target, and exits non-zero when a mutant does not apply (the code moved: update the list) or
the kill rate is under the target. The working tree is never touched.

The hand-written list was written beside the tests, so it says little about bugs nobody listed.
``--random N`` draws N mutants at random (seeded: the same seed, the same batch) over every line
of code of the core modules (geodata/*.py, dashboard/model/*.py), in the spirit of mutmut and
cosmic-ray: an arithmetic or comparison operator flipped (+ -, < <=, == !=, += -=), and/or swapped,
True/False swapped, an integer constant + 1, a ``not`` removed. Each runs against the test files
that mirror its module (RANDOM_TESTS), with ``pytest -x`` and a time bound (a mutant that hangs
counts as killed, reported as "timeout"). A mutant that does not compile is not drawn. Survivors
that cannot change any behaviour (equivalent mutants) are listed in EQUIVALENT with the reason,
and left out of the rate. Its kill rate is reported on its own, against the same target.
"""

from __future__ import annotations

import argparse
import io
import random
import subprocess
import sys
import tempfile
import time
import tokenize
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = 0.90


@dataclass(frozen=True)
class Mutant:
    """Replace ``find`` (must occur exactly once) by ``replace`` in ``path``; run ``tests``."""

    name: str
    path: str
    find: str
    replace: str
    tests: tuple[str, ...]


SEC = ("tests/dashboard/web/test_security.py",)
UPL = ("tests/dashboard/test_upload.py", "tests/dashboard/test_officials.py")
FIND = ("tests/geodata/test_finder.py", "tests/geodata/test_finder_ranking.py")
RES = ("tests/geodata/test_resolution.py",)
OVL = ("tests/geodata/test_overlay.py",)
OLD = ("tests/geodata/test_old_units.py",)
XW = ("tests/geodata/test_crosswalk.py",)
VAL = ("tests/geodata/test_validate.py",)
DATA = ("tests/geodata/test_data_integrity.py", "tests/geodata/test_fetch.py")
PROD = ("tests/dashboard/web/test_production.py",)
LIMIT = ("tests/dashboard/web/test_serving.py::test_api_rate_limit_answers_429_with_a_message",)

MUTANTS = [
    Mutant(
        "cache: map state key without the language",
        "dashboard/callbacks.py",
        'f"map:v2:{data.built.stamp}:{ind.key}:{scheme}:{k}:{unit_type}:{lang}"',
        'f"map:v2:{data.built.stamp}:{ind.key}:{scheme}:{k}:{unit_type}"',
        PROD,
    ),
    Mutant(
        "cache: page key from the raw path",
        "dashboard/callbacks.py",
        'return f"page:{origin}:{route}:{p.query()}"',
        'return f"page:{origin}:{path}:{p.query()}"',
        PROD,
    ),
    Mutant(
        "cache: version ignores the code",
        "dashboard/web/stores.py",
        "parts = [data_stamp, code_version()] +",
        "parts = [data_stamp] +",
        PROD,
    ),
    Mutant(
        "cache: version ignores the settings",
        "dashboard/web/stores.py",
        '+ [os.environ.get(k, "") for k in OUTPUT_SETTINGS]',
        "+ []",
        PROD,
    ),
    Mutant(
        "rate limit: oEmbed not limited",
        "dashboard/app.py",
        "for limited in (api, oembed):",
        "for limited in (api,):",
        LIMIT,
    ),
    Mutant(
        "csp: unsafe-inline scripts",
        "dashboard/web/security.py",
        '"script-src \'self\' " + " ".join(script_hashes)',
        "\"script-src 'self' 'unsafe-inline' \" + \" \".join(script_hashes)",
        SEC,
    ),
    Mutant("csp: no object-src", "dashboard/web/security.py", "\"object-src 'none'\",", "", SEC),
    Mutant("csp: no base-uri", "dashboard/web/security.py", "\"base-uri 'self'\",", "", SEC),
    Mutant(
        "headers: no Referrer-Policy",
        "dashboard/web/security.py",
        '"Referrer-Policy": referrer_policy(),',
        "",
        SEC,
    ),
    Mutant(
        "frame: every route framable",
        "dashboard/web/security.py",
        'framable = path.startswith("/embed/")',
        "framable = True",
        SEC,
    ),
    Mutant(
        "upload: no row limit",
        "dashboard/model/upload.py",
        "if len(table) > max_rows:",
        "if False:",
        UPL,
    ),
    Mutant(
        "upload: no column limit",
        "dashboard/model/upload.py",
        "if table.shape[1] > max_columns:",
        "if False:",
        UPL,
    ),
    Mutant(
        "upload: .xls signature dropped",
        "dashboard/model/upload.py",
        'raw.startswith((b"PK\\x03\\x04", b"\\xd0\\xcf\\x11\\xe0"))',
        'raw.startswith((b"PK\\x03\\x04",))',
        UPL,
    ),
    Mutant(
        "upload: size limit off by one",
        "dashboard/model/upload.py",
        "if len(raw) > MAX_BYTES:",
        "if len(raw) > MAX_BYTES + 1:",
        UPL,
    ),
    Mutant(
        "finder: the named district counts for nothing",
        "geodata/finder.py",
        "IN_DISTRICT, OUTSIDE_DISTRICT = 12.0, -12.0",
        "IN_DISTRICT, OUTSIDE_DISTRICT = 0.0, 0.0",
        FIND,
    ),
    Mutant(
        "finder: 526-first tie-break dropped",
        "geodata/finder.py",
        'return (-c.score, 0, "526" not in e.vintages, e.full_name)',
        "return (-c.score, 0, e.full_name)",
        FIND,
    ),
    Mutant(
        "finder: threshold lowered",
        "geodata/finder.py",
        "MIN_SCORE = 72.0",
        "MIN_SCORE = 60.0",
        FIND,
    ),
    Mutant(
        "finder: threshold raised",
        "geodata/finder.py",
        "MIN_SCORE = 72.0",
        "MIN_SCORE = 80.0",
        FIND,
    ),
    Mutant(
        "resolution: remainder parsed as whole",
        "geodata/resolution.py",
        '(r"phần còn lại của", "part", "remainder")',
        '(r"phần còn lại của", "whole", "remainder")',
        RES,
    ),
    Mutant(
        "resolution: area only parsed as whole",
        "geodata/resolution.py",
        '(r"một phần diện tích tự nhiên của", "part", "area only")',
        '(r"một phần diện tích tự nhiên của", "whole", "area only")',
        RES,
    ),
    Mutant(
        "resolution: whole parsed as part",
        "geodata/resolution.py",
        '(r"toàn bộ diện tích tự nhiên, quy mô dân số của", "whole", "")',
        '(r"toàn bộ diện tích tự nhiên, quy mô dân số của", "part", "")',
        RES,
    ),
    Mutant(
        "overlay: no sliver threshold",
        "geodata/overlay.py",
        "SLIVER_SHARE = 0.02",
        "SLIVER_SHARE = 0.0",
        OVL,
    ),
    Mutant(
        "overlay: shares not renormalised",
        "geodata/overlay.py",
        'kept["share"] = kept["raw_share"] / kept.groupby(old_key)["raw_share"].transform("sum")',
        'kept["share"] = kept["raw_share"]',
        OVL,
    ),
    Mutant(
        "overlay: merge ignores the whole pair",
        "geodata/overlay.py",
        'ranked["whole_first"] = ranked["kind"] == "whole"',
        'ranked["whole_first"] = True',
        OVL,
    ),
    Mutant(
        "overlay: IoU over the sum of areas",
        "geodata/overlay.py",
        "union = a[code].union(b[code]).area",
        "union = a[code].area + b[code].area",
        OVL,
    ),
    Mutant(
        "overlay: whole check not relative to the city",
        "geodata/overlay.py",
        'out["share_inside"] = (out["raw_share"] / out["inside_city"]).fillna(0.0)',
        'out["share_inside"] = out["raw_share"].fillna(0.0)',
        OVL,
    ),
    Mutant(
        "old units: same-name rule dropped",
        "geodata/old_units.py",
        "if len(same_name) == 1:",
        "if False:",
        OLD,
    ),
    Mutant(
        "old units: shortest border",
        "geodata/old_units.py",
        "best = max(shared, key=lambda c: shared[c])",
        "best = min(shared, key=lambda c: shared[c])",
        OLD,
    ),
    Mutant(
        "crosswalk: folded names first",
        "geodata/crosswalk.py",
        "cands = exact_index.get((old_type, canonical(e.old_name))) or folded_index.get(",
        "cands = folded_index.get((old_type, fold(e.old_name))) or exact_index.get(",
        XW,
    ),
    Mutant(
        "crosswalk: district hint ignored",
        "geodata/crosswalk.py",
        "if len(cands) > 1 and e.district_hint:",
        "if False:",
        XW,
    ),
    Mutant(
        "validate: split count not checked",
        "geodata/validate.py",
        "int((splits > 1).sum()) == EXPECTED_SPLITS,",
        "True,",
        VAL,
    ),
    Mutant(
        "validate: IoU not checked",
        "geodata/validate.py",
        "median >= IOU_MEDIAN_MIN and p10 >= IOU_P10_MIN,",
        "True,",
        VAL,
    ),
    Mutant(
        "validate: mapping disagreements not checked",
        "geodata/validate.py",
        "len(problems) <= MAX_MAPPING_DISAGREEMENTS,",
        "True,",
        VAL,
    ),
    Mutant(
        "integrity: hashes not compared",
        "geodata/integrity.py",
        "if sha256(path) != expected:",
        "if False:",
        DATA,
    ),
    Mutant(
        "cache: built files not checked",
        "geodata/build.py",
        "if integrity.sha256(path) != expected:",
        "if False:",
        DATA,
    ),
    Mutant(
        "fetch: failures ignored",
        "geodata/fetch.py",
        "        if failures:\n            raise FetchError(",
        "        if False:\n            raise FetchError(",
        DATA,
    ),
    # Issue #25: plausible bugs written by someone who had not read this list, each of which
    # survived the suite until a test on a hand-worked expectation was added.
    Mutant(
        "#25 density from the polygon's area, not the official one",
        "geodata/indicators.py",
        'out["pop2025"] / out["area_official_km2"]',
        'out["pop2025"] / out["area_computed_km2"]',
        ("tests/geodata/test_indicators.py",),
    ),
    Mutant(
        "#25 2019 weights: the 2020 unit's shares before the polygon's own",
        "geodata/indicators.py",
        "for weights in (area, area_526):",
        "for weights in (area_526, area):",
        ("tests/geodata/test_indicators.py",),
    ),
    Mutant(
        "#25 finder shares not renormalised to the part inside the city",
        "geodata/finder.py",
        "r.raw_share / r.inside_city",
        "r.raw_share",
        ("tests/geodata/test_finder_shares.py",),
    ),
    Mutant(
        "#25 a unit split in 2020 reported whole by its one route",
        "geodata/finder.py",
        'r.kind if len(via) == 1 else "part",',
        "r.kind,",
        ("tests/geodata/test_finder_shares.py",),
    ),
    Mutant(
        "#25 resolution parser drops thị xã district hints",
        "geodata/resolution.py",
        "(quận|huyện|thị xã) ",
        "(quận|huyện) ",
        RES,
    ),
    Mutant(
        "#25 resolution parser reads 'sau khi sắp xếp…' greedily",
        "geodata/resolution.py",
        "quy định tại .*?(?:Điều này|$)",
        "quy định tại .*(?:Điều này|$)",
        RES,
    ),
    Mutant(
        "#25 crosswalk loses the mapping's kind where the resolution has none",
        "geodata/crosswalk.py",
        '    both["kind"] = both["kind"].fillna(both["kind_mapping"])\n',
        "",
        XW,
    ),
    Mutant(
        "#25 upload's huge-value check ignores negatives",
        "dashboard/model/upload.py",
        "huge = values.abs() > MAX_ABS_VALUE",
        "huge = values > MAX_ABS_VALUE",
        ("tests/dashboard/test_upload.py",),
    ),
]


# --- The random batch ---------------------------------------------------------------------

G, D = "tests/geodata/", "tests/dashboard/"
# The test files of each core module: its mirror, and the files that check it through the build.
RANDOM_TESTS: dict[str, tuple[str, ...]] = {
    "geodata/__main__.py": (G + "test_pipeline.py",),
    "geodata/build.py": (G + "test_pipeline.py", G + "test_data_integrity.py"),
    "geodata/convert.py": (G + "test_convert.py",),
    "geodata/crosswalk.py": (G + "test_crosswalk.py", G + "test_pipeline.py"),
    "geodata/errors.py": (G + "test_pipeline.py",),
    "geodata/facts.py": (G + "test_facts.py",),
    "geodata/fetch.py": (G + "test_fetch.py",),
    "geodata/finder.py": (
        G + "test_finder.py",
        G + "test_finder_ranking.py",
        G + "test_finder_shares.py",
    ),
    "geodata/geometry.py": (G + "test_overlay.py", G + "test_pipeline.py"),
    "geodata/groups.py": (G + "test_pipeline.py", D + "test_officials.py"),
    "geodata/indicators.py": (G + "test_indicators.py", G + "test_pipeline.py"),
    "geodata/integrity.py": (G + "test_data_integrity.py",),
    "geodata/locations.py": (G + "test_pipeline.py", G + "test_data_integrity.py"),
    "geodata/old_units.py": (G + "test_old_units.py",),
    "geodata/overlay.py": (G + "test_overlay.py",),
    "geodata/provenance.py": (G + "test_provenance.py",),
    "geodata/report.py": (G + "test_pipeline.py",),
    "geodata/resolution.py": (G + "test_resolution.py", G + "test_crosswalk.py"),
    "geodata/sources.py": (G + "test_sources.py", G + "test_pipeline.py", G + "test_validate.py"),
    "geodata/text.py": (G + "test_text.py", G + "test_finder.py"),
    "geodata/validate.py": (G + "test_validate.py",),
    "geodata/workload.py": (D + "test_officials.py",),
    "dashboard/model/classify.py": (D + "model/test_classify.py", D + "test_officials.py"),
    "dashboard/model/compare.py": (D + "test_officials.py", D + "test_callbacks.py"),
    "dashboard/model/data.py": (D + "model/test_data.py", D + "test_app.py"),
    "dashboard/model/embeds.py": (D + "web/test_press.py", D + "web/test_previews.py"),
    "dashboard/model/exports.py": (D + "web/test_press.py", G + "test_provenance.py"),
    "dashboard/model/i18n.py": (D + "test_callbacks.py", D + "test_app.py"),
    "dashboard/model/indicators.py": (D + "test_officials.py", D + "test_callbacks.py"),
    "dashboard/model/numbers.py": (D + "test_numbers.py",),
    "dashboard/model/params.py": (D + "model/test_params.py",),
    "dashboard/model/upload.py": (
        D + "test_upload.py",
        D + "test_upload_columns.py",
        D + "test_officials.py",
    ),
}
RANDOM_TIMEOUT_S = 600
# Operator and constant flips (the operators mutmut and cosmic-ray apply first).
_OP_FLIPS = {
    "+": "-",
    "-": "+",
    "<": "<=",
    "<=": "<",
    ">": ">=",
    ">=": ">",
    "==": "!=",
    "!=": "==",
    "+=": "-=",
    "-=": "+=",
}
_NAME_FLIPS = {"and": "or", "or": "and", "True": "False", "False": "True", "not": ""}
# Drawn survivors that cannot change behaviour, by (path, line, column, token, replacement): why
# each is equivalent. They are reported and left out of the rate (keyed on the code at the commit
# the batch was run on: when the module changes, re-check them).
EQUIVALENT: dict[tuple[str, int, int, str, str], str] = {
    ("geodata/build.py", 217, 94, "10", "11"): (
        "the build stamp's length: any prefix of the sources' SHA-256 names the build (a cache"
        " key and a label); nothing parses it or depends on 10"
    ),
}


@dataclass(frozen=True)
class Site:
    """One token of one line to replace: ``old`` at ``col`` of line ``line`` (1-based)."""

    path: str
    line: int
    col: int
    old: str
    new: str

    @property
    def name(self) -> str:
        return f"{self.path}:{self.line}:{self.col} {self.old!r} -> {self.new!r}"

    def apply(self, source: str) -> str:
        lines = source.splitlines(keepends=True)
        text = lines[self.line - 1]
        assert text[self.col : self.col + len(self.old)] == self.old, self
        end = self.col + len(self.old)
        if self.old == "not":  # "not x" -> "x": drop the following space too
            end += 1
        lines[self.line - 1] = text[: self.col] + self.new + text[end:]
        return "".join(lines)


def mutation_sites(path: str, source: str) -> list[Site]:
    """Every operator, and/or, True/False, integer and ``not`` token of a module's code (not its
    strings, comments or docstrings: tokenize keeps those apart)."""
    out = []
    tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    for i, tok in enumerate(tokens):
        (line, col), text = tok.start, tok.string
        if tok.type == tokenize.OP and text in _OP_FLIPS:
            if text == "-" and tokens[i - 1].string == "(" and tokens[i + 1].string == ">":
                continue
            out.append(Site(path, line, col, text, _OP_FLIPS[text]))
        elif tok.type == tokenize.NAME and text in _NAME_FLIPS:
            after = tokens[i + 1].string if i + 1 < len(tokens) else ""
            before = tokens[i - 1].string if i else ""
            if text == "not" and (after == "in" or before == "is"):
                continue  # "not in" / "is not": one operator, flipped as such below
            out.append(Site(path, line, col, text, _NAME_FLIPS[text]))
        elif tok.type == tokenize.NUMBER and text.isdigit():
            out.append(Site(path, line, col, text, str(int(text) + 1)))
    return out


def _compiles(source: str) -> bool:
    try:
        compile(source, "<mutant>", "exec")
    except SyntaxError:
        return False
    return True


def draw_random(tree: Path, n: int, seed: int) -> list[Site]:
    """``n`` distinct sites drawn uniformly (seeded) over the core modules' sites."""
    sites = []
    for path in sorted(RANDOM_TESTS):
        source = (tree / path).read_text(encoding="utf-8")
        sites += mutation_sites(path, source)
    rng = random.Random(seed)
    rng.shuffle(sites)
    chosen: list[Site] = []
    for site in sites:
        source = (tree / site.path).read_text(encoding="utf-8")
        if _compiles(site.apply(source)):
            chosen.append(site)
        if len(chosen) == n:
            break
    return chosen


def run_random(tree: Path, n: int, seed: int) -> int:
    """Run a random batch; print each result and the batch's own kill rate."""
    chosen = draw_random(tree, n, seed)
    killed, survived, excluded = 0, [], []
    for site in chosen:
        target = tree / site.path
        original = target.read_text(encoding="utf-8")
        target.write_text(site.apply(original), encoding="utf-8")
        start = time.monotonic()
        try:
            result = run_tests(tree, RANDOM_TESTS[site.path], RANDOM_TIMEOUT_S)
        finally:
            target.write_text(original, encoding="utf-8")
        key = (site.path, site.line, site.col, site.old, site.new)
        if result is True and key in EQUIVALENT:
            excluded.append(site)
            status = "EQUIV."
        elif result is True:
            survived.append(site)
            status = "SURVIVED"
        else:
            killed += 1
            status = "timeout" if result is None else "killed"
        line = original.splitlines()[site.line - 1].strip()[:70]
        print(f"[{status:8}] {site.name}  ({time.monotonic() - start:.0f} s)  {line}", flush=True)
    for site in excluded:
        why = EQUIVALENT[(site.path, site.line, site.col, site.old, site.new)]
        print(f"equivalent, left out: {site.name}: {why}")
    counted = len(chosen) - len(excluded)
    rate = killed / counted if counted else 0.0
    print(
        f"\nrandom batch (seed {seed}): killed {killed}/{counted} = {rate:.0%}"
        f" (target ≥ {TARGET:.0%}); {len(excluded)} equivalent left out"
    )
    return 1 if rate < TARGET else 0


def export_head(dest: Path) -> None:
    """The committed tree of HEAD (plus nothing else) in ``dest``."""
    archive = subprocess.run(
        ["git", "archive", "HEAD"], cwd=ROOT, check=True, capture_output=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(dest)], input=archive, check=True)


def run_tests(tree: Path, tests: tuple[str, ...], timeout: float | None = None) -> bool | None:
    """True when the tests pass in ``tree`` (imports resolve to ``tree`` first); None when they
    run longer than ``timeout`` seconds."""
    cmd = [sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", *tests]
    try:
        done = subprocess.run(cmd, cwd=tree, capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None
    return done.returncode == 0


def main(argv: list[str] | None = None) -> int:
    """Run every mutant (or one); print results and the kill rate; exit 1 below the target."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="run only mutants whose name contains this text")
    parser.add_argument("--list", action="store_true", help="list the mutants and exit")
    parser.add_argument("--random", type=int, default=0, help="a random batch of this many")
    parser.add_argument("--seed", type=int, default=25, help="the random batch's seed")
    args = parser.parse_args(argv)
    if args.random:
        with tempfile.TemporaryDirectory(prefix="mutants-") as tmp:
            export_head(Path(tmp))
            if args.list:
                for site in draw_random(Path(tmp), args.random, args.seed):
                    print(site.name)
                return 0
            return run_random(Path(tmp), args.random, args.seed)
    chosen = [m for m in MUTANTS if not args.only or args.only in m.name]
    if args.list:
        for m in chosen:
            print(f"{m.name}  ({m.path})")
        return 0
    with tempfile.TemporaryDirectory(prefix="mutants-") as tmp:
        tree = Path(tmp)
        export_head(tree)
        if not run_tests(tree, tuple(sorted({t for m in chosen for t in m.tests}))):
            print("the tests fail before any mutation: fix them first")
            return 2
        killed, broken = 0, []
        for m in chosen:
            target = tree / m.path
            original = target.read_text(encoding="utf-8")
            if original.count(m.find) != 1:
                broken.append(m.name)
                print(f"[MISSING] {m.name}: the text to mutate is not in {m.path} exactly once")
                continue
            start = time.monotonic()
            target.write_text(original.replace(m.find, m.replace), encoding="utf-8")
            try:
                survived = run_tests(tree, m.tests)
            finally:
                target.write_text(original, encoding="utf-8")
            killed += not survived
            status = "SURVIVED" if survived else "killed"
            print(f"[{status:8}] {m.name}  ({time.monotonic() - start:.0f} s)", flush=True)
        applied = len(chosen) - len(broken)
        rate = killed / applied if applied else 0.0
        print(f"\nkill rate: {killed}/{applied} = {rate:.0%} (target ≥ {TARGET:.0%})")
        return 1 if broken or rate < TARGET else 0


if __name__ == "__main__":
    sys.exit(main())
