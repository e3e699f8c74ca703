"""Numbers as readers of each language write them: 55.131 and 1,91 km² in Vietnamese,
55,131 and 1.91 km² in English (pure; no locale module, whose state is per process)."""

from __future__ import annotations

import math

SEPARATORS = {"vi": (".", ","), "en": (",", ".")}  # (thousands, decimals)


def fmt_number(value, decimals: int = 0, lang: str = "vi") -> str:
    """``value`` with ``decimals`` decimals and the language's separators; "–" when missing."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return "–"
    if not math.isfinite(number):
        return "–"
    thousands, point = SEPARATORS.get(lang, SEPARATORS["vi"])
    text = f"{number:,.{max(decimals, 0)}f}"
    return text.replace(",", "\0").replace(".", point).replace("\0", thousands)


def fmt_share(value, lang: str = "vi", decimals: int = 0) -> str:
    """A 0–1 share as a percentage: 0,945 → "94,5 %" (vi, with decimals=1) or "94.5%" (en)."""
    try:
        number = float(value) * 100
    except (TypeError, ValueError):
        return "–"
    text = fmt_number(number, decimals, lang)
    return text if text == "–" else text + (" %" if lang == "vi" else "%")


def fmt_spec(value, spec: str, lang: str = "vi") -> str:
    """``value`` formatted like Python's ``format(value, spec)`` for the specs the indicators use
    (",.0f", ".2f", ".0%", "d") but with the language's separators."""
    decimals = int(spec.split(".")[1].rstrip("f%")) if "." in spec else 0
    if spec.endswith("%"):
        return fmt_share(value, lang, decimals)
    return fmt_number(value, decimals, lang)


def plotly_separators(lang: str) -> str:
    """plotly's ``layout.separators`` (decimal point, then thousands) for the language."""
    thousands, point = SEPARATORS.get(lang, SEPARATORS["vi"])
    return point + thousands
