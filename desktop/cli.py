"""The ``cluster-explorer`` command: open the window, validate a dataset, export a map.

Sub-commands import only what they need, so ``validate`` answers without starting Qt.
"""

import argparse
import contextlib
import sys
import warnings
from pathlib import Path

from geodata.errors import visible

# Problems shown per kind (layer, column, mistake) before the rest of that kind are counted.
SHOWN_PER_KIND = 20


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cluster-explorer",
        description="Explore Japan's regional industrial clusters on a map, offline.",
    )
    parser.add_argument("--data", type=Path, help=f"the dataset: {dataset_kinds()} (default: "
                        "the bundled dataset)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    check = commands.add_parser("validate", help="check a dataset file against the schema")
    check.add_argument("path", type=Path, help=f"the dataset: {dataset_kinds()}")
    commands.add_parser("summary", help="print what the dataset holds")
    from desktop.export.cli import add_export_parser

    add_export_parser(commands)
    return parser


def dataset_kinds() -> str:
    """What a dataset may be, from the registered data sources (cheap: none is opened)."""
    from geodata.sources import data_sources

    return " or ".join(source.description for source in data_sources())


def run_validate(path: Path) -> int:
    from geodata import load_dataset
    from geodata.errors import DatasetError

    try:
        ds = load_dataset(path)
    except DatasetError as error:
        for line in error.summary_lines(SHOWN_PER_KIND):
            print(line)
        print(visible(f"{path}: {len(error.problems)} problem(s)"), file=sys.stderr)
        return 1
    print(visible(f"{path}: valid — {ds.summary()}"))
    return 0


def run_summary(path: Path | None) -> int:
    from geodata import load_dataset
    from geodata.errors import DatasetError

    try:
        ds = load_dataset(path)
    except DatasetError as error:
        print("\n".join(error.summary_lines(SHOWN_PER_KIND)), file=sys.stderr)
        print(f"{len(error.problems)} problem(s)", file=sys.stderr)
        return 1
    print(visible(f"{ds.path}: {ds.summary()}"))
    return 0


def _show_warning_escaped(message, category, filename, lineno, file=None, line=None) -> None:
    """Print a warning as one line with its control characters visible.

    GDAL's warnings reach Python through pyogrio and quote a file's table and column names as
    they are; a name holding ESC would drive the terminal. Where the warning was raised (a
    pyogrio line) means nothing to a user, so only its category and text are printed.
    """
    stream = file if file is not None else sys.stderr
    if stream is None:  # a windowed app without a console
        return
    with contextlib.suppress(OSError):  # as Python's own display: a closed terminal
        stream.write(visible(f"{category.__name__}: {message}") + "\n")


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    with warnings.catch_warnings():  # restores the usual display when the command returns
        warnings.showwarning = _show_warning_escaped
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    if args.command == "validate":
        return run_validate(args.path)
    if args.command == "summary":
        return run_summary(args.data)
    if args.command == "export":
        from desktop.export.cli import run_export

        return run_export(args)
    from desktop.app.startup import run_app

    return run_app(args.data)


if __name__ == "__main__":
    sys.exit(main())
