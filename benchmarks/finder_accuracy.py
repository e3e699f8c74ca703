"""Lookup accuracy and latency of the citizen finder on queries written as people type them.

Queries are generated from the 526/579 unit lists with a fixed seed: accents stripped, one- and
two-letter typos, abbreviations (P./X./TT/Q./H.), upper/lower case, with or without the district,
and full addresses with a house number and street. A query counts as right when the intended
old unit's code is the first answer (top-1) or among the first three (top-3).

Run: .venv/bin/python benchmarks/finder_accuracy.py [--n 400]
"""
from __future__ import annotations

import argparse
import random
import statistics
import time

from geodata.build import get_built
from geodata.finder import lookup, make_finder
from geodata.text import fold, split_type

ABBR = {"phuong": ["P.", "P", "Phường", "phuong"], "xa": ["X.", "Xã", "xa"], "thi tran": ["TT", "TT.", "Thị trấn"]}
DABBR = {"Quận": ["Q.", "Q", "Quận"], "Huyện": ["H.", "Huyện"], "Thị xã": ["TX", "Thị xã"]}


def typo(rng: random.Random, s: str, n: int) -> str:
    """Introduce n single-letter edits (swap, drop or replace) away from the first letter."""
    chars = list(s)
    for _ in range(n):
        letters = [i for i, c in enumerate(chars) if c.isalpha() and i > 0]
        if len(letters) < 4:
            break
        i = rng.choice(letters)
        op = rng.choice(["swap", "drop", "replace"])
        if op == "swap" and i + 1 < len(chars) and chars[i + 1].isalpha():
            chars[i], chars[i + 1] = chars[i + 1], chars[i]
        elif op == "drop":
            del chars[i]
        else:
            chars[i] = rng.choice("aeiounhtc")
    return "".join(chars)


def district_text(rng: random.Random, district: str) -> str:
    for full, options in DABBR.items():
        if district.startswith(full + " "):
            return f"{rng.choice(options)} {district[len(full) + 1:]}"
    return district


def make_queries(built, n: int, seed: int = 2025) -> list[tuple[str, str, str]]:
    """(query, expected old code, kind of query) triples."""
    rng = random.Random(seed)
    units = built.units_579.sample(frac=1.0, random_state=seed).to_dict("records")
    kinds = ["plain", "no_accents", "typo1", "typo2", "abbrev", "with_district", "address", "upper"]
    out = []
    for i in range(n):
        u = units[i % len(units)]
        kind = kinds[i % len(kinds)]
        ptype, name = split_type(u["full_name"])
        prefix = rng.choice(ABBR[ptype])
        q = {
            "plain": u["full_name"],
            "no_accents": fold(u["full_name"]),
            "typo1": typo(rng, name, 1),
            "typo2": typo(rng, fold(name), 2),
            "abbrev": f"{prefix} {name}",
            "with_district": f"{prefix} {fold(name)}, {district_text(rng, u['district'])}",
            "address": f"{rng.randint(1, 300)} Ngõ {rng.randint(1, 99)}, {prefix} {name}, {district_text(rng, u['district'])}, Hà Nội",
            "upper": f"{name.upper()} {fold(u['district']).split(' ', 1)[1]}",
        }[kind]
        out.append((q, u["code"], kind))
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=400)
    args = parser.parse_args()
    built = get_built()
    finder = make_finder(built)
    queries = make_queries(built, args.n)
    top1 = top3 = 0
    latencies = []
    by_kind: dict[str, list[int]] = {}
    for q, code, kind in queries:
        t0 = time.perf_counter()
        answer = lookup(finder, q)
        latencies.append((time.perf_counter() - t0) * 1000)
        codes = [m["old_code"] for m in answer["matches"]]
        top1 += codes[:1] == [code]
        top3 += code in codes[:3]
        by_kind.setdefault(kind, []).append(code in codes[:1])
    n = len(queries)
    lat = sorted(latencies)
    print(f"queries: {n}")
    print(f"top-1 accuracy: {top1 / n:.1%}; top-3 accuracy: {top3 / n:.1%}")
    print(f"latency per query: p50 {statistics.median(lat):.1f} ms, p95 {lat[int(0.95 * n) - 1]:.1f} ms")
    print("top-1 by kind: " + ", ".join(f"{k} {sum(v) / len(v):.0%}" for k, v in by_kind.items()))


if __name__ == "__main__":
    main()
