"""``cluster-explorer report --bureau BUREAU_ID OUT.pdf``: one bureau's A4 page, headless.

Like ``export``, the command renders off-screen by itself when there is no display, and
writes the page in ``--lang`` (default: the command's language), years with ``--era``.
"""

import argparse
import sys
from pathlib import Path

from desktop.common import i18n
from desktop.common.i18n import translate
from desktop.export.cli import write_headless
from geodata.fiscal_years import ERA, WESTERN
from geodata.sources import as_location


def add_report_parser(commands) -> None:
    report = commands.add_parser("report", help=translate(
        "CLI", "write a one-page A4 PDF report of a bureau"))
    report.add_argument("out", type=Path, help=translate("CLI", "output .pdf file"))
    report.add_argument("--bureau", required=True, metavar="BUREAU_ID",
                        help=translate("CLI", "the bureau to report on; the bundled "
                                       "dataset's are: {ids}").format(
                            ids=", ".join(_bundled_bureau_ids())))
    report.add_argument("--data", type=as_location, dest="report_data", metavar="PATH",
                        help=translate("CLI", "the dataset, as for the main command's --data "
                                       "(default: the bundled one)"))
    report.add_argument("--lang", choices=i18n.LANGUAGES, dest="report_lang",
                        help=translate("CLI", "the language of the report (default: the "
                                       "command's language)"))
    report.add_argument("--era", action="store_true", dest="report_era",
                        help=translate("CLI", "write fiscal years with the Japanese era "
                                       "(平成17年度) instead of the Western year"))


def _bundled_bureau_ids() -> list[str]:
    """The bureau ids of the bundled dataset, for --help: read from the GeoPackage's one small
    layer rather than typed here, so the help cannot drift from the data."""
    from geodata.bundled import bundled_bureau_ids

    return bundled_bureau_ids()


def run_report(args: argparse.Namespace) -> int:
    from geodata import DatasetError, load_dataset

    try:
        ds = load_dataset(args.report_data or getattr(args, "data", None))
    except DatasetError as error:
        print(f"cluster-explorer report: {error}", file=sys.stderr)
        return 2
    valid = list(ds.bureaus["bureau_id"])
    if args.bureau not in valid:
        print(translate("CLI", "cluster-explorer report: unknown bureau {bureau}; valid: "
                        "{valid}").format(bureau=repr(args.bureau), valid=", ".join(valid)),
              file=sys.stderr)
        return 2
    organisations_from = None
    if ds.origin is not None:  # a database's national list, counted by its server
        from desktop.sources.server_side import export_source_of

        organisations_from = export_source_of(ds, args.report_data or getattr(args, "data",
                                                                              None))
    return _write_report(ds, args.bureau, args.out,
                         args.report_lang or i18n.cli_spoken_language(),
                         ERA if args.report_era else WESTERN, organisations_from)


def _write_report(ds, bureau_id: str, out: Path, language: str, year_style: str,
                  organisations_from=None) -> int:
    def write() -> Path:
        from desktop.export.report import report_pdf_bytes
        from desktop.export.safe_write import write_bytes_atomically

        write_bytes_atomically(out, report_pdf_bytes(ds, bureau_id, language, year_style,
                                                     organisations_from))
        return out

    return write_headless("report", write)
