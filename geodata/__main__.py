"""Command line: ``python -m geodata build`` prints the validation report; ``fetch`` refreshes
the byte-for-byte sources from upstream; ``verify`` checks the data folder against SHA256SUMS;
``convert in.csv out.csv`` adds the new unit to every old address of a CSV or Excel file."""

from __future__ import annotations

import argparse
import sys

from .errors import DataError
from .locations import DATA_DIR_ENV, data_dir


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the process exit code (2 for a data problem, with a one-line reason)."""
    parser = argparse.ArgumentParser(prog="python -m geodata")
    parser.add_argument("command", choices=["build", "fetch", "verify", "convert"])
    parser.add_argument("files", nargs="*", help="convert: input and output file (.csv or .xlsx)")
    parser.add_argument(
        "--lang", choices=["vi", "en"], default="vi", help="convert: notes' language"
    )
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

        if args.command == "convert":
            return _convert(parser, args)
        built = get_built(args.data_dir, args.cache_dir, force=args.force)
    except DataError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    print(render(built))
    return 0 if all(c.ok for c in built.checks) else 1


def _convert(parser: argparse.ArgumentParser, args) -> int:
    """``convert in out``: 0 when every row was answered, 1 when some were not, 2 on a bad file."""
    from pathlib import Path

    from .build import get_built
    from .convert import ConvertError, convert_bytes
    from .finder import make_finder

    if len(args.files) != 2:
        parser.error("convert needs an input and an output file")
    src, dst = (Path(f) for f in args.files)
    try:
        raw = src.read_bytes()
    except OSError as err:
        print(f"error: cannot read {src}: {err.strerror}", file=sys.stderr)
        return 2
    finder = make_finder(get_built(args.data_dir, args.cache_dir))
    try:
        out, table = convert_bytes(
            finder, raw, args.lang, excel_out=dst.suffix.lower() in {".xlsx", ".xlsm"}
        )
    except ConvertError as err:
        print(f"error: {src}: {err.message(args.lang)}", file=sys.stderr)
        return 2
    dst.write_bytes(out)
    counts: dict[str, int] = {}
    for answer in table.answers:
        counts[answer["status"]] = counts.get(answer["status"], 0) + 1
    summary = ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
    print(f"{len(table.answers)} rows → {dst} ({summary})")
    unanswered = sum(counts.get(k, 0) for k in ("not_found", "error", "empty"))
    return 1 if unanswered else 0


if __name__ == "__main__":
    sys.exit(main())
