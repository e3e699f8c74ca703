"""Citizen finder: old name, address or point → the new unit(s), split-aware and with the clause.

Pure functions over a few tables of the build; the dashboard and the JSON API both call them.
Everything that depends only on the data (each old unit's answer, each new unit's reverse
answer, the name index) is computed once by ``make_finder``: a lookup parses the query and
reads dictionaries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import geopandas as gpd
import pandas as pd
from rapidfuzz import fuzz, process
from shapely.geometry import Point

from .crosswalk import by_resolution, old_units_of
from .overlay import WHOLE_MIN_SHARE
from .query import (
    DISTRICT_BEFORE,
    NAME_MARKER,
    STREET_BEFORE,
    Lexicon,
    Reading,
    Span,
    exact_key,
    phrase_at,
    phrase_before,
    read,
    span_at,
)
from .text import canonical, fold, split_type

if TYPE_CHECKING:  # only for the adapter's annotation: the finder needs no other part of a build
    from .build import Built

MIN_SCORE = 72.0  # a fuzzy name below this similarity is not offered
MAX_QUERY = 300
_TRAILING_NUMBER = re.compile(r"\s(\d+)$")

# Hanoi's 30 districts and towns before 1 Jul 2025, and the abbreviations people write for them.
# A district named in a query is always read as one of these OLD districts, never as the new
# ward that took its name (Phường Hoàn Kiếm, Phường Đống Đa …).
DISTRICTS = (
    "Quận Ba Đình",
    "Quận Hoàn Kiếm",
    "Quận Tây Hồ",
    "Quận Long Biên",
    "Quận Cầu Giấy",
    "Quận Đống Đa",
    "Quận Hai Bà Trưng",
    "Quận Hoàng Mai",
    "Quận Thanh Xuân",
    "Huyện Sóc Sơn",
    "Huyện Đông Anh",
    "Huyện Gia Lâm",
    "Quận Nam Từ Liêm",
    "Huyện Thanh Trì",
    "Quận Bắc Từ Liêm",
    "Huyện Mê Linh",
    "Quận Hà Đông",
    "Thị xã Sơn Tây",
    "Huyện Ba Vì",
    "Huyện Phúc Thọ",
    "Huyện Đan Phượng",
    "Huyện Hoài Đức",
    "Huyện Quốc Oai",
    "Huyện Thạch Thất",
    "Huyện Chương Mỹ",
    "Huyện Thanh Oai",
    "Huyện Thường Tín",
    "Huyện Phú Xuyên",
    "Huyện Ứng Hòa",
    "Huyện Mỹ Đức",
)
# Folded; only the ones in common use, and none that is also a word of a unit name or a prefix
# ("tt" is thị trấn, "to" is tổ; Hoài Đức shares "hd" with Hà Đông, which keeps it).
DISTRICT_ABBREVIATIONS = {
    "hk": "hoan kiem",
    "bd": "ba dinh",
    "dd": "dong da",
    "hbt": "hai ba trung",
    "cg": "cau giay",
    "tx": "thanh xuan",
    "th": "tay ho",
    "lb": "long bien",
    "hm": "hoang mai",
    "btl": "bac tu liem",
    "ntl": "nam tu liem",
    "hd": "ha dong",
    "ss": "soc son",
    "da": "dong anh",
    "gl": "gia lam",
    "ml": "me linh",
    "st": "son tay",
    "bv": "ba vi",
    "dp": "dan phuong",
    "qo": "quoc oai",
    "cm": "chuong my",
    "px": "phu xuyen",
    "uh": "ung hoa",
    "md": "my duc",
}
# Từ Liêm was split in 2013; people still write it.
_DISTRICT_GROUPS = {"tu liem": ("bac tu liem", "nam tu liem")}

_NUM = r"-?\d{1,3}(?:\.\d+)?"
_COORDS = re.compile(rf"^\s*@?\s*({_NUM})\s*[,; ]\s*({_NUM})\s*$")
# Decimal commas, as a Vietnamese-locale phone or spreadsheet writes them: "21,0245, 105,8412",
# "21,0245 105,8412", "21,0245;105,8412" or "21,0245,105,8412" (four groups can only be that).
_COORDS_COMMA = re.compile(r"^\s*(-?\d{1,3}),(\d+)\s*(?:[,;]\s*|\s+)(-?\d{1,3}),(\d+)\s*$")
# A map link: "…/maps/@21.0245,105.8412,17z" or "…?q=21.0245,105.8412".
_COORDS_URL = re.compile(r"[@=]\s*(-?\d{1,3}\.\d+)\s*,\s*(-?\d{1,3}\.\d+)")
_DMS_PART = (
    r"(\d{1,3}(?:[.,]\d+)?)\s*[°º]\s*(?:(\d{1,2}(?:[.,]\d+)?)\s*['′’]\s*)?"
    r"(?:(\d{1,2}(?:[.,]\d+)?)\s*(?:\"|″|”|''))?\s*([NSEWnsew])"
)
_DMS = re.compile(rf"^\s*{_DMS_PART}\s*[,; ]?\s*{_DMS_PART}\s*$")


class QueryError(ValueError):
    """A query that cannot be answered: an English message, and a ``key`` with ``args`` for the
    pages to say it in their language."""

    def __init__(self, message: str, key: str = "error", **args) -> None:
        super().__init__(message)
        self.key, self.args_ = key, args


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
    successors: pd.DataFrame  # 579-list code → 526-list code

    @classmethod
    def from_built(cls, built: Built) -> FinderTables:
        """Take the finder's tables from a build (the adapter for ``make_finder(built)``)."""
        return cls(
            built.units[["code", "name", "full_name", "unit_type", "geometry"]],
            built.crosswalk,
            built.shares_526,
            built.shares_584,
            built.old584.drop(columns="geometry", errors="ignore"),
            built.units_526,
            built.units_579,
            built.successors,
        )


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
    unit_type: str = ""
    codes: list[str] = field(default_factory=list)  # every code it had (579 and 526 lists)
    via: list[dict] = field(default_factory=list)  # the 2020 successor(s) it is routed through
    # Pieces of its 2019 polygon in other new units, within that map's error (see _overlay_rows).
    fringe: list[dict] = field(default_factory=list)


@dataclass
class Finder:
    """Name index over the 526, 579 and 584 vintages, each name's answer computed once."""

    units: gpd.GeoDataFrame
    entries: list[NameEntry]
    keys: list[str]
    new_index: dict[str, str] = field(default_factory=dict)  # folded new name → code
    routes: list[list[dict]] = field(default_factory=list)  # aligned with entries
    reverse: dict[str, dict] = field(default_factory=dict)  # new code → reverse_lookup answer
    by_key: dict[str, list[int]] = field(default_factory=dict)  # folded name → entry indices
    new_types: dict[str, str] = field(default_factory=dict)  # new code → phuong / xa
    districts: dict[str, str] = field(default_factory=dict)  # folded key → "Quận Hoàn Kiếm"
    district_units: dict[str, list[dict]] = field(default_factory=dict)  # district → new units
    new_exact: dict[str, str] = field(default_factory=dict)  # folded new name → as spelt
    new_keys: list[str] = field(default_factory=list)  # folded new names, for fuzzy matching
    lexicon: Lexicon = field(default_factory=lambda: Lexicon(frozenset(), frozenset()))


def _district_key(district: str) -> str:
    return re.sub(r"^(?:quan|huyen|thi xa)\s+", "", fold(district))


def make_finder(source: FinderTables | Built) -> Finder:
    """Index every old name of every vintage (the 526 and 579 GSO lists and the 2019 census
    units) and compute, once, where each went and what each new unit was formed from.

    ``source`` is a ``FinderTables`` or, for existing callers, a whole build.
    """
    tables = source if isinstance(source, FinderTables) else FinderTables.from_built(source)
    rows = []
    for vintage, df in (("526", tables.units_526), ("579", tables.units_579)):
        rows += [(r.code, r.full_name, r.district, vintage) for r in df.itertuples()]
    rows += [
        (r.code_2019, r.full_name_2019, r.district_2019, "2019") for r in tables.old584.itertuples()
    ]
    merged: dict[tuple[str, str], NameEntry] = {}
    for code, name, district, vintage in rows:
        k = (code, canonical(name))
        if k in merged:
            if vintage not in merged[k].vintages:
                merged[k].vintages.append(vintage)
            continue
        utype, bare = split_type(name)
        merged[k] = NameEntry(
            code,
            name,
            district,
            [vintage],
            fold(bare),
            exact_key(bare),
            _district_key(district),
            utype,
            [code],
        )
    # A unit merged in March 2025 into a neighbour that kept its name (Xã Văn Hoàng, Phường
    # Quang Trung of Hà Đông) got a new code: it is one unit to the citizen, so one match.
    successor = dict(zip(tables.successors["code_579"], tables.successors["code_526"], strict=True))
    by_code_526 = {e.code: e for e in merged.values() if "526" in e.vintages}
    for k, e in list(merged.items()):
        target = by_code_526.get(successor.get(e.code, ""))
        if (
            "526" not in e.vintages
            and target is not None
            and target.code != e.code
            and canonical(target.full_name) == canonical(e.full_name)
            and target.district == e.district
        ):
            target.vintages += [v for v in e.vintages if v not in target.vintages]
            target.codes.append(e.code)
            del merged[k]
    entries = list(merged.values())
    units = tables.units
    _ = units.sindex  # built now, not on the first tap on the map
    by_key: dict[str, list[int]] = {}
    for i, e in enumerate(entries):
        by_key.setdefault(e.key, []).append(i)
    districts = {_district_key(d): d for d in DISTRICTS}
    districts.update({e.district_key: e.district for e in entries})
    new_index = {fold(n): c for c, n in zip(units["code"], units["name"], strict=True)}
    return Finder(
        units,
        entries,
        [e.key for e in entries],
        new_index,
        _all_routes(tables, entries),
        _all_reverse(tables),
        by_key,
        {c: fold(t) for c, t in zip(units["code"], units["unit_type"], strict=True)},
        districts,
        _district_units(tables, districts),
        {fold(n): exact_key(n) for n in units["name"]},
        list(new_index),
        _lexicon(by_key, new_index, districts),
    )


def _law_share(measured: dict, old_code: str, row) -> float | None:
    """The share of ``old_code`` going to ``row.new_code``: None for a whole unit, else measured."""
    return None if row.kind == "whole" else measured.get((old_code, row.new_code), 0.0)


def _overlay_rows(shares: pd.Series, new_unit) -> tuple[list[dict], list[dict]]:
    """(answer, fringe) for a unit no clause names, from where its 2019 polygon lies.

    When one new unit holds at least WHOLE_MIN_SHARE (90 %) of it, the unit is answered as going
    there whole and the smaller pieces form the fringe: the build's own check finds units the law
    sends whole landing only 81–89 % inside on the same coarse 2019 map, so pieces this small are
    within its error. Otherwise every piece is a candidate, largest first.
    """
    rows = sorted(
        (
            new_unit(code, "part", None, "", share, "2019 polygon overlay")
            for code, share in shares.items()
        ),
        key=lambda r: -(r["area_share"] or 0),
    )
    if rows and rows[0]["area_share"] >= WHOLE_MIN_SHARE:
        main = dict(
            rows[0], kind="whole", basis=f"2019 polygon overlay: {rows[0]['area_share']:.0%} inside"
        )
        return [main], rows[1:]
    return rows, []


def _all_routes(tables: FinderTables, entries: list[NameEntry]) -> list[list[dict]]:
    """Each entry's new unit(s), with whole/part, clause and area share: grouped once here so
    that a lookup is a list read (filtering the tables per match was 94 % of a lookup's time)."""
    law = by_resolution(tables.crosswalk)
    law_rows: dict[str, list] = {}
    for r in law.itertuples():
        law_rows.setdefault(r.old_code, []).append(r)
    # A share only means something for a part: a whole unit has none (null). Every destination a
    # clause names is listed with its measured share on the 2019 polygons, even when ~0 (the
    # renormalised "share" drops such slivers, so the raw share of what lies inside is used).
    measured = {
        (r.code_526, r.new_code): r.raw_share / r.inside_city
        for r in tables.shares_526.itertuples()
    }

    names = dict(zip(tables.units["code"], tables.units["full_name"], strict=True))
    types = dict(zip(tables.units["code"], tables.units["unit_type"], strict=True))
    old = tables.old584
    pkg_of: dict[str, set] = {}
    for pkg, code, codes in zip(old["pkg_id"], old["code_2019"], old["codes_2024"], strict=True):
        for c in {code, *str(codes).split(";")}:
            pkg_of.setdefault(c, set()).add(pkg)
    shares_584 = tables.shares_584.groupby(["pkg_id", "new_code"])["share"].sum()
    codes_526 = set(tables.units_526["code"])
    codes_579 = set(tables.units_579["code"])
    successor = dict(zip(tables.successors["code_579"], tables.successors["code_526"], strict=True))
    name_526 = dict(zip(tables.units_526["code"], tables.units_526["full_name"], strict=True))
    codes_2024 = {
        c: str(c24).split(";") for c, c24 in zip(old["code_2019"], old["codes_2024"], strict=True)
    }

    def new_unit(code, kind, clause, text, share, basis):
        return {
            "new_code": code,
            "new_name": names[code],
            "unit_type": types[code],
            "kind": kind,
            "clause": clause,
            "clause_text": text,
            "area_share": None if share is None or pd.isna(share) else round(float(share), 3),
            "basis": basis,
        }

    def polygon_shares(code):
        pkgs = pkg_of.get(code, set())
        sums = shares_584[shares_584.index.get_level_values(0).isin(pkgs)].groupby(level=1).sum()
        return sums / sums.sum() if len(sums) else sums

    out = []
    for e in entries:
        if "526" in e.vintages:
            rows = [
                new_unit(
                    r.new_code,
                    r.kind,
                    int(r.clause),
                    r.clause_text,
                    _law_share(measured, e.code, r),
                    "resolution",
                )
                for r in law_rows.get(e.code, [])
            ]
            rows.sort(key=lambda r: -(r["area_share"] or 0))
        elif e.code not in codes_579 and e.code in codes_2024:
            # Merged in 2020 into a unit that the resolution names: its answer is every new unit
            # of that successor, by the law (the simplified 2019 polygon only orders them).
            via = [successor.get(c, c) for c in codes_2024[e.code]]
            via = [c for c in dict.fromkeys(via) if c in codes_526]
            e.via = [{"old_code": c, "old_name": name_526[c]} for c in via]
            basis = "resolution, via its 2020 successor " + ", ".join(name_526[c] for c in via)
            seen: dict[str, dict] = {}
            for c in via:
                for r in law_rows.get(c, []):
                    if r.new_code in seen:
                        seen[r.new_code]["kind"] = "part"
                        continue
                    share = _law_share(measured, c, r) if len(via) == 1 else None
                    seen[r.new_code] = new_unit(
                        r.new_code,
                        r.kind if len(via) == 1 else "part",
                        int(r.clause),
                        r.clause_text,
                        share,
                        basis,
                    )
            where = polygon_shares(e.code)
            rows = sorted(
                seen.values(), key=lambda r: (-where.get(r["new_code"], 0), -(r["area_share"] or 0))
            )
        else:
            # Merged in March 2025 into a successor the data does not state (it is inferred):
            # route it by where its 2019 polygon lies.
            rows, e.fringe = _overlay_rows(polygon_shares(e.code), new_unit)
        out.append(rows)
    return out


def _all_reverse(tables: FinderTables) -> dict[str, dict]:
    """Every new unit's reverse answer: the old units it was formed from."""
    law = old_units_of(tables.crosswalk)
    out = {
        code: {"new_code": code, "new_name": name, "old_units": []}
        for code, name in zip(tables.units["code"], tables.units["full_name"], strict=True)
    }
    for r in law.itertuples():
        out[r.new_code]["old_units"].append(
            {
                "old_code": r.old_code,
                "old_name": r.old_full_name,
                "district": r.old_district,
                "kind": r.kind,
                "clause": int(r.clause),
            }
        )
    return out


def _district_units(tables: FinderTables, districts: dict[str, str]) -> dict[str, list[dict]]:
    """Per old district: every new unit that received (all or part of) one of its old units."""
    law = by_resolution(tables.crosswalk)
    names = dict(zip(tables.units["code"], tables.units["full_name"], strict=True))
    out: dict[str, dict[str, dict]] = {d: {} for d in districts.values()}
    for district, code in zip(law["old_district"], law["new_code"], strict=True):
        out.setdefault(district, {})[code] = {"new_code": code, "new_name": names[code]}
    return {d: sorted(u.values(), key=lambda n: n["new_name"]) for d, u in out.items()}


# --- Reading a query --------------------------------------------------------------------------
# Points a reading of the query earns (see ``_score``). An exact name is worth 100 (+3 when its
# diacritics agree as typed); a fuzzy one its similarity (≥ MIN_SCORE).
MARKER_STRONG, MARKER_WEAK = 8.0, 4.0  # "Phường"/"Xã"/"Ward" before the name; "P."/"X."/"TT"
TYPE_AGREES, TYPE_DIFFERS = 3.0, -8.0  # the marker's type against the unit's own
IN_DISTRICT, OUTSIDE_DISTRICT = 12.0, -12.0  # a unit in / outside the district the query names
OUTSIDE_BARE_DISTRICT = -4.0  # outside a district named only in passing ("hang bai hoan kiem")
DISTRICT_MARKED, DISTRICT_ALONE = 10.0, 4.0  # how surely a span is the district
MARKED_DISTRICT = -20.0  # a unit name with a district word and no unit word ("Hoai Duc district")
STREET = -20.0  # a name right after "phố", "ngõ", "thôn" or a house number is a street's
LONE_WORD = -10.0  # a one-word name with nothing around it ("là", "ở" fold to names too)
NEW_IS_DISTRICT = -6.0  # a bare new-unit name that is also an old district ("Hoàn Kiếm")
NEW_BESIDE_OLD_DISTRICT = -6.0  # an old district named: the address is an old one
NEW_CUE, NEW_FORMAL = 10.0, 4.0  # "mới"; "…, Thành phố Hà Nội" with no district
OLD_CUE = -10.0  # "cũ", "trước"
CLOSE = 10.0  # other readings within this many points of the best are listed too

# English texts of the finder's messages, for the API; pages translate ``message_key``.
MESSAGES = {
    "empty": "Empty query: type an old ward, commune or town name, an address, or coordinates.",
    "too_long": "Query too long ({n} characters, at most {limit}).",
    "no_match": "No ward, commune or district of Hanoi was found in the query.",
    "district_only": (
        "{districts} went to {n} new units: add the old ward or commune, or tap the place on "
        "the map."
    ),
    "street_only": "Matched on the street's name only: add the old ward, or tap the map.",
    "out_of_range": "Coordinates out of range: latitude −90…90, longitude −180…180.",
    "outside": "This point is not inside any of Hanoi's 126 units.",
}


def _message(answer: dict, key: str, **args) -> None:
    answer["message_key"], answer["message_args"] = key, args
    answer["message"] = MESSAGES[key].format(**args)


@dataclass(frozen=True)
class _District:
    keys: tuple[str, ...]
    start: int
    end: int
    bonus: float
    marked: bool


@dataclass
class _Candidate:
    score: float
    span: Span | None
    entry: int = -1  # old unit (index into finder.entries) …
    new_code: str = ""  # … or new unit
    corrected: bool = False
    street: bool = False


def _lexicon(by_key: dict, new_index: dict, districts: dict) -> Lexicon:
    abbreviations: dict[str, tuple[str, ...]] = {a: (d,) for a, d in DISTRICT_ABBREVIATIONS.items()}
    return Lexicon(
        frozenset(by_key) | frozenset(new_index),
        frozenset(districts) | frozenset(_DISTRICT_GROUPS),
        abbreviations,
    )


def _district_keys(finder: Finder, key: str) -> tuple[str, ...]:
    """The old district(s) a folded name or abbreviation stands for."""
    if key in finder.districts:
        return (key,)
    return _DISTRICT_GROUPS.get(key) or finder.lexicon.abbreviations.get(key, ())


def _districts(finder: Finder, reading: Reading) -> list[_District]:
    """Every way the query may name an old district, with how surely it does."""
    out = []
    for s in reading.districts:
        if (s.unit_type or s.street) and not s.district_marked:
            continue  # "Phường Đống Đa", "phố Hàng Bài": a unit's or a street's name
        bonus = DISTRICT_MARKED if s.district_marked else DISTRICT_ALONE if s.segment else 0.0
        out.append(_District(_district_keys(finder, s.key), s.start, s.end, bonus, bonus > 0))
    # A mistyped district after its marker, or alone between commas ("Hoan Kiemm").
    for start, end in reading.free:
        words = reading.words[start:end]
        marked = phrase_before(reading.words, start, DISTRICT_BEFORE) is not None
        if not marked and not (0 < start and reading.words[start].broken) or len(words) > 4:
            continue
        text = " ".join(w.folded for w in words)
        best = process.extractOne(
            text, list(finder.districts), scorer=fuzz.ratio, score_cutoff=80 if marked else 85
        )
        if best:
            bonus = DISTRICT_MARKED if marked else DISTRICT_ALONE
            out.append(_District((best[0],), start, end, bonus, marked))
    return out


def _marker_points(span: Span, unit_type: str) -> float:
    if not span.unit_type:
        return 0.0
    points = MARKER_STRONG if span.strong else MARKER_WEAK
    return points + (TYPE_AGREES if span.unit_type == unit_type else TYPE_DIFFERS)


def _context_points(span: Span) -> float:
    """Points for what stands around a name: a street word, a district word, nothing at all."""
    if span.street:
        return STREET
    if span.district_marked and not span.unit_type:
        return MARKED_DISTRICT
    if not span.unit_type and span.end - span.start == 1 and not span.segment:
        return LONE_WORD
    return 0.0


def _district_points(entry: NameEntry, span: Span, districts: list[_District]) -> float:
    """The best reading of the named district(s) for an old unit found at ``span``."""
    options = [d for d in districts if d.end <= span.start or d.start >= span.end]
    if not options:
        return 0.0
    return max(
        IN_DISTRICT + d.bonus
        if entry.district_key in d.keys
        else (OUTSIDE_DISTRICT if d.marked or d.bonus else OUTSIDE_BARE_DISTRICT)
        for d in options
    )


def _old_candidates(
    finder: Finder, reading: Reading, districts: list[_District]
) -> list[_Candidate]:
    out = []
    for s in reading.units:
        indices = finder.by_key.get(s.key, [])
        typed = s.exact != s.key  # diacritics were typed
        exact_exists = typed and (
            any(finder.entries[i].exact == s.exact for i in indices)
            or finder.new_exact.get(s.key) == s.exact
        )
        for i in indices:
            e = finder.entries[i]
            same = e.exact == s.exact
            score = 100.0 + 3 * same + _marker_points(s, e.unit_type)
            score += _district_points(e, s, districts)
            score += _context_points(s)
            out.append(
                _Candidate(score, s, entry=i, corrected=exact_exists and not same, street=s.street)
            )
    return out


def _new_candidates(
    finder: Finder, reading: Reading, districts: list[_District]
) -> list[_Candidate]:
    out = []
    district_spans = {(s.start, s.end) for s in reading.districts}
    for s in reading.units:
        code = finder.new_index.get(s.key)
        if code is None:
            continue
        score = 100.0 + 3 * (finder.new_exact[s.key] == s.exact)
        score += _marker_points(s, finder.new_types[code])
        if not s.unit_type and (s.start, s.end) in district_spans:
            score += NEW_IS_DISTRICT
        if any(d.end <= s.start or d.start >= s.end for d in districts):
            score += NEW_BESIDE_OLD_DISTRICT
        elif reading.formal_city and not s.street:
            score += NEW_FORMAL
        score += NEW_CUE * reading.new_cue + OLD_CUE * reading.old_cue + _context_points(s)
        out.append(_Candidate(score, s, new_code=code, street=s.street))
    return out


def _fuzzy_windows(reading: Reading, everywhere: bool) -> list[tuple[int, int]]:
    """Where a mistyped name may be: a free run after a unit marker or alone between commas
    (and its first words), any run when nothing else was found, and a name found only outside
    the district the query names ("tan phu, hoang mai" for Trần Phú)."""
    words, out = reading.words, []
    for start, end in reading.free:
        context = span_at(words, start, end, "", "")
        if context.unit_type or context.segment:
            out += [(start, b) for b in range(start + 1, min(end, start + 4) + 1)]
        elif everywhere:
            out += [(a, b) for a in range(start, end) for b in range(a + 1, min(end, a + 4) + 1)]
    return out


def _near_names(finder: Finder, reading: Reading, districts: list[_District]) -> list:
    """Known names that may be part of a mistyped one: a name found only outside the district
    the query names ("tan phu, hoang mai" for Trần Phú), or a name and the word after it."""
    named = {k for d in districts for k in d.keys}
    out = [
        (s.start, s.end)
        for s in reading.units
        if named
        and s not in reading.districts
        and not any(finder.entries[i].district_key in named for i in finder.by_key.get(s.key, []))
    ]
    # A name and a mistyped word after it ("Thanh Xuân Bắcc"): the whole may be a longer name.
    starts = {a: b for a, b in reading.free}
    for s in reading.units:
        if s.end in starts and not reading.words[s.end].broken:
            out += [(s.start, b) for b in range(s.end + 1, min(starts[s.end], s.end + 2) + 1)]
    return out


def _fuzzy_candidates(
    finder: Finder, reading: Reading, districts: list[_District], everywhere: bool
) -> list[_Candidate]:
    """Old and new names similar to the words of ``_fuzzy_windows``, scored like exact ones
    but from their similarity (MIN_SCORE and up) instead of 100."""
    out, words = [], reading.words
    windows = _fuzzy_windows(reading, everywhere) + _near_names(finder, reading, districts)
    for a, b in dict.fromkeys(windows):
        text = " ".join(w.folded for w in words[a:b])
        if len(text) < 5:  # "uang" is 75 % "lang": too short to correct
            continue
        number = _TRAILING_NUMBER.search(text)
        span = span_at(words, a, b, text, text)
        for key, similarity, i in process.extract(
            text, finder.keys, scorer=fuzz.ratio, limit=20, score_cutoff=MIN_SCORE
        ):
            e = finder.entries[i]
            if key == text or number and not e.key.endswith(" " + number.group(1)):
                continue
            score = similarity + _marker_points(span, e.unit_type) + _context_points(span)
            score += _district_points(e, span, districts)
            out.append(_Candidate(score, span, entry=i, corrected=True, street=span.street))
        for key, similarity, _ in process.extract(
            text, finder.new_keys, scorer=fuzz.ratio, limit=3, score_cutoff=MIN_SCORE
        ):
            code = finder.new_index[key]
            if key == text:
                continue
            score = similarity + _marker_points(span, finder.new_types[code])
            score += NEW_CUE * reading.new_cue + OLD_CUE * reading.old_cue + _context_points(span)
            if districts:
                score += NEW_BESIDE_OLD_DISTRICT
            out.append(_Candidate(score, span, new_code=code, corrected=True))
    return out


def _rank(finder: Finder, candidates: list[_Candidate]) -> list[_Candidate]:
    """Best first; equal scores put units of the 526 list first, then by name."""

    def key(c: _Candidate):
        if c.entry >= 0:
            e = finder.entries[c.entry]
            return (-c.score, 0, "526" not in e.vintages, e.full_name)
        return (-c.score, 1, False, c.new_code)

    return sorted(candidates, key=key)


def _street_of(reading: Reading) -> str:
    """The street's name after its marker or house number, folded (for the answer only)."""
    words = reading.words
    stops = {
        i
        for sp in reading.units + reading.districts
        if not sp.street
        for i in range(sp.start, sp.end)
    }
    for i in range(len(words)):
        if m := phrase_at(words, i, NAME_MARKER):
            stops.update(range(i, i + len(m)))
    for i in range(len(words)):
        m = phrase_at(words, i, STREET_BEFORE)
        if not m and not words[i].folded[0].isdigit():
            continue
        j = i + (len(m) if m else 1)
        while j < len(words) and (
            words[j].folded[0].isdigit() or phrase_at(words, j, STREET_BEFORE)
        ):
            j += 1  # "ngõ 5 ngách 3", "số 12 phố"
        name: list[str] = []
        while j < len(words) and j not in stops and not words[j].folded[0].isdigit():
            if name and words[j].broken:
                break
            name.append(words[j].folded)
            j += 1
        if name:
            return " ".join(name)
    return ""


def lookup(finder: Finder, query: str, limit: int = 5) -> dict:
    """Answer a free-text query: the old unit(s) it names and where each went, or the new unit.

    The whole query is read as spans of known names in any order (``geodata.query.read``), and
    each reading is scored: a unit inside the district the query names beats one outside, a name
    after a unit-type word beats a bare one, a name after a street word or house number is a
    street's. A new unit's name is the answer (``"reading": "new"``) when it scores above every
    old name; a name of both vintages leads with the old unit unless the query says "mới" or is
    in the two-tier form ("Phường X, Thành phố Hà Nội"); either way both are in the answer.
    Ambiguous names return every match, ranked; typos are corrected and said so. A street with
    an old district but no ward answers ``"needs": "ward"`` with the new units of that district.
    Coordinates answer the new unit containing the point. Raises QueryError (with ``key``) only
    for empty or oversize input: a query naming nothing known is an answer with no matches.
    """
    query = (query or "").strip()
    if not query:
        raise QueryError(MESSAGES["empty"], "empty")
    if len(query) > MAX_QUERY:
        raise QueryError(
            MESSAGES["too_long"].format(n=len(query), limit=MAX_QUERY),
            "too_long",
            n=len(query),
            limit=MAX_QUERY,
        )
    point = _coordinates(query)
    if point:
        return locate(finder, *point)
    reading = read(query, finder.lexicon)
    districts = _districts(finder, reading)
    old = _old_candidates(finder, reading, districts)
    new = _new_candidates(finder, reading, districts)
    exact_best = max((c.score for c in old + new if not c.street), default=0.0)
    marked_free = any(span_at(reading.words, a, b, "", "").unit_type for a, b in reading.free)
    if exact_best < 100 or marked_free:
        # No name stands out, or a unit word stands before unknown words: a mistyped name.
        old += _fuzzy_candidates(finder, reading, districts, everywhere=not old + new)
    ranked = _rank(finder, [c for c in old + new if c.score >= MIN_SCORE])
    best = ranked[0] if ranked else None
    named = {k for d in districts if d.bonus for k in d.keys} or {
        k for d in districts for k in d.keys
    }
    # A bare new-unit name that is also an old district, and no old unit of that name: "Hoàn
    # Kiếm" alone is the old district, with the new unit of that name beside it.
    district_only = (
        best is not None
        and best.span is not None
        and bool(best.new_code)
        and best.span.key in finder.districts
        and not best.span.unit_type
        and not any(c.entry >= 0 and not c.corrected for c in ranked)
    )
    if district_only and best and best.span:
        named = set(_district_keys(finder, best.span.key))
    answer: dict[str, Any] = {"query": query, "matches": []}
    if best is not None and best.new_code and not district_only:
        answer["reading"] = "new"
    _add_matches(finder, answer, ranked, old, best, limit)
    # A new unit's name read as the old district ("…, Hoàn Kiếm") is not offered beside the match.
    news = [
        c
        for c in ranked
        if c.new_code
        and not (answer["matches"] and c.span and c.span.key in named and not c.span.unit_type)
    ]
    lead = answer["matches"][0]["score"] if answer["matches"] else 0.0
    if news and (answer.get("reading") or district_only or news[0].score >= lead - CLOSE):
        answer["new_unit"] = dict(reverse_lookup(finder, news[0].new_code), score=news[0].score)
        if "reading" not in answer and answer["matches"] and news[0].score >= lead - 0.5:
            answer["ambiguous"] = True  # an old and a new unit of that name, read alike
    answer["parsed"] = {
        "unit": best.span.key if best and best.span else "",
        "district": " / ".join(sorted(named)),
        "street": _street_of(reading),
    }
    _add_needs(finder, answer, named, street_only=best is not None and best.street)
    if answer.get("reading") == "new" and answer["matches"]:
        answer["also_old"] = True  # the new unit's name was an old unit's name too
    return answer


def _add_matches(
    finder: Finder,
    answer: dict,
    ranked: list[_Candidate],
    old: list[_Candidate],
    best: _Candidate | None,
    limit: int,
) -> None:
    """The old units of the answer: those within CLOSE of the best reading or, when a new unit
    is the answer, the old units of the same name ("also an old name")."""
    if answer.get("reading") == "new" and best and best.span:
        key = best.span.key
        picked = _rank(finder, [c for c in old if c.span and c.span.key == key and c.entry >= 0])
    else:
        top = best.score if best else 0.0
        picked = [c for c in ranked if c.entry >= 0 and c.score >= top - CLOSE]
    seen: set[str] = set()
    for c in picked:
        code = finder.entries[c.entry].code
        if code in seen:
            continue
        seen.add(code)
        answer["matches"].append(_match_record(finder, c.entry, c.score, c.corrected))
        if len(answer["matches"]) >= limit:
            break
    matches = answer["matches"]
    first = matches[0]["score"] if matches else 0.0
    answer["ambiguous"] = (
        "reading" not in answer
        and sum(1 for m in matches if m["score"] >= first - 0.5 and not m["corrected"]) > 1
    )


def _add_needs(finder: Finder, answer: dict, named: set[str], street_only: bool) -> None:
    """What the answer lacks: the ward, when only a street or a district was found."""
    district_names = [finder.districts[d] for d in sorted(named) if d in finder.districts]
    if "reading" in answer:
        return
    if district_names and (not answer["matches"] or street_only):
        answer["needs"] = "ward"
        answer["district_units"] = [
            dict(u) for d in district_names for u in finder.district_units.get(d, [])
        ]
        if street_only:
            _message(answer, "street_only")
        else:
            units = answer["district_units"]
            _message(answer, "district_only", districts=" / ".join(district_names), n=len(units))
    elif street_only:
        answer["needs"] = "ward"
        _message(answer, "street_only")
    elif not answer["matches"] and "new_unit" not in answer:
        _message(answer, "no_match")


# --- Answering --------------------------------------------------------------------------------


def _coordinates(query: str) -> tuple[float, float] | None:
    """A point in any of the usual pasted forms, as (lat, lon); None when it is not one."""
    if m := _DMS.match(query):
        values = []
        for deg, mins, secs, hemi in (m.groups()[:4], m.groups()[4:]):
            v = sum(
                float((x or "0").replace(",", ".")) / d
                for x, d in ((deg, 1), (mins, 60), (secs, 3600))
            )
            values.append((hemi.upper(), -v if hemi.upper() in "SW" else v))
        lat = next((v for h, v in values if h in "NS"), values[0][1])
        lon = next((v for h, v in values if h in "EW"), values[1][1])
        return lat, lon
    if m := _COORDS_COMMA.match(query):
        a, b = float(f"{m.group(1)}.{m.group(2)}"), float(f"{m.group(3)}.{m.group(4)}")
    elif m := (_COORDS.match(query) or _COORDS_URL.search(query)):
        a, b = float(m.group(1)), float(m.group(2))
    else:
        return None
    # "105.8412, 21.0245" (GeoJSON order): a first number that cannot be a latitude is the
    # longitude.
    return (b, a) if abs(a) > 90 >= abs(b) else (a, b)


def _match_record(finder: Finder, i: int, total: float, corrected: bool) -> dict:
    """The answer for one matched entry: the old unit and the new unit(s) it went to."""
    e = finder.entries[i]
    match = {
        "old_code": e.code,
        "old_name": e.full_name,
        "district": e.district,
        "vintages": e.vintages,
        "score": round(total, 1),
        "corrected": corrected,
        "new_units": [dict(r) for r in finder.routes[i]],
    }
    if len(e.codes) > 1:
        match["old_codes"] = list(e.codes)
    if e.via:
        match["via"] = [dict(v) for v in e.via]
    if e.fringe:
        match["fringe"] = [dict(r) for r in e.fringe]
    return match


def reverse_lookup(finder: Finder, new_code: str) -> dict:
    """A new unit and the old units it was formed from (a copy: callers may change it)."""
    answer = finder.reverse[new_code]
    return dict(answer, old_units=[dict(o) for o in answer["old_units"]])


def locate(finder: Finder, lat: float, lon: float) -> dict:
    """The new unit containing a point (full-resolution polygons, spatial index)."""
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise QueryError(MESSAGES["out_of_range"], "out_of_range")
    units = finder.units
    hits = units.sindex.query(Point(lon, lat), predicate="intersects")
    if not len(hits):
        answer = {"query": f"{lat}, {lon}", "lat": lat, "lon": lon, "matches": [], "new_unit": None}
        _message(answer, "outside")
        return answer
    code = units.iloc[hits[0]]["code"]
    return {
        "query": f"{lat}, {lon}",
        "lat": lat,
        "lon": lon,
        "matches": [],
        "new_unit": reverse_lookup(finder, code),
    }
