"""The citizen finder on real names: every input kind of issue #3."""
import pytest

from geodata.finder import QueryError, locate, lookup, make_finder, parse_query


@pytest.fixture(scope="module")
def finder(built):
    return make_finder(built)


def top(finder, q):
    return lookup(finder, q)["matches"][0]


def new_names(match):
    return [n["new_name"] for n in match["new_units"]]


@pytest.mark.parametrize("q", ["Phường Hàng Bài", "phuong hang bai", "HANG BAI", "P. Hàng Bài", "P Hang Bai", "p.hang bai",
                               "Hàng Bài, Q. Hoàn Kiếm", "hang bai hoan kiem", "12 Hàng Bài, P. Hàng Bài, Q. Hoàn Kiếm, Hà Nội"])
def test_whole_transfer_any_spelling(finder, q):
    m = top(finder, q)
    assert m["old_name"] == "Phường Hàng Bài" and m["district"] == "Quận Hoàn Kiếm"
    assert [(n["new_name"], n["kind"], n["clause"]) for n in m["new_units"]] == [("Phường Cửa Nam", "whole", 2)]


@pytest.mark.parametrize("q,expected", [("Hang Bia", "Phường Hàng Bài"), ("Phuong Trang Tein", "Phường Tràng Tiền"),
                                         ("Xa Kieu Ky", "Xã Kiêu Kỵ"), ("TT Trau Quy", "Thị trấn Trâu Quỳ")])
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
    assert sorted(new_names(m)) == sorted(["Phường Ba Đình", "Phường Hoàn Kiếm", "Phường Văn Miếu - Quốc Tử Giám", "Phường Ô Chợ Dừa"])
    assert all(n["kind"] == "part" and n["clause"] for n in m["new_units"])
    assert m["new_units"][0]["new_name"] == "Phường Ba Đình" and m["new_units"][0]["area_share"] > 0.5


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


def test_2019_only_name_is_routed_through_its_polygon(finder):
    m = top(finder, "Phường Bùi Thị Xuân")
    assert m["vintages"] == ["2019"]
    assert m["new_units"][0]["new_name"] == "Phường Hai Bà Trưng"
    assert m["new_units"][0]["basis"] == "2019 polygon overlay" and m["new_units"][0]["clause"] is None


def test_name_merged_in_march_2025_is_found(finder):
    m = top(finder, "Nguyễn Trung Trực")
    assert m["vintages"] == ["579", "2019"] and new_names(m) == ["Phường Ba Đình"]


def test_reverse_lookup_of_a_new_unit(finder):
    answer = lookup(finder, "Phường Hoàn Kiếm")
    olds = {o["old_name"]: o["kind"] for o in answer["new_unit"]["old_units"]}
    assert len(olds) == 14 and olds["Phường Hàng Bạc"] == "whole" and olds["Phường Tràng Tiền"] == "part"


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


def test_parse_query_full_address():
    assert parse_query("12 Hàng Bài, P. Hàng Bài, Q. Hoàn Kiếm, Hà Nội")[:2] == ("hang bai", "hoan kiem")
    assert parse_query("Xã Kiêu Kỵ, H. Gia Lâm")[:2] == ("kieu ky", "gia lam")


@pytest.mark.parametrize("q,expected", [("My Dinh II", "Phường Mỹ Đình 2"), ("P. Mỹ Đình 1", "Phường Mỹ Đình 1"),
                                         ("co nhue 2, q bac tu liem", "Phường Cổ Nhuế 2"), ("Cổ Nhuế I", "Phường Cổ Nhuế 1")])
def test_numbered_names_and_roman_numerals(finder, q, expected):
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
