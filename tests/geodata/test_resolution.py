import pytest

from geodata import sources
from geodata.resolution import parse_clause, parse_resolution


@pytest.fixture(scope="module")
def parsed(data_root):
    return parse_resolution(sources.read_resolution_text(data_root))


def test_every_clause_creates_one_new_unit(parsed):
    entries, clauses = parsed
    assert max(clauses) == 127  # clause 127 is the closing count
    assert sorted(entries["clause"].unique()) == list(range(1, 127))
    assert entries.groupby("clause")["new_name"].nunique().eq(1).all()
    assert entries.drop_duplicates("clause")["new_type"].value_counts().to_dict() == {
        "xã": 75,
        "phường": 51,
    }


def test_clause_one_hoan_kiem(parsed):
    entries, _ = parsed
    c1 = entries[entries["clause"] == 1]
    assert set(c1["new_name"]) == {"Hoàn Kiếm"}
    whole = set(c1.loc[c1["kind"] == "whole", "old_name"])
    part = set(c1.loc[c1["kind"] == "part", "old_name"])
    assert whole == {
        "Hàng Bạc",
        "Hàng Bồ",
        "Hàng Buồm",
        "Hàng Đào",
        "Hàng Gai",
        "Hàng Mã",
        "Lý Thái Tổ",
    }
    assert part == {
        "Cửa Đông",
        "Cửa Nam",
        "Điện Biên",
        "Đồng Xuân",
        "Hàng Bông",
        "Hàng Trống",
        "Tràng Tiền",
    }


def test_mixed_phrases_and_district_hints():
    text = (
        "Sắp xếp toàn bộ diện tích tự nhiên, quy mô dân số của xã Dương Xá, xã Kiêu Kỵ, "
        "một phần diện tích tự nhiên, "
        "toàn bộ quy mô dân số của thị trấn Trâu Quỳ, một phần diện tích tự nhiên, "
        "quy mô dân số của phường Thạch Bàn và "
        "các xã Phú Sơn (huyện Gia Lâm), Cổ Bi, một phần diện tích tự nhiên của xã Bát Tràng, "
        "phần còn lại của xã Thụy An "
        "sau khi sắp xếp theo quy định tại khoản 82 Điều này thành xã mới có tên gọi là xã Gia Lâm."
    )
    rows = {e.old_name: e for e in parse_clause(109, text)}
    assert list(rows) == [
        "Dương Xá",
        "Kiêu Kỵ",
        "Trâu Quỳ",
        "Thạch Bàn",
        "Phú Sơn",
        "Cổ Bi",
        "Bát Tràng",
        "Thụy An",
    ]
    assert rows["Dương Xá"].kind == "whole" and rows["Trâu Quỳ"].kind == "part"
    assert rows["Trâu Quỳ"].old_type == "thị trấn" and rows["Phú Sơn"].old_type == "xã"
    assert rows["Phú Sơn"].district_hint == "huyện Gia Lâm"
    assert rows["Bát Tràng"].note == "area only" and rows["Thụy An"].note == "remainder"


def test_a_sentence_that_creates_nothing():
    assert (
        parse_clause(127, "Sau khi sắp xếp, thành phố Hà Nội có 126 đơn vị hành chính cấp xã.")
        == []
    )


def test_every_phrase_is_parsed_whole_or_part_with_its_note():
    """Each of the five phrases the resolution uses, one old unit each, asserted whole/part."""
    text = (
        "Sắp xếp toàn bộ diện tích tự nhiên, quy mô dân số của phường A1, "
        "một phần diện tích tự nhiên, toàn bộ quy mô dân số của phường B1, "
        "một phần diện tích tự nhiên, quy mô dân số của phường C1, "
        "một phần diện tích tự nhiên của phường D1 và "
        "phần còn lại của phường E1 sau khi sắp xếp theo quy định tại khoản 3 Điều này "
        "thành phường mới có tên gọi là phường Mới."
    )
    got = {e.old_name: (e.kind, e.note) for e in parse_clause(5, text)}
    assert got == {
        "A1": ("whole", ""),
        "B1": ("part", "part of area, all population"),
        "C1": ("part", ""),
        "D1": ("part", "area only"),
        "E1": ("part", "remainder"),
    }


def test_real_resolution_phrase_counts(parsed):
    """Counts of each phrase in the real text: 327 whole and 468 part pairs (PROVENANCE), of
    which 21 "part of the area, all of the population" and 40 "area only" (issue #12)."""
    entries, _ = parsed
    assert entries["kind"].value_counts().to_dict() == {"part": 468, "whole": 327}
    notes = entries.groupby("note")["kind"].agg(lambda k: set(k)).to_dict()
    assert notes == {
        "": {"whole", "part"},
        "remainder": {"part"},
        "area only": {"part"},
        "part of area, all population": {"part"},
    }
    assert entries["note"].value_counts().to_dict() == {
        "": 535,
        "remainder": 199,
        "area only": 40,
        "part of area, all population": 21,
    }


# Issue #25: clauses worded as the resolution words them, in forms its Hanoi text does not use
# but its grammar allows (other provinces' clauses do).
def test_a_thi_xa_district_hint_is_kept():
    text = (
        "Sắp xếp toàn bộ diện tích tự nhiên, quy mô dân số của các xã Xuân Sơn (thị xã Sơn Tây), "
        "Thanh Mỹ và xã Tân Lập (huyện Đan Phượng) thành xã mới có tên gọi là xã Tùng Thiện."
    )
    rows = [(e.old_name, e.district_hint, e.kind) for e in parse_clause(7, text)]
    assert rows == [
        ("Xuân Sơn", "thị xã Sơn Tây", "whole"),
        ("Thanh Mỹ", "", "whole"),
        ("Tân Lập", "huyện Đan Phượng", "whole"),
    ]


def test_each_back_reference_ends_at_its_own_dieu_nay():
    # Two remainders in one list, each with its own "sau khi sắp xếp … Điều này": the second name
    # must survive the first back-reference.
    text = (
        "Sắp xếp toàn bộ diện tích tự nhiên, quy mô dân số của xã Hà Hồi, phần còn lại của "
        "xã Duyên Thái sau khi sắp xếp theo quy định tại khoản 54, khoản 55 Điều này, "
        "xã Ninh Sở sau khi sắp xếp theo quy định tại khoản 54 Điều này và xã Đông Mỹ "
        "thành xã mới có tên gọi là xã Hồng Vân."
    )
    rows = [(e.old_name, e.kind, e.note) for e in parse_clause(59, text)]
    assert rows == [
        ("Hà Hồi", "whole", ""),
        ("Duyên Thái", "part", "remainder"),
        ("Ninh Sở", "part", "remainder"),
        ("Đông Mỹ", "part", "remainder"),
    ]
