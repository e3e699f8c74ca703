"""Vietnamese text helpers: NFC for display, diacritic folding for matching only."""
from __future__ import annotations

import re
import unicodedata

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
    """Lower-case NFC with new-style tone placement: keeps 'Sơn Đông' ≠ 'Sơn Đồng', 'Hoà' = 'Hòa'."""
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
