from geodata.text import canonical, fold, name_key, nfc, split_type


def test_fold_strips_diacritics_and_d():
    assert fold("Phường Đống Đa") == "phuong dong da"
    assert fold("  Hàng   Bạc ") == "hang bac"


def test_nfc_composes_decomposed_input():
    decomposed = "Ha\u0300ng Ba\u0323c"
    assert nfc(decomposed) == "Hàng Bạc" and len(nfc(decomposed)) == 8


def test_canonical_keeps_tones_but_unifies_tone_placement():
    assert canonical("Đức Hoà") == canonical("Đức Hòa")
    assert canonical("Thuỵ Khuê") == canonical("Thụy Khuê")
    assert canonical("Sơn Đông") != canonical("Sơn Đồng")
    assert canonical("Hoàng Mai") == "hoàng mai"


def test_split_type_and_name_key():
    assert split_type("Thị trấn Trâu Quỳ") == ("thi tran", "Trâu Quỳ")
    assert split_type("Xã Sơn Đồng") == ("xa", "Sơn Đồng")
    assert name_key("Phường Hàng Bạc") == "hang bac"


def test_typed_tones_land_where_vietnamese_spelling_puts_them():
    # Issue #25 (a random mutant survived): the tone goes on the marked vowel if any (quần,
    # nguyễn); else on the middle one of three (khuỷu); else on the second of two when a final
    # consonant follows (hoàng) or in oa/oe/uy (hoà, khoẻ, thuỵ, the new style); else on the
    # first (của, nghĩa, già).
    from geodata.text import decode_typing

    typed = {
        "quaanf": "quần",
        "nguyeenx": "nguyễn",
        "khuyur": "khuỷu",
        "hoangf": "hoàng",
        "hoaf": "hoà",
        "khoer": "khoẻ",
        "thuyj": "thuỵ",
        "cuar": "của",
        "nghiax": "nghĩa",
        "hoang2": "hoàng",
        "khuyu3": "khuỷu",
    }
    assert {w: decode_typing(w) for w in typed} == typed


def test_vni_horns():
    # Issue #25 (a random mutant survived): in VNI, "uo7" is often typed for "ươ" (the horn on
    # both); a lone "o7" is "ơ" and leaves the letter before it alone.
    from geodata.text import decode_typing

    typed = {"truo7ng2": "trường", "tru7o7ng2": "trường", "tho7": "thơ", "mo71i": "mới"}
    assert {w: decode_typing(w) for w in typed} == typed
