"""The ``cluster-explorer`` command: open the window, validate a dataset, export a map.

Sub-commands import only what they need, so ``validate`` answers without starting Qt.
"""

import argparse
import sys
from pathlib import Path


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cluster-explorer",
        description="Explore Japan's regional industrial clusters on a map, offline.",
    )
    parser.add_argument("--data", type=Path, help="a GeoPackage that follows geodata/SCHEMA.md "
                        "(default: the bundled dataset)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    check = commands.add_parser("validate", help="check a dataset file against the schema")
    check.add_argument("path", type=Path)
    commands.add_parser("summary", help="print what the dataset holds")
    from desktop.export_cli import add_export_parser

    add_export_parser(commands)
    return parser


def run_validate(path: Path) -> int:
    from geodata import load_dataset
    from geodata.errors import DatasetError

    try:
        ds = load_dataset(path)
    except DatasetError as error:
        for message in error.messages:
            print(message)
        print(f"{path}: {len(error.problems)} problem(s)", file=sys.stderr)
        return 1
    print(f"{path}: valid — {ds.summary()}")
    return 0


def run_summary(path: Path | None) -> int:
    from geodata import load_dataset
    from geodata.errors import DatasetError

    try:
        ds = load_dataset(path)
    except DatasetError as error:
        print("\n".join(error.messages), file=sys.stderr)
        return 1
    print(f"{ds.path}: {ds.summary()}")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "validate":
        return run_validate(args.path)
    if args.command == "summary":
        return run_summary(args.data)
    if args.command == "export":
        from desktop.export_cli import run_export

        return run_export(args)
    from desktop.app import run_app

    return run_app(args.data)


if __name__ == "__main__":
    sys.exit(main())
