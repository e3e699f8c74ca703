"""The geometry files the browser downloads (dashboard/model/data.py)."""

from __future__ import annotations

import json


def _coordinates(node):
    if isinstance(node, (int, float)):
        yield node
    elif isinstance(node, list):
        for item in node:
            yield from _coordinates(item)


def test_served_coordinates_have_at_most_4_decimals(app_data):
    # Issue #25 (a random mutant survived): 4 decimals is ~11 m, finer than the 40 m
    # simplification; more digits only make the files heavier. Each coordinate written in the
    # file must be its own 4-decimal rounding, in every geometry file (units, outline, old units).
    assert set(app_data.geo_names) >= {"units", "outline"}
    for kind, name in app_data.geo_names.items():
        doc = json.loads(app_data.geo_files[name])
        values = [c for f in doc["features"] for c in _coordinates(f["geometry"]["coordinates"])]
        assert len(values) > 1000, kind
        finer = [c for c in values if round(c, 4) != c]
        assert not finer, (kind, finer[:5])
