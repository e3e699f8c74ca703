"""Contrast of every text colour in the stylesheet against its background meets WCAG AA (4.5:1)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

CSS = (Path(__file__).resolve().parents[2] / "assets" / "style.css").read_text(encoding="utf-8")
RULES = re.findall(r"([^{}]+)\{([^}]*)\}", CSS)


def _luminance(hex_colour: str) -> float:
    h = hex_colour.lstrip("#")
    h = "".join(c * 2 for c in h) if len(h) == 3 else h
    channels = [int(h[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(fg: str, bg: str) -> float:
    """WCAG contrast ratio of two #rgb/#rrggbb colours."""
    hi, lo = sorted((_luminance(fg), _luminance(bg)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


PAIRS = []
for selector, body in RULES:
    fg = re.search(r"(?<![-\w])color:\s*(#[0-9a-fA-F]{3,6})\b", body)
    if fg:
        bg = re.search(r"background(?:-color)?:\s*(#[0-9a-fA-F]{3,6})\b", body)
        # Text sits on white unless the rule sets its own background (the finder box is #f4f7fb).
        PAIRS.append(
            (selector.strip(), fg.group(1), [bg.group(1)] if bg else ["#ffffff", "#f4f7fb"])
        )


def test_the_stylesheet_sets_text_colours():
    assert len(PAIRS) >= 15


@pytest.mark.parametrize("selector,fg,bg", PAIRS)
def test_text_contrast_meets_wcag_aa(selector, fg, bg):
    for background in bg:
        assert contrast(fg, background) >= 4.5, f"{selector}: {fg} on {background}"


def test_contrast_formula():
    assert contrast("#000", "#fff") == pytest.approx(21.0)
    assert contrast("#777", "#fff") < 4.5 < contrast("#767676", "#ffffff") + 0.01
