"""crosswalk: clause names resolved to codes, and reconciliation with the dvhcvn mapping."""

import pandas as pd

from geodata.crosswalk import by_resolution, old_units_of, reconcile, resolve_codes

NEW = pd.DataFrame(
    {"code": ["90001", "90002"], "name": ["Sơn Đồng", "Đoài Phương"], "unit_type": ["xã", "xã"]}
)
OLD526 = pd.DataFrame(
    [
        ("09859", "Xã Sơn Đồng", "xã", "Huyện Hoài Đức"),
        ("09610", "Xã Sơn Đông", "xã", "Thị xã Sơn Tây"),
        ("00100", "Xã Tân Lập", "xã", "Huyện Đan Phượng"),
        ("00200", "Xã Tân Lập", "xã", "Huyện Hoài Đức"),
        ("00300", "Xã Hòa Bình", "xã", "Huyện A"),
        ("00400", "Xã Hòa Bình", "xã", "Huyện B"),
    ],
    columns=["code", "full_name", "unit_type", "district"],
)


def entries(rows):
    cols = [
        "clause",
        "new_type",
        "new_name",
        "old_type",
        "old_name",
        "district_hint",
        "kind",
        "note",
    ]
    return pd.DataFrame([(1, "xã", *r) for r in rows], columns=cols)


def mapping(rows):
    return pd.DataFrame(rows, columns=["new_code", "new_name", "old_code", "old_name", "kind"])


def test_exact_diacritics_first_so_son_dong_and_son_dong_are_two_units():
    e = entries(
        [
            ("Sơn Đồng", "xã", "Sơn Đồng", "", "whole", ""),
            ("Đoài Phương", "xã", "Sơn Đông", "", "part", ""),
        ]
    )
    out = resolve_codes(e, NEW, OLD526, mapping([]))
    assert out["old_code"].tolist() == ["09859", "09610"]
    assert out["new_code"].tolist() == ["90001", "90002"]
    assert out["resolved_by"].tolist() == ["name", "name"]


def test_folded_name_when_the_exact_spelling_is_not_found():
    e = entries([("Sơn Đồng", "xã", "Son Dông", "", "whole", "")])
    # No exact match; folded "son dong" matches both Sơn Đồng and Sơn Đông: unresolved.
    out = resolve_codes(e, NEW, OLD526, mapping([]))
    assert out["old_code"].tolist() == [""]
    assert out["resolved_by"].tolist() == ["unresolved (2 candidates)"]


def test_duplicate_name_settled_by_district_hint_then_by_mapping():
    e = entries(
        [
            ("Sơn Đồng", "xã", "Tân Lập", "huyện Hoài Đức", "part", ""),
            ("Đoài Phương", "xã", "Hòa Bình", "", "part", ""),
        ]
    )
    m = mapping([("90002", "Đoài Phương", "00400", "Xã Hòa Bình", "part")])
    out = resolve_codes(e, NEW, OLD526, m)
    assert out["old_code"].tolist() == ["00200", "00400"]
    assert out["resolved_by"].tolist() == ["name + district in clause", "name + dvhcvn mapping"]


def test_reconcile_lists_every_disagreement_and_by_resolution_drops_mapping_only():
    resolved = resolve_codes(
        entries([("Sơn Đồng", "xã", "Sơn Đồng", "", "whole", "")]), NEW, OLD526, mapping([])
    )
    m = mapping(
        [
            ("90001", "Sơn Đồng", "09859", "Xã Sơn Đồng", "part"),
            ("90002", "Đoài Phương", "09859", "Xã Sơn Đồng", "part"),
        ]
    )
    both, problems = reconcile(resolved, m)
    assert sorted(both["source"]) == ["both", "mapping only"]
    assert sorted(problems["problem"]) == [
        "kind differs: resolution whole, mapping part",
        "mapping only",
    ]
    law = by_resolution(both)
    assert law[["new_code", "old_code", "kind"]].values.tolist() == [["90001", "09859", "whole"]]


def test_old_units_of_a_new_unit_whole_first_then_by_name():
    xw = pd.DataFrame(
        [
            ("N1", "B", "part", "both", "Xã Bê"),
            ("N1", "A", "part", "both", "Xã A"),
            ("N1", "C", "whole", "both", "Xã Cê"),
            ("N1", "D", "whole", "mapping only", "Xã Đê"),
            ("N2", "E", "whole", "both", "Xã E"),
        ],
        columns=["new_code", "old_code", "kind", "source", "old_full_name"],
    )
    assert old_units_of(xw, "N1")["old_code"].tolist() == ["C", "A", "B"]
    assert old_units_of(xw)["old_code"].tolist() == ["C", "A", "B", "E"]


def test_a_pair_only_the_mapping_states_keeps_the_mappings_kind():
    # Issue #25: where the resolution says nothing of a pair, its whole/part is the mapping's
    # (listed as a disagreement, never an empty kind).
    resolved = resolve_codes(
        entries([("Sơn Đồng", "xã", "Sơn Đồng", "", "whole", "")]), NEW, OLD526, mapping([])
    )
    m = mapping(
        [
            ("90001", "Sơn Đồng", "09859", "Xã Sơn Đồng", "whole"),
            ("90002", "Đoài Phương", "00100", "Xã Tân Lập", "part"),
            ("90001", "Sơn Đồng", "00200", "Xã Tân Lập", "whole"),
        ]
    )
    both, _ = reconcile(resolved, m)
    kinds = {(r.new_code, r.old_code): (r.source, r.kind) for r in both.itertuples()}
    assert kinds == {
        ("90001", "09859"): ("both", "whole"),
        ("90002", "00100"): ("mapping only", "part"),
        ("90001", "00200"): ("mapping only", "whole"),
    }
