"""The citizen finder on real names: every input kind of issue #3."""

import pandas as pd
import pytest

from geodata.finder import QueryError, locate, lookup, make_finder


@pytest.fixture(scope="module")
def finder(built):
    return make_finder(built)


def top(finder, q):
    return lookup(finder, q)["matches"][0]


def new_names(match):
    return [n["new_name"] for n in match["new_units"]]


@pytest.mark.parametrize(
    "q",
    [
        "Phường Hàng Bài",
        "phuong hang bai",
        "HANG BAI",
        "P. Hàng Bài",
        "P Hang Bai",
        "p.hang bai",
        "Hàng Bài, Q. Hoàn Kiếm",
        "hang bai hoan kiem",
        "12 Hàng Bài, P. Hàng Bài, Q. Hoàn Kiếm, Hà Nội",
    ],
)
def test_whole_transfer_any_spelling(finder, q):
    m = top(finder, q)
    assert m["old_name"] == "Phường Hàng Bài" and m["district"] == "Quận Hoàn Kiếm"
    assert [(n["new_name"], n["kind"], n["clause"]) for n in m["new_units"]] == [
        ("Phường Cửa Nam", "whole", 2)
    ]


@pytest.mark.parametrize(
    "q,expected",
    [
        ("Hang Bia", "Phường Hàng Bài"),
        ("Phuong Trang Tein", "Phường Tràng Tiền"),
        ("Xa Kieu Ky", "Xã Kiêu Kỵ"),
        ("TT Trau Quy", "Thị trấn Trâu Quỳ"),
    ],
)
def test_typos_and_prefixes_are_corrected_and_said(finder, q, expected):
    answer = lookup(finder, q)
    names = [m["old_name"] for m in answer["matches"][:3]]
    assert expected in names


def test_typo_is_flagged(finder):
    m = top(finder, "Trang Tein")
    assert m["old_name"] == "Phường Tràng Tiền" and m["corrected"] is True
    assert top(finder, "Tràng Tiền")["corrected"] is False


def test_split_unit_dien_bien_goes_to_four_new_units(finder):
    m = top(finder, "Phường Điện Biên")
    assert sorted(new_names(m)) == sorted(
        ["Phường Ba Đình", "Phường Hoàn Kiếm", "Phường Văn Miếu - Quốc Tử Giám", "Phường Ô Chợ Dừa"]
    )
    assert all(n["kind"] == "part" and n["clause"] for n in m["new_units"])
    assert (
        m["new_units"][0]["new_name"] == "Phường Ba Đình" and m["new_units"][0]["area_share"] > 0.5
    )


def test_ambiguous_name_returns_every_district(finder):
    answer = lookup(finder, "Minh Khai")
    districts = {m["district"] for m in answer["matches"] if m["old_name"].endswith("Minh Khai")}
    assert {"Quận Hai Bà Trưng", "Quận Bắc Từ Liêm", "Huyện Hoài Đức"} <= districts
    assert answer["ambiguous"] is True


def test_district_settles_the_ambiguity(finder):
    m = top(finder, "P. Quang Trung, Q. Đống Đa")
    assert m["district"] == "Quận Đống Đa"
    assert sorted(new_names(m)) == ["Phường Kim Liên", "Phường Đống Đa"]


def test_diacritics_distinguish_son_dong_and_son_dong(finder):
    assert top(finder, "Sơn Đồng")["district"] == "Huyện Hoài Đức"
    assert top(finder, "Sơn Đông")["district"] == "Thị xã Sơn Tây"
    assert lookup(finder, "son dong")["ambiguous"] is True


def test_2019_name_merged_in_2020_answers_with_its_successors_new_units(finder):
    # Was routed by its 2019 polygon (HBT + Cửa Nam only). Bùi Thị Xuân joined Nguyễn Du in 2020;
    # Article 1 clauses 2, 6 and 11 split Nguyễn Du between Cửa Nam, Hai Bà Trưng and Văn Miếu -
    # Quốc Tử Giám, so all three are where the old ward may now be.
    m = top(finder, "Phường Bùi Thị Xuân")
    assert m["vintages"] == ["2019"]
    assert m["via"] == [{"old_code": "00241", "old_name": "Phường Nguyễn Du"}]
    assert sorted(new_names(m)) == [
        "Phường Cửa Nam",
        "Phường Hai Bà Trưng",
        "Phường Văn Miếu - Quốc Tử Giám",
    ]
    assert m["new_units"][0]["new_name"] == "Phường Hai Bà Trưng"  # where its 2019 polygon lies
    assert all(n["clause"] and n["basis"].startswith("resolution") for n in m["new_units"])


def test_name_merged_in_march_2025_is_found(finder):
    m = top(finder, "Nguyễn Trung Trực")
    assert m["vintages"] == ["579", "2019"] and new_names(m) == ["Phường Ba Đình"]


def test_reverse_lookup_of_a_new_unit(finder):
    answer = lookup(finder, "Phường Hoàn Kiếm")
    olds = {o["old_name"]: o["kind"] for o in answer["new_unit"]["old_units"]}
    assert (
        len(olds) == 14
        and olds["Phường Hàng Bạc"] == "whole"
        and olds["Phường Tràng Tiền"] == "part"
    )


def test_coordinates_point_in_polygon(finder):
    answer = lookup(finder, "21.0285, 105.8542")  # Hoàn Kiếm Lake
    assert answer["new_unit"]["new_name"] == "Phường Hoàn Kiếm"
    assert locate(finder, 21.0285, 105.8542)["new_unit"]["new_code"] == "00070"
    assert locate(finder, 10.77, 106.70)["new_unit"] is None  # Saigon: not in Hanoi


@pytest.mark.parametrize("bad", ["", "   ", "x" * 301])
def test_bad_queries_raise_a_clear_error(finder, bad):
    with pytest.raises(QueryError):
        lookup(finder, bad)


def test_out_of_range_coordinates(finder):
    with pytest.raises(QueryError, match="out of range"):
        locate(finder, 123.0, 500.0)


def test_full_address_is_read_into_unit_district_and_street(finder):
    parsed = lookup(finder, "12 Hàng Bài, P. Hàng Bài, Q. Hoàn Kiếm, Hà Nội")["parsed"]
    assert parsed == {"unit": "hang bai", "district": "hoan kiem", "street": "hang bai"}
    parsed = lookup(finder, "Xã Kiêu Kỵ, H. Gia Lâm")["parsed"]
    assert (parsed["unit"], parsed["district"]) == ("kieu ky", "gia lam")


@pytest.mark.parametrize(
    "q,expected",
    [
        ("My Dinh II", "Phường Mỹ Đình 2"),
        ("P. Mỹ Đình 1", "Phường Mỹ Đình 1"),
        ("co nhue 2, q bac tu liem", "Phường Cổ Nhuế 2"),
        ("Cổ Nhuế I", "Phường Cổ Nhuế 1"),
    ],
)
def test_numbered_names_and_roman_numerals(finder, q, expected):
    assert top(finder, q)["old_name"] == expected


# --- The citizen's own words (expected answers checked against Article 1 of Resolution 1656) ---


def test_street_named_like_a_ward_answers_that_ward_with_a_caution(finder):
    answer = lookup(finder, "số 12 ngõ 34 phố Hàng Bài, Hoàn Kiếm, Hà Nội")
    assert answer["parsed"]["street"] == "hang bai" and answer["parsed"]["district"] == "hoan kiem"
    # Only the street's name matched a ward (Hàng Bài, in the district named): answered, and
    # said so, with the district's new units beside it; "Hoàn Kiếm" is the old district here,
    # not the new Phường Hoàn Kiếm.
    assert [m["old_name"] for m in answer["matches"]] == ["Phường Hàng Bài"]
    assert answer["needs"] == "ward" and answer["message_key"] == "street_only"
    assert "new_unit" not in answer
    # Quận Hoàn Kiếm's 18 old wards went to clauses 1-4 and 11 (Hoàn Kiếm, Cửa Nam, Ba Đình,
    # Hồng Hà, Văn Miếu - Quốc Tử Giám).
    assert {u["new_name"] for u in answer["district_units"]} == {
        "Phường Hoàn Kiếm",
        "Phường Cửa Nam",
        "Phường Ba Đình",
        "Phường Hồng Hà",
        "Phường Văn Miếu - Quốc Tử Giám",
    }


@pytest.mark.parametrize(
    "q",
    [
        "12 Hàng Bài, Hoàn Kiếm",
        "ngách 5 ngõ 10 Hàng Bài, Q. Hoàn Kiếm",
        "12 Hang Bai Street, Hoan Kiem District",
    ],
)
def test_street_with_a_district_is_context_not_the_answer(finder, q):
    answer = lookup(finder, q)
    assert answer["needs"] == "ward" and answer["message_key"] == "street_only"
    assert [m["old_code"] for m in answer["matches"]] == ["00088"]  # Hàng Bài, Hoàn Kiếm
    assert answer["district_units"]


def test_a_district_without_any_unit_asks_for_the_ward(finder):
    answer = lookup(finder, "Tổ 3, Hoàn Kiếm")
    assert answer["matches"] == [] and answer["needs"] == "ward"
    assert answer["message_key"] == "district_only" and answer["message_args"]["n"] == 5


def test_district_name_is_the_old_district_not_the_new_ward(finder):
    answer = lookup(finder, "Hàng Bài, Hoàn Kiếm")
    assert "new_unit" not in answer
    assert [m["old_name"] for m in answer["matches"]] == ["Phường Hàng Bài"]
    # Alone, it is both the old district (asks for the ward) and the new ward of that name.
    alone = lookup(finder, "Hoàn Kiếm")
    assert alone["matches"] == [] and alone["needs"] == "ward"
    assert alone["new_unit"]["new_code"] == "00070"


@pytest.mark.parametrize(
    "q,district",
    [
        ("Minh Khai HBT", "Quận Hai Bà Trưng"),
        ("Minh Khai, BTL", "Quận Bắc Từ Liêm"),
        ("Quang Trung, ĐĐ", "Quận Đống Đa"),
        ("Quang Trung - Hà Đông", "Quận Hà Đông"),
        ("Quang Trung-HĐ", "Quận Hà Đông"),
        ("Tràng Tiền, HK, HN", "Quận Hoàn Kiếm"),
        ("Thanh Xuân Bắc TX", "Quận Thanh Xuân"),
        ("Xuân La - TH", "Quận Tây Hồ"),
        ("Minh Khai, Hoài Đức", "Huyện Hoài Đức"),
        ("Phúc Đồng LB", "Quận Long Biên"),
    ],
)
def test_district_names_and_abbreviations_narrow_the_match(finder, q, district):
    answer = lookup(finder, q)
    assert answer["matches"][0]["district"] == district and not answer["ambiguous"]


def test_english_forms(finder):
    m = top(finder, "Trang Tien Ward, Hoan Kiem District, Hanoi City, Vietnam")
    assert m["old_name"] == "Phường Tràng Tiền"  # clauses 1 and 2: Hoàn Kiếm and Cửa Nam
    assert sorted(new_names(m)) == ["Phường Cửa Nam", "Phường Hoàn Kiếm"]
    answer = lookup(finder, "Hamlet 3, Van Hoang Commune, Phu Xuyen District")
    assert [m["old_name"] for m in answer["matches"]] == ["Xã Văn Hoàng"]
    assert new_names(answer["matches"][0]) == ["Xã Phượng Dực"]  # clause 61, whole
    for q in ("Phu Xuyen Town", "Phu Xuyen Township"):  # the thị trấn, not the district
        assert top(finder, q)["old_name"] == "Thị trấn Phú Xuyên"
    assert lookup(finder, "Son Tay Town")["parsed"]["district"] == "son tay"


@pytest.mark.parametrize(
    "q",
    [
        "Tràng Tiền ha noi",
        "Tràng Tiền hn",
        "Tràng Tiền, TPHN",
        "Tràng Tiền, TP. Hà Nội",
        "Tràng Tiền Thành phố Hà Nội",
        "Tràng Tiền, Hà Nội, Vietnam",
        "Tràng Tiền, Việt Nam",
    ],
)
def test_city_and_country_are_ignored(finder, q):
    answer = lookup(finder, q)
    assert [m["old_name"] for m in answer["matches"]] == ["Phường Tràng Tiền"]


@pytest.mark.parametrize(
    "q",
    [
        "phuwowngf trangf tieenf",
        "Phu7o7ng2 Tra2ng Tie6n2",
        "Ph\u01b0\u01a1\u0300ng Tra\u0300ng Tie\u0302\u0300n",  # NFD
        "trangf tieenf, quaajn hoanf kieems",
    ],
)
def test_telex_vni_and_decomposed_unicode(finder, q):
    m = top(finder, q)
    assert m["old_name"] == "Phường Tràng Tiền" and m["corrected"] is False
    assert top(finder, "thij traans trâu quỳ")["old_name"] == "Thị trấn Trâu Quỳ"


def test_decode_typing_keeps_plain_words():
    from geodata.text import decode_typing

    assert decode_typing("thij traans, hoanf kieems") == "thị trấn, hoàn kiếm"
    plain = "Trang Tien Ward, Hamlet 3, town, HBT, 12"
    assert decode_typing(plain) == plain
    assert decode_typing("Phường Hàng Bài") == "Phường Hàng Bài"


@pytest.mark.parametrize(
    "q,expected,district",
    [
        ("Phương Canh", "Phường Phương Canh", "Quận Nam Từ Liêm"),
        ("phuong canh", "Phường Phương Canh", "Quận Nam Từ Liêm"),
        ("Phương Liệt", "Phường Phương Liệt", "Quận Thanh Xuân"),
        ("Phường Phương Liệt", "Phường Phương Liệt", "Quận Thanh Xuân"),
        ("Phương Mai", "Phường Phương Mai", "Quận Đống Đa"),
        ("phuong mai dong da", "Phường Phương Mai", "Quận Đống Đa"),
    ],
)
def test_names_beginning_with_phuong_are_not_the_word_phuong(finder, q, expected, district):
    m = top(finder, q)
    assert (m["old_name"], m["district"], m["corrected"]) == (expected, district, False)


@pytest.mark.parametrize(
    "q,via,expected",
    [
        # Cẩm Đình joined Xuân Đình in 2020; clause 91: Xuân Đình wholly into xã Phúc Lộc.
        ("Cẩm Đình", "Xã Xuân Đình", ["Xã Phúc Lộc"]),
        # Thụy Phú joined Nam Tiến; clause 60: Nam Tiến wholly into xã Phú Xuyên.
        ("Thụy Phú", "Xã Nam Tiến", ["Xã Phú Xuyên"]),
        # Ngô Thì Nhậm was split between Nguyễn Du and Phạm Đình Hổ (clauses 2, 6, 11).
        (
            "Ngô Thì Nhậm",
            None,
            ["Phường Cửa Nam", "Phường Hai Bà Trưng", "Phường Văn Miếu - Quốc Tử Giám"],
        ),
    ],
)
def test_2019_name_merged_in_2020_uses_its_successor(finder, q, via, expected):
    m = top(finder, q)
    assert m["vintages"] == ["2019"] and sorted(new_names(m)) == expected
    assert via is None or [v["old_name"] for v in m["via"]] == [via]
    assert all(n["clause"] for n in m["new_units"])


@pytest.mark.parametrize("q", ["xa van hoang phu xuyen", "Văn Hoàng", "Quang Trung, Hà Đông"])
def test_one_unit_in_several_vintages_is_one_match(finder, q):
    answer = lookup(finder, q)
    assert answer["ambiguous"] is False
    places = [(m["old_name"], m["district"]) for m in answer["matches"]]
    assert len(set(places)) == len(places)
    assert set(answer["matches"][0]["vintages"]) >= {"526", "579"}


def test_fuzzy_extras_only_without_an_exact_match(finder):
    answer = lookup(finder, "Hàng Bài")
    assert [m["old_name"] for m in answer["matches"]] == ["Phường Hàng Bài"]
    assert all(not m["corrected"] for m in answer["matches"])
    fuzzy = lookup(finder, "Hang Baii")
    assert fuzzy["matches"][0]["old_name"] == "Phường Hàng Bài"
    assert fuzzy["matches"][0]["corrected"]
    assert lookup(finder, "Phường Hoàn Kiếm")["matches"] == []  # a new unit's exact name
    # Tone differs from a unit spelt exactly so: a correction, and said.
    tones = lookup(finder, "Sơn Đồng")["matches"]
    assert [(m["old_name"], m["corrected"]) for m in tones] == [
        ("Xã Sơn Đồng", False),
        ("Xã Sơn Đông", True),
    ]


@pytest.mark.parametrize(
    "q",
    [
        "21.0285, 105.8542",
        "21.0285 105.8542",
        "21,0285, 105,8542",
        "21,0285 105,8542",
        "@21.0285,105.8542",
        "https://www.google.com/maps/@21.0285,105.8542,17z",
        "21°01'42.6\"N 105°51'15.1\"E",
        "21.0285°N, 105.8542°E",
        "105.8542, 21.0285",
    ],
)
def test_pasted_coordinates(finder, q):
    answer = lookup(finder, q)  # Hoàn Kiếm Lake, in every pasted form
    assert answer["new_unit"]["new_code"] == "00070"
    assert abs(answer["lat"] - 21.0285) < 1e-3 and abs(answer["lon"] - 105.8542) < 1e-3


def test_finder_needs_only_its_tables(built):
    from geodata.finder import FinderTables

    f = make_finder(FinderTables.from_built(built))
    assert top(f, "Phường Hàng Bài")["new_units"][0]["new_name"] == "Phường Cửa Nam"
    # Answers are copies: a caller changing one does not change the next.
    top(f, "Phường Hàng Bài")["new_units"][0]["new_name"] = "x"
    assert top(f, "Phường Hàng Bài")["new_units"][0]["new_name"] == "Phường Cửa Nam"


@pytest.mark.parametrize(
    "q,expected",
    [
        ("Xóm 4 - Kiêu Kỵ - Gia Lâm - Hà Nội", "Xã Kiêu Kỵ"),  # dashes used as commas
        ("Phường Văn Miếu - Quốc Tử Giám", "Phường Văn Miếu - Quốc Tử Giám"),  # a dash in the name
        ("Phuong Liet Ward, Thanh Xuan District", "Phường Phương Liệt"),  # Phương- name + "Ward"
    ],
)
def test_dashes_as_separators_and_phuong_names_before_ward(finder, q, expected):
    assert top(finder, q)["old_name"] == expected


def test_area_share_only_for_parts_and_every_named_destination_listed(finder):
    # Whole: no share (null). Phúc Lợi: clause 42 (remainder → Phúc Lợi) and clause 41 (area only
    # → Việt Hưng) are both listed, the latter with its ~0 share on the 2019 polygons.
    whole = top(finder, "Phường Hàng Bạc (Hoàn Kiếm)")["new_units"]
    assert [n["area_share"] for n in whole] == [None]
    parts = {n["new_name"]: n for n in top(finder, "Phường Phúc Lợi")["new_units"]}
    assert set(parts) == {"Phường Phúc Lợi", "Phường Việt Hưng"}
    assert parts["Phường Việt Hưng"]["area_share"] == pytest.approx(0.0, abs=0.01)
    assert parts["Phường Phúc Lợi"]["area_share"] > 0.9


def test_overlay_answer_goes_whole_above_the_2019_maps_error():
    from geodata.finder import _overlay_rows

    def unit(code, kind, clause, text, share, basis):
        return {"new_code": code, "kind": kind, "area_share": share, "basis": basis}

    answer, fringe = _overlay_rows(pd.Series({"A": 0.08, "B": 0.92}), unit)
    assert [(r["new_code"], r["kind"]) for r in answer] == [("B", "whole")]
    assert answer[0]["basis"] == "2019 polygon overlay: 92% inside"
    assert [r["new_code"] for r in fringe] == ["A"]
    answer, fringe = _overlay_rows(pd.Series({"A": 0.4, "B": 0.6}), unit)  # below 90 %: a split
    assert [(r["new_code"], r["kind"]) for r in answer] == [("B", "part"), ("A", "part")]
    assert fringe == []


def test_unit_merged_in_march_2025_answers_where_its_polygon_lies(finder):
    # Kim Lan (579 list, merged in March 2025; successor not stated): 92 % of its 2019 polygon lies
    # in Xã Bát Tràng (00577), the rest within the 2019 map's error.
    match = top(finder, "Xã Kim Lan, Gia Lâm")
    assert [(u["new_code"], u["kind"]) for u in match["new_units"]] == [("00577", "whole")]
    assert [u["new_code"] for u in match["fringe"]] == ["00328"]


# --- Issue #21: the whole query is read, in any order, and new names are answers -------------


@pytest.mark.parametrize(
    "q,name,district",
    [
        # Adding the district must not make an answer worse than the street alone.
        ("số 12 ngõ 5 Láng Hạ, Đống Đa", "Phường Láng Hạ", "Quận Đống Đa"),
        ("Xóm Trung xã Vân Nội huyện Đông Anh TP Hà Nội", "Xã Vân Nội", "Huyện Đông Anh"),
        ("Tổ 58 phường Cự Khối quận Long Biên Hà Nội", "Phường Cự Khối", "Quận Long Biên"),
        ("XÓM 10 XÃ DŨNG TIẾN HUYỆN THƯỜNG TÍN HÀ NỘI", "Xã Dũng Tiến", "Huyện Thường Tín"),
        ("xom 8 xa kim chung huyen dong anh hn", "Xã Kim Chung", "Huyện Đông Anh"),
        ("HN - Huyện Chương Mỹ - Thanh Bình", "Xã Thanh Bình", "Huyện Chương Mỹ"),
        ("Hà Nội / Ba Đình / Thành Công / Tổ 25", "Phường Thành Công", "Quận Ba Đình"),
        ("Vinh Hung Ward Hoang Mai Dist. Hanoi, Vietnam", "Phường Vĩnh Hưng", "Quận Hoàng Mai"),
        ("Van Canh Commune Hoai Duc district Ha Noi", "Xã Vân Canh", "Huyện Hoài Đức"),
        ("nhà mình ở xã Minh Đức cũ, giờ là phường/xã gì nhỉ", "Xã Minh Đức", "Huyện Ứng Hòa"),
        (
            "tìm trạm y tế phường Đức Giang bên Long Biên (trước 1/7/2025)",
            "Phường Đức Giang",
            "Quận Long Biên",
        ),
        (
            "53B P Tam Trinh, F.Hoàng Liệt, Q Hoàng Mai, HÀ NỘI",
            "Phường Hoàng Liệt",
            "Quận Hoàng Mai",
        ),
        ("48/161 P Nguyễn Sơn, P. Gia Thụy, Hà Nội", "Phường Gia Thụy", "Quận Long Biên"),
    ],
)
def test_the_whole_query_is_read_whatever_its_order_and_punctuation(finder, q, name, district):
    m = top(finder, q)
    assert (m["old_name"], m["district"], m["corrected"]) == (name, district, False)


@pytest.mark.parametrize(
    "q,new_name",
    [
        ("Phường Đống Đa, Hà Nội", "Phường Đống Đa"),  # a new name only
        ("Xã Đại Thanh, Thành phố Hà Nội", "Xã Đại Thanh"),  # not Xã Đại Thành (Quốc Oai)
        ("Phường Tây Hồ, Thành phố Hà Nội", "Phường Tây Hồ"),  # not Quận Tây Hồ
        ("Phường Việt Hưng, Thành phố Hà Nội", "Phường Việt Hưng"),  # the two-tier form
        ("Phường Bồ Đề (mới)", "Phường Bồ Đề"),
    ],
)
def test_new_unit_names_are_answers(finder, q, new_name):
    answer = lookup(finder, q)
    assert answer["reading"] == "new" and answer["new_unit"]["new_name"] == new_name
    assert "needs" not in answer


def test_a_name_of_both_vintages_lists_the_old_unit_too(finder):
    # Bồ Đề was an old ward (split three ways, clauses 12, 13 and 14) and is a new ward.
    answer = lookup(finder, "Phường Bồ Đề (mới)")
    assert answer["also_old"] and [m["old_code"] for m in answer["matches"]] == ["00139"]
    # Without a word for "new" the old ward leads, the new ward of that name beside it.
    answer = lookup(finder, "Phường Bồ Đề, Long Biên")
    assert "reading" not in answer and answer["matches"][0]["old_code"] == "00139"
    plain = lookup(finder, "Phường Bồ Đề")
    assert plain["ambiguous"] and plain["new_unit"]["new_name"] == "Phường Bồ Đề"


def test_only_empty_or_oversize_input_is_an_error(finder):
    answer = lookup(finder, "Vietnam, Hanoi, somewhere")
    assert answer["matches"] == [] and answer["message_key"] == "no_match"
    with pytest.raises(QueryError) as err:
        lookup(finder, "  ")
    assert err.value.key == "empty"
