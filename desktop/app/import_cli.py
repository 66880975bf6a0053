"""``cluster-explorer import LIST --into DATASET.gpkg``: an organisation list (Excel or CSV)
placed offline and written into a GeoPackage, with every row imported or reported. No Qt."""

import argparse
import sys
from pathlib import Path

from geodata.errors import visible

EXIT_SOME_REPORTED = 3
SHOWN_PROBLEMS = 40


def add_import_parser(commands) -> None:
    parser = commands.add_parser(
        "import", help="import an organisation list (.xlsx or .csv) into a dataset",
        description="Read a list of organisations (Excel .xlsx, or CSV in UTF-8 or Shift_JIS), "
        "place the rows without coordinates with the bundled gazetteer of Japanese places "
        "(GeoNames, CC BY 4.0), and add them as participants to DATASET.gpkg (created from "
        "the bundled dataset if it does not exist). The list is never changed; the dataset "
        "is replaced only by a file that validates. Rows that cannot be placed, or fit "
        "several places, are listed and left out.")
    parser.add_argument("list", type=Path, metavar="LIST", help="the .xlsx or .csv file")
    parser.add_argument("--into", type=Path, required=True, metavar="DATASET.gpkg",
                        help="the GeoPackage the rows are added to")
    parser.add_argument("--project", metavar="ID",
                        help="the project of rows whose list gives none")
    parser.add_argument("--sheet", metavar="NAME", help="the sheet of a workbook (default: "
                        "the first)")
    parser.add_argument("--column", action="append", default=[], metavar="FIELD=HEADER",
                        help="take FIELD from the column HEADER instead of the guess; fields: "
                        "name_ja, name_en, kind, project, role, prefecture, municipality, "
                        "address, lat, lon (repeatable)")
    parser.add_argument("--place", action="append", default=[], metavar="ROW=GEONAMEID",
                        help="for a row whose municipality fits several places, the one it "
                        "means (the ids are listed in the report; repeatable)")


def run_import(args: argparse.Namespace) -> int:
    from geodata.errors import DatasetError
    from geodata.importing import target_projects_and_gazetteer
    from geodata.importing.columns import FIELDS, guess_columns
    from geodata.importing.planning import plan_import
    from geodata.importing.reading import ListReadError, read_list
    from geodata.importing.writing import write_import

    def fail(message: str, code: int = 1) -> int:
        print(visible(f"cluster-explorer import: {message}"), file=sys.stderr)
        return code

    try:
        table = read_list(args.list, args.sheet)
        mapping = guess_columns(table.headers)
        mapping.update(_column_overrides(args.column, table.headers, FIELDS))
        choices = _place_choices(args.place)
        projects, gazetteer = target_projects_and_gazetteer(args.into)
    except (ListReadError, ValueError) as error:
        return fail(str(error), 2)
    except DatasetError as error:
        return fail(f"{args.into}: {error}")
    plan = plan_import(table, mapping, projects, gazetteer, args.project, choices)
    for outcome in plan.reported:
        print(visible(f"row {outcome.row_number} ({outcome.name[:60]}): "
                      f"{outcome.message(plan.prefecture_names)}"))
    if not plan.ready:
        return fail(f"no row of {len(plan.outcomes)} could be imported; {args.into} is unchanged")
    try:
        result = write_import(plan, args.into)
    except DatasetError as error:
        for line in error.summary_lines(SHOWN_PROBLEMS):
            print(visible(line), file=sys.stderr)
        return fail(f"the result would not validate; {args.into} is unchanged")
    except OSError as error:
        return fail(f"cannot write {args.into}: {error.strerror or error}")
    replaced = f" (replacing {result.replaced} from its earlier import)" if result.replaced else ""
    print(visible(f"{args.into}: imported {result.imported} of {len(plan.outcomes)} rows from "
                  f"{plan.list_label()}{replaced}; {result.reported} reported"))
    return EXIT_SOME_REPORTED if result.reported else 0


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
        row, _, geonameid = pair.partition("=")
        if not (row.isdigit() and geonameid.isdigit()):
            raise ValueError(f"--place {pair!r}: expected ROW=GEONAMEID, e.g. 12=1863905")
        choices[int(row)] = int(geonameid)
    return choices
