"""Command line: ``python -m geodata build`` prints the validation report; ``fetch`` refreshes
the byte-for-byte sources from upstream; ``verify`` checks the data folder against SHA256SUMS."""

from __future__ import annotations

import argparse
import sys

from .errors import DataError
from .locations import DATA_DIR_ENV, data_dir


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the process exit code (2 for a data problem, with a one-line reason)."""
    parser = argparse.ArgumentParser(prog="python -m geodata")
    parser.add_argument("command", choices=["build", "fetch", "verify"])
    parser.add_argument(
        "--data-dir", help=f"source data folder (default: ${DATA_DIR_ENV} or data/)"
    )
    parser.add_argument("--cache-dir", help="where built artefacts go (default: .cache)")
    parser.add_argument(
        "--force",
        action="store_true",
        help="build: rebuild even if the cache is current; fetch: re-download all",
    )
    args = parser.parse_args(argv)
    root = data_dir(args.data_dir)
    try:
        if args.command == "fetch":
            from .fetch import FetchError, fetch_sources

            try:
                written = fetch_sources(root, refresh=args.force)
            except FetchError as err:
                print(err, file=sys.stderr)
                return 1
            print(f"{len(written)} file(s) fetched into {root}" if written else "nothing to fetch")
            return 0
        if args.command == "verify":
            from .integrity import verify

            print(f"{len(verify(root))} files match {root / 'SHA256SUMS'}")
            return 0
        from .build import get_built
        from .report import render

        built = get_built(args.data_dir, args.cache_dir, force=args.force)
    except DataError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    print(render(built))
    return 0 if all(c.ok for c in built.checks) else 1


if __name__ == "__main__":
    sys.exit(main())
