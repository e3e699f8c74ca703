"""Class colours (dashboard/model/classify.py) on values worked by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.model.classify import classify

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
