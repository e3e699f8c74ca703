"""Numbers in each language's format."""

import pytest

from dashboard.model.numbers import fmt_number, fmt_share


@pytest.mark.parametrize(
    "value,decimals,lang,expected",
    [
        (55131, 0, "vi", "55.131"),
        (55131, 0, "en", "55,131"),
        (1.9149, 2, "vi", "1,91"),
        (1.9149, 2, "en", "1.91"),
        (1234567.891, 1, "vi", "1.234.567,9"),
        (1234567.891, 1, "en", "1,234,567.9"),
        (-3500, 0, "vi", "-3.500"),
        (0, 0, "en", "0"),
        (None, 0, "vi", "–"),
        (float("nan"), 2, "en", "–"),
        ("abc", 0, "vi", "–"),
        (12.5, 0, "xx", "12"),  # banker's rounding of format(); unknown language → Vietnamese
    ],
)
def test_fmt_number(value, decimals, lang, expected):
    assert fmt_number(value, decimals, lang) == expected


def test_fmt_share():
    assert fmt_share(0.945, "vi", 1) == "94,5 %"
    assert fmt_share(0.945, "en", 1) == "94.5%"
    assert fmt_share(None, "en") == "–"


def test_fmt_spec_follows_the_indicator_formats_in_each_language():
    from dashboard.model.numbers import fmt_spec, plotly_separators

    assert fmt_spec(55131, ",.0f", "vi") == "55.131" and fmt_spec(55131, ",.0f", "en") == "55,131"
    assert fmt_spec(1.914, ",.2f", "vi") == "1,91" and fmt_spec(1.914, ",.2f", "en") == "1.91"
    assert fmt_spec(0.5, ".0%", "vi") == "50 %" and fmt_spec(0.5, ".0%", "en") == "50%"
    assert fmt_spec(float("nan"), ",.0f", "vi") == "–"
    assert plotly_separators("vi") == ",." and plotly_separators("en") == ".,"
