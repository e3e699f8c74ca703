"""``python -m dashboard.web.compress``: compress every static file the app serves, once, into the
cache (brotli 11, gzip 9), before the servers start (`make serve`, deploy/hanoi-map.service).

An entry point like cli.py: it builds the app, so nothing under dashboard/web imports it.
"""

from __future__ import annotations

import time

from dashboard.app import create_app
from dashboard.web.static_assets import Precompressed, warm
from geodata.locations import cache_dir


def main() -> None:
    """Compress the app's static files into the cache folder; print how many and how long."""
    started = time.time()
    count = warm(create_app(), Precompressed(cache_dir() / "compressed"))
    print(f"{count} static files compressed (brotli 11, gzip 9) in {time.time() - started:.1f} s")


if __name__ == "__main__":
    main()
