"""``python -m dashboard.web.prerender [--units]``: render the link-preview images of a fixed
set of views ahead of time into the cache (``$HANOI_CACHE_DIR/og``), so that no visitor's or
crawler's request waits on Chromium for them: the city map and the chart per indicator and the
facts, in Vietnamese and English (34 images, 5-10 s each); ``--units`` adds every unit's (252
more). Images already there for the current data are kept, so a second run is a no-op. Run
after a data build, before or while the servers run (deploy/hanoi-map.service, `make serve`).

An entry point like compress.py; it reads the data only (no app, no server).
"""

from __future__ import annotations

import argparse
import time

from dashboard.model.data import load_app_data
from dashboard.web.previews import prerender
from geodata.locations import cache_dir


def main(argv: list[str] | None = None) -> None:
    """Render the missing previews; print each and the totals."""
    parser = argparse.ArgumentParser(prog="python -m dashboard.web.prerender")
    parser.add_argument("--units", action="store_true", help="every unit's preview too")
    opts = parser.parse_args(argv)
    started = time.time()
    rendered, kept = prerender(load_app_data(), cache_dir() / "og", units=opts.units)
    print(
        f"{rendered} preview images rendered, {kept} already there, "
        f"in {time.time() - started:.1f} s"
    )


if __name__ == "__main__":
    main()
