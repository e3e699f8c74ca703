"""Citizen finder: old name, address or point → the new unit(s), split-aware and with the clause.

Pure functions over the build; the dashboard and the JSON API both call them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import geopandas as gpd
import pandas as pd
from rapidfuzz import fuzz, process
from shapely.geometry import Point

from .build import Built
from .crosswalk import by_resolution
from .text import canonical, fold, split_type

MIN_SCORE = 72.0
MAX_QUERY = 300
_UNIT_PREFIX = re.compile(r"^(?:phuong|p|xa|x|thi tran|tt)\s+")
_DISTRICT_PREFIX = re.compile(r"^(?:quan|q|huyen|h|thi xa|tx)\s+")
_CITY = {"ha noi", "hn", "tp ha noi", "thanh pho ha noi", "viet nam", "vietnam"}
_ROMAN = {"i": "1", "ii": "2", "iii": "3", "iv": "4", "v": "5"}
_TRAILING_NUMBER = re.compile(r"\s(\d+)$")
_COORDS = re.compile(r"^\s*(-?\d{1,3}(?:\.\d+)?)\s*[,; ]\s*(-?\d{1,3}(?:\.\d+)?)\s*$")


class QueryError(ValueError):
    """A query that cannot be answered, with a message fit for the user."""


@dataclass
class NameEntry:
    """One old unit name as it stood in one or more vintages."""

    code: str
    full_name: str
    district: str
    vintages: list[str]
    key: str
    exact: str
    district_key: str


@dataclass
class Finder:
    """Name index over the 526, 579 and 584 vintages plus what routes them to the new units."""

    built: Built
    entries: list[NameEntry]
    keys: list[str]
    new_index: dict[str, str] = field(default_factory=dict)
    district_keys: frozenset[str] = frozenset()


def _district_key(district: str) -> str:
    return _DISTRICT_PREFIX.sub("", fold(district))


def make_finder(built: Built) -> Finder:
    """Index every old name of every vintage: the 526 and 579 GSO lists and the 2019 census units."""
    rows = []
    for vintage, df in (("526", built.units_526), ("579", built.units_579)):
        rows += [(r.code, r.full_name, r.district, vintage) for r in df.itertuples()]
    rows += [(r.code_2019, r.full_name_2019, r.district_2019, "2019") for r in built.old584.itertuples()]
    merged: dict[tuple[str, str], NameEntry] = {}
    for code, name, district, vintage in rows:
        k = (code, canonical(name))
        if k in merged:
            if vintage not in merged[k].vintages:
                merged[k].vintages.append(vintage)
            continue
        merged[k] = NameEntry(code, name, district, [vintage], fold(split_type(name)[1]), canonical(split_type(name)[1]),
                              _district_key(district))
    entries = list(merged.values())
    new_index = {fold(n): c for c, n in zip(built.units["code"], built.units["name"])}
    return Finder(built, entries, [e.key for e in entries], new_index, frozenset(e.district_key for e in entries))


def parse_query(query: str, district_keys: frozenset[str] = frozenset()) -> tuple[str, str, str]:
    """Split a free-text query into (unit part, district part, unit part with diacritics).

    Understands prefixes and abbreviations (Phường/P./P, Xã/X., Thị trấn/TT, Quận/Q., Huyện/H.,
    Thị xã/TX) and full addresses: a house number and street, or the city, are dropped.
    """
    unit, district, unit_exact = "", "", ""
    segments = [s for s in re.split(r"[,;\n]+", query) if s.strip()]
    loose = []
    for seg in segments:
        folded = fold(seg)
        if not folded or folded in _CITY:
            continue
        if _DISTRICT_PREFIX.match(folded):
            district = _DISTRICT_PREFIX.sub("", folded)
        elif _UNIT_PREFIX.match(folded):
            unit = _UNIT_PREFIX.sub("", folded)
            unit_exact = re.sub(r"^(?:phường|p\.?|xã|x\.?|thị trấn|tt\.?)\s*", "", canonical(seg).strip())
        else:
            loose.append((folded, canonical(seg).strip()))
    if not unit and loose:
        # No prefixed unit: the first segment that is not a street address ("12 Hàng Bài") is the
        # unit, a second one the district.
        named = [x for x in loose if not re.match(r"^\d", x[0])]
        if named:
            unit, unit_exact = named[0]
            if not district and len(named) > 1:
                district = named[1][0]
        else:
            unit = re.sub(r"^[\d/]+\s*", "", loose[-1][0])
    if unit and not district:
        # "hang bai hoan kiem": a trailing district name typed without a comma.
        for key in sorted(district_keys, key=len, reverse=True):
            if unit.endswith(" " + key) and len(unit) > len(key) + 2:
                unit, district = unit[: -len(key) - 1], key
                unit_exact = ""
                break
    return unit, district, unit_exact


def _route(finder: Finder, entry: NameEntry) -> list[dict]:
    """The new unit(s) an old unit went to, with whole/part, clause and area share."""
    built = finder.built
    if "526" in entry.vintages:
        law = by_resolution(built.crosswalk)
        xw = law[law["old_code"] == entry.code]
        measured = built.shares_526[built.shares_526["code_526"] == entry.code].set_index("new_code")
        # A share only means something for a part: a whole unit has none (null). Every destination the
        # clause names is listed, with its measured share on the 2019 polygons even when ~0 (the
        # renormalised "share" drops such slivers, so the raw one is used).
        shares = (measured["raw_share"] / measured["inside_city"]).reindex(xw["new_code"]).fillna(0.0)
        basis = "resolution"
        rows = [
            (r.new_code, r.kind, int(r.clause), r.clause_text, None if r.kind == "whole" else shares.get(r.new_code))
            for r in xw.itertuples()
        ]
    else:
        # Gone before 2025: no clause names it, so route it by where its 2019 polygon lies.
        pkg = built.old584[(built.old584["code_2019"] == entry.code) | built.old584["codes_2024"].str.contains(entry.code)]
        shares = built.shares_584[built.shares_584["pkg_id"].isin(pkg["pkg_id"])].groupby("new_code")["share"].sum()
        shares = shares / shares.sum() if len(shares) else shares
        basis = "2019 polygon overlay"
        rows = [(code, "whole" if share > 0.98 else "part", None, "", share) for code, share in shares.items()]
    units = built.units.set_index("code")
    out = [
        {"new_code": code, "new_name": units.loc[code, "full_name"], "unit_type": units.loc[code, "unit_type"], "kind": kind,
         "clause": clause, "clause_text": text, "area_share": None if share is None or pd.isna(share) else round(float(share), 3)}
        for code, kind, clause, text, share in rows
    ]
    out.sort(key=lambda r: -(r["area_share"] or 0))
    return [dict(r, basis=basis) for r in out]


def lookup(finder: Finder, query: str, limit: int = 5) -> dict:
    """Answer a free-text query: old unit name(s) matched and where each went.

    Ambiguous names return every match with its district, ranked; typos are corrected and said so.
    Raises QueryError for empty or oversize input.
    """
    query = (query or "").strip()
    if not query:
        raise QueryError("Empty query: type an old ward, commune or town name, an address, or coordinates.")
    if len(query) > MAX_QUERY:
        raise QueryError(f"Query too long ({len(query)} characters, at most {MAX_QUERY}).")
    coords = _COORDS.match(query)
    if coords:
        return locate(finder, float(coords.group(1)), float(coords.group(2)))
    unit, district, exact = parse_query(query, finder.district_keys)
    if not unit:
        raise QueryError("No unit name found in the query.")
    # Numbered names (Mỹ Đình 1, Cổ Nhuế 2) may be typed with Roman numerals; the number must match.
    words = unit.split()
    if len(words) > 1 and words[-1] in _ROMAN:
        unit = " ".join(words[:-1] + [_ROMAN[words[-1]]])
    number = _TRAILING_NUMBER.search(unit)
    reverse = finder.new_index.get(unit)
    candidates = process.extract(unit, finder.keys, scorer=fuzz.ratio, limit=40, score_cutoff=MIN_SCORE - 10)
    scored = []
    for key, score, idx in candidates:
        e = finder.entries[idx]
        if number and not e.key.endswith(" " + number.group(1)):
            continue
        total = score + (3 if exact and e.exact == exact else 0)
        if district:
            total += 0.2 * fuzz.ratio(district, e.district_key) - 10
        scored.append((total, score, e))
    scored = [s for s in scored if s[0] >= MIN_SCORE]
    scored.sort(key=lambda s: (-s[0], "526" not in s[2].vintages, s[2].full_name))
    seen, matches = set(), []
    for total, score, e in scored:
        if e.code in seen:
            continue
        seen.add(e.code)
        matches.append({
            "old_code": e.code, "old_name": e.full_name, "district": e.district, "vintages": e.vintages,
            "score": round(total, 1), "corrected": e.key != unit, "new_units": _route(finder, e),
        })
        if len(matches) >= limit:
            break
    top = matches[0]["score"] if matches else 0
    answer = {"query": query, "parsed": {"unit": unit, "district": district}, "matches": matches,
              "ambiguous": sum(1 for m in matches if m["score"] >= top - 0.5 and not m["corrected"]) > 1}
    if reverse:
        answer["new_unit"] = reverse_lookup(finder, reverse)
    return answer


def reverse_lookup(finder: Finder, new_code: str) -> dict:
    """A new unit and the old units it was formed from."""
    units = finder.built.units.set_index("code")
    law = by_resolution(finder.built.crosswalk)
    olds = law[law["new_code"] == new_code]
    return {
        "new_code": new_code, "new_name": units.loc[new_code, "full_name"],
        "old_units": [{"old_code": r.old_code, "old_name": r.old_full_name, "district": r.old_district, "kind": r.kind,
                       "clause": int(r.clause)} for r in olds.sort_values(["kind", "old_full_name"], ascending=[False, True]).itertuples()],
    }


def locate(finder: Finder, lat: float, lon: float) -> dict:
    """The new unit containing a point (full-resolution polygons, spatial index)."""
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise QueryError("Coordinates out of range: latitude −90…90, longitude −180…180.")
    units: gpd.GeoDataFrame = finder.built.units
    hits = units.sindex.query(Point(lon, lat), predicate="intersects")
    if not len(hits):
        return {"query": f"{lat}, {lon}", "lat": lat, "lon": lon, "matches": [], "new_unit": None,
                "message": "This point is not inside any of Hanoi's 126 units."}
    code = units.iloc[hits[0]]["code"]
    return {"query": f"{lat}, {lon}", "lat": lat, "lon": lon, "matches": [], "new_unit": reverse_lookup(finder, code)}
