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
from .text import canonical, decode_typing, fold, nfc, split_type

if TYPE_CHECKING:  # only for the adapter's annotation: the finder needs no other part of a build
    from .build import Built

MIN_SCORE = 72.0
# A typed district adds up to +10 to a fuzzy match in that district and takes 10 from one in
# another (0.2 × similarity − 10), enough to outrank a slightly closer spelling elsewhere.
DISTRICT_WEIGHT = 0.2
DISTRICT_OFFSET = 10.0
MAX_QUERY = 300
_ROMAN = {"i": "1", "ii": "2", "iii": "3", "iv": "4", "v": "5"}
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

# Marker words, folded. A marker typed with diacritics must also match them (the canonical
# form), so "Phương Mai" is a name and "Phường Mai" a prefix; typed without diacritics, a marker
# that starts a known unit name ("phuong canh", "ngo quyen", "pho hue") is read as the name.
_UNIT_PREFIX = {
    ("thi", "tran"): "thi tran",
    ("phuong",): "phuong",
    ("p",): "phuong",
    ("xa",): "xa",
    ("x",): "xa",
    ("tt",): "thi tran",
    ("ward",): "phuong",
}
_UNIT_SUFFIX: dict[tuple[str, ...], str] = {
    ("ward",): "phuong",
    ("commune",): "xa",
    ("township",): "thi tran",
    ("town",): "thi tran",
}
_DISTRICT_PREFIX = {("quan",), ("q",), ("huyen",), ("h",), ("thi", "xa"), ("tx",), ("district",)}
_DISTRICT_SUFFIX = {
    ("district",),
    ("dist",),
    ("urban", "district"),
    ("rural", "district"),
    ("town",),
}
_STREET_PREFIX = {
    ("so",),
    ("ngo",),
    ("ngach",),
    ("hem",),
    ("kiet",),
    ("to",),
    ("tdp",),
    ("khu",),
    ("kdt",),
    ("thon",),
    ("xom",),
    ("ap",),
    ("cum",),
    ("duong",),
    ("pho",),
    ("lo",),
    ("nha",),
    ("toa",),
    ("km",),
    ("no",),
    ("street",),
    ("st",),
    ("road",),
    ("rd",),
    ("lane",),
    ("alley",),
    ("hamlet",),
    ("village",),
    ("group",),
    ("block",),
    ("building",),
    ("apartment",),
}
_STREET_SUFFIX = {("street",), ("st",), ("road",), ("rd",), ("lane",), ("alley",), ("village",)}
# The diacritic forms a marker must have when it is typed with diacritics.
_MARKER_CANON = {
    "phuong": {"phường"},
    "xa": {"xã"},
    "quan": {"quận"},
    "huyen": {"huyện"},
    "thi": {"thị"},
    "tran": {"trấn"},
    "so": {"số"},
    "ngo": {"ngõ"},
    "ngach": {"ngách"},
    "hem": {"hẻm"},
    "kiet": {"kiệt"},
    "to": {"tổ"},
    "khu": {"khu"},
    "thon": {"thôn"},
    "xom": {"xóm"},
    "ap": {"ấp"},
    "cum": {"cụm"},
    "duong": {"đường"},
    "pho": {"phố"},
    "lo": {"lô"},
    "nha": {"nhà"},
    "toa": {"tòa", "toà"},
}
# The city and country, with or without a comma before them: never part of a unit's name.
_CITY = [
    ("thanh", "pho", "ha", "noi"),
    ("tp", "ha", "noi"),
    ("ha", "noi", "city"),
    ("hanoi", "city"),
    ("tp", "hn"),
    ("ha", "noi"),
    ("hanoi",),
    ("hn",),
    ("tphn",),
    ("viet", "nam"),
    ("vietnam",),
    ("vn",),
    ("city",),
    ("tp",),
]

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
_SEGMENTS = re.compile(r"[,;\n|()]+")
_DASH = re.compile(r"\s*[-–—]\s*")


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
    district_keys: frozenset[str] = frozenset()
    routes: list[list[dict]] = field(default_factory=list)  # aligned with entries
    reverse: dict[str, dict] = field(default_factory=dict)  # new code → reverse_lookup answer
    by_key: dict[str, list[int]] = field(default_factory=dict)  # folded name → entry indices
    new_types: dict[str, str] = field(default_factory=dict)  # new code → phuong / xa
    districts: dict[str, str] = field(default_factory=dict)  # folded key → "Quận Hoàn Kiếm"
    district_units: dict[str, list[dict]] = field(default_factory=dict)  # district → new units


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
            canonical(bare),
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
    return Finder(
        units,
        entries,
        [e.key for e in entries],
        {fold(n): c for c, n in zip(units["code"], units["name"], strict=True)},
        frozenset(districts),
        _all_routes(tables, entries),
        _all_reverse(tables),
        by_key,
        {c: fold(t) for c, t in zip(units["code"], units["unit_type"], strict=True)},
        districts,
        _district_units(tables, districts),
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


# --- Parsing ----------------------------------------------------------------------------------


@dataclass
class Parsed:
    """What a query says: the unit (folded, and with diacritics when typed so), its type, the
    old district(s) and any street part that was set aside."""

    unit: str = ""
    unit_exact: str = ""
    unit_type: str = ""
    district: str = ""
    districts: tuple[str, ...] = ()  # folded keys of the old districts it names
    street: str = ""


@dataclass
class _Part:
    role: str  # unit, district, street or bare
    words: list[tuple[str, str]]  # (folded, lower-case as typed) per word
    unit_type: str = ""

    @property
    def folded(self) -> str:
        return " ".join(f for f, _ in self.words)

    @property
    def exact(self) -> str:
        return canonical(" ".join(c for _, c in self.words))


def _words(text: str) -> list[tuple[str, str]]:
    out = []
    for w in re.findall(r"[^\W_]+", text):
        f = fold(w)
        if f:
            out.append((f, w.lower()))
    return out


def _starts(words, phrases) -> tuple[str, ...] | None:
    """The longest marker phrase ``words`` start with, its diacritics agreeing when typed."""
    for phrase in sorted(phrases, key=len, reverse=True):
        head = words[: len(phrase)]
        if tuple(f for f, _ in head) != phrase:
            continue
        if all(c == f or c in _MARKER_CANON.get(f, {c}) for f, c in head):
            return phrase
    return None


def _ends(words, phrases) -> tuple[str, ...] | None:
    for phrase in sorted(phrases, key=len, reverse=True):
        if len(words) > len(phrase) and tuple(f for f, _ in words[-len(phrase) :]) == phrase:
            return phrase
    return None


class _Parser:
    """Reads a query against the name index (any set of folded names; empty: no index)."""

    def __init__(self, names=frozenset(), districts=None, new_names=frozenset()):
        self.names = names  # old units' folded names
        self.new_names = new_names
        self.districts = districts or {_district_key(d): d for d in DISTRICTS}

    def district_of(self, text: str, fuzzy: bool = False) -> tuple[str, ...]:
        """The old district key(s) ``text`` names: a name, a group or an abbreviation."""
        text = re.sub(r"^(?:quan|q|huyen|h|thi xa|tx)\s+", "", text) if " " in text else text
        if text in self.districts:
            return (text,)
        if text in _DISTRICT_GROUPS:
            return _DISTRICT_GROUPS[text]
        if text in DISTRICT_ABBREVIATIONS:
            return (DISTRICT_ABBREVIATIONS[text],)
        if fuzzy and text:
            best = process.extractOne(
                text, list(self.districts), scorer=fuzz.ratio, score_cutoff=80
            )
            if best:
                return (best[0],)
        return ()

    def is_name(self, words) -> bool:
        return " ".join(f for f, _ in words) in self.names

    def starts_name(self, words) -> bool:
        """``words`` are an old unit's name, alone or followed by a district ('phuong mai dong
        da'): then a first word that looks like a marker (phuong, ngo, pho …) is the name's."""
        if self.is_name(words):
            return True
        for k in range(len(words) - 1, 1, -1):
            if self.is_name(words[:k]):
                tail = " ".join(f for f, _ in words[k:])
                return bool(
                    self.district_of(tail)
                    or _city_tail(words[k:]) == len(words) - k
                    or (tail,) in _UNIT_SUFFIX
                )
        return False

    def split_trailing_district(self, part: _Part) -> tuple[_Part, tuple[str, ...], str]:
        """'hang bai hoan kiem', 'Minh Khai HBT': a district typed after the name, no comma."""
        words = part.words
        if self.is_name(words) or len(words) < 2:
            return part, (), ""
        for n in (4, 3, 2, 1):
            if len(words) <= n:
                continue
            tail = " ".join(f for f, _ in words[-n:])
            found = self.district_of(tail) if n > 1 or tail in DISTRICT_ABBREVIATIONS else ()
            if not found:
                continue
            rest = words[:-n]
            # "… quận Hoàn Kiếm", "… xa son tay": drop the district's own type word too.
            marker = _ends(rest, _DISTRICT_PREFIX | {("xa",)})
            if marker and not self.is_name(rest):
                rest = rest[: -len(marker)]
            if rest:
                return _Part(part.role, rest, part.unit_type), found, tail
        return part, (), ""

    def classify(self, words) -> list[_Part]:
        """Cut one comma-separated segment into unit / district / street / bare parts."""
        parts: list[_Part] = []
        i = 0
        while i < len(words):
            rest = words[i:]
            role, utype, skip = "bare", "", 0
            unit_marker = _starts(rest, _UNIT_PREFIX)
            district_marker = _starts(rest, _DISTRICT_PREFIX)
            street_marker = _starts(rest, _STREET_PREFIX)
            after = " ".join(f for f, _ in rest[len(district_marker or ()) :])
            if (
                district_marker
                and (self.district_of(after, True) or not self.names)
                and not self.starts_name(rest)
            ):
                role, skip = "district", len(district_marker)
            elif unit_marker and len(rest) > len(unit_marker) and not self.starts_name(rest):
                role, utype, skip = "unit", _UNIT_PREFIX[unit_marker], len(unit_marker)
            elif (street_marker or rest[0][0][0].isdigit()) and not self.starts_name(rest):
                role = "street"
            # The part runs to the next unit or district marker (a missing comma).
            end = len(words)
            for j in range(i + skip + 1, len(words)):
                tail = words[j:]
                d = _starts(tail, _DISTRICT_PREFIX)
                u = _starts(tail, _UNIT_PREFIX)
                if d and self.district_of(" ".join(f for f, _ in tail[len(d) :])):
                    end = j
                    break
                if (
                    u
                    and role != "unit"
                    and len(tail) > len(u)
                    and u != ("ward",)
                    and (self.is_name(tail[len(u) :]) or u[0] in ("thi", "p", "x", "tt"))
                ):
                    end = j
                    break
            body = words[i + skip : end]
            i = end
            if not body:
                continue
            # English forms put the type after the name: "Trang Tien Ward", "Phu Xuyen District".
            suffix = _ends(body, _DISTRICT_SUFFIX)
            # "Son Tay Town" is the thị xã; "Phu Xuyen Town" the thị trấn (also a district's name).
            name = body[: -len(suffix)] if suffix else body
            if (
                suffix
                and role == "bare"
                and (
                    suffix != ("town",)
                    or (self.district_of(" ".join(f for f, _ in name)) and not self.is_name(name))
                )
            ):
                role, body = "district", body[: -len(suffix)]
            elif (suffix := _ends(body, _UNIT_SUFFIX)) and role in ("bare", "unit"):
                role, utype, body = "unit", _UNIT_SUFFIX[suffix], body[: -len(suffix)]
            elif (suffix := _ends(body, _STREET_SUFFIX)) and role == "bare":
                role, body = "street", body[: -len(suffix)]
            parts.append(_Part(role, body, utype))
        return parts

    def parse(self, query: str) -> Parsed:
        """Split a query into its unit, old district and street parts (see ``parse_query``)."""
        text = decode_typing(nfc(query))
        parts: list[_Part] = []
        for seg in _SEGMENTS.split(text):
            words = _words(seg)
            # The city and the country at the end, with or without a comma.
            while words and (n := _city_tail(words)):
                words = words[:-n]
            if not words:
                continue
            # "Quang Trung - Hà Đông": a dash before a district; other dashes belong to names
            # ("Văn Miếu - Quốc Tử Giám").
            spaced = re.split(r"\s+[-–—]\s+", seg)
            if (
                len(spaced) > 2
                or len(spaced) == 2
                and not self.district_of(fold(spaced[-1]))
                and not any(
                    " ".join(f for f, _ in words[k:]) in self.names | self.new_names
                    for k in range(3)
                )
            ):
                # "Thôn Đông - Trung Tú - Ứng Hòa": dashes used as commas.
                for piece in spaced:
                    parts += self.classify(_words(piece))
                continue
            pieces = _DASH.split(seg)
            if (
                len(pieces) > 1
                and self.district_of(fold(pieces[-1]), False)
                and " ".join(f for f, _ in words) not in self.names | self.new_names
            ):
                head = _words(" ".join(pieces[:-1]))
                parts += self.classify(head) + [_Part("district", _words(pieces[-1]))]
            else:
                parts += self.classify(words)
        return self.resolve(parts)

    def resolve(self, parts: list[_Part]) -> Parsed:
        """Choose the unit and the district among the parts."""
        out = Parsed()
        streets = [p for p in parts if p.role == "street"]
        named = [p for p in parts if p.role in ("unit", "bare")]
        for p in parts:
            if p.role == "district" and not out.districts:
                out.districts = self.district_of(p.folded, True)
                out.district = out.districts[0] if len(out.districts) == 1 else p.folded
        if not out.districts:
            self._take_bare_district(out, named, streets)
        units = [p for p in named if p.role == "unit"] or [p for p in named if p.role == "bare"]
        if units:
            part = units[0]
            if not out.districts:
                part, out.districts, tail = self.split_trailing_district(part)
                out.district = out.districts[0] if len(out.districts) == 1 else tail
            if not out.districts:
                # A second bare segment may be a mistyped district.
                for p in named[1:]:
                    if p is not part and (found := self.district_of(p.folded, True)):
                        out.districts, out.district = found, found[0]
                        break
            out.unit, out.unit_exact, out.unit_type = part.folded, part.exact, part.unit_type
            if not out.districts and part.role == "bare" and not self.is_name(part.words):
                # "Hoàn Kiếm" alone: the old district (and perhaps the new ward of that name).
                out.districts = self.district_of(part.folded)
                out.district = out.districts[0] if len(out.districts) == 1 else ""
        if streets:
            part = streets[0]
            if not out.districts:
                part, out.districts, tail = self.split_trailing_district(part)
                out.district = out.districts[0] if len(out.districts) == 1 else tail
            # The street's name without its markers and house numbers.
            kept = [
                w
                for w in part.words
                if not w[0][0].isdigit() and (w[0],) not in _STREET_PREFIX | _STREET_SUFFIX
            ]
            out.street = " ".join(f for f, _ in kept)
        return out

    def _take_bare_district(self, out: Parsed, named: list[_Part], streets: list[_Part]) -> None:
        """A bare name that is a district is the district when something else names the place
        ("Hàng Bài, Hoàn Kiếm"; "số 12 phố Hàng Bài, Hoàn Kiếm"): set it on ``out`` and remove
        it from ``named``."""
        for p in named:
            found = self.district_of(p.folded)
            others = [q for q in named if q is not p]
            if (
                found
                and p.role == "bare"
                and (others or streets)
                and not (self.is_name(p.words) and not others)
            ):
                out.districts, out.district = found, p.folded if len(found) > 1 else found[0]
                named.remove(p)
                return


def _city_tail(words) -> int:
    for phrase in _CITY:
        if len(words) >= len(phrase) and tuple(f for f, _ in words[-len(phrase) :]) == phrase:
            return len(phrase)
    return 0


def parse_query(query: str, district_keys: frozenset[str] = frozenset()) -> tuple[str, str, str]:
    """Split a free-text query into (unit part, district part, unit part with diacritics).

    Understands prefixes and abbreviations (Phường/P./P, Xã/X., Thị trấn/TT, Quận/Q., Huyện/H.,
    Thị xã/TX), English forms (Ward, Commune, Town, District), district abbreviations (HK, HBT
    …) and full addresses: the street part and the city are set aside.
    """
    districts = {_district_key(d): d for d in DISTRICTS}
    districts.update({k: k for k in district_keys})
    p = _Parser(frozenset(), districts).parse(query)
    return p.unit, p.district, p.unit_exact


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


def _match(finder: Finder, parsed: Parsed, limit: int, fuzzy: bool = True) -> list[dict]:
    """Ranked old units for the parsed query: exact names first; fuzzy ones only when no name
    matches exactly. A named district keeps only its own units when it has any."""
    unit = parsed.unit
    number = _TRAILING_NUMBER.search(unit)

    def in_district(e: NameEntry) -> bool:
        return not parsed.districts or e.district_key in parsed.districts

    exact = finder.by_key.get(unit, [])
    found: list[tuple[float, int, bool]] = []  # (score, entry index, corrected)
    # With diacritics typed, a name that differs only by them (Sơn Đông / Sơn Đồng) is a
    # correction when another unit has exactly the typed spelling.
    typed_exact = parsed.unit_exact != unit and any(
        finder.entries[i].exact == parsed.unit_exact for i in exact
    )
    if any(in_district(finder.entries[i]) for i in exact):
        for i in exact:
            e = finder.entries[i]
            if not in_district(e):
                continue
            same = e.exact == parsed.unit_exact
            found.append((100 + 3 * same, i, typed_exact and not same))
    elif fuzzy:
        candidates = process.extract(
            unit, finder.keys, scorer=fuzz.ratio, limit=40, score_cutoff=MIN_SCORE - 10
        )
        for key, score, i in candidates:
            e = finder.entries[i]
            if number and not e.key.endswith(" " + number.group(1)):
                continue
            total = score + (3 if e.exact == parsed.unit_exact else 0)
            if parsed.district:
                best = max(
                    fuzz.ratio(d, e.district_key) for d in parsed.districts or (parsed.district,)
                )
                total += DISTRICT_WEIGHT * best - DISTRICT_OFFSET
            found.append((total, i, key != unit))
    found = [f for f in found if f[0] >= MIN_SCORE]
    type_bonus = {i: 2 * (finder.entries[i].unit_type == parsed.unit_type) for _, i, _ in found}
    found.sort(
        key=lambda f: (
            -(f[0] + type_bonus[f[1]]),
            "526" not in finder.entries[f[1]].vintages,
            finder.entries[f[1]].full_name,
        )
    )
    seen, matches = set(), []
    for total, i, corrected in found:
        e = finder.entries[i]
        if e.code in seen:
            continue
        seen.add(e.code)
        matches.append(_match_record(finder, i, total, corrected))
        if len(matches) >= limit:
            break
    return matches


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


def lookup(finder: Finder, query: str, limit: int = 5) -> dict:
    """Answer a free-text query: old unit name(s) matched and where each went.

    Ambiguous names return every match with its district, ranked; typos are corrected and said
    so. A street with an old district but no ward answers ``"needs": "ward"`` with the new units
    of that district. Coordinates (decimal, decimal-comma, DMS, map links) answer the new unit
    containing the point. Raises QueryError for empty or oversize input.
    """
    query = (query or "").strip()
    if not query:
        raise QueryError(
            "Empty query: type an old ward, commune or town name, an address, or coordinates."
        )
    if len(query) > MAX_QUERY:
        raise QueryError(f"Query too long ({len(query)} characters, at most {MAX_QUERY}).")
    point = _coordinates(query)
    if point:
        return locate(finder, *point)
    parser = _Parser(frozenset(finder.by_key), finder.districts, frozenset(finder.new_index))
    parsed = parser.parse(query)
    if not parsed.unit and not parsed.districts and parsed.street:
        # Only a street: its name is all there is to go on (a street may cross ward lines).
        parsed.unit, parsed.unit_exact = parsed.street, ""
    if not parsed.unit and not parsed.districts:
        raise QueryError("No unit name found in the query.")
    # Numbered names (Mỹ Đình 1, Cổ Nhuế 2) may be typed with Roman numerals; the number must match.
    words = parsed.unit.split()
    if len(words) > 1 and words[-1] in _ROMAN:
        parsed.unit = " ".join(words[:-1] + [_ROMAN[words[-1]]])
    reverse = finder.new_index.get(parsed.unit)
    if reverse and parsed.unit_type not in ("", finder.new_types.get(reverse)):
        reverse = None
    # A new unit's exact name is an exact match too: no fuzzy old names beside it.
    matches = _match(finder, parsed, limit, fuzzy=reverse is None) if parsed.unit else []
    top = matches[0]["score"] if matches else 0
    answer: dict[str, Any] = {
        "query": query,
        "parsed": {"unit": parsed.unit, "district": parsed.district, "street": parsed.street},
        "matches": matches,
        "ambiguous": sum(1 for m in matches if m["score"] >= top - 0.5 and not m["corrected"]) > 1,
    }
    if reverse:
        answer["new_unit"] = reverse_lookup(finder, reverse)
    district_names = [finder.districts[d] for d in parsed.districts if d in finder.districts]
    if district_names and (not matches or parsed.street and parsed.unit == parsed.street):
        # A street and a district but no ward: the answer is one of the district's new units.
        answer["needs"] = "ward"
        answer["district_units"] = [
            dict(u) for d in district_names for u in finder.district_units.get(d, [])
        ]
        answer["message"] = (
            f"{' / '.join(district_names)} went to "
            f"{len(answer['district_units'])} "
            "new units: add the old ward or commune, or tap the place on the map."
        )
    elif parsed.street and parsed.unit == parsed.street:
        answer["needs"] = "ward"
        answer["message"] = "Matched on the street's name only: add the old ward, or tap the map."
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
        return {
            "query": f"{lat}, {lon}",
            "lat": lat,
            "lon": lon,
            "matches": [],
            "new_unit": None,
            "message": "This point is not inside any of Hanoi's 126 units.",
        }
    code = units.iloc[hits[0]]["code"]
    return {
        "query": f"{lat}, {lon}",
        "lat": lat,
        "lon": lon,
        "matches": [],
        "new_unit": reverse_lookup(finder, code),
    }
