"""Citizen finder: old name, address or point → the new unit(s), split-aware and with the clause.

Pure functions over the build; the dashboard and the JSON API both call them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import geopandas as gpd
import pandas as pd
from rapidfuzz import fuzz, process
from shapely.geometry import Point

from .crosswalk import by_resolution
from .text import canonical, fold, split_type

if TYPE_CHECKING:  # only for the adapter's annotation: the finder needs no other part of a build
    from .build import Built

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


@dataclass(frozen=True)
class FinderTables:
    """The only tables the finder reads; a whole build is not needed (nor kept alive by it)."""

    units: gpd.GeoDataFrame  # the 126 new units: code, name, full_name, unit_type, geometry
    crosswalk: pd.DataFrame  # every old→new pair; only the resolution's pairs are used
    shares_526: pd.DataFrame  # area share of each 526-list unit in each new unit
    shares_584: pd.DataFrame  # area share of each 2019 polygon in each new unit
    old584: pd.DataFrame  # the 2019 units with their 2024 (579-list) codes
    units_526: pd.DataFrame
    units_579: pd.DataFrame

    @classmethod
    def from_built(cls, built: Built) -> FinderTables:
        """Take the finder's tables from a build (the adapter for ``make_finder(built)``)."""
        return cls(built.units[["code", "name", "full_name", "unit_type", "geometry"]], built.crosswalk,
                   built.shares_526, built.shares_584, built.old584.drop(columns="geometry", errors="ignore"),
                   built.units_526, built.units_579)


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
    """Name index over the 526, 579 and 584 vintages, each name's answer computed once."""

    units: gpd.GeoDataFrame
    entries: list[NameEntry]
    keys: list[str]
    new_index: dict[str, str] = field(default_factory=dict)
    district_keys: frozenset[str] = frozenset()
    routes: list[list[dict]] = field(default_factory=list)  # aligned with entries
    reverse: dict[str, dict] = field(default_factory=dict)  # new code → reverse_lookup answer


def _district_key(district: str) -> str:
    return _DISTRICT_PREFIX.sub("", fold(district))


def make_finder(source: FinderTables | Built) -> Finder:
    """Index every old name of every vintage (the 526 and 579 GSO lists and the 2019 census
    units) and compute, once, where each went and what each new unit was formed from.

    ``source`` is a ``FinderTables`` or, for existing callers, a whole build.
    """
    tables = source if isinstance(source, FinderTables) else FinderTables.from_built(source)
    rows = []
    for vintage, df in (("526", tables.units_526), ("579", tables.units_579)):
        rows += [(r.code, r.full_name, r.district, vintage) for r in df.itertuples()]
    rows += [(r.code_2019, r.full_name_2019, r.district_2019, "2019") for r in tables.old584.itertuples()]
    merged: dict[tuple[str, str], NameEntry] = {}
    for code, name, district, vintage in rows:
        k = (code, canonical(name))
        if k in merged:
            if vintage not in merged[k].vintages:
                merged[k].vintages.append(vintage)
            continue
        bare = split_type(name)[1]
        merged[k] = NameEntry(code, name, district, [vintage], fold(bare), canonical(bare),
                              _district_key(district))
    entries = list(merged.values())
    units = tables.units
    new_index = {fold(n): c for c, n in zip(units["code"], units["name"])}
    units.sindex  # built now, not on the first tap on the map
    routes = _all_routes(tables, entries)
    return Finder(units, entries, [e.key for e in entries], new_index,
                  frozenset(e.district_key for e in entries), routes, _all_reverse(tables))


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


def _all_routes(tables: FinderTables, entries: list[NameEntry]) -> list[list[dict]]:
    """Each entry's new unit(s), with whole/part, clause and area share: grouped once here so
    that a lookup is a list read (filtering the tables per match was 94 % of a lookup's time)."""
    law = by_resolution(tables.crosswalk)
    law_rows: dict[str, list] = {}
    for r in law.itertuples():
        law_rows.setdefault(r.old_code, []).append(r)
    shares_526 = {(r.code_526, r.new_code): r.share for r in tables.shares_526.itertuples()}
    names = dict(zip(tables.units["code"], tables.units["full_name"]))
    types = dict(zip(tables.units["code"], tables.units["unit_type"]))
    old = tables.old584
    pkg_of: dict[str, set] = {}
    for pkg, code, codes in zip(old["pkg_id"], old["code_2019"], old["codes_2024"]):
        for c in {code, *str(codes).split(";")}:
            pkg_of.setdefault(c, set()).add(pkg)
    shares_584 = tables.shares_584.groupby(["pkg_id", "new_code"])["share"].sum()

    def new_unit(code, kind, clause, text, share, basis):
        return {"new_code": code, "new_name": names[code], "unit_type": types[code], "kind": kind,
                "clause": clause, "clause_text": text,
                "area_share": None if share is None or pd.isna(share) else round(float(share), 3),
                "basis": basis}

    out = []
    for e in entries:
        if "526" in e.vintages:
            rows = [new_unit(r.new_code, r.kind, int(r.clause), r.clause_text,
                             shares_526.get((e.code, r.new_code)), "resolution")
                    for r in law_rows.get(e.code, [])]
        else:
            # Gone before 2025: no clause names it, so route it by where its 2019 polygon lies.
            pkgs = pkg_of.get(e.code, set())
            sums = shares_584[shares_584.index.get_level_values(0).isin(pkgs)].groupby(level=1).sum()
            sums = sums / sums.sum() if len(sums) else sums
            rows = [new_unit(code, "whole" if share > 0.98 else "part", None, "", share,
                             "2019 polygon overlay") for code, share in sums.items()]
        rows.sort(key=lambda r: -(r["area_share"] or 0))
        out.append(rows)
    return out


def _all_reverse(tables: FinderTables) -> dict[str, dict]:
    """Every new unit's reverse answer: the old units it was formed from."""
    law = by_resolution(tables.crosswalk).sort_values(["kind", "old_full_name"], ascending=[False, True])
    out = {code: {"new_code": code, "new_name": name, "old_units": []}
           for code, name in zip(tables.units["code"], tables.units["full_name"])}
    for r in law.itertuples():
        out[r.new_code]["old_units"].append({"old_code": r.old_code, "old_name": r.old_full_name,
                                              "district": r.old_district, "kind": r.kind,
                                              "clause": int(r.clause)})
    return out


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
        scored.append((total, score, e, idx))
    scored = [s for s in scored if s[0] >= MIN_SCORE]
    scored.sort(key=lambda s: (-s[0], "526" not in s[2].vintages, s[2].full_name))
    seen, matches = set(), []
    for total, score, e, idx in scored:
        if e.code in seen:
            continue
        seen.add(e.code)
        matches.append({
            "old_code": e.code, "old_name": e.full_name, "district": e.district, "vintages": e.vintages,
            "score": round(total, 1), "corrected": e.key != unit, "new_units": [dict(r) for r in finder.routes[idx]],
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
    """A new unit and the old units it was formed from (a copy: callers may change it)."""
    answer = finder.reverse[new_code]
    return dict(answer, old_units=[dict(o) for o in answer["old_units"]])


def locate(finder: Finder, lat: float, lon: float) -> dict:
    """The new unit containing a point (full-resolution polygons, spatial index)."""
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise QueryError("Coordinates out of range: latitude −90…90, longitude −180…180.")
    units = finder.units
    hits = units.sindex.query(Point(lon, lat), predicate="intersects")
    if not len(hits):
        return {"query": f"{lat}, {lon}", "lat": lat, "lon": lon, "matches": [], "new_unit": None,
                "message": "This point is not inside any of Hanoi's 126 units."}
    code = units.iloc[hits[0]]["code"]
    return {"query": f"{lat}, {lon}", "lat": lat, "lon": lon, "matches": [], "new_unit": reverse_lookup(finder, code)}
