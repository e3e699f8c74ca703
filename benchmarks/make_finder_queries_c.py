"""Held-out query set C for the ward finder (issue #21), written without looking at the finder.

Writes benchmarks/data/finder_queries_c.csv with columns ``kind,query,expected_new_codes,note``.
Deterministic: one ``random.Random(SEED)`` drives every choice; re-running gives the same file.

How the expected answers are derived (never from ``geodata.finder`` or ``geodata.text``):

1. Article 1 of Resolution 1656/NQ-UBTVQH15 (data/crosswalk_2025/input/docs/) is cut into its
   clauses by this script's own parser. Each clause ends "thành phường/xã mới có tên gọi là
   phường/xã X" (the new unit); before that, every old unit it names is taken, whether the clause
   moves the whole of it or a part ("một phần …", "phần còn lại của …"): a split old unit appears
   in several clauses, so it gets every new unit the resolution sends part of it to.
2. Each old name is matched to the 526-unit GSO list of March 2025 (data/old_units_lists/
   hanoi_units_dvhcvn_v20250301.csv) on unit type + name folded (no diacritics, lower case),
   the exact spelling preferred when two fold alike ('Sơn Đông' / 'Sơn Đồng'). A name several
   old units share is settled by the district the clause writes in brackets
   ("Minh Khai (quận Hai Bà Trưng)"), else by the dvhcvn mapping (data/crosswalk_2025/mapping/
   merges.json) for the same new unit. The new unit's code is its GSO code in merges.json, matched
   on its name. The script stops if any name is left unmatched or if an old unit is named by no
   clause, and prints how the result compares with merges.json (it does not use merges.json's
   pairs otherwise).
3. An old unit's expected answer is the sorted, ';'-joined set of new codes of the clauses that
   name it. A new-name query expects that new unit's code alone. A query that is deliberately
   ambiguous (kinds ``ambiguous`` and ``new_or_old``) expects the union of every reading: all
   old units of that name and, for ``new_or_old``, the new unit of that name.
4. ``old_2019``: units of the 2019 census list that are in neither the 2025 lists' 526 codes nor,
   by name, among the 526 or 126 names. Their successor comes from the GSO change table 2019 → Nov
   2024 (data/old_units_2019/hanoi_gso_ward_change_record_…csv, "Xã DC"); a unit is kept only
   when every successor code is one of the 526 with the same name, and its expected answer is the
   union of those successors' answers by step 3. The others are skipped, not guessed.

A query leaves out the old district only when its name (folded, type word dropped) reads one
way: every old unit and new unit of that name has the same expected set. Otherwise it names the
district (or is one of the deliberately ambiguous kinds). Run:
    .venv/bin/python benchmarks/make_finder_queries_c.py
"""

from __future__ import annotations

import csv
import json
import random
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path

import pandas as pd
from rapidfuzz.distance import Levenshtein

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
OUT = Path(__file__).parent / "data" / "finder_queries_c.csv"
SEED = 20251203
RESOLUTION = DATA / "crosswalk_2025" / "input" / "docs" / "1656_NQ-UBTVQH15.md"
MERGES = DATA / "crosswalk_2025" / "mapping" / "merges.json"
LIST_526 = DATA / "old_units_lists" / "hanoi_units_dvhcvn_v20250301.csv"
LIST_579 = DATA / "old_units_lists" / "hanoi_units_dvhcvn_v20250101.csv"
CHANGES_2019 = (
    DATA / "old_units_2019" / "hanoi_gso_ward_change_record_20190101_vs_20241110_rows.csv"
)

TYPES = ("thị trấn", "phường", "xã")


def nfc(s: str) -> str:
    """NFC with single spaces."""
    return " ".join(unicodedata.normalize("NFC", s).split())


def fold(s: str) -> str:
    """Lower case, no diacritics (đ → d), single spaces: how names are compared here."""
    s = unicodedata.normalize("NFD", s.replace("đ", "d").replace("Đ", "D"))
    s = "".join(ch for ch in s if unicodedata.category(ch) != "Mn")
    return " ".join(s.lower().split())


_TONE_PLACE = {
    "oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa", "oè": "òe", "oé": "óe",
    "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe", "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy",
}  # fmt: skip


def spelled(s: str) -> str:
    """Lower case with diacritics, one tone placement ('Hoà' and 'Hòa' alike)."""
    s = nfc(s).lower()
    for a, b in _TONE_PLACE.items():
        s = s.replace(a, b)
    return s


def split_type(full: str) -> tuple[str, str]:
    """'Phường Láng Hạ' → ('phường', 'Láng Hạ')."""
    full = nfc(full)
    for t in TYPES + ("quận", "huyện", "thị xã"):
        if full.lower().startswith(t + " "):
            return t, full[len(t) + 1 :]
    raise ValueError(full)


# ---------------------------------------------------------------- the law: old → new codes


def clauses(text: str) -> dict[int, str]:
    """Clause number → one-line text of Article 1, Markdown marks removed."""
    body = text[text.index("Điều 1.") : text.index("Điều 2.")]
    body = nfc(body.replace("**", "").replace("\\", ""))
    parts = re.split(r"(?:^|\s)(\d{1,3})\.\s", body)
    return {int(n): t.strip() for n, t in zip(parts[1::2], parts[2::2], strict=True)}


_OPENERS = re.compile(
    r"một phần diện tích tự nhiên, toàn bộ quy mô dân số của"
    r"|toàn bộ diện tích tự nhiên, quy mô dân số của"
    r"|một phần diện tích tự nhiên, quy mô dân số của"
    r"|một phần diện tích tự nhiên của"
    r"|phần còn lại của"
)
# "… sau khi sắp xếp theo quy định tại các khoản 30, 33, 34 và phần còn lại …": the back-reference
# ends at "Điều này" or, when the text leaves that out, at the next opener.
_BACKREF = re.compile(r"sau khi sắp xếp theo quy định tại[^|]*?(?:Điều này|(?=\|)|$)")
_NEW = re.compile(r"thành (?:phường|xã) mới có tên gọi (?:là )?(phường|xã) (.+?)\.?$")


def clause_units(text: str) -> tuple[tuple[str, str], list[tuple[str, str, str]]]:
    """((new type, new name), [(old type, old name, district hint), …]) of one clause."""
    m = _NEW.search(text)
    if not m:
        return ("", ""), []
    new = (m.group(1), nfc(m.group(2)))
    head = text[: m.start()]
    head = _OPENERS.sub("|", head)
    head = _BACKREF.sub("", head)
    olds = []
    for segment in head.split("|")[1:]:
        kind = ""
        for item in re.split(r",|\svà\s", segment):
            item = nfc(item)
            if not item:
                continue
            item = re.sub(r"^các\s+", "", item)
            for t in TYPES:
                if item.lower().startswith(t + " "):
                    kind, item = t, item[len(t) + 1 :]
                    break
            hint = ""
            h = re.search(r"\((?:quận|huyện|thị xã) ([^)]+)\)$", item)
            if h:
                hint, item = h.group(1), item[: h.start()].strip()
            item = re.sub(r"^các\s+", "", item)
            if item:
                olds.append((kind, item, hint))
    return new, olds


def load_units() -> tuple[pd.DataFrame, pd.DataFrame, dict[tuple[str, str], str]]:
    """(the 526 old units, the 126 new units, dvhcvn's (new, old) pairs as a dict of kinds)."""
    old = pd.read_csv(LIST_526, dtype=str)
    old["utype"], old["bare"] = zip(*old["name"].map(split_type), strict=True)
    old["dtype"], old["dbare"] = zip(*old["district"].map(split_type), strict=True)
    old = old.rename(columns={"level3_id": "code"})[
        ["code", "name", "utype", "bare", "district", "dtype", "dbare"]
    ]
    merges = json.loads(MERGES.read_text(encoding="utf-8"))["data"]
    hanoi = next(p for p in merges if p["level1_id"] == "01")
    rows, pairs = [], {}
    for u in hanoi["level2s"]:
        t, b = split_type(u["name"])
        rows.append({"code": u["level2_id"], "name": nfc(u["name"]), "utype": t, "bare": b})
        for m in u["merges"]:
            pairs[(u["level2_id"], m["old_id"])] = m["type"]
    new = pd.DataFrame(rows)
    return old, new, pairs


def old_to_new(old: pd.DataFrame, new: pd.DataFrame, pairs: dict) -> dict[str, tuple[str, ...]]:
    """Old code → sorted new codes, by the resolution's clauses."""
    new_by = {(r.utype, fold(r.bare)): r.code for r in new.itertuples()}
    old_by: dict[tuple[str, str], list] = defaultdict(list)
    for r in old.itertuples():
        old_by[(r.utype, fold(r.bare))].append(r)
    dest: dict[str, set[str]] = defaultdict(set)
    text = RESOLUTION.read_text(encoding="utf-8")
    n_clauses = 0
    for _number, clause in clauses(text).items():
        (nt, nn), olds = clause_units(clause)
        if not nt:
            continue
        n_clauses += 1
        new_code = new_by[(nt, fold(nn))]
        for ot, on, hint in olds:
            cands = old_by.get((ot, fold(on)), [])
            # 'Sơn Đông' (Sơn Tây) and 'Sơn Đồng' (Hoài Đức) fold alike: the exact spelling wins.
            exact = [c for c in cands if spelled(c.bare) == spelled(on)]
            cands = exact or cands
            if len(cands) > 1 and hint:
                cands = [c for c in cands if fold(c.dbare) == fold(hint)]
            if len(cands) > 1:
                cands = [c for c in cands if (new_code, c.code) in pairs]
            if len(cands) != 1:
                raise SystemExit(f"unresolved: {ot} {on} ({hint}) in clause {_number}")
            dest[cands[0].code].add(new_code)
    missing = set(old["code"]) - set(dest)
    if missing or n_clauses != 126:
        raise SystemExit(f"{n_clauses} clauses; old units named by no clause: {sorted(missing)}")
    law = {(n, o) for o, ns in dest.items() for n in ns}
    mapped = set(pairs)
    print(
        f"resolution: {n_clauses} clauses, {len(law)} old→new pairs, "
        f"{sum(len(v) > 1 for v in dest.values())} split old units; "
        f"dvhcvn mapping: {len(mapped)} pairs, {len(law & mapped)} in common, "
        f"{len(law - mapped)} only in the resolution, {len(mapped - law)} only in the mapping"
    )
    return {o: tuple(sorted(ns)) for o, ns in dest.items()}


# ---------------------------------------------------------------- how people write addresses

DISTRICT_SHORT = {  # short forms Hà Nội people write for urban districts
    "Hai Bà Trưng": ["HBT"],
    "Cầu Giấy": ["CG"],
    "Đống Đa": ["ĐĐ", "DD"],
    "Bắc Từ Liêm": ["BTL"],
    "Nam Từ Liêm": ["NTL"],
    "Hoàn Kiếm": ["HK"],
    "Ba Đình": ["BĐ"],
}
CITY = ["Hà Nội", "TP Hà Nội", "Thành phố Hà Nội", "TP. Hà Nội", "HN", "Hà Nội, Việt Nam"]
CITY_EN = ["Hanoi", "Ha Noi", "Hanoi, Vietnam", "Ha Noi City", "Hanoi City, Viet Nam"]
TYPE_EN = {"phường": "Ward", "xã": "Commune", "thị trấn": "Town"}
TYPE_ABBR = {
    "phường": ["P.", "P. ", "P ", "F.", "Ph."],
    "xã": ["X.", "X. ", "X "],
    "thị trấn": ["TT ", "TT.", "T.T "],
}
DTYPE_ABBR = {"quận": ["Q.", "Q. ", "Q "], "huyện": ["H.", "H. ", "H "], "thị xã": ["TX ", "TX."]}
# Real Hà Nội streets and roads; any whose name is also a unit's or a district's is dropped below.
STREETS = [
    "Tam Trinh",
    "Nguyễn Sơn",
    "Nguyễn Trãi",
    "Lê Duẩn",
    "Trần Duy Hưng",
    "Giải Phóng",
    "Phạm Văn Đồng",
    "Nguyễn Văn Cừ",
    "Lê Trọng Tấn",
    "Nguyễn Chí Thanh",
    "Xuân Thủy",
    "Hoàng Quốc Việt",
    "Tôn Đức Thắng",
    "Trường Chinh",
    "Nguyễn Xiển",
    "Lạc Long Quân",
    "Âu Cơ",
    "Nguyễn Hoàng",
    "Hồ Tùng Mậu",
    "Lê Văn Lương",
    "Tố Hữu",
    "Trần Phú",
    "Nguyễn Lương Bằng",
    "Thái Hà",
    "Chùa Bộc",
    "Tây Sơn",
    "Đội Cấn",
    "Hoàng Hoa Thám",
    "Văn Cao",
    "Nguyễn Khánh Toàn",
    "Trần Cung",
    "Phạm Hùng",
    "Khuất Duy Tiến",
    "Nguyễn Văn Linh",
    "Ngô Gia Tự",
    "Lĩnh Nam",
    "Kim Giang",
    "Nguyễn Tuân",
    "Vũ Trọng Phụng",
    "Đê La Thành",
    "Hàng Chuối",
    "Bà Triệu",
    "Minh Khai",
    "Lò Đúc",
    "Nguyễn Văn Huyên",
]
# Roads outside the inner districts, written without "phố"/"đường" before them.
ROADS = [
    "Quốc lộ 32",
    "Quốc lộ 6",
    "Quốc lộ 1A",
    "Quốc lộ 21",
    "Quốc lộ 3",
    "Tỉnh lộ 419",
    "Đại lộ Thăng Long",
    "đường trục xã",
    "đường liên thôn",
    "đường 70",
    "Tỉnh lộ 427",
]
VILLAGES = ["Trung", "Đoài", "Đông", "Chùa", "Đình", "Thượng", "Hạ", "Bến", "Giữa", "Chợ"]


def cap(s: str) -> str:
    """First letter upper case."""
    return s[:1].upper() + s[1:]


class Units:
    """The old and new units with their expected answers and how unambiguous each name is."""

    def __init__(self) -> None:
        self.old, self.new, pairs = load_units()
        self.dest = old_to_new(self.old, self.new, pairs)
        self.old["expected"] = self.old["code"].map(lambda c: ";".join(self.dest[c]))
        self.new["expected"] = self.new["code"]
        # Every reading of a folded bare name: old units and new units of that name.
        self.readings: dict[str, set[str]] = defaultdict(set)
        self.old_by_name: dict[str, list[str]] = defaultdict(list)
        for r in self.old.itertuples():
            self.readings[fold(r.bare)].add(r.expected)
            self.old_by_name[fold(r.bare)].append(r.code)
        self.new_names = {fold(b) for b in self.new["bare"]}
        for r in self.new.itertuples():
            self.readings[fold(r.bare)].add(r.expected)
        self.districts = {fold(d) for d in self.old["dbare"]}
        in_district = Counter(
            (fold(b), d) for b, d in zip(self.old.bare, self.old.district, strict=True)
        )
        self.dup_in_district = {k for k, v in in_district.items() if v > 1}
        banned = set(self.readings) | self.districts

        def free(street: str) -> bool:  # no unit or district name inside the street's name
            padded = f" {fold(street)} "
            return not any(f" {b} " in padded for b in banned if " " in b or b == fold(street))

        self.streets = [s for s in STREETS if free(s)]
        self.roads = [s for s in ROADS if free(s)]
        self.gone = gone_names(self.old)
        self.all_names = sorted(set(self.readings) | self.districts | self.gone)

    def clear(self, bare: str) -> bool:
        """Does the name read one way: the same expected set for every unit of that name, and no
        unit of 2019 – Feb 2025 gone since under that name (its answer is not worked out here)?"""
        return len(self.readings[fold(bare)]) == 1 and fold(bare) not in self.gone

    def bare_ok(self, bare: str) -> bool:
        """May the name stand without its type word (clear and not a district's name)?"""
        return self.clear(bare) and fold(bare) not in self.districts


def gone_names(old: pd.DataFrame) -> set[str]:
    """Folded names of units in the 579 list or the 2019 change table that are not among the
    526 (a unit whose code changed but kept its name and district is not counted)."""
    l579 = pd.read_csv(LIST_579, dtype=str)
    ch = pd.read_csv(CHANGES_2019, dtype=str)
    units = list(zip(l579["level3_id"], l579["name"], l579["district"], strict=True))
    units += list(zip(ch["Xã"], ch["Tên Xã"], ch["Tên QH"], strict=True))
    codes = set(old["code"])
    kept = {(fold(n), fold(d)) for n, d in zip(old["name"], old["district"], strict=True)}
    return {
        fold(split_type(n)[1])
        for c, n, d in units
        if c not in codes and (fold(n), fold(d)) not in kept
    }


def city(rng: random.Random) -> str:
    """One way of writing the city."""
    return rng.choice(CITY)


def dname(u, rng: random.Random, full_p: float = 0.5) -> str:
    """The old district, 'Quận Đống Đa' or 'Đống Đa'."""
    return u.district if rng.random() < full_p else u.dbare


def uname(u, rng: random.Random, lower_p: float = 0.3) -> str:
    """The old unit with its type word, 'Phường Láng Hạ' or 'phường Láng Hạ'."""
    return f"{u.utype} {u.bare}" if rng.random() < lower_p else f"{cap(u.utype)} {u.bare}"


def english(s: str) -> str:
    """'Láng Hạ' → 'Lang Ha'."""
    return " ".join(w.capitalize() for w in fold(s).split())


def prefix(u, rng: random.Random) -> str:
    """A group or village inside the unit: 'Tổ 58', 'Xóm Trung', 'thôn 3', 'Cụm 5'."""
    n = rng.randint(1, 60 if u.utype == "phường" else 15)
    if u.utype == "phường":
        return rng.choice([f"Tổ {n}", f"tổ dân phố {n}", f"TDP số {n}", f"Tổ dân phố số {n}"])
    if u.utype == "thị trấn":
        return rng.choice([f"Tổ dân phố {n}", f"Khu {n}", f"tổ {n}", f"TDP {n}"])
    v = rng.choice(VILLAGES)
    return rng.choice([f"Thôn {v}", f"Xóm {v}", f"thôn {n}", f"Xóm {n}", f"Cụm {n}", f"Đội {n}"])


# ---------------------------------------------------------------- one generator per kind
# Each takes the units, one old unit (a row of Units.old) and the random source, and returns the
# query, or None when the unit cannot be asked that way without the answer becoming ill-defined.


def q_plain(U: Units, u, rng: random.Random) -> str | None:
    """'Phường Láng Hạ', 'xã Vân Nội', 'Láng Hạ': no district, so only for names read one way."""
    if not U.clear(u.bare):
        return None
    if U.bare_ok(u.bare) and rng.random() < 0.25:
        return u.bare
    return uname(u, rng)


def q_with_district(U: Units, u, rng: random.Random) -> str:
    """'Láng Hạ, Đống Đa', 'Phường Láng Hạ, Quận Đống Đa', 'Láng Hạ (Đống Đa)'."""
    typed = (fold(u.bare), u.district) in U.dup_in_district or rng.random() < 0.4
    name = uname(u, rng) if typed else u.bare
    d = dname(u, rng, 0.4)
    form = rng.random()
    if form < 0.6:
        return f"{name}, {d}"
    if form < 0.8:
        return f"{name}, {d}, {city(rng)}"
    return f"{name} ({d})"


def q_no_comma(U: Units, u, rng: random.Random) -> str:
    """'phuong lang ha quan dong da ha noi', 'Phường Láng Hạ quận Đống Đa Hà Nội'."""
    parts = [uname(u, rng, 0.6)]
    if not U.clear(u.bare) or rng.random() < 0.75:
        parts.append(u.district.lower() if rng.random() < 0.5 else u.dbare)
    if rng.random() < 0.6:
        parts.append(rng.choice(["Hà Nội", "HN", "TP Hà Nội", "Thành phố Hà Nội"]))
    q = " ".join(parts)
    return fold(q) if rng.random() < 0.5 else q


def q_reversed(U: Units, u, rng: random.Random) -> str:
    """'Hà Nội, Đống Đa, Láng Hạ', 'Hà Nội / Ba Đình / Thành Công / Tổ 25', 'HN - Huyện … - …'."""
    typed = (fold(u.bare), u.district) in U.dup_in_district or rng.random() < 0.3
    name = uname(u, rng) if typed else u.bare
    d = dname(u, rng, 0.5)
    form = rng.random()
    if form < 0.35:
        return f"{rng.choice(['Hà Nội', 'TP Hà Nội', 'Thành phố Hà Nội'])}, {d}, {name}"
    if form < 0.6:
        return f"Hà Nội / {d} / {name} / {prefix(u, rng)}"
    if form < 0.8:
        return f"HN - {u.district} - {name}"
    return f"Việt Nam, {rng.choice(['Hà Nội', 'TP Hà Nội'])}, {d}, {name}"


def q_village_prefix(U: Units, u, rng: random.Random) -> str:
    """'Xóm Trung xã Vân Nội huyện Đông Anh TP Hà Nội', 'Tổ 58 phường Cự Khối quận Long Biên'."""
    parts = [prefix(u, rng), uname(u, rng, 0.8)]
    if not U.clear(u.bare) or rng.random() < 0.7:
        parts.append(u.district.lower() if rng.random() < 0.7 else u.dbare)
    if rng.random() < 0.7:
        parts.append(rng.choice(["TP Hà Nội", "Hà Nội", "HN", "thành phố Hà Nội"]))
    sep = ", " if rng.random() < 0.35 else " "
    q = sep.join(parts)
    return q.upper() if rng.random() < 0.15 else q


def q_street_address(U: Units, u, rng: random.Random) -> str:
    """'số 12 ngõ 5 Láng Hạ, phường Láng Hạ, Đống Đa', '53B P Tam Trinh, F.Hoàng Liệt, Q Hoàng
    Mai' ("P" before a street is "phố"), 'Km 12 Quốc lộ 32, xã …': the unit is always stated."""
    own = u.utype == "phường" and u.dtype == "quận" and U.clear(u.bare) and rng.random() < 0.2
    n = rng.randint(1, 400)
    if u.dtype == "quận" or rng.random() < 0.25:
        street = u.bare if own else rng.choice(U.streets)
        house = rng.choice(
            [
                f"số {n} ngõ {rng.randint(1, 200)} {street}",
                f"{n}{rng.choice(['', 'B', 'A'])} P {street}",
                f"{rng.randint(2, 90)}/{n} P {street}",
                f"Số {n} đường {street}",
                f"{n} phố {street}",
                f"Ngách {rng.randint(1, 60)}/{rng.randint(1, 90)} ngõ {n} {street}",
                f"Số nhà {n}, {street}",
            ]
        )
    else:
        road = rng.choice(U.roads)
        house = rng.choice([f"Km {rng.randint(1, 60)} {road}", f"số {n} {road}", f"{n} {road}"])
    if u.utype == "phường":
        ward = rng.choice([f"phường {u.bare}", f"P. {u.bare}", f"F.{u.bare}", f"P.{u.bare}"])
    else:
        ward = rng.choice([uname(u, rng), f"{rng.choice(TYPE_ABBR[u.utype])}{u.bare}"])
    parts = [house, ward]
    if not U.clear(u.bare) or rng.random() < 0.8:
        parts.append(
            rng.choice([u.dbare, u.district, f"{rng.choice(DTYPE_ABBR[u.dtype])}{u.dbare}"])
        )
    if rng.random() < 0.7:
        parts.append(rng.choice(["HÀ NỘI", "Hà Nội", "HN", "TP. Hà Nội"]))
    return ", ".join(parts)


def q_id_card(U: Units, u, rng: random.Random) -> str:
    """'Tổ 5, Phường X, Quận Y, Thành phố Hà Nội' as printed on an ID card, sometimes UPPER."""
    q = ", ".join(
        [
            cap(prefix(u, rng)),
            f"{cap(u.utype)} {u.bare}",
            u.district,
            rng.choice(["Thành phố Hà Nội", "TP Hà Nội", "Hà Nội"]),
        ]
    )
    return q.upper() if rng.random() < 0.3 else q


def q_accent_free(U: Units, u, rng: random.Random) -> str:
    """'xom 8 xa kim chung huyen dong anh hn', 'lang ha dong da', 'phuong lang ha'."""
    with_d = not U.clear(u.bare) or rng.random() < 0.6
    parts = []
    if rng.random() < 0.3:
        parts.append(prefix(u, rng))
    typed = rng.random() < 0.7 or not U.bare_ok(u.bare)
    typed = typed or (with_d and (fold(u.bare), u.district) in U.dup_in_district)
    parts.append(f"{u.utype} {u.bare}" if typed else u.bare)
    if with_d:
        parts.append(u.district if rng.random() < 0.5 else u.dbare)
    if rng.random() < 0.5:
        parts.append(rng.choice(["ha noi", "hn", "tp ha noi", "hanoi"]))
    return fold((", " if rng.random() < 0.3 else " ").join(parts))


def q_abbreviated(U: Units, u, rng: random.Random) -> str:
    """'P. Láng Hạ, Q. Đống Đa', 'X.Vân Nội H.Đông Anh', 'TT Trâu Quỳ Gia Lâm', 'P.Dịch Vọng CG'."""
    name = f"{rng.choice(TYPE_ABBR[u.utype])}{u.bare}"
    if U.clear(u.bare) and rng.random() < 0.2:
        return name
    short = DISTRICT_SHORT.get(u.dbare)
    if short and rng.random() < 0.6:
        d = rng.choice(short)
    elif rng.random() < 0.75:
        d = f"{rng.choice(DTYPE_ABBR[u.dtype])}{u.dbare}"
    else:
        d = u.dbare
    tail = rng.choice(["", "", ", HN", " HN", ", TP HN", ", Hà Nội"])
    return f"{name}{rng.choice([', ', ' ', ' - '])}{d}{tail}"


def q_english(U: Units, u, rng: random.Random) -> str:
    """'Lang Ha Ward, Dong Da District, Hanoi', 'Vinh Hung Ward Hoang Mai Dist. Hanoi, Vietnam'."""
    name = f"{english(u.bare)} {TYPE_EN[u.utype]}"
    if u.dtype == "thị xã":
        dist = f"{english(u.dbare)} {rng.choice(['Town', 'town', 'District'])}"
    else:
        dist = f"{english(u.dbare)} {rng.choice(['District', 'district', 'Dist.'])}"
    parts = [name]
    if not U.clear(u.bare) or rng.random() < 0.8:
        parts.append(dist)
    parts.append(rng.choice(CITY_EN))
    if rng.random() < 0.2:
        parts.insert(0, f"No. {rng.randint(1, 300)} {english(rng.choice(U.streets))} Street")
    return (", " if rng.random() < 0.55 else " ").join(parts)


SPOKEN = [
    "nhà mình ở {u} cũ, giờ là phường/xã gì nhỉ",
    "{u} sáp nhập thành phường gì",
    "{u} sáp nhập vào đâu vậy mọi người",
    "tìm trạm y tế {u}{d} (trước 1/7/2025)",
    "cho em hỏi {u}{d} bây giờ thuộc phường nào ạ",
    "{u}{d} giờ đổi tên thành gì vậy",
    "sau sáp nhập thì {u}{d} thuộc xã nào",
    "mình ở {u}{d}, địa chỉ mới ghi thế nào",
    "hồi trước ở {u}{d}, nay là đơn vị nào?",
    "ủy ban {u}{d} cũ giờ làm thủ tục ở đâu",
]


def q_spoken(U: Units, u, rng: random.Random) -> str:
    """A chat sentence around the name: 'phường Thanh Lương sáp nhập thành phường gì'."""
    template = rng.choice(SPOKEN)
    need_d = not U.clear(u.bare)
    if need_d and "{d}" not in template:
        template = rng.choice([t for t in SPOKEN if "{d}" in t])
    d = ""
    if need_d or rng.random() < 0.5:
        d = rng.choice(
            [f" bên {u.dbare}", f" {u.district.lower()}", f" ({u.dbare})", f" {u.dbare}"]
        )
    q = template.format(u=f"{u.utype} {u.bare}", d=d)
    return fold(q) if rng.random() < 0.2 else q


NEAR_KEYS = {"n": "m", "m": "n", "h": "j", "i": "u", "u": "i", "o": "p", "c": "v", "t": "r"}


def _slip(bare: str, i: int, op: str, rng: random.Random) -> str | None:
    """The name with one slip at letter i, or None when that slip does not apply there."""
    if op == "drop":
        return bare[:i] + bare[i + 1 :]
    if op == "double":  # a doubled letter is a plain one
        return bare[:i] + bare[i] + bare[i:] if bare[i].isascii() else None
    if op == "swap":
        if i + 1 >= len(bare) or not bare[i + 1].isalpha():
            return None
        return bare[:i] + bare[i + 1] + bare[i] + bare[i + 2 :]
    if op == "key":
        near = NEAR_KEYS.get(bare[i].lower())
        return bare[:i] + near + bare[i + 1 :] if near else None
    # "tone": the tone marks of one word lost, and one letter dropped elsewhere
    words = bare.split()
    k = rng.randrange(len(words))
    words[k] = fold(words[k]) if words[k][0].islower() else cap(fold(words[k]))
    out = " ".join(words)
    j = rng.randrange(len(out))
    if not out[j].isalpha() or j == 0 or out[j - 1] == " ":
        return None
    return out[:j] + out[j + 1 :]


def typo_of(U: Units, bare: str, rng: random.Random) -> str | None:
    """One realistic slip in the name (a letter dropped, doubled, swapped or a neighbour key),
    kept only when the slipped name is nearer to this name than to any other unit's name."""
    target = fold(bare)
    for _ in range(30):
        i = rng.randrange(len(bare))
        # People rarely slip on a word's first letter.
        if not bare[i].isalpha() or i == 0 or bare[i - 1] == " ":
            continue
        out = _slip(bare, i, rng.choice(["drop", "double", "swap", "key", "tone"]), rng)
        if out is None:
            continue
        out = " ".join(out.split())
        # Every word keeps a vowel and two letters: 'Ph Kim' is not a slip people make.
        if any(len(w) < 2 or not set(fold(w)) & set("aeiouy") for w in out.split()):
            continue
        f = fold(out)
        if f == target or len(f.replace(" ", "")) < 5:
            continue
        dist = Levenshtein.distance(f, target)
        if all(Levenshtein.distance(f, other) > dist for other in U.all_names if other != target):
            return out
    return None


def q_typo(U: Units, u, rng: random.Random) -> str | None:
    """'Phường Lág Hạ, Đống Đa': one slip in the name, the district when the name needs it."""
    t = typo_of(U, u.bare, rng)
    if t is None:
        return None
    name = f"{cap(u.utype) if rng.random() < 0.6 else u.utype} {t}"
    if not U.clear(u.bare) or rng.random() < 0.5:
        return f"{name}, {dname(u, rng)}"
    return name


OLD_KINDS = {
    "plain": q_plain,
    "with_district": q_with_district,
    "no_comma": q_no_comma,
    "reversed": q_reversed,
    "village_prefix": q_village_prefix,
    "street_address": q_street_address,
    "id_card": q_id_card,
    "accent_free": q_accent_free,
    "abbreviated": q_abbreviated,
    "english": q_english,
    "spoken": q_spoken,
    "typo": q_typo,
}


# ---------------------------------------------------------------- new names, ambiguity, 2019


def q_new_name(U: Units, n, rng: random.Random) -> str:
    """A NEW unit by its name: 'Phường Đống Đa', 'Xã Đại Thanh, Thành phố Hà Nội', 'phuong tay ho'.

    When an old unit's name folds to the same and reads otherwise, the query says it means the
    new unit: type word, no old district, and 'Thành phố Hà Nội', '(mới)' or 'sau sáp nhập'."""
    t, b = n.utype, n.bare
    if not U.clear(b):
        return rng.choice(
            [
                f"{cap(t)} {b}, Thành phố Hà Nội",
                f"{cap(t)} {b} (mới)",
                f"{t} {b} sau sáp nhập",
                f"{cap(t)} {b}, TP Hà Nội (từ 1/7/2025)",
                f"{t} {b} mới, Thành phố Hà Nội",
            ]
        )
    forms = [
        f"{cap(t)} {b}",
        f"{t} {b}",
        f"{cap(t)} {b}, Thành phố Hà Nội",
        fold(f"{t} {b}"),
        f"{rng.choice(['P. ', 'P.'] if t == 'phường' else ['X. ', 'X.'])}{b}, Hà Nội",
        f"{english(b)} {TYPE_EN[t]}, {rng.choice(CITY_EN)}",
        f"{t} {b} mới",
        f"{cap(t)} {b} - Hà Nội",
    ]
    if U.bare_ok(b):
        forms.append(b)
    return rng.choice(forms)


def q_new_or_old(U: Units, n, rng: random.Random) -> tuple[str, str] | None:
    """A name both a new unit and an old unit carry, asked with nothing to tell them apart:
    (query, expected = the new unit plus every old unit of that name's destinations)."""
    key = fold(n.bare)
    if U.clear(n.bare) or key in U.districts or key not in U.old_by_name:
        return None
    namesakes = U.old[U.old.code.isin(U.old_by_name[key])]
    # Spelled alike, the name is ambiguous as written; only alike once folded ('Đại Thanh' /
    # 'Đại Thành'), it is ambiguous only when written without diacritics.
    same = all(spelled(b) == spelled(n.bare) for b in namesakes["bare"])
    forms = [fold(n.bare)] + ([n.bare] if same else [])
    if n.utype in set(namesakes["utype"]):
        forms += [fold(f"{n.utype} {n.bare}")] + ([f"{cap(n.utype)} {n.bare}"] if same else [])
    codes = set(n.code.split(";"))
    for c in U.old_by_name[key]:
        codes |= set(U.dest[c])
    return rng.choice(forms), ";".join(sorted(codes))


def changes_2019(U: Units) -> list[tuple[str, str, str, str]]:
    """2019 units gone by 2025 whose GSO successors (2024) are all among the 526, by code and
    name: (type+name, district, successor codes ';'-joined, note). Others are left out."""
    ch = pd.read_csv(CHANGES_2019, dtype=str)
    by_code = dict(zip(U.old.code, U.old.name, strict=True))
    known = set(U.readings) | U.districts
    out = []
    for (code, name, district), g in ch.groupby(["Xã", "Tên Xã", "Tên QH"], sort=True):
        if code in by_code or fold(split_type(name)[1]) in known:
            continue
        succ = list(zip(g["Xã DC"], g["Tên Xã DC"], strict=True))
        if not all(by_code.get(c) == nfc(nm) for c, nm in succ):
            continue
        codes = sorted({d for c, _ in succ for d in U.dest[c]})
        note = f"2019 unit {code} {name} → 2024 {', '.join(nm for _, nm in succ)}"
        out.append((nfc(name), nfc(district), ";".join(codes), note))
    return out


def old_note(U: Units, u) -> str:
    """'old 00013 Phường Quán Thánh (Quận Ba Đình); whole' or '…; split into 3'."""
    k = len(U.dest[u.code])
    return f"old {u.code} {u.name} ({u.district}); " + ("whole" if k == 1 else f"split into {k}")


Add = Callable[[str, "str | None", str, str], bool]


def _old_queries(U: Units, rng: random.Random, add: Add, per_kind: int) -> None:
    """Every old unit once, the kinds taken in turn; then each kind topped up to per_kind."""
    kinds = list(OLD_KINDS)
    olds = list(U.old.itertuples())
    rng.shuffle(olds)
    counts: Counter[str] = Counter()
    for i, u in enumerate(olds):
        # A kind that cannot ask this unit without ambiguity is passed for the next.
        for k in range(len(kinds)):
            kind = kinds[(i + k) % len(kinds)]
            if add(kind, OLD_KINDS[kind](U, u, rng), u.expected, old_note(U, u)):
                counts[kind] += 1
                break
        else:
            raise SystemExit(f"no query for {u.name}")
    for kind in kinds:
        for _ in range(5000):
            if counts[kind] >= per_kind:
                break
            u = rng.choice(olds)
            counts[kind] += add(kind, OLD_KINDS[kind](U, u, rng), u.expected, old_note(U, u))


def _new_queries(U: Units, rng: random.Random, add: Add) -> None:
    """Every new unit by its new name, 40 of them twice; then names new and old units share."""
    news = list(U.new.itertuples())
    for n in news + rng.sample(news, 40):
        for _ in range(5):
            if add("new_name", q_new_name(U, n, rng), n.code, f"new {n.code} {n.name}"):
                break
    for n in news:
        got = q_new_or_old(U, n, rng)
        if got:
            olds_named = ", ".join(
                f"{U.old.loc[U.old.code == c, 'name'].item()} ({c})"
                for c in U.old_by_name[fold(n.bare)]
            )
            add("new_or_old", got[0], got[1], f"new {n.code} {n.name} or old {olds_named}")


def _ambiguous_queries(U: Units, rng: random.Random, add: Add) -> None:
    """Old names several old units share, asked without a district: every reading expected."""
    for key, codes in sorted(U.old_by_name.items()):
        if len(U.readings[key]) < 2 or key in U.new_names or key in U.districts:
            continue
        units = U.old[U.old.code.isin(codes)]
        bare, types = units["bare"].iloc[0], set(units["utype"])
        # Spelled alike they are ambiguous as written; alike only once folded, only unaccented.
        same = len({spelled(b) for b in units["bare"]}) == 1
        forms = [fold(bare)] + ([bare] if same else [])
        if len(types) == 1:
            t = types.pop()
            forms += [fold(f"{t} {bare}")] + ([f"{cap(t)} {bare}"] if same else [])
        union = sorted({d for c in codes for d in U.dest[c]})
        note = "ambiguous: " + "; ".join(f"{r.name} ({r.district})" for r in units.itertuples())
        add("ambiguous", rng.choice(forms), ";".join(union), note)


def _old_2019_queries(U: Units, rng: random.Random, add: Add) -> None:
    """Two queries per 2019 unit that no longer exists, its district named."""
    for name, district, expected, note in changes_2019(U):
        t, bare = split_type(name)
        dbare = split_type(district)[1]
        forms = [
            f"{name}, {district}",
            f"{name} cũ ({dbare})",
            fold(f"{t} {bare} {dbare} ha noi"),
            f"{'Tổ 3' if t == 'phường' else 'Thôn Đoài'}, {name}, {district}, Hà Nội",
        ]
        for q in rng.sample(forms, 2):
            add("old_2019", q, expected, note)


def build(seed: int = SEED, per_kind: int = 70) -> list[dict]:
    """Every query row, in generation order."""
    rng = random.Random(seed)
    U = Units()
    rows: list[dict] = []
    seen: set[str] = set()

    def add(kind: str, query: str | None, expected: str, note: str) -> bool:
        if not query or query in seen:  # one row per query text
            return False
        seen.add(query)
        rows.append({"kind": kind, "query": query, "expected_new_codes": expected, "note": note})
        return True

    _old_queries(U, rng, add, per_kind)
    _new_queries(U, rng, add)
    _ambiguous_queries(U, rng, add)
    _old_2019_queries(U, rng, add)
    return rows


def main() -> None:
    """Write the CSV and print the sanity figures."""
    rows = build()
    old, new, _ = load_units()  # the figures below re-read the lists, not the generator's state
    new_codes = set(new["code"])
    for r in rows:
        codes = r["expected_new_codes"].split(";")
        assert codes == sorted(codes) and set(codes) <= new_codes, r
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=["kind", "query", "expected_new_codes", "note"])
        w.writeheader()
        w.writerows(rows)
    old_seen = {r["note"].split()[1] for r in rows if r["note"].startswith("old ")}
    new_seen = {r["note"].split()[1] for r in rows if r["kind"] == "new_name"}
    print(f"wrote {OUT.relative_to(ROOT)}: {len(rows)} queries")
    for kind, n in Counter(r["kind"] for r in rows).most_common():
        print(f"  {kind:16} {n:4}")
    print(f"old units (526 list) covered: {len(old_seen & set(old['code']))} of {len(old)}")
    print(f"new units covered by new name: {len(new_seen & new_codes)} of {len(new)}")
    if len(old_seen & set(old["code"])) != len(old) or len(new_seen & new_codes) != len(new):
        raise SystemExit("coverage incomplete")


if __name__ == "__main__":
    main()
