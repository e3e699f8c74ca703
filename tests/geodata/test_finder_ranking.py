"""The finder's ranking rules, each pinned by a real query whose answer depends on that rule."""

import pytest

from geodata import finder as finder_mod
from geodata.finder import lookup, make_finder


@pytest.fixture(scope="module")
def finder(built):
    return make_finder(built)


def first(finder, query):
    return lookup(finder, query)["matches"][0]


@pytest.mark.parametrize(
    "query, expected, other",
    [
        # "tan phu" is one letter from Trần Phú (Hoàng Mai) and exactly Tân Phú (Quốc Oai):
        # the typed district must outweigh the closer spelling elsewhere.
        ("tan phu, hoang mai", "00334", "09934"),
        # "cau den": Cầu Dền (Hai Bà Trưng) spelled exactly, Cầu Diễn (Nam Từ Liêm) intended.
        ("cau den, nam tu liem", "00592", "00274"),
    ],
)
def test_a_typed_district_outweighs_a_closer_spelling_elsewhere(finder, query, expected, other):
    assert first(finder, query)["old_code"] == expected
    codes = [m["old_code"] for m in lookup(finder, query.split(",")[0])["matches"]]
    assert other in codes  # without the district the other unit is a candidate


@pytest.mark.parametrize(
    "query, first_code, second_code",
    [("trung tu", "10387", "00226"), ("van ha", "00475", "09718")],
)
def test_equal_scores_put_units_of_the_526_list_first(finder, query, first_code, second_code):
    # Trung Tú (Ứng Hòa, still in the 526 list) before Trung Tự (Đống Đa, merged in March 2025),
    # although "Phường Trung Tự" sorts first by name.
    matches = lookup(finder, query)["matches"]
    assert matches[0]["score"] == matches[1]["score"]
    assert [m["old_code"] for m in matches[:2]] == [first_code, second_code]
    assert "526" in matches[0]["vintages"] and "526" not in matches[1]["vintages"]


def test_fuzzy_threshold_keeps_72_and_drops_67(finder):
    assert finder_mod.MIN_SCORE == 72.0
    kept = first(finder, "hang da")  # 93.3 % like Hàng Đào
    assert kept["corrected"] and kept["old_name"] == "Phường Hàng Đào"
    for query in ("duong uang", "km hoa"):  # best candidates score 66.7
        answer = lookup(finder, query)
        assert answer["matches"] == [] and "new_unit" not in answer
