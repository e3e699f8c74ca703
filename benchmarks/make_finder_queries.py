"""Write benchmarks/data/finder_queries.csv: a held-out query set for the citizen finder.

The templates below are hand-written from the way Hanoians type an old address (ID cards,
delivery forms, chat, Telex with Unikey off, English forms), not from the finder's parser.
Expected answers come from the law, not from the finder:

* a 526-list unit (Mar–Jun 2025) → the new units Resolution 1656 states for it
  (``b.crosswalk`` rows whose source is not "mapping only");
* a 579-list unit merged away in March 2025 → its successor's new units; the successor is
  read off the two GSO lists by name only (the gone name is reused by a unit of the same
  district, or a unit of the same district renamed that month carries one of its syllables,
  e.g. Xuân Dương → Cao Xuân Dương); gone units with no such evidence are left out;
* a 2019 unit merged in 2020 → its successor(s) in the GSO change table (column ``Xã DC``),
  then those units' new units.

Run: .venv/bin/python benchmarks/make_finder_queries.py  (fixed seed; rewrites the CSV)
"""

from __future__ import annotations

import csv
import random
import unicodedata
from collections import defaultdict
from pathlib import Path

import pandas as pd

from geodata.build import get_built
from geodata.text import fold, split_type

SEED = 20250701
OUT = Path(__file__).parent / "data" / "finder_queries.csv"
CHANGES = "data/old_units_2019/hanoi_gso_ward_change_record_20190101_vs_20241110_rows.csv"
LIST_579 = "data/old_units_lists/hanoi_units_dvhcvn_v20250101.csv"
LIST_526 = "data/old_units_lists/hanoi_units_dvhcvn_v20250301.csv"

# Abbreviations Hanoians use for the urban districts (on forms, in chat, on shop signs).
DISTRICT_ABBR = {
    "Hoàn Kiếm": "HK",
    "Ba Đình": "BĐ",
    "Đống Đa": "ĐĐ",
    "Hai Bà Trưng": "HBT",
    "Cầu Giấy": "CG",
    "Thanh Xuân": "TX",
    "Tây Hồ": "TH",
    "Long Biên": "LB",
    "Hoàng Mai": "HM",
    "Bắc Từ Liêm": "BTL",
    "Nam Từ Liêm": "NTL",
    "Hà Đông": "HĐ",
}
STREETS = [
    "Kim Mã",
    "Giải Phóng",
    "Láng",
    "Nguyễn Trãi",
    "Trần Duy Hưng",
    "Minh Khai",
    "Lạc Long Quân",
    "Hoàng Quốc Việt",
    "Nguyễn Văn Cừ",
    "Tây Sơn",
    "Đội Cấn",
    "Trường Chinh",
    "Phạm Văn Đồng",
    "Lê Duẩn",
    "Nguyễn Chí Thanh",
    "Tam Trinh",
    "Cầu Giấy",
    "Xuân Thủy",
    "Bạch Mai",
    "Quang Trung",
    "Hồ Tùng Mậu",
    "Ngọc Lâm",
]
VILLAGES = [
    "Thôn Đông",
    "Thôn Thượng",
    "Thôn 3",
    "Xóm Chùa",
    "Đội 4",
    "Thôn Trung",
    "Xóm Mới",
    "Thôn Hạ",
    "Cụm 2",
    "Thôn Bắc",
]

TELEX_MARK = {"\u0301": "s", "\u0300": "f", "\u0309": "r", "\u0303": "x", "\u0323": "j"}
TELEX_SHAPE = {"\u0302": None, "\u0306": "w", "\u031b": "w"}  # circumflex doubles the vowel


def telex(text: str) -> str:
    """What Telex keystrokes produce with Unikey off: 'phường' → 'phuwowngf'."""
    words = []
    for word in text.split(" "):
        out, tone = "", ""
        for ch in unicodedata.normalize("NFD", word):
            if ch in TELEX_MARK:
                tone = TELEX_MARK[ch]
            elif ch in TELEX_SHAPE:
                out += TELEX_SHAPE[ch] or out[-1]
            elif ch in "đĐ":
                out += "dd" if ch == "đ" else "Dd"
            else:
                out += ch
        words.append(out + tone)
    return " ".join(words)


def strip_accents(text: str) -> str:
    """Text typed without diacritics (đ → d), case kept."""
    text = text.replace("đ", "d").replace("Đ", "D")
    nfd = unicodedata.normalize("NFD", text)
    return "".join(c for c in nfd if unicodedata.category(c) != "Mn")


def typo(rng: random.Random, name: str) -> str:
    """One or two slips people make: n/l, s/x, tr/ch, d/gi confusions, a dropped,
    doubled or swapped letter, a wrong tone mark. Never touches the first letter twice."""

    def one(s: str) -> str:
        ops = []
        low = s.lower()
        for a, b in (
            ("n", "l"),
            ("l", "n"),
            ("s", "x"),
            ("x", "s"),
            ("tr", "ch"),
            ("ch", "tr"),
            ("gi", "d"),
            ("d", "gi"),
        ):
            for i in range(len(low)):
                if low.startswith(a, i) and (i == 0 or low[i - 1] == " "):
                    ops.append(("sub", i, a, b))
        letters = [i for i, c in enumerate(s) if c.isalpha() and i > 0 and s[i - 1] != " "]
        ops += [("drop", i) for i in letters] + [("double", i) for i in letters]
        ops += [("swap", i) for i in letters if i + 1 < len(s) and s[i + 1].isalpha()]
        ops += [
            ("tone", i) for i, c in enumerate(unicodedata.normalize("NFD", s)) if c in TELEX_MARK
        ]
        op = rng.choice(ops)
        if op[0] == "sub":
            _, i, a, b = op
            rep = b.upper() + b[1:] if s[i].isupper() else b
            return s[:i] + rep + s[i + len(a) :]
        if op[0] == "drop":
            return s[: op[1]] + s[op[1] + 1 :]
        if op[0] == "double":
            return s[: op[1]] + s[op[1]] + s[op[1] :]
        if op[0] == "swap":
            i = op[1]
            return s[:i] + s[i + 1] + s[i] + s[i + 2 :]
        nfd = unicodedata.normalize("NFD", s)
        i = op[1]
        other = rng.choice([m for m in TELEX_MARK if m != nfd[i]])
        return unicodedata.normalize("NFC", nfd[:i] + other + nfd[i + 1 :])

    out = name
    for _ in range(rng.choice([1, 1, 2])):
        out = one(out)
    return out if fold(out) != fold(name) or out != name else one(name)


def district_bare(district: str) -> str:
    """'Quận Hoàn Kiếm' → 'Hoàn Kiếm'; 'Thị xã Sơn Tây' → 'Sơn Tây'."""
    for p in ("Quận ", "Huyện ", "Thị xã "):
        if district.startswith(p):
            return district[len(p) :]
    return district


def district_type(district: str) -> str:
    """The district's own word: quận, huyện or thị xã."""
    return district.split(" ")[0].lower() if not district.startswith("Thị xã") else "thị xã"


def unit_word(full_name: str) -> str:
    """'phường', 'xã' or 'thị trấn' as written in an address."""
    t = split_type(full_name)[0]
    return {"phuong": "phường", "xa": "xã", "thi tran": "thị trấn"}[t]


class Units:
    """Every old unit of the three vintages with its expected new codes and provenance."""

    def __init__(self, b) -> None:
        law = b.crosswalk[b.crosswalk["source"] != "mapping only"]
        self.law = law
        self.exp526 = {c: tuple(sorted(set(g["new_code"]))) for c, g in law.groupby("old_code")}
        self.clauses = {
            c: sorted({int(x) for x in g["clause"]}) for c, g in law.groupby("old_code")
        }
        self.rows: list[dict] = []
        for r in b.units_526.itertuples():
            self.rows.append(
                dict(
                    code=r.code,
                    full=r.full_name,
                    district=r.district,
                    vintage="526",
                    expected=self.exp526[r.code],
                    note=f"526 {r.code}; Res. 1656 clause(s) "
                    f"{','.join(map(str, self.clauses[r.code]))}",
                )
            )
        self._add_579_gone()
        self._add_2019_gone(b)
        by_name = defaultdict(set)
        for u in self.rows:
            by_name[fold(split_type(u["full"])[1])].add(u["expected"])
        by_nd = defaultdict(set)
        for u in self.rows:
            by_nd[(fold(split_type(u["full"])[1]), u["district"])].add(u["expected"])
        for u in self.rows:
            key = fold(split_type(u["full"])[1])
            u["name"] = split_type(u["full"])[1]
            u["unique"] = len(by_name[key]) == 1
            u["unique_in_district"] = len(by_nd[(key, u["district"])]) == 1
            u["split"] = len(u["expected"]) > 1

    def _add_579_gone(self) -> None:
        """579-list units merged away in March 2025, successor found by name evidence."""
        a = pd.read_csv(LIST_579, dtype=str)
        c = pd.read_csv(LIST_526, dtype=str)
        m = a.merge(c, on="level3_id", how="left", suffixes=("", "_526"))
        gone = m[m["name_526"].isna()]
        renamed = m[m["name_526"].notna() & (m["name"] != m["name_526"])]
        for g in gone.itertuples():
            same = c[(c["district"] == g.district) & (c["name"] == g.name)]
            how = None
            if len(same) == 1:
                succ = same.iloc[0]["level3_id"]
                how = f"name reused by {succ} (renamed {c.loc[same.index[0], 'name']} in Mar 2025)"
            else:
                # A renamed unit's new syllables (not in its own March name) name what joined it;
                # no other 526 unit of the district may carry all the shared syllables.
                words = set(fold(split_type(g.name)[1]).split())
                here = c[c["district"] == g.district]
                hits = []
                for r in renamed[renamed["district"] == g.district].itertuples():
                    fresh = set(fold(split_type(r.name_526)[1]).split()) - set(
                        fold(split_type(r.name)[1]).split()
                    )
                    shared = words & fresh
                    others = [
                        n
                        for i, n in zip(here["level3_id"], here["name"], strict=True)
                        if i != r.level3_id and shared <= set(fold(split_type(n)[1]).split())
                    ]
                    if shared and not others:
                        hits.append(r)
                if len(hits) == 1:
                    succ = hits[0].level3_id
                    how = (
                        f"syllable shared with {hits[0].name_526} ({succ}), renamed from "
                        f"{hits[0].name} in Mar 2025, unlike any other unit of the district"
                    )
            if how is None or succ not in self.exp526:
                continue
            self.rows.append(
                dict(
                    code=g.level3_id,
                    full=g.name,
                    district=g.district,
                    vintage="579",
                    expected=self.exp526[succ],
                    note=f"579 {g.level3_id} merged away Mar 2025; successor "
                    f"{succ} by {how}; its Res. 1656 clause(s) "
                    f"{','.join(map(str, self.clauses[succ]))}",
                )
            )

    def _add_2019_gone(self, b) -> None:
        """2019 units merged in 2020: successors from the GSO change table."""
        ch = pd.read_csv(CHANGES, dtype=str)
        moved = ch[ch["Xã"] != ch["Xã DC"]]
        renamed = ch[(ch["Xã"] == ch["Xã DC"]) & (ch["Tên Xã"] != ch["Tên Xã DC"])]
        for code, g in pd.concat([moved, renamed]).groupby("Xã"):
            succ = sorted(set(g["Xã DC"]))
            exp = tuple(sorted({n for s in succ for n in self.exp526[s]}))
            r = g.iloc[0]
            self.rows.append(
                dict(
                    code=code,
                    full=r["Tên Xã"],
                    district=r["Tên QH"],
                    vintage="2019",
                    expected=exp,
                    note=f"2019 {code} merged 2020 into "
                    f"{'+'.join(sorted(set(g['Tên Xã DC'])))} ({'+'.join(succ)})"
                    " per GSO change table; their Res. 1656 clauses",
                )
            )


def uniq(u: dict) -> bool:
    """A name that no other old unit carries."""
    return u["unique"]


class QueryMaker:
    """The seeded generator state shared by every kind: units, random source, rows written."""

    def __init__(self, b, units: Units, rng: random.Random) -> None:
        self.built = b
        self.units = units
        self.rng = rng
        self.rows: list[tuple[str, str, str, str]] = []
        self.by_vintage: defaultdict[str, list[dict]] = defaultdict(list)
        for u in units.rows:
            self.by_vintage[u["vintage"]].append(u)

    def pick(self, pred, n):
        """n units satisfying pred, seeded; mostly 526 but with gone units mixed in."""
        pool = [u for u in self.units.rows if pred(u)]
        return self.rng.sample(pool, min(n, len(pool)))

    def mixed(self, pred, n, n_gone=5):
        """n units: n - n_gone from the 526 list and n_gone from the 579/2019 vintages."""
        gone = self.pick(lambda u: pred(u) and u["vintage"] != "526", n_gone)
        return self.pick(lambda u: pred(u) and u["vintage"] == "526", n - len(gone)) + gone

    def add(self, kind, q, u, extra=""):
        """Append one query row of ``kind`` expecting unit ``u``'s new codes."""
        self.rows.append(
            (
                kind,
                q,
                ";".join(u["expected"]),
                f"{u['full']} ({district_bare(u['district'])}); {u['note']}{extra}",
            )
        )


def add_plain(m: QueryMaker) -> None:
    """plain: prefix + name as printed on documents."""
    for i, u in enumerate(m.mixed(uniq, 30)):
        word = unit_word(u["full"])
        shout = u["full"].upper() if i % 7 == 0 else u["full"]
        q = [u["full"], f"{word} {u['name']}", shout][i % 3]
        m.add("plain", q, u)


def add_no_accents(m: QueryMaker) -> None:
    """no_accents: phone keyboards without Vietnamese input."""
    for i, u in enumerate(m.mixed(uniq, 30)):
        f = strip_accents(u["full"])
        q = [f.lower(), f, strip_accents(u["name"]).lower(), f.upper()][i % 4]
        m.add("no_accents", q, u)


def add_typo(m: QueryMaker) -> None:
    """typo: one or two slips in the name."""
    for i, u in enumerate(m.mixed(uniq, 30)):
        word = unit_word(u["full"])
        t = typo(m.rng, u["name"] if i % 2 == 0 else strip_accents(u["name"]))
        q = [f"{word} {t}", t, f"{strip_accents(word)} {t.lower()}"][i % 3]
        m.add("typo", q, u)


def add_abbrev(m: QueryMaker) -> None:
    """abbrev: P. / P / Ph. / X. / TT forms."""
    for i, u in enumerate(m.mixed(uniq, 30)):
        t = split_type(u["full"])[0]
        n, na = u["name"], strip_accents(u["name"])
        forms = {
            "phuong": [
                f"P. {n}",
                f"P.{na}",
                f"p.{n.lower()}",
                f"P {n}",
                f"Ph. {n}",
                f"P.{n.upper()}",
            ],
            "xa": [f"X. {n}", f"x.{na.lower()}", f"X.{n}", f"x {na.lower()}", f"X. {na}"],
            "thi tran": [f"TT {n}", f"TT. {n}", f"T.T {n}", f"tt {na.lower()}", f"TT.{na}"],
        }[t]
        m.add("abbrev", forms[i % len(forms)], u)


def add_with_district(m: QueryMaker) -> None:
    """with_district: names shared across districts are the point of this kind."""
    shared = lambda u: u["unique_in_district"] and not u["unique"]  # noqa: E731
    wd = m.mixed(shared, 15, 3) + m.mixed(lambda u: u["unique_in_district"] and u["unique"], 15, 3)
    for i, u in enumerate(wd):
        d = district_bare(u["district"])
        ab = DISTRICT_ABBR.get(d)
        n, word = u["name"], unit_word(u["full"])
        dt = district_type(u["district"])
        forms = [
            f"{n}, {d}",
            strip_accents(f"{word} {n} {dt} {d}").lower(),
            f"{n} ({d})",
            f"{word} {n}, {dt} {d}",
            f"{n} {d}",
        ]
        if ab:
            forms += [f"{n} - {ab}", f"P. {n}, Q.{ab}", f"{n} {ab}"]
        m.add("with_district", forms[i % len(forms)], u)


def add_street_address(m: QueryMaker) -> None:
    """street_address: forms, ID cards, delivery apps."""
    for i, u in enumerate(m.mixed(lambda u: u["unique_in_district"], 30, 6)):
        d, dt = district_bare(u["district"]), district_type(u["district"])
        n, word = u["name"], unit_word(u["full"])
        if word == "phường":
            st = m.rng.choice(STREETS)
            forms = [
                f"số {m.rng.randint(1, 200)} ngõ {m.rng.randint(2, 400)} phố {st}, phường {n}, "
                f"{d}, Hà Nội",
                f"Tổ {m.rng.randint(1, 40)}, phường {n}, quận {d}, TP. Hà Nội",
                f"Số {m.rng.randint(1, 99)}, ngách {m.rng.randint(1, 60)}/{m.rng.randint(1, 30)} "
                "ngõ "
                f"{m.rng.randint(2, 300)} {st}, P.{n}, Q.{d}, HN",
                f"P{m.rng.randint(1, 12)}0{m.rng.randint(1, 9)} nhà B{m.rng.randint(1, 9)}, "
                f"tổ dân phố số {m.rng.randint(1, 20)}, phường {n}, {dt} {d}",
                f"{m.rng.randint(1, 300)} {st}, {n}, {d}, Hà Nội",
            ]
        else:
            v = m.rng.choice(VILLAGES)
            forms = [
                f"{v}, {word} {n}, huyện {d}, TP. Hà Nội",
                f"{v}, {word} {n}, {dt} {d}, thành phố Hà Nội",
                f"{v} - {n} - {d} - Hà Nội",
                f"Số nhà {m.rng.randint(1, 200)}, {v.lower()}, {word} {n}, {d}, Hà Nội",
            ]
        m.add("street_address", forms[i % len(forms)], u)


def add_english(m: QueryMaker) -> None:
    """english: forms filled in English (banks, embassies, shipping)."""
    for i, u in enumerate(m.mixed(lambda u: u["unique_in_district"], 30, 5)):
        n, d = strip_accents(u["name"]), strip_accents(district_bare(u["district"]))
        t = split_type(u["full"])[0]
        ut = {"phuong": "Ward", "xa": "Commune", "thi tran": "Town"}[t]
        dt = {"quận": "District", "huyện": "District", "thị xã": "Town"}[
            district_type(u["district"])
        ]
        forms = [
            f"{n} {ut}, {d} {dt}, Hanoi City, Vietnam",
            f"Hamlet {m.rng.randint(1, 9)}, {n} {ut}, {d} {dt}"
            if ut != "Ward"
            else f"No. {m.rng.randint(1, 99)}, Lane {m.rng.randint(2, 200)}, "
            f"{strip_accents(m.rng.choice(STREETS))} Street, {n} {ut}, {d} Dist., Ha Noi",
            f"{n} {ut.lower()}, {d} district, Hanoi",
            f"{n} {ut}, Hanoi",
        ]
        m.add("english", forms[i % len(forms)], u)


def add_city_suffix(m: QueryMaker) -> None:
    """city_suffix: the city tacked on, in the forms people use."""
    for i, u in enumerate(m.mixed(uniq, 30)):
        n, word = u["name"], unit_word(u["full"])
        forms = [
            f"{strip_accents(n).lower()}, ha noi",
            f"{word} {n} hn",
            f"{n} TPHN",
            f"{word.capitalize()} {n}, TP. Hà Nội",
            f"{u['full']} - Hà Nội",
            f"{n}, Hà Nội, Việt Nam",
            f"{strip_accents(word)} {strip_accents(n)} tp ha noi",
        ]
        m.add("city_suffix", forms[i % len(forms)], u)


def add_telex(m: QueryMaker) -> None:
    """telex: Vietnamese keyboard off, Telex keystrokes typed anyway."""
    for i, u in enumerate(m.mixed(uniq, 30)):
        word = unit_word(u["full"])
        src = [
            f"{word} {u['name']}".lower(),
            u["name"].lower(),
            f"{word} {u['name']}, {district_bare(u['district'])}".lower(),
        ][i % 3]
        m.add("telex", telex(src), u)


def add_decomposed_unicode(m: QueryMaker) -> None:
    """decomposed_unicode: NFD text (macOS, some web forms)."""
    for i, u in enumerate(m.mixed(uniq, 30)):
        src = [
            u["full"],
            f"{u['name']}, {district_bare(u['district'])}",
            f"{unit_word(u['full'])} {u['name']}, Hà Nội",
        ][i % 3]
        m.add("decomposed_unicode", unicodedata.normalize("NFD", src), u)


def add_phuong_names(m: QueryMaker) -> None:
    """phuong_names: names starting with "Phương", easily mistaken for the prefix."""
    ph = [u for u in m.units.rows if u["name"].startswith("Phương ")]
    for i in range(30):
        u = ph[i % len(ph)]
        n, word = u["name"], unit_word(u["full"])
        forms = [
            u["full"],
            strip_accents(u["full"]).lower(),
            n,
            f"{'P.' if word == 'phường' else 'X.'} {n}",
            strip_accents(n).lower(),
            f"{n}, {district_bare(u['district'])}",
        ]
        m.add("phuong_names", forms[(i // len(ph)) * 2 % len(forms) + (i % 2)], u)


def add_vintage_2019(m: QueryMaker) -> None:
    """vintage_2019: names merged in 2020, as still printed on old ID cards."""
    v19 = m.by_vintage["2019"]
    for i in range(max(25, 3 * len(v19) + 1)):
        u = v19[i % len(v19)]
        n, d = u["name"], district_bare(u["district"])
        forms = [
            u["full"],
            f"{n}, {d}",
            strip_accents(f"{unit_word(u['full'])} {n}").lower(),
            f"Tổ {m.rng.randint(1, 30)}, {unit_word(u['full'])} {n}, {d}, Hà Nội",
        ]
        m.add("vintage_2019", forms[(i // len(v19)) % len(forms)], u)


def add_vintage_579(m: QueryMaker) -> None:
    """vintage_579: units merged away in March 2025."""
    v579 = m.by_vintage["579"]
    for i in range(max(30, len(v579))):
        u = v579[i % len(v579)]
        n, d = u["name"], district_bare(u["district"])
        place = (
            f"Tổ {m.rng.randint(1, 30)}"
            if unit_word(u["full"]) == "phường"
            else m.rng.choice(VILLAGES)
        )
        forms = [
            u["full"],
            f"{n}, {d}",
            strip_accents(f"{unit_word(u['full'])} {n} {d}").lower(),
            f"{place}, {unit_word(u['full'])} {n}, {d}, Hà Nội",
        ]
        q = forms[i % len(forms)] if u["unique"] or i % len(forms) in (1, 2, 3) else forms[1]
        m.add("vintage_579", q, u)


def add_split_unit(m: QueryMaker) -> None:
    """split_unit: old units divided between several new units; the full set is expected."""
    for i, u in enumerate(
        m.pick(lambda u: u["split"] and u["unique_in_district"] and u["vintage"] == "526", 35)
    ):
        n, d = u["name"], district_bare(u["district"])
        forms = [
            f"{u['full']}, {d}",
            f"{strip_accents(n).lower()} {strip_accents(d).lower()}",
            f"Tổ {m.rng.randint(1, 30)}, {unit_word(u['full'])} {n}, {d}, Hà Nội",
            u["full"] if u["unique"] else f"{n}, {d}",
        ]
        m.add("split_unit", forms[i % len(forms)], u)


def add_coordinates(m: QueryMaker) -> None:
    """coordinates: a point inside a new unit, as copied from a map app."""
    units = m.built.units.sample(n=30, random_state=SEED)
    for i, (code, name, pt) in enumerate(
        zip(units["code"], units["full_name"], units.representative_point(), strict=True)
    ):
        lat, lon = pt.y, pt.x

        def dms(x: float, h: str) -> str:
            d = int(x)
            mins = int((x - d) * 60)
            s = (x - d - mins / 60) * 3600
            return f"{d}°{mins:02d}'{s:04.1f}\"{h}"

        q = [
            f"{lat:.4f}, {lon:.4f}",
            f"{lat:.4f} {lon:.4f}",
            f"{dms(lat, 'N')} {dms(lon, 'E')}",
            f"{lat:.6f},{lon:.6f}",
            f"{lat:.5f}, {lon:.5f}",
        ][i % 5]
        m.rows.append(("coordinates", q, code, f"representative point of new unit {code} {name}"))


def main() -> None:
    """Build the units, fill every kind from hand-written templates, write the CSV."""
    b = get_built("data", "/tmp/h4cache")
    m = QueryMaker(b, Units(b), random.Random(SEED))
    add_plain(m)
    add_no_accents(m)
    add_typo(m)
    add_abbrev(m)
    add_with_district(m)
    add_street_address(m)
    add_english(m)
    add_city_suffix(m)
    add_telex(m)
    add_decomposed_unicode(m)
    add_phuong_names(m)
    add_vintage_2019(m)
    add_vintage_579(m)
    add_split_unit(m)
    add_coordinates(m)
    rows = m.rows
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["kind", "query", "expected_new_codes", "note"])
        w.writerows(rows)
    kinds = pd.Series([r[0] for r in rows]).value_counts()
    print(f"{len(rows)} queries → {OUT}\n{kinds.to_string()}")


if __name__ == "__main__":
    main()
