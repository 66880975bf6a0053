"""``cluster-explorer export OUT …``: the window's exports, scriptable and headless.

Without a display (no DISPLAY or WAYLAND_DISPLAY) the command renders off-screen by itself:
it is a batch tool, so it sets QT_QPA_PLATFORM=offscreen for its own process only.
"""

import argparse
import os
import sys
import textwrap
from pathlib import Path

from desktop.common import i18n
from desktop.common.i18n import translate
from desktop.export.formats import CONTEXT as FORMATS_CONTEXT
from desktop.export.formats import ExportFormat, export_formats, spoken_list
from desktop.export.spec import (
    DEFAULT_SIZE,
    MAX_MEGAPIXELS,
    MAX_PIXELS,
    ExportSpec,
    SpecError,
    check_spec,
    parse_size,
)
from geodata.fiscal_years import ERA, WESTERN
from geodata.sources import as_location


def add_export_parser(commands) -> None:
    formats = export_formats()
    names = spoken_list([translate(FORMATS_CONTEXT, each.name) for each in formats])
    raster = [translate(FORMATS_CONTEXT, each.name) for each in formats if each.raster]
    raster_or, raster_and = spoken_list(raster), spoken_list(raster, "and")
    paged = spoken_list([each.suffix for each in formats if each.per_bureau])
    export = commands.add_parser(
        "export", help=translate("CLI", "export the map as {names}").format(names=names),
        epilog=_formats_epilog(formats),
        formatter_class=argparse.RawDescriptionHelpFormatter, add_help=False)
    export.add_argument("-h", "--help", action=HelpListingIds,
                        help=translate("CLI", "show this help, with the field, program and "
                                       "bureau ids of the dataset (the bundled one, or --data "
                                       "given before --help), and exit"))
    export.add_argument("out", type=Path, help=translate(
        "CLI", "output file; its suffix chooses the format: {suffixes}").format(
            suffixes=spoken_list([each.suffix for each in formats])))
    export.add_argument("--data", type=as_location, dest="export_data", metavar="PATH",
                        help=translate("CLI", "the dataset, as for the main command's --data "
                                       "(default: the bundled one)"))
    export.add_argument("--size", default=f"{DEFAULT_SIZE[0]}x{DEFAULT_SIZE[1]}",
                        help=translate("CLI", "WIDTHxHEIGHT in pixels, each side 16–{max} "
                                       "(default {default}); a {raster} picture may have at "
                                       "most {megapixels} megapixels (width × height × "
                                       "scale²)").format(
                            max=MAX_PIXELS, default=f"{DEFAULT_SIZE[0]}x{DEFAULT_SIZE[1]}",
                            raster=raster_or, megapixels=MAX_MEGAPIXELS))
    export.add_argument("--scale", type=int, default=1,
                        help=translate("CLI", "pixel multiplier for {raster}, 1–4 (see --size "
                                       "for the limit)").format(raster=raster_and))
    export.add_argument("--field", action="append", default=[], metavar="FIELD_ID",
                        help=translate("CLI", "field id (repeatable; listed below)"))
    export.add_argument("--program", action="append", default=[], metavar="PROGRAM_ID",
                        help=translate("CLI", "program id (repeatable; listed below)"))
    export.add_argument("--bureau", metavar="BUREAU_ID",
                        help=translate("CLI", "bureau id to select and frame (listed below)"))
    export.add_argument("--tieups", action="store_true",
                        help=translate("CLI", "draw the tie-up arcs"))
    export.add_argument("--title", help=translate("CLI", "title (default: what is shown)"))
    export.add_argument("--lang", choices=i18n.LANGUAGES, dest="export_lang",
                        help=translate("CLI", "the language of the titles, names, legend and "
                                       "captions (default: the command's language)"))
    export.add_argument("--era", action="store_true",
                        help=translate("CLI", "write fiscal years with the Japanese era "
                                       "(平成17年度) instead of the Western year"))
    export.add_argument("--subtitle", help=translate(
        "CLI", "a second, smaller line under the title"))
    export.add_argument("--no-legend", dest="legend", action="store_false",
                        help=translate("CLI", "leave out the legend of fields"))
    export.add_argument("--no-scale-bar", dest="scale_bar", action="store_false",
                        help=translate("CLI", "leave out the scale bar"))
    export.add_argument("--north-arrow", action="store_true",
                        help=translate("CLI", "draw a north arrow"))
    export.add_argument("--no-places", dest="places", action="store_false",
                        help=translate("CLI", "leave out the place names (GeoNames)"))
    export.add_argument("--no-organisations", dest="organisations", action="store_false",
                        help=translate("CLI", "leave out the organisations imported from "
                                       "lists, and a database's national list"))
    export.add_argument("--template", type=Path, metavar="FILE",
                        help=translate("CLI", "with .pptx: a PowerPoint .pptx or .potx whose "
                                       "slide master the slides take (its 'Title Only' layout, "
                                       "found by its title placeholder)"))
    export.add_argument("--per-bureau", action="store_true",
                        help=translate("CLI", "with {paged}: a national map, then per bureau a "
                                       "map and a figures page").format(paged=paged))
    export.add_argument("--charts", action="store_true",
                        help=translate("CLI", "with .pptx: the figures (network size, budgets, "
                                       "companies and universities per bureau and project) as "
                                       "editable PowerPoint charts"))


class HelpListingIds(argparse.Action):
    """``export --help`` with the ids the dataset offers for --field, --program and --bureau.

    Reading a dataset takes a second, which the parser (built for every command, even
    ``validate``) must not pay: the ids are read only when this help is asked for.
    """

    def __init__(self, option_strings, dest=argparse.SUPPRESS, default=argparse.SUPPRESS,
                 help=None):  # noqa: A002 - argparse's keyword
        super().__init__(option_strings, dest=dest, default=default, nargs=0, help=help)

    def __call__(self, parser, namespace, values, option_string=None):
        parser.epilog = f"{parser.epilog}\n\n{valid_ids(getattr(namespace, 'export_data', None))}"
        parser.print_help()
        parser.exit()


def valid_ids(data_path: Path | None) -> str:
    """The field, program and bureau ids of a dataset (the bundled one for None), wrapped."""
    from geodata import DatasetError, load_dataset

    try:
        ds = load_dataset(data_path)
    except DatasetError as error:
        return translate("CLI", "ids: the dataset could not be read ({count} problem(s))").format(
            count=len(error.problems))
    kinds = ((translate("CLI", "field ids (--field)"), ds.fields["field_id"]),
             (translate("CLI", "program ids (--program)"), ds.filter_programs["program_id"]),
             (translate("CLI", "bureau ids (--bureau)"), ds.bureaus["bureau_id"]))
    return "\n".join(f"{title}:\n" + textwrap.fill(
        ", ".join(map(str, ids)), width=78, initial_indent="  ", subsequent_indent="  ",
        break_on_hyphens=False, break_long_words=False) for title, ids in kinds)


def _formats_epilog(formats: list[ExportFormat]) -> str:
    """One line per format: its suffix and what the file holds."""
    width = max(len(each.suffix) for each in formats)
    lines = [f"  {each.suffix:<{width}}  {translate(FORMATS_CONTEXT, each.help)}"
             for each in formats]
    return "\n".join([translate("CLI", "formats:"), *lines])


def _headless_if_needed() -> None:
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def run_export(args: argparse.Namespace) -> int:
    from desktop.export.runner import layers_needed
    from geodata import DatasetError, Filter, load_dataset

    data_path = args.export_data or getattr(args, "data", None)
    try:
        spec = ExportSpec(
            out=args.out,
            filter=Filter(fields=frozenset(args.field), programs=frozenset(args.program),
                          bureau_id=args.bureau),
            show_tieups=args.tieups, size=parse_size(args.size), scale=args.scale,
            title=args.title, per_bureau=args.per_bureau, charts=args.charts,
            subtitle=args.subtitle, show_legend=args.legend, show_scale_bar=args.scale_bar,
            show_north_arrow=args.north_arrow, show_places=args.places,
            show_organisations=args.organisations,
            template=args.template,
            language=args.export_lang or i18n.cli_spoken_language(),
            year_style=ERA if args.era else WESTERN)
    except SpecError as error:
        print(f"cluster-explorer export: {error}", file=sys.stderr)
        return 2
    try:
        ds = load_dataset(data_path, layers=layers_needed(spec))  # only what the map draws
    except DatasetError as error:
        print(f"cluster-explorer export: {error}", file=sys.stderr)
        return 2
    try:
        spec = check_spec(spec, ds)
    except SpecError as error:
        print(f"cluster-explorer export: {error}", file=sys.stderr)
        return 2
    if ds.origin is not None and spec.show_organisations:  # a database's national list
        from dataclasses import replace

        from desktop.sources.server_side import export_source_of

        spec = replace(spec, organisations_from=export_source_of(ds, data_path))
    return _export(ds, spec)


def _export(ds, spec: ExportSpec) -> int:
    from desktop.export.runner import run

    return write_headless("export", lambda: run(ds, spec))


def write_headless(command: str, write) -> int:
    """Run ``write()`` (which returns the path written) with the Qt a drawing needs (fonts,
    images), off-screen without a display; print what was written or one line why not."""
    _headless_if_needed()
    from PySide6.QtGui import QGuiApplication

    from desktop.export.safe_write import ExportError

    app = QGuiApplication.instance() or QGuiApplication(["cluster-explorer"])
    try:
        written = write()
    except ExportError as error:
        print(f"cluster-explorer {command}: {error}", file=sys.stderr)
        return 1
    finally:
        del app
    print(translate("CLI", "wrote {path}").format(path=written))
    return 0
