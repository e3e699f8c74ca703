"""Class breaks and colours (dashboard/model/classify.py) on values worked by hand: coinciding
edges merged and said in the legend, two classes at both ends of the scale."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from dashboard.model.classify import class_labels, class_of, classify, merge_edges


def test_merge_edges_drops_repeats():
    assert merge_edges([0.0, 0.0, 0.5, 0.75, 1.0]) == [0.0, 0.5, 0.75, 1.0]
    assert merge_edges([1.0, 1.0, 1.0, 2.0, 2.0, 5.0]) == [1.0, 2.0, 5.0]
    assert merge_edges([0.0, 1.0, 2.0]) == [0.0, 1.0, 2.0]


def test_class_of_puts_each_value_in_its_half_open_class():
    # edges 0 | 0.5 | 0.75 | 1: classes [0, 0.5], (0.5, 0.75], (0.75, 1]
    values = np.array([0.0, 0.2, 0.5, 0.6, 0.75, 0.8, 1.0])
    assert class_of(values, [0.0, 0.5, 0.75, 1.0]).tolist() == [0, 0, 0, 1, 1, 2, 2]


def test_a_share_with_many_zeros_gets_no_empty_or_zero_width_class():
    # 10 values, 6 of them 0. Quintiles by hand (numpy's linear interpolation at (n - 1) * p):
    # 20 % → position 1.8 → 0; 40 % → 3.6 → 0; 60 % → 5.4 → 0 + 0.4 × 0.3 = 0.12;
    # 80 % → 7.2 → 0.5 + 0.2 × 0.3 = 0.56; 100 % → 1. With the minimum, the edges 0, 0, 0, 0.12,
    # 0.56, 1 merge to 0, 0.12, 0.56, 1: three classes, not five.
    values = pd.Series([0, 0, 0, 0, 0, 0, 0.3, 0.5, 0.8, 1.0], dtype=float)
    classes = classify(values, "quantiles", 5)
    assert classes is not None
    assert classes.edges == pytest.approx([0.0, 0.12, 0.56, 1.0])
    assert classes.k == 3 and len(classes.colors) == 3
    assert classes.index.tolist() == [0, 0, 0, 0, 0, 0, 1, 1, 2, 2]
    assert class_labels(classes, ".0%", "vi") == ["0 % – 12 %", "12 % – 56 %", "56 % – 100 %"]
    assert class_labels(classes, ".0%", "en")[0] == "0% – 12%"


def test_distinct_values_keep_every_class():
    values = pd.Series(range(1, 11), dtype=float)  # 1..10, quintiles 2.8, 4.6, 6.4, 8.2, 10
    classes = classify(values, "quantiles", 5)
    assert classes is not None and classes.k == 5
    assert np.allclose(classes.edges, [1, 2.8, 4.6, 6.4, 8.2, 10])
    assert classes.index.tolist() == [0, 0, 1, 1, 2, 2, 3, 3, 4, 4]


def test_real_split_share_legend_says_classes_were_merged(app_data):
    from dash import html

    from dashboard.model.indicators import INDICATORS
    from dashboard.views.map import map_state

    ind = INDICATORS["split_share"]
    for lang, note in (("vi", "3 lớp thay vì 5 lớp"), ("en", "3 classes where 5 were asked")):
        props, legend = map_state(app_data, ind, "quantiles", 5, "all", lang)
        texts = [c for c in html.Div(legend)._traverse() if isinstance(c, html.P)]
        assert any(note in str(p.children) for p in texts), lang
        labels = props["colorbar"]["ticktext"]
        assert len(labels) == 3 and not any(a == b for a, b in (x.split(" – ") for x in labels))
    _, legend = map_state(app_data, INDICATORS["density_2025"], "quantiles", 5, "all", "en")
    assert "were asked" not in str(legend.to_plotly_json())


# Viridis's two ends (matplotlib's table): #440154 and #fde725.
VIRIDIS_FIRST, VIRIDIS_LAST = "rgb(68, 1, 84)", "rgb(253, 231, 37)"


@pytest.mark.parametrize("scheme", ["equal", "quantiles", "jenks"])
def test_two_classes_take_both_ends_of_the_scale(scheme):
    # Issue #25 (a random mutant survived): an upload with two distinct values makes two
    # classes; they must be told apart as far as the scale allows (its two ends), not the first
    # colour and the middle one.
    classes = classify(pd.Series([1.0, 1.0, 2.0, 2.0]), scheme, 5)
    assert classes is not None and classes.k == 2
    assert classes.colors == [VIRIDIS_FIRST, VIRIDIS_LAST]


def test_more_classes_run_from_one_end_to_the_other():
    classes = classify(pd.Series([float(v) for v in range(1, 41)]), "equal", 5)
    assert classes is not None and classes.k == 5
    assert classes.colors[0] == VIRIDIS_FIRST and classes.colors[-1] == VIRIDIS_LAST
    # (40 - 1) / 5 = 7.8 apart
    assert classes.edges == pytest.approx([1.0, 8.8, 16.6, 24.4, 32.2, 40.0])
