"""Command line: `python -m geodata build` prints the validation report; `fetch` downloads sources."""
from __future__ import annotations

import argparse
import sys

from .paths import DATA_DIR_ENV, MissingSourceError, data_dir


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the process exit code."""
    parser = argparse.ArgumentParser(prog="python -m geodata")
    parser.add_argument("command", choices=["build", "fetch"])
    parser.add_argument("--data-dir", help=f"source data folder (default: ${DATA_DIR_ENV} or ../shared/data)")
    parser.add_argument("--cache-dir", help="where built artefacts go (default: .cache)")
    parser.add_argument("--force", action="store_true", help="rebuild even if the cache is current")
    args = parser.parse_args(argv)
    try:
        if args.command == "fetch":
            from .fetch import fetch_sources

            missing = fetch_sources(data_dir(args.data_dir))
            return 1 if missing else 0
        from .build import get_built
        from .report import render

        built = get_built(args.data_dir, args.cache_dir, force=args.force)
    except MissingSourceError as err:
        print(err, file=sys.stderr)
        return 2
    print(render(built))
    return 0 if all(c.ok for c in built.checks) else 1


if __name__ == "__main__":
    sys.exit(main())
