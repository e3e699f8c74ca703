"""The ``hanoi-map`` command (and ``python app.py``): build or read the data, serve the dashboard.

Usage: ``hanoi-map [--data-dir DIR] [--cache-dir DIR] [--host H] [--port P]``. The first start
builds the data cache (a few seconds); later starts read it. ``--port 0`` serves on a port the
OS picks and prints it ("Serving on http://127.0.0.1:PORT/").
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
    parser.add_argument(
        "--port",
        type=int,
        default=int(os.environ.get("PORT", "8050")),
        help="port (default: $PORT, else 8050); 0 picks a free one and prints it",
    )
    args = parser.parse_args(argv)
    try:
        from dashboard.app import create_app

        app = create_app(args.data_dir, args.cache_dir)
    except DataError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    from werkzeug.serving import make_server

    # The server binds before the address is printed, so `--port 0` (a port the OS picks: tests,
    # several copies side by side) prints the real one.
    server = make_server(args.host, args.port, app.server, threaded=True)
    print(f"Serving on http://{args.host}:{server.port}/", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
