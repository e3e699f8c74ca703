"""geodata.query on a tiny made-up lexicon: spans and their context, worked out by hand."""

from geodata.query import Lexicon, read, words_of

LEX = Lexicon(
    units=frozenset({"lang ha", "kim chung", "van mieu quoc tu giam", "phu luu", "phu luu te"}),
    districts=frozenset({"dong da", "dong anh"}),
    abbreviations={"dd": ("dong da",)},
)


def spans(reading):
    return [(s.key, s.start, s.end) for s in reading.units]


def test_words_keep_breaks_and_fold_for_matching_only():
    words = words_of("P.Láng Hạ, Q. Đống Đa - Hà Nội")
    assert [w.folded for w in words] == ["p", "lang", "ha", "q", "dong", "da", "ha", "noi"]
    assert [w.brk for w in words] == ["", "", "", ",", "", "", "-", ""]
    assert words[1].canon == "láng"


def test_a_name_is_found_anywhere_with_its_markers():
    r = read("Hà Nội, Đống Đa, phường Láng Hạ", LEX)
    (span,) = r.units
    assert (span.key, span.unit_type, span.strong, span.street) == (
        "lang ha",
        "phuong",
        True,
        False,
    )
    (district,) = r.districts
    assert (district.key, district.segment) == ("dong da", True)


def test_a_name_after_a_house_number_or_street_word_is_a_street():
    assert read("số 12 Láng Hạ", LEX).units[0].street
    assert read("phố Láng Hạ", LEX).units[0].street
    assert not read("P. Láng Hạ", LEX).units[0].street


def test_marker_typed_with_other_diacritics_is_not_a_marker():
    # "Phương" is not "Phường": no unit type from it.
    assert read("Phương Láng Hạ", LEX).units[0].unit_type == ""
    assert read("phuong lang ha", LEX).units[0].unit_type == "phuong"


def test_district_words_after_the_name_and_abbreviations():
    r = read("Kim Chung Commune, Dong Anh District", LEX)
    assert r.units[0].unit_type == "xa" and r.districts[0].district_marked
    # An abbreviation counts alone between commas or in capitals, never inside running text.
    assert [d.key for d in read("Láng Hạ, DD", LEX).districts] == ["dd"]
    assert [d.key for d in read("lang ha dd", LEX).districts] == []


def test_names_span_a_dash_and_nested_names_are_not_read_apart():
    assert spans(read("Văn Miếu - Quốc Tử Giám", LEX)) == [("van mieu quoc tu giam", 0, 5)]
    assert spans(read("xã Phù Lưu Tế", LEX)) == [("phu luu te", 1, 4)]
    assert spans(read("xã Phù Lưu, Tế", LEX)) == [("phu luu", 1, 3)]


def test_city_cues_and_free_words():
    r = read("xã Kim Chungg, Thành phố Hà Nội (mới)", LEX)
    assert r.formal_city and r.new_cue and not r.old_cue and r.units == []
    assert [[w.folded for w in r.words[a:b]] for a, b in r.free] == [["kim", "chungg"], ["moi"]]
    assert read("Láng Hạ cũ", LEX).old_cue
