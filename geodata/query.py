"""Read a free-text address as spans of known names, in any order and with any punctuation.

The finder's first step: a query is cut into words (folded for matching, kept as typed for
diacritics), and every run of words that is a known name (an old unit, a new unit, an old
district or one of its abbreviations) becomes a ``Span`` with its context: the unit-type word
before or after it ("phường", "P.", "xã", "Ward", "Commune"), a district word ("quận", "Q.",
"District"), a street or village word ("phố", "ngõ", "thôn", "xóm", "tổ") or a house number
before it. Nothing is required before or around a name: street and village words are context.

Pure: the names come in a ``Lexicon`` built once from the data; no scoring of units happens
here (see ``geodata.finder``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .text import canonical, decode_typing, fold, nfc

# Unit-type words before a name: folded words → (type, strong). "P", "F", "X", "TT" are weaker
# evidence than the spelt-out word ("P" is also "phố" before a street).
UNIT_BEFORE: dict[tuple[str, ...], tuple[str, bool]] = {
    ("thi", "tran"): ("thi tran", True),
    ("phuong",): ("phuong", True),
    ("xa",): ("xa", True),
    ("p",): ("phuong", False),
    ("ph",): ("phuong", False),
    ("f",): ("phuong", False),
    ("x",): ("xa", False),
    ("tt",): ("thi tran", False),
}
UNIT_AFTER: dict[tuple[str, ...], str] = {
    ("ward",): "phuong",
    ("commune",): "xa",
    ("township",): "thi tran",
    ("town",): "thi tran",  # also a thị xã ("Son Tay Town"): a district reading is tried too
}
DISTRICT_BEFORE: dict[tuple[str, ...], bool] = {
    ("quan",): True,
    ("huyen",): True,
    ("thi", "xa"): True,
    ("district",): True,
    ("q",): False,
    ("h",): False,
    ("tx",): False,
}
DISTRICT_AFTER = {
    ("district",),
    ("dist",),
    ("urban", "district"),
    ("rural", "district"),
    ("town",),
}
# Street, village and building words: a name right after one is a street's or a village's.
STREET_BEFORE = {
    (w,)
    for w in (
        "so ngo ngach hem kiet to tdp khu kdt thon xom ap cum doi duong pho lo nha toa km no "
        "street st road rd lane alley hamlet village group block building apartment bt cc "
        "chung cu tram truong cho"
    ).split()
} | {
    ("so", "nha"),
    ("to", "dan", "pho"),
    ("khu", "pho"),
    ("khu", "do", "thi"),
    ("cum", "dan", "cu"),
}
STREET_AFTER = {("street",), ("st",), ("road",), ("rd",), ("lane",), ("alley",), ("village",)}
# The diacritic forms a marker must have when typed with diacritics: "Phương Mai" is a name,
# "Phường Mai" a prefix and a name.
MARKER_CANON = {
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
    "thon": {"thôn"},
    "xom": {"xóm"},
    "ap": {"ấp"},
    "cum": {"cụm"},
    "doi": {"đội"},
    "duong": {"đường"},
    "pho": {"phố"},
    "lo": {"lô"},
    "nha": {"nhà"},
    "toa": {"tòa", "toà"},
    "dan": {"dân"},
    "cu": {"cư"},
    "do": {"đô"},
}
# The city and the country: never part of a name. The formal ones ("Thành phố Hà Nội", "TP Hà
# Nội") end an address in the two-tier form when no district stands before them.
CITY = [
    (("thanh", "pho", "ha", "noi"), True),
    (("tp", "ha", "noi"), True),
    (("tphn",), False),
    (("tp", "hn"), False),
    (("ha", "noi", "city"), False),
    (("hanoi", "city"), False),
    (("ha", "noi"), False),
    (("hanoi",), False),
    (("hn",), False),
    (("viet", "nam"), False),
    (("vietnam",), False),
    (("vn",), False),
]
_CITY_FROM: dict[str, list[tuple[tuple[str, ...], bool]]] = {}
for _phrase, _formal in CITY:  # longest first, as listed
    _CITY_FROM.setdefault(_phrase[0], []).append((_phrase, _formal))
# Words saying which side of 1 July 2025 the reader means. Typed without diacritics "moi" and
# "cu" are too common to count; with them they must be exactly these.
NEW_CUES = {
    ("mới",),
    ("sau", "sáp", "nhập"),
    ("sau", "sắp", "xếp"),
    ("new",),
    ("từ", "1", "7", "2025"),
    ("sau", "1", "7", "2025"),
}
OLD_CUES = {("cũ",), ("trước",), ("old",), ("former",), ("formerly",)}
_HARD_BREAK = re.compile(r"[,;\n|()/\\]|\s\.(?:\s|$)")
_DASH_BREAK = re.compile(r"[-–—]")
_WORD = re.compile(r"[^\W_]+")
ROMAN = {"i": "1", "ii": "2", "iii": "3", "iv": "4", "v": "5"}


@dataclass(frozen=True)
class Word:
    """One word: folded (for matching), as typed in lower case, the break before it ("," for a
    comma, slash or bracket, "-" for a spaced dash, "" for none) and whether it is upper case."""

    folded: str
    typed: str
    brk: str = ""
    upper: bool = False
    canon: str = ""  # as typed, lower case with new-style tones

    @property
    def broken(self) -> bool:
        """Any break before it: a segment starts here."""
        return bool(self.brk)


@dataclass(frozen=True)
class Span:
    """A run of words that is a known name, with what stands around it in the query."""

    start: int
    end: int  # exclusive
    key: str  # folded name
    exact: str  # lower-case, new-style tones, as typed
    unit_type: str = ""  # from the marker before or after it: phuong, xa, thi tran
    strong: bool = False  # spelt-out marker (Phường, Xã, Ward), not P./X./TT
    district_marked: bool = False  # a district word before or after it
    street: bool = False  # a street or village word, or a house number, right before it
    segment: bool = False  # the whole segment between breaks (markers aside)


@dataclass
class Reading:
    """Every span of the query, and what the query says besides names."""

    words: list[Word]
    units: list[Span] = field(default_factory=list)  # spans naming an old or a new unit
    districts: list[Span] = field(default_factory=list)  # spans naming an old district
    free: list[tuple[int, int]] = field(default_factory=list)  # runs of unknown words
    formal_city: bool = False  # "Thành phố Hà Nội" / "TP Hà Nội" in the query
    new_cue: bool = False
    old_cue: bool = False


@dataclass(frozen=True)
class Lexicon:
    """The names a query is read against, folded: unit names (old and new alike) and district
    keys with their abbreviations (``abbreviations`` maps one to a district key)."""

    units: frozenset[str]
    districts: frozenset[str]
    abbreviations: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # First word of every name → the most words a name starting with it has: most words of
        # a query start no name, and are skipped at once.
        longest: dict[str, int] = {}
        for name in (*self.units, *self.districts, *self.abbreviations):
            words = name.split()
            longest[words[0]] = max(longest.get(words[0], 0), len(words))
        object.__setattr__(self, "longest", longest)

    def longest_from(self, word: str) -> int:
        """The most words a name starting with ``word`` has (0: none starts with it)."""
        return self.longest.get(word, 0)  # type: ignore[attr-defined]


def exact_key(text: str) -> str:
    """Lower-case words with their diacritics (new-style tones), punctuation dropped: how a
    name typed with diacritics is compared with a name as spelt."""
    return " ".join(_WORD.findall(canonical(text)))


def words_of(query: str) -> list[Word]:
    """Cut ``query`` (NFC, raw Telex/VNI decoded) into words, marking the breaks."""
    text = decode_typing(nfc(query))
    out: list[Word] = []
    pos = 0
    for m in _WORD.finditer(text):
        gap = text[pos : m.start()]
        pos = m.end()
        raw = m.group(0)
        folded = fold(raw)
        if not folded:
            continue
        # "P.Láng Hạ", "Q.Đống Đa": a dot right after a marker is no break. A dash may be one
        # ("Kiêu Kỵ - Gia Lâm") or part of a name ("Văn Miếu - Quốc Tử Giám"): a name may span it.
        brk = ""
        if out and _HARD_BREAK.search(gap):
            brk = ","
        elif out and _DASH_BREAK.search(gap):
            brk = "-"
        upper, canon = raw.isupper() and len(raw) > 1, canonical(raw)
        for i, part in enumerate(folded.split()):
            out.append(Word(part, raw.lower(), brk if i == 0 else "", upper, canon))
    return out


def phrase_at(words: list[Word], i: int, phrases) -> tuple[str, ...] | None:
    """The longest phrase of ``phrases`` starting at word ``i`` (diacritics agreeing when typed)."""
    for n in _lengths(phrases):
        head = words[i : i + n]
        key = tuple(w.folded for w in head)
        if len(head) < n or key not in phrases or any(w.brk for w in head[1:]):
            continue
        if all(
            w.typed == w.folded or w.canon in MARKER_CANON.get(w.folded, (w.canon,)) for w in head
        ):
            return key
    return None


def _lengths(phrases) -> list[int]:
    """The lengths of a marker table's phrases, longest first (the module's tables: computed
    once, at import)."""
    known = _LENGTHS.get(id(phrases))
    return known if known is not None else sorted({len(k) for k in phrases}, reverse=True)


def phrase_before(words: list[Word], end: int, phrases) -> tuple[str, ...] | None:
    """The phrase of ``phrases`` ending just before word ``end`` (not across a break)."""
    for n in (4, 3, 2, 1):
        start = end - n
        if start < 0 or any(w.broken for w in words[start + 1 : end + 1]):
            continue
        if phrase_at(words, start, phrases) == tuple(w.folded for w in words[start:end]):
            return tuple(w.folded for w in words[start:end])
    return None


def _phrase_after(words: list[Word], start: int, phrases) -> tuple[str, ...] | None:
    if start >= len(words) or words[start].broken:
        return None
    return phrase_at(words, start, phrases)


def _cue(words: list[Word], cues) -> bool:
    typed = f" {' '.join(w.canon for w in words)} "
    return any(f" {' '.join(c)} " in typed for c in cues)


def _with_roman(key: tuple[str, ...]) -> tuple[str, ...]:
    return key[:-1] + (ROMAN[key[-1]],) if len(key) > 1 and key[-1] in ROMAN else key


def read(query: str, lexicon: Lexicon) -> Reading:
    """Every span of ``query`` that names a unit or a district, with its context."""
    words = words_of(query)
    r = Reading(words)
    city = [False] * len(words)
    for i, w in enumerate(words):
        for phrase, formal in _CITY_FROM.get(w.folded, ()):
            n = len(phrase)
            if tuple(w.folded for w in words[i : i + n]) == phrase and not any(
                w.broken for w in words[i + 1 : i + n]
            ):
                city[i : i + n] = [True] * n
                r.formal_city |= formal
                break
    r.new_cue, r.old_cue = _cue(words, NEW_CUES), _cue(words, OLD_CUES)
    covered = [False] * len(words)
    for i in range(len(words)):
        for n in range(min(lexicon.longest_from(words[i].folded), len(words) - i), 0, -1):
            chunk = words[i : i + n]
            if any(w.brk == "," for w in chunk[1:]):
                continue
            key = _with_roman(tuple(w.folded for w in chunk))
            text = " ".join(key)
            is_unit = text in lexicon.units
            abbreviation = n == 1 and text in lexicon.abbreviations
            is_district = text in lexicon.districts or abbreviation
            if abbreviation and not (chunk[0].upper or _alone(words, i, i + 1)):
                is_district = False  # "da", "th", "hd" in running text are not districts
            if not (is_unit or is_district) or all(city[i : i + n]):
                continue
            span = span_at(words, i, i + n, text, " ".join(w.canon for w in chunk))
            if is_unit:
                r.units.append(span)
            if is_district:
                r.districts.append(span)
            covered[i : i + n] = [True] * n
    # A name inside a longer name is not read apart ("Phù Lưu" in "Phù Lưu Tế").
    r.units = [
        s
        for s in r.units
        if not any(o.start <= s.start and s.end <= o.end and o != s for o in r.units)
    ]
    r.free = _free_runs(words, covered, city)
    return r


def _alone(words: list[Word], start: int, end: int) -> bool:
    """The words are a whole segment: a break (or the query's edge) on both sides."""
    before = start == 0 or words[start].broken
    after = end == len(words) or words[end].broken
    return before and after


def span_at(words: list[Word], start: int, end: int, key: str, exact: str) -> Span:
    """Words ``start:end`` as a span, with the markers, street words and breaks around them."""
    unit_type, strong, district_marked, street = "", False, False, False
    if m := phrase_before(words, start, UNIT_BEFORE):
        unit_type, strong = UNIT_BEFORE[m]
    elif m := _phrase_after(words, end, UNIT_AFTER):
        unit_type, strong = UNIT_AFTER[m], True
    if phrase_before(words, start, DISTRICT_BEFORE) or _phrase_after(words, end, DISTRICT_AFTER):
        district_marked = True
    prev = words[start - 1] if start and not words[start].broken else None
    if (prev and prev.folded[0].isdigit()) or phrase_before(words, start, STREET_BEFORE):
        street = True
    elif _phrase_after(words, end, STREET_AFTER):
        street = True
    lead = start
    while lead > 0 and not words[lead].broken and _marker_word(words, lead - 1):
        lead -= 1
    trail = end
    while trail < len(words) and not words[trail].broken and _marker_word(words, trail):
        trail += 1
    segment = _alone(words, lead, trail)
    return Span(start, end, key, exact, unit_type, strong, district_marked, street, segment)


def _marker_word(words: list[Word], i: int) -> bool:
    return words[i].folded in _MARKER_WORDS


_ANY_MARKER = frozenset(
    [*UNIT_BEFORE, *DISTRICT_BEFORE, *STREET_BEFORE, *DISTRICT_AFTER, *UNIT_AFTER]
)
NAME_MARKER = frozenset([*UNIT_BEFORE, *DISTRICT_BEFORE])  # what ends a street's name
_TABLES = (
    UNIT_BEFORE,
    UNIT_AFTER,
    DISTRICT_BEFORE,
    DISTRICT_AFTER,
    STREET_BEFORE,
    STREET_AFTER,
    _ANY_MARKER,
    NAME_MARKER,
)
# The module's tables live as long as the module: their ids stay theirs.
_LENGTHS = {id(t): sorted({len(k) for k in t}, reverse=True) for t in _TABLES}
_MARKER_WORDS = frozenset(
    w for t in (UNIT_BEFORE, UNIT_AFTER, DISTRICT_BEFORE, DISTRICT_AFTER) for k in t for w in k
)


def _free_runs(words: list[Word], covered: list[bool], city: list[bool]) -> list[tuple[int, int]]:
    """Runs of words that are neither names, markers, numbers nor the city: where a mistyped
    name may hide (cut at breaks and at any marker)."""
    blocked = [False] * len(words)
    for i, w in enumerate(words):
        if covered[i] or city[i] or w.folded[0].isdigit():
            blocked[i] = True
        if m := phrase_at(words, i, _ANY_MARKER):
            blocked[i : i + len(m)] = [True] * len(m)
    runs: list[tuple[int, int]] = []
    start: int | None = None
    for i in range(len(words) + 1):
        if start is not None and (i == len(words) or blocked[i] or words[i].broken):
            runs.append((start, i))
            start = None
        if i < len(words) and not blocked[i] and start is None:
            start = i
    return runs
