"""Old→new crosswalk: resolution clauses resolved to GSO codes, reconciled with dvhcvn's mapping."""

from __future__ import annotations

import pandas as pd

from .text import canonical, fold, split_type

_TYPE_FOLD = {"phường": "phuong", "xã": "xa", "thị trấn": "thi tran"}


def _candidates(units_526: pd.DataFrame, key) -> dict[tuple[str, str], list[dict]]:
    index: dict[tuple[str, str], list[dict]] = {}
    for row in units_526.to_dict("records"):
        index.setdefault(
            (_TYPE_FOLD[row["unit_type"]], key(split_type(row["full_name"])[1])), []
        ).append(row)
    return index


def resolve_codes(
    entries: pd.DataFrame, new_units: pd.DataFrame, units_526: pd.DataFrame, mapping: pd.DataFrame
) -> pd.DataFrame:
    """Give each clause entry its new GSO code and old (526-list) GSO code.

    Names are matched on type + name with diacritics (tone placement normalised), then folded
    (no diacritics) when that finds nothing: 'Sơn Đông' and 'Sơn Đồng' are two units. A name
    shared by several old units is settled by the district the clause names in brackets; failing
    that, by the dvhcvn mapping for the same new unit. The method used is kept in
    ``resolved_by``; unresolved names keep an empty code.
    """
    new_index = {
        (_TYPE_FOLD[t], fold(n)): c
        for t, n, c in new_units[["unit_type", "name", "code"]].itertuples(index=False)
    }
    exact_index, folded_index = _candidates(units_526, canonical), _candidates(units_526, fold)
    mapped = set(mapping[["new_code", "old_code"]].itertuples(index=False, name=None))
    out = entries.copy()
    new_codes, old_codes, methods = [], [], []
    for e in entries.itertuples(index=False):
        new_code = new_index.get((_TYPE_FOLD[e.new_type], fold(e.new_name)), "")
        old_type = _TYPE_FOLD.get(e.old_type, e.old_type)
        cands = exact_index.get((old_type, canonical(e.old_name))) or folded_index.get(
            (old_type, fold(e.old_name)), []
        )
        method = "name" if len(cands) == 1 else ""
        if len(cands) > 1 and e.district_hint:
            hinted = [c for c in cands if fold(e.district_hint) in fold(c["district"])]
            if len(hinted) == 1:
                cands, method = hinted, "name + district in clause"
        if len(cands) > 1:
            by_map = [c for c in cands if (new_code, c["code"]) in mapped]
            if len(by_map) == 1:
                cands, method = by_map, "name + dvhcvn mapping"
        new_codes.append(new_code)
        old_codes.append(cands[0]["code"] if len(cands) == 1 else "")
        methods.append(method if len(cands) == 1 else f"unresolved ({len(cands)} candidates)")
    out["new_code"], out["old_code"], out["resolved_by"] = new_codes, old_codes, methods
    return out


def by_resolution(crosswalk: pd.DataFrame) -> pd.DataFrame:
    """The pairs the resolution states (mapping-only pairs are listed as disagreements, unused)."""
    return crosswalk[crosswalk["source"] != "mapping only"]


def old_units_of(crosswalk: pd.DataFrame, new_code: str | None = None) -> pd.DataFrame:
    """The old units each new unit was formed from, by the resolution: per new unit, whole units
    first, then by name. One new unit's rows when ``new_code`` is given."""
    law = by_resolution(crosswalk)
    if new_code is not None:
        law = law[law["new_code"] == new_code]
    order = law["kind"].map({"whole": 0, "part": 1}).rename("_order")
    return (
        law.join(order).sort_values(["new_code", "_order", "old_full_name"]).drop(columns="_order")
    )


def reconcile(resolved: pd.DataFrame, mapping: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Join resolution rows with the mapping on (new_code, old_code).

    Returns the crosswalk (every pair from either source, resolution first) and the list of
    disagreements: pairs in only one source, or with a different whole/part kind.
    """
    res = resolved[resolved["old_code"] != ""]
    both = res.merge(
        mapping[["new_code", "old_code", "kind", "old_name"]].rename(
            columns={"kind": "kind_mapping", "old_name": "old_name_mapping"}
        ),
        on=["new_code", "old_code"],
        how="outer",
        indicator=True,
    )
    both["source"] = both["_merge"].map(
        {"both": "both", "left_only": "resolution only", "right_only": "mapping only"}
    )
    both = both.drop(columns="_merge")
    both["kind"] = both["kind"].fillna(both["kind_mapping"])
    problems = both[(both["source"] != "both") | (both["kind"] != both["kind_mapping"])].copy()
    problems["problem"] = problems.apply(
        lambda r: r["source"]
        if r["source"] != "both"
        else f"kind differs: resolution {r['kind']}, mapping {r['kind_mapping']}",
        axis=1,
    )
    unresolved = resolved[resolved["old_code"] == ""].assign(problem=lambda d: d["resolved_by"])
    problems = pd.concat([problems, unresolved], ignore_index=True)
    return both.reset_index(drop=True), problems.reset_index(drop=True)
