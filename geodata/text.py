"""Vietnamese text helpers: NFC for display, diacritic folding for matching only."""

from __future__ import annotations

import re
import unicodedata
from typing import cast

_TYPE_PREFIXES = ("thi tran", "phuong", "xa")
_SPACES = re.compile(r"\s+")


def nfc(text: str) -> str:
    """NFC-normalise and collapse white space; the form every displayed name is kept in."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", str(text))).strip()


def fold(text: str) -> str:
    """Lower-case, strip diacritics (đ→d) and punctuation: a key for matching, never for display."""
    decomposed = unicodedata.normalize("NFD", nfc(text).lower().replace("đ", "d"))
    stripped = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    return _SPACES.sub(" ", re.sub(r"[^0-9a-z]+", " ", stripped)).strip()


# Old-style tone placement ("Hoà", "Thuỵ") and new style ("Hòa", "Thụy") name the same unit:
# in an open syllable oa/oe/uy the new style puts the tone on the first vowel.
_OLD_TONE = re.compile(r"([ou])([aey])([\u0300\u0301\u0303\u0309\u0323])(?![a-z])")


def canonical(text: str) -> str:
    """Lower-case NFC with new-style tone placement.

    Keeps 'Sơn Đông' ≠ 'Sơn Đồng', but 'Hoà' = 'Hòa'.
    """
    decomposed = unicodedata.normalize("NFD", nfc(text).lower())
    return unicodedata.normalize("NFC", _OLD_TONE.sub(r"\1\3\2", decomposed))


def split_type(name: str) -> tuple[str, str]:
    """Split 'Phường Hàng Bạc' into ('phuong', 'Hàng Bạc'); type '' when there is no prefix."""
    clean = nfc(name)
    folded = fold(clean)
    for prefix in _TYPE_PREFIXES:
        if folded.startswith(prefix + " "):
            words = len(prefix.split())
            return prefix, " ".join(clean.split(" ")[words:])
    return "", clean


def name_key(name: str) -> str:
    """Folded name without its type prefix: 'Phường Hàng Bạc' → 'hang bac'."""
    return fold(split_type(name)[1])


# --- Raw Telex and VNI typing --------------------------------------------------------------
# People without a Vietnamese keyboard layout type the keystrokes themselves: "phuwowngf" (Telex)
# or "phu7o7ng2" (VNI) for "phường". Such a word has no diacritics and carries marks that no
# folded Vietnamese syllable has (w, aa/ee/oo/dd, a tone letter after the vowel, a digit inside the
# word), so decoding only those words leaves plain unaccented input alone.
_TELEX_TONES = {"s": "\u0301", "f": "\u0300", "r": "\u0309", "x": "\u0303", "j": "\u0323"}
_VNI_TONES = {"1": "\u0301", "2": "\u0300", "3": "\u0309", "4": "\u0303", "5": "\u0323"}
_VNI_MARKS = {
    ("a", "6"): "â",
    ("e", "6"): "ê",
    ("o", "6"): "ô",
    ("o", "7"): "ơ",
    ("u", "7"): "ư",
    ("a", "8"): "ă",
    ("d", "9"): "đ",
}
_TELEX_MARKS = (
    ("uow", "ươ"),
    ("uw", "ư"),
    ("ow", "ơ"),
    ("aw", "ă"),
    ("aa", "â"),
    ("ee", "ê"),
    ("oo", "ô"),
    ("w", "ư"),
)
_VOWELS = "aăâeêioôơuưy"
# Vowel nuclei of Vietnamese syllables: a decoded word must have one, so English words with a w or
# a final s ("ward", "streets") are not turned into nonsense.
_NUCLEI = frozenset(
    "a ă â e ê i o ô ơ u ư y ai ao au ay âu ây eo êu ia iê iu oa oă oe oi ôi ơi ua uâ uê ui uô "
    "uơ uy ưa ưi ươ ưu yê oai oay oeo uây uôi uya uyê uyu ươi ươu yêu iêu".split()
)
_SYLLABLE = re.compile(
    rf"^(ngh|ng|gh|gi(?=[{_VOWELS}])|kh|nh|ph|qu(?=[{_VOWELS}])|th|tr|ch|"
    rf"[bcdđghklmnpqrstvx])?([{_VOWELS}]+)(ch|ng|nh|[cmnpt])?$"
)
# English words of addresses that would otherwise decode to a syllable ("town" → "tơn").
_NOT_TELEX = frozenset(
    {"town", "towns", "township", "ward", "wards", "tower", "new", "view", "show"}
)


def _place_tone(word: str, tone: str) -> str | None:
    """Put ``tone`` (a combining mark, or '') on the right vowel; None if not a syllable."""
    m = _SYLLABLE.match(word)
    if not m or m.group(2) not in _NUCLEI:
        return None
    if not tone:
        return word
    nucleus, start = m.group(2), m.start(2)
    marked = [i for i, c in enumerate(nucleus) if c in "ăâêôơư"]
    if marked:
        pos = marked[-1]
    elif len(nucleus) == 1:
        pos = 0
    elif len(nucleus) == 3 or m.group(3) or nucleus in ("oa", "oe", "uy"):
        pos = 1
    else:
        pos = 0
    i = start + pos
    return unicodedata.normalize("NFC", word[: i + 1] + tone + word[i + 1 :])


def _telex(word: str) -> str | None:
    first = next((i for i, c in enumerate(word) if c in "aeiouy"), None)
    if first is None or word in _NOT_TELEX:
        return None
    tone, kept = "", []
    for i, c in enumerate(word):
        if i > first and c in _TELEX_TONES and not tone:
            tone = _TELEX_TONES[c]
        else:
            kept.append(c)
    body = "".join(kept)
    if body.startswith("dd"):
        body = "đ" + body[2:]
    for keys, letter in _TELEX_MARKS:
        body = body.replace(keys, letter)
    if not tone and body == word:
        return None
    return _place_tone(body, tone)


def _vni(word: str) -> str | None:
    if not re.fullmatch(r"[a-z][a-z1-9]*", word):
        return None
    tone, out = "", cast(list[str], [])
    for c in word:
        if c in _VNI_TONES:
            tone = _VNI_TONES[c]
        elif c.isdigit():
            # "uo7" is often typed for "ươ": the horn goes on both.
            if c == "7" and out and out[-1] == "o" and len(out) > 1 and out[-2] == "u":
                out[-2] = "ư"
            key = (out[-1] if out else "", c)
            if key not in _VNI_MARKS:
                return None
            out[-1] = _VNI_MARKS[key]
        else:
            out.append(c)
    return _place_tone("".join(out), tone)


def decode_typing(text: str) -> str:
    """Turn raw Telex ("phuwowngf") or VNI ("phu7o7ng2") words into Vietnamese ("phường").

    Only words written in plain ASCII that carry such marks and decode to a Vietnamese syllable
    are changed; everything else (words with diacritics, numbers, English words) is kept.
    """

    def one(m: re.Match) -> str:
        raw = m.group(0)
        word = raw.lower()
        decoded = _vni(word) if any(c.isdigit() for c in word) else _telex(word)
        return decoded or raw

    return re.sub(r"\b[A-Za-z][A-Za-z0-9]*\b", one, text)
