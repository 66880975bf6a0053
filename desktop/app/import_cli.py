"""``cluster-explorer import LIST --into DATASET.gpkg``: an organisation list (Excel or CSV)
placed offline and written into a GeoPackage, with every row imported or reported. No Qt."""

import argparse
import sys
from pathlib import Path

from desktop.common.i18n import translate
from geodata.errors import visible

EXIT_SOME_REPORTED = 3
SHOWN_PROBLEMS = 40


def add_import_parser(commands) -> None:
    parser = commands.add_parser(
        "import", help=translate(
            "CLI", "import an organisation list (.xlsx or .csv) into a dataset"),
        description=translate(
            "CLI", "Read a list of organisations (Excel .xlsx, or CSV in UTF-8 or Shift_JIS), "
            "place the rows without coordinates at their municipality's point in the bundled "
            "gazetteer of Japan's municipalities, and add them as participants to DATASET.gpkg "
            "(created from the bundled dataset if it does not exist). The list is never "
            "changed; the dataset is replaced only by a file that validates. Rows that cannot "
            "be placed, or fit several places, are listed and left out."))
    parser.add_argument("list", type=Path, metavar="LIST",
                        help=translate("CLI", "the .xlsx or .csv file"))
    parser.add_argument("--into", type=Path, required=True, metavar="DATASET.gpkg",
                        help=translate("CLI", "the GeoPackage the rows are added to"))
    parser.add_argument("--project", metavar="ID",
                        help=translate("CLI", "the project of rows whose list gives none"))
    parser.add_argument("--sheet", metavar="NAME",
                        help=translate("CLI", "the sheet of a workbook (default: the first)"))
    parser.add_argument("--header-row", type=int, metavar="N",
                        help=translate("CLI", "the row of the column headers, as the "
                                       "spreadsheet numbers it (default: the row naming the "
                                       "most known fields, such as 名称 or Name)"))
    parser.add_argument("--column", action="append", default=[], metavar="FIELD=HEADER",
                        help=translate("CLI", "take FIELD from the column HEADER instead of "
                                       "the guess; fields: {fields} (repeatable)").format(
                            fields="name_ja, name_en, kind, project, role, prefecture, "
                            "municipality, address, lat, lon"))
    parser.add_argument("--place", action="append", default=[], metavar="ROW=CODE",
                        help=translate("CLI", "for a row whose municipality fits several "
                                       "places, the one it means, by its municipality code "
                                       "(全国地方公共団体コード, listed in the report; "
                                       "repeatable)"))


def run_import(args: argparse.Namespace) -> int:
    from geodata.errors import DatasetError
    from geodata.importing import target_projects_and_gazetteer
    from geodata.importing.columns import FIELDS, HEADER_SEARCH_ROWS, guess_columns
    from geodata.importing.planning import plan_import
    from geodata.importing.reading import ListReadError, read_list
    from geodata.importing.writing import ImportRefused, write_import

    def fail(message: str, code: int = 1) -> int:
        print(visible(f"cluster-explorer import: {message}"), file=sys.stderr)
        return code

    try:
        table = read_list(args.list, args.sheet, args.header_row)
        if not table.header_found and not args.column:
            return fail(translate(
                "CLI", "no header row found in {list}: no row of its first {rows} names a "
                "known field (such as 名称, 都道府県 or Name); give it with --header-row N "
                "or the columns with --column").format(list=args.list.name,
                                                       rows=HEADER_SEARCH_ROWS), 2)
        mapping = guess_columns(table.headers)
        mapping.update(_column_overrides(args.column, table.headers, FIELDS))
        choices = _place_choices(args.place)
        projects, gazetteer = target_projects_and_gazetteer(args.into)
    except (ListReadError, ValueError) as error:
        return fail(str(error), 2)
    except DatasetError as error:
        return fail(translate("CLI", "{path}: {problem}").format(path=args.into,
                                                                  problem=error))
    plan = plan_import(table, mapping, projects, gazetteer, args.project, choices)
    for outcome in plan.reported:
        print(visible(translate("CLI", "row {row} ({name}): {problem}").format(
            row=outcome.row_number, name=outcome.name[:60], problem=_row_message(outcome, plan))))
    if not plan.ready:
        return fail(translate("CLI", "no row of {count} could be imported; {path} is "
                              "unchanged").format(count=len(plan.outcomes), path=args.into))
    try:
        result = write_import(plan, args.into)
    except ImportRefused as error:
        return fail(translate("CLI", "{path}: {problem}").format(path=args.into,
                                                                  problem=error))
    except DatasetError as error:
        for line in error.summary_lines(SHOWN_PROBLEMS):
            print(visible(line), file=sys.stderr)
        return fail(translate("CLI", "the result would not validate; {path} is "
                              "unchanged").format(path=args.into))
    except OSError as error:
        return fail(translate("CLI", "cannot write {path}: {reason}").format(
            path=args.into, reason=error.strerror or error))
    if result.replaced:
        done = translate("CLI", "{path}: imported {imported} of {count} rows from {list} "
                         "(replacing {replaced} from its earlier import); {reported} reported")
    else:
        done = translate("CLI", "{path}: imported {imported} of {count} rows from {list}; "
                         "{reported} reported")
    print(visible(done.format(path=args.into, imported=result.imported,
                              count=len(plan.outcomes), list=plan.list_label(),
                              replaced=result.replaced, reported=result.reported)))
    return EXIT_SOME_REPORTED if result.reported else 0


def _row_message(outcome, plan) -> str:
    """The row's outcome as the report says it; a missing project names the flag that gives
    one (the window words it its own way)."""
    if not outcome.problems:
        return outcome.message(plan.prefecture_names)
    return "; ".join(translate("CLI", "no project: give a project column or --project ID")
                     if problem.code == "no-project" else str(problem)
                     for problem in outcome.problems)


def _column_overrides(pairs: list[str], headers: list[str], fields: dict) -> dict[str, int]:
    overrides = {}
    for pair in pairs:
        field, _, header = pair.partition("=")
        if field not in fields:
            raise ValueError(f"--column {pair!r}: unknown field {field!r} (fields: "
                             f"{', '.join(fields)})")
        if header not in headers:
            raise ValueError(f"--column {pair!r}: the list has no column {header!r}")
        overrides[field] = headers.index(header)
    return overrides


def _place_choices(pairs: list[str]) -> dict[int, int]:
    choices = {}
    for pair in pairs:
        row, _, code = pair.partition("=")
        if not (row.isdigit() and code.isdigit()):
            raise ValueError(f"--place {pair!r}: expected ROW=CODE (a municipality code), "
                             "e.g. 12=342084")
        choices[int(row)] = int(code)
    return choices
