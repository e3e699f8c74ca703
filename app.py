"""Start the dashboard: `python app.py [--data-dir DIR] [--port 8050]`.

The first start builds the data cache (a few seconds); later starts read it.
"""
from __future__ import annotations

import argparse
import os
import sys

from geodata.paths import DATA_DIR_ENV, MissingSourceError


def main() -> int:
    """Parse options, build the data, serve the app."""
    parser = argparse.ArgumentParser(description="Hanoi two-tier map dashboard")
    parser.add_argument("--data-dir", help=f"source data folder (default: ${DATA_DIR_ENV} or ../shared/data)")
    parser.add_argument("--cache-dir", help="built artefacts folder (default: .cache)")
    parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8050")))
    args = parser.parse_args()
    try:
        from dashboard.app import create_app

        app = create_app(args.data_dir, args.cache_dir)
    except MissingSourceError as err:
        print(err, file=sys.stderr)
        return 2
    print(f"Serving on http://{args.host}:{args.port}/", flush=True)
    app.run(host=args.host, port=args.port, debug=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
