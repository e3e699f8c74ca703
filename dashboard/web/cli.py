"""The ``hanoi-map`` command (and ``python app.py``): build or read the data, serve the dashboard.

Usage: ``hanoi-map [--data-dir DIR] [--cache-dir DIR] [--host H] [--port P]``. The first start
builds the data cache (a few seconds); later starts read it.
"""

from __future__ import annotations

import argparse
import os
import sys

from geodata.errors import DataError
from geodata.locations import CACHE_DIR_ENV, DATA_DIR_ENV


def main(argv: list[str] | None = None) -> int:
    """Parse options, build the data, serve the app; 2 with a one-line message on a data error."""
    parser = argparse.ArgumentParser(prog="hanoi-map", description="Hanoi two-tier map dashboard")
    parser.add_argument(
        "--data-dir",
        help=f"source data folder (default: ${DATA_DIR_ENV}, or the data shipped with the code)",
    )
    parser.add_argument(
        "--cache-dir",
        help=f"built artefacts folder (default: ${CACHE_DIR_ENV}, "
        ".cache in a checkout, else the user cache folder)",
    )
    parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8050")))
    args = parser.parse_args(argv)
    try:
        from dashboard.app import create_app

        app = create_app(args.data_dir, args.cache_dir)
    except DataError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    print(f"Serving on http://{args.host}:{args.port}/", flush=True)
    app.run(host=args.host, port=args.port, debug=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
