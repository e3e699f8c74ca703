"""The validation report as plain text."""

from __future__ import annotations

from .build import Built
from .overlay import SLIVER_SHARE, WHOLE_MIN_SHARE


def render(built: Built) -> str:
    """Format the checks, the totals and every listed exception."""
    lines = ["Hanoi 2025 reorganisation — build report", f"cache: {built.cache_note}", ""]
    for c in built.checks:
        lines.append(f"[{'ok' if c.ok else 'FAIL'}] {c.name}: {c.detail}")
    lines += ["", "Resolution 1656 vs dvhcvn mapping — every disagreement:"]
    for r in built.problems.itertuples():
        lines.append(
            f"  - new {r.new_code} / old {r.old_code} "
            f"{r.old_name_mapping if isinstance(r.old_name_mapping, str) else r.old_name}: "
            f"{r.problem}"
        )
    lines += [
        "",
        f"Old units sent whole that land < {WHOLE_MIN_SHARE:.0%} inside their new unit "
        f"(2019 polygons, slivers < {SLIVER_SHARE:.0%} ignored):",
    ]
    for r in built.whole_check[built.whole_check["share_inside"] < WHOLE_MIN_SHARE].itertuples():
        lines.append(
            f"  - {r.old_name} ({r.old_code}) → {r.new_name} ({r.new_code}), "
            f"clause {int(r.clause)}: {r.share_inside:.1%} inside"
        )
    inferred = built.successors[built.successors["method"].str.startswith("inferred")]
    lines += [
        "",
        f"579→526 successors inferred (Mar 2025 mergers, not named in any source): {len(inferred)}",
    ]
    units = built.units.set_index("code")
    low = built.iou.sort_values("iou").head(10)
    lines += [
        "",
        "Rebuilt-by-dissolve vs official polygons, lowest IoU "
        "(split units go to their largest share):",
    ]
    for r in low.itertuples():
        lines.append(f"  - {units.loc[r.code, 'full_name']} ({r.code}): IoU {r.iou:.3f}")
    disagree = built.units[built.units["pop2025"] != built.units["pop2025_merger_map"]]
    lines += ["", "Population 2025: where the two sources disagree (both kept):"]
    for r in disagree.itertuples():
        lines.append(
            f"  - {r.full_name} ({r.code}): {r.pop2025:,} (GSO-coded file) "
            f"vs {r.pop2025_merger_map:,.0f} (merger map record)"
        )
    return "\n".join(lines)
