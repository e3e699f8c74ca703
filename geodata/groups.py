"""Governance groups: the 126 units clustered by size, density and urban type.

The city says it is studying a classification of communes and wards into governance groups; none
is published. This is our own, reproducible grouping, labelled as such: k-means on standardised
log population, log area, log density and ward/commune type.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

N_GROUPS = 4
# Names by majority type and by density rank within that type (0 = densest).
GROUP_NAMES = {
    ("phường", 0): {"vi": "Phường nội đô mật độ cao", "en": "Dense inner-city wards"},
    ("phường", 1): {"vi": "Phường ven nội đô", "en": "Outer wards"},
    ("xã", 0): {"vi": "Xã đồng bằng, ven đô", "en": "Lowland and peri-urban communes"},
    ("xã", 1): {"vi": "Xã rộng, thưa dân", "en": "Large, sparsely populated communes"},
}


def _features(units: pd.DataFrame) -> np.ndarray:
    x = np.column_stack(
        [
            np.log10(units["pop2025"].astype(float)),
            np.log10(units["area_official_km2"].astype(float)),
            np.log10(units["density_2025"].astype(float)),
            (units["unit_type"] == "phường").astype(float),
        ]
    )
    return (x - x.mean(axis=0)) / x.std(axis=0)


def governance_groups(units: pd.DataFrame) -> pd.DataFrame:
    """One row per unit: ``code``, ``group`` (1 = densest), ``group_name_vi``, ``group_name_en``.

    Units without population, area or density cannot be placed and get no group.
    """
    ok = units[["pop2025", "area_official_km2", "density_2025"]].notna().all(axis=1)
    placed = units[ok]
    # Imported here: only the build clusters; scikit-learn (and the scipy.stats it loads) would
    # double the web process's import time for nothing.
    from sklearn.cluster import KMeans

    labels = KMeans(N_GROUPS, n_init=20, random_state=0).fit(_features(placed)).labels_
    frame = pd.DataFrame(
        {
            "code": placed["code"].values,
            "label": labels,
            "unit_type": placed["unit_type"].values,
            "density": placed["density_2025"].astype(float).values,
        }
    )
    profile = frame.groupby("label").agg(
        density=("density", "median"), unit_type=("unit_type", lambda s: s.mode()[0])
    )
    profile = profile.sort_values("density", ascending=False)
    profile["group"] = range(1, len(profile) + 1)
    profile["rank_in_type"] = profile.groupby("unit_type").cumcount()
    names = [
        GROUP_NAMES.get(
            (r.unit_type, r.rank_in_type), {"vi": f"Nhóm {r.group}", "en": f"Group {r.group}"}
        )
        for r in profile.itertuples()
    ]
    profile["group_name_vi"] = [n["vi"] for n in names]
    profile["group_name_en"] = [n["en"] for n in names]
    out = frame[["code", "label"]].merge(
        profile[["group", "group_name_vi", "group_name_en"]], left_on="label", right_index=True
    )
    result = units[["code"]].merge(out.drop(columns="label"), on="code", how="left")
    result["group"] = result["group"].astype("Int64")
    return result


def group_profiles(units: pd.DataFrame) -> pd.DataFrame:
    """Per group: member count by type and median population, area and density.

    (For the explanation.)
    """
    return (
        units.dropna(subset=["group"])
        .groupby("group")
        .agg(
            name_vi=("group_name_vi", "first"),
            name_en=("group_name_en", "first"),
            n=("code", "size"),
            n_wards=("unit_type", lambda s: int((s == "phường").sum())),
            pop_median=("pop2025", "median"),
            area_median=("area_official_km2", "median"),
            density_median=("density_2025", "median"),
        )
    )
