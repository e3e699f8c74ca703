"""CPU per callback request, measured in-process through the Flask test client (Dash's own
request handling and JSON included), cold (first render) and warm (same request again).

Run: .venv/bin/python benchmarks/callback_cpu.py
Prints each figure beside its target; exits 1 when a target is missed or a request fails.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time


def dash_post(client, output: str, outputs, inputs: list[tuple], state: list[tuple]):
    """POST a callback request as Dash's renderer does; inputs/state are (id, property, value)."""
    return client.post(
        "/_dash-update-component",
        json={
            "output": output,
            "outputs": outputs,
            "inputs": [{"id": i, "property": p, "value": v} for i, p, v in inputs],
            "state": [{"id": i, "property": p, "value": v} for i, p, v in state],
            "changedPropIds": [f"{inputs[0][0]}.{inputs[0][1]}"],
        },
    )


TARGETS_MS = {"unit panel (warm)": 5.0, "finder search (warm)": 5.0}
QUERIES = [
    "Hàng Bài",
    "phuong dien bien",
    "xa van hoang phu xuyen",
    "P. Trúc Bạch, BĐ",
    "12 Hàng Bài, Hoàn Kiếm",
    "Phuong Canh",
    "21.0245, 105.8412",
]


def _cpu_ms(send) -> tuple[float, int]:
    """(CPU milliseconds, HTTP status) of one request."""
    start = time.process_time()
    status = send().status_code
    return (time.process_time() - start) * 1000, status


def main() -> int:
    """Measure the panel and search callbacks for every unit / query, cold then warm."""
    from dashboard.app import create_app

    with tempfile.TemporaryDirectory() as cache:
        from dashboard.model.data import load_app_data

        client = create_app(None, cache).server.test_client()
        units = list(load_app_data(None, cache).units.index)

        def panel(code, lang):
            return lambda: dash_post(
                client,
                "unit-panel.children",
                {"id": "unit-panel", "property": "children"},
                [("unit", "data", {"code": code})],
                [("lang", "data", lang)],
            )

        def search(query):
            return lambda: dash_post(
                client,
                "search-results.children",
                {"id": "search-results", "property": "children"},
                [("search-button", "n_clicks", 1), ("search", "value", query)],
                [("lang", "data", "vi")],
            )

        runs = {
            "unit panel": [panel(c, lang) for c in units for lang in ("vi", "en")],
            "finder search": [search(q) for q in QUERIES],
        }
        failed = []
        figures = {}
        for name, sends in runs.items():
            for phase in ("cold", "warm"):
                measured = [_cpu_ms(send) for send in sends]
                failed += [f"{name}: HTTP {s}" for _ms, s in measured if s != 200]
                times = sorted(ms for ms, _s in measured)
                figures[f"{name} ({phase})"] = (
                    statistics.median(times),
                    times[int(0.95 * (len(times) - 1))],
                )
    missed = []
    for name, (median, p95) in figures.items():
        target = TARGETS_MS.get(name)
        verdict = "" if target is None else ("ok" if p95 <= target else "FAIL")
        if verdict == "FAIL":
            missed.append(name)
        shown = f" (target p95 ≤ {target:g} ms) {verdict}" if target else ""
        print(f"{name}: median {median:.2f} ms, p95 {p95:.2f} ms CPU{shown}")
    for line in sorted(set(failed)):
        print("FAIL:", line)
    return 1 if missed or failed else 0


if __name__ == "__main__":
    sys.exit(main())
