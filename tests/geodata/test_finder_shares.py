"""The finder's whole/part and area shares, on expectations worked out by hand (issue #25).

Only make_finder and lookup's answers are used: the finder's internals may change freely.
"""

from __future__ import annotations

import dataclasses

import pytest

from geodata.crosswalk import by_resolution
from geodata.finder import FinderTables, lookup, make_finder


@pytest.fixture(scope="module")
def finder(built):
    return make_finder(built)


def _answer(finder, query: str, old_code: str) -> dict:
    match = next(m for m in lookup(finder, query)["matches"] if m["old_code"] == old_code)
    return {n["new_code"]: n for n in match["new_units"]}


@pytest.mark.parametrize(
    "query, old_code, shares",
    [
        # Xã Ninh Sở (10186) was split by clauses 54 and 59: part to Nam Phù (00685), its
        # remainder to Hồng Vân (10210). 3.5 % of its simplified 2019 outline lies outside every
        # new unit (the city's edge on the river): of what lies inside, 97.5 % and 2.5 %, which
        # add up to the whole unit. Shares of its whole outline would add up to 0.965.
        ("Xã Ninh Sở", "10186", {"10210": 0.975, "00685": 0.025}),
        # Xã Bát Tràng (00583), split three ways by clauses 39, 109 and 111; 2.5 % of its 2019
        # outline lies outside the city, and all that lies inside is in the new Bát Tràng
        # (00577): the other two pieces are below the simplified outline's resolution.
        ("Xã Bát Tràng", "00583", {"00577": 1.0, "00145": 0.0, "00565": 0.0}),
    ],
)
def test_a_split_units_shares_add_up_to_the_whole_unit(finder, built, query, old_code, shares):
    answer = _answer(finder, query, old_code)
    law = by_resolution(built.crosswalk)
    named = set(law.loc[law["old_code"] == old_code, "new_code"])
    assert set(answer) == named and all(n["kind"] == "part" for n in answer.values())
    assert {c: n["area_share"] for c, n in answer.items()} == shares
    assert sum(n["area_share"] for n in answer.values()) == pytest.approx(1.0, abs=0.002)


def test_a_2019_unit_split_in_2020_reaches_no_new_unit_whole(built):
    # Phường Ngô Thì Nhậm (2019) was split in 2020 between Phường Nguyễn Du (00241) and Phường
    # Phạm Đình Hổ (00247). Suppose the law had sent Phạm Đình Hổ whole into Hai Bà Trưng (00256)
    # and Nguyễn Du elsewhere only: Ngô Thì Nhậm still reaches Hai Bà Trưng with only the piece
    # that went to Phạm Đình Hổ, i.e. in part, although it gets there by one route only.
    xw = built.crosswalk
    pdh, nd = xw["old_code"] == "00247", xw["old_code"] == "00241"
    hbt = xw["new_code"] == "00256"
    changed = xw[~(pdh & ~hbt) & ~(nd & hbt)].copy()
    changed.loc[changed["old_code"] == "00247", "kind"] = "whole"
    tables = dataclasses.replace(FinderTables.from_built(built), crosswalk=changed)
    answer = _answer(make_finder(tables), "Phường Ngô Thì Nhậm", "00253")
    assert "00256" in answer and len(answer) >= 2
    assert {n["kind"] for n in answer.values()} == {"part"}, answer
