"""``cluster-explorer report --bureau BUREAU_ID OUT.pdf``: one bureau's A4 page, headless.

Like ``export``, the command renders off-screen by itself when there is no display.
"""

import argparse
import sys
from pathlib import Path

from desktop.export.cli import _headless_if_needed


def add_report_parser(commands) -> None:
    report = commands.add_parser("report", help="write a one-page A4 PDF report of a bureau")
    report.add_argument("out", type=Path, help="output .pdf file")
    report.add_argument("--bureau", required=True, metavar="BUREAU_ID",
                        help="the bureau to report on (e.g. kinki)")
    report.add_argument("--data", type=Path, dest="report_data", metavar="PATH",
                        help="the dataset, as for the main command's --data (default: the "
                        "bundled one)")


def run_report(args: argparse.Namespace) -> int:
    from geodata import DatasetError, load_dataset

    try:
        ds = load_dataset(args.report_data or getattr(args, "data", None))
    except DatasetError as error:
        print(f"cluster-explorer report: {error}", file=sys.stderr)
        return 2
    valid = list(ds.bureaus["bureau_id"])
    if args.bureau not in valid:
        print(f"cluster-explorer report: unknown bureau {args.bureau!r}; valid: "
              f"{', '.join(valid)}", file=sys.stderr)
        return 2
    return _write_report(ds, args.bureau, args.out)


def _write_report(ds, bureau_id: str, out: Path) -> int:
    _headless_if_needed()
    from PySide6.QtGui import QGuiApplication

    from desktop.export.report import report_pdf_bytes
    from desktop.export.safe_write import ExportError, write_bytes_atomically

    app = QGuiApplication.instance() or QGuiApplication(["cluster-explorer"])  # fonts
    try:
        write_bytes_atomically(out, report_pdf_bytes(ds, bureau_id))
    except ExportError as error:
        print(f"cluster-explorer report: {error}", file=sys.stderr)
        return 1
    finally:
        del app
    print(f"wrote {out}")
    return 0
