"""Class breaks for the choropleth, chosen by the reader (mapclassify), and colour-blind-safe
colours."""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd
from plotly.colors import sample_colorscale

# Scheme → mapclassify's classifier. mapclassify is imported at the first classification, not
# with this module: it pulls in scipy.stats and scikit-learn, about half of the web process's
# import time, which no page needs before its first map.
SCHEMES = {
    "quantiles": "Quantiles",
    # The exact (Fisher) optimum of Jenks natural breaks: deterministic.
    "jenks": "FisherJenks",
    "equal": "EqualInterval",
}
DEFAULT_SCHEME = "quantiles"
DEFAULT_K = 5
K_RANGE = (3, 9)
COLORSCALE = "Viridis"  # perceptually uniform, readable with the common colour-vision deficiencies
# Okabe–Ito: categorical colours distinguishable with colour-vision deficiencies.
CATEGORY_COLORS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442"]


@dataclass
class Classes:
    """Class index per unit (NaN where there is no value), the class edges and one colour per
    class."""

    index: pd.Series
    edges: list[float]  # k + 1 values: the minimum, then each class's upper bound
    colors: list[str]
    scheme: str

    @property
    def k(self) -> int:
        """Number of classes actually formed (ties can merge classes)."""
        return len(self.colors)


def pick_scheme(scheme: str | None) -> str:
    """A known scheme name from untrusted input ("continuous" is allowed: no classes)."""
    return (
        scheme
        if isinstance(scheme, str) and (scheme in SCHEMES or scheme == "continuous")
        else DEFAULT_SCHEME
    )


def pick_k(k) -> int:
    """A class count within 3–9 from untrusted input."""
    try:
        return int(np.clip(int(k), *K_RANGE))
    except (TypeError, ValueError, OverflowError):
        return DEFAULT_K


def classify(values: pd.Series, scheme: str, k: int) -> Classes | None:
    """Classes of ``values`` by ``scheme`` with ``k`` classes; None when there are too few distinct
    values."""
    present = values.dropna().astype(float)
    k = min(pick_k(k), present.nunique())
    if k < 2:
        return None
    with (
        warnings.catch_warnings()
    ):  # "Numba not installed": the pure-Python path is fast enough for 126 values
        warnings.simplefilter("ignore", UserWarning)
        import mapclassify

        method = getattr(mapclassify, SCHEMES.get(scheme, SCHEMES[DEFAULT_SCHEME]))
        classifier = method(present.to_numpy(), k=k)
    bins = [float(b) for b in classifier.bins]
    edges = merge_edges([float(present.min())] + bins)
    if len(edges) < 3:
        # Two values, the lower one a class of its own ([1, 1], (1, 2]): keep both classes.
        edges = [float(present.min())] + merge_edges(bins)
    if len(edges) < 3:  # one class left: nothing to tell apart
        return None
    index = pd.Series(np.nan, index=values.index)
    index[present.index] = class_of(present.to_numpy(), edges)
    n = len(edges) - 1
    colors = sample_colorscale(COLORSCALE, [i / max(n - 1, 1) for i in range(n)])
    return Classes(index=index, edges=edges, colors=colors, scheme=scheme)


def merge_edges(edges: list[float]) -> list[float]:
    """Class edges with the ones that coincide merged: quantiles of a share where a fifth of the
    units are 0 give 0, 0, 0.5, … and a class "0 % – 0 %"; merged, 0, 0.5, … (one class fewer,
    which the legend says)."""
    merged: list[float] = []
    for edge in edges:
        if not merged or edge > merged[-1]:
            merged.append(edge)
    return merged


def class_of(values: np.ndarray, edges: list[float]) -> np.ndarray:
    """Class index per value for ``edges`` (minimum, then upper bounds): class i holds the values
    in (edges[i], edges[i + 1]], the first class its lower edge too, the last anything above."""
    index = np.searchsorted(np.asarray(edges[1:]), values, side="left")
    return np.clip(index, 0, len(edges) - 2)


def class_labels(classes: Classes, fmt: str, lang: str = "vi") -> list[str]:
    """Legend text per class in the language's number format: "1.200 – 5.400" (vi), "1,200 –
    5,400" (en)."""
    from dashboard.model.numbers import fmt_spec

    e = classes.edges
    return [
        f"{fmt_spec(e[i], fmt, lang)} – {fmt_spec(e[i + 1], fmt, lang)}" for i in range(classes.k)
    ]


def stepped_colorscale(colors: list[str]) -> list[list]:
    """A plotly colour scale with one flat band per class, for class indexes 0..k-1."""
    k = len(colors)
    scale = []
    for i, c in enumerate(colors):
        scale += [[i / k, c], [(i + 1) / k, c]]
    return scale
