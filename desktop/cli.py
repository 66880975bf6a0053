"""The ``cluster-explorer`` command: open the window, validate a dataset, export a map.

``cluster-explorer PATH`` opens a dataset in the window, as a desktop's "Open with" and file
associations call it (``--data PATH`` says the same). Sub-commands import only what they need,
so ``validate`` answers without starting Qt.

Messages and help speak the language of ``--lang ja|en``, else of the environment (LC_ALL,
LC_MESSAGES, LANG; desktop/common/i18n.py); argparse's own headings stay English.
"""

import argparse
import contextlib
import os
import sys
import warnings
from pathlib import Path

from desktop import __version__
from desktop.common import i18n
from desktop.common.i18n import translate
from geodata.errors import visible
from geodata.sources import as_location, shown_location

# Problems shown per kind (layer, column, mistake) before the rest of that kind are counted.
SHOWN_PER_KIND = 20
# The sub-command ``cluster-explorer PATH`` stands for (argparse cannot have an optional
# positional beside sub-commands: it would take the command's name as the path).
OPEN_COMMAND = "open"
# Top-level options followed by a value, skipped when looking for the first positional word.
OPTIONS_WITH_VALUE = ("--data", "--lang")
COPY_COMMAND = "copy"
SOFTWARE_OPENGL_ENV = "CLUSTER_EXPLORER_SOFTWARE_OPENGL"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cluster-explorer",
        usage="%(prog)s [-h] [--version] [--lang ja|en] [--data PATH] [--software-opengl] "
              "[PATH | COMMAND …]",
        description=translate("CLI", "Explore Japan's regional industrial clusters on a map, "
                              "offline. With a PATH (or --data PATH), the window opens that "
                              "dataset."),
    )
    the_dataset = translate("CLI", "the dataset: {kinds}").format(kinds=dataset_kinds())
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--lang", choices=i18n.LANGUAGES,
                        help=translate("CLI", "the language of messages and of the window "
                                       "(default: from LC_ALL, LC_MESSAGES or LANG, else the "
                                       "system's; the window: View ▸ Language)"))
    parser.add_argument("--data", type=as_location, metavar="PATH",
                        help=translate("CLI", "the dataset: {kinds} (default: the bundled "
                                       "dataset)").format(kinds=dataset_kinds()))
    parser.add_argument("--software-opengl", action="store_true",
                        help=translate("CLI", "draw without the graphics card (remote desktops "
                                       "and VDI sessions whose OpenGL is missing or broken: a "
                                       "blank or black map); the environment variable "
                                       "{variable}=1 does the same").format(
                                           variable=SOFTWARE_OPENGL_ENV))
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    opened = commands.add_parser(OPEN_COMMAND, help=translate(
        "CLI", "open a dataset in the window (what `cluster-explorer PATH` does)"))
    opened.add_argument("path", type=as_location, help=the_dataset)
    check = commands.add_parser("validate", help=translate(
        "CLI", "check a dataset file against the schema"))
    check.add_argument("path", type=as_location, help=the_dataset)
    summary = commands.add_parser("summary", help=translate(
        "CLI", "print what the dataset holds"))
    summary.add_argument("--data", type=as_location, dest="summary_data", metavar="PATH",
                         help=translate("CLI", "the dataset, as for the main command's --data "
                                        "(default: the bundled one)"))
    copy = commands.add_parser(COPY_COMMAND, help=translate(
        "CLI", "copy a dataset between a GeoPackage and a PostGIS database, either way (checked "
        "first; all or nothing)"))
    copy.add_argument("source", type=as_location, help=the_dataset)
    copy.add_argument("target", type=as_location, help=translate(
        "CLI", "a .gpkg file (replaced) or a database location (its schema's dataset tables are "
        "replaced)"))
    from desktop.export.cli import add_export_parser

    add_export_parser(commands)
    from desktop.export.report_cli import add_report_parser

    add_report_parser(commands)
    from desktop.app.import_cli import add_import_parser

    add_import_parser(commands)
    from desktop.app.search_cli import add_search_parser

    add_search_parser(commands)
    return parser


def with_open_command(argv: list[str], commands: set[str]) -> list[str]:
    """``argv`` with ``open`` put before a first positional word that names no command, so
    ``cluster-explorer my.gpkg`` reads as ``cluster-explorer open my.gpkg``."""
    skip_next = False
    for index, word in enumerate(argv):
        if skip_next:
            skip_next = False
        elif word == "--":
            return argv[:index] + [OPEN_COMMAND] + argv[index + 1:]
        elif word in OPTIONS_WITH_VALUE:
            skip_next = True
        elif not word.startswith("-") or word == "-":
            if word in commands:
                return argv
            return argv[:index] + [OPEN_COMMAND] + argv[index:]
    return argv


def _command_names(parser: argparse.ArgumentParser) -> set[str]:
    return {name for action in parser._subparsers._group_actions
            for name in action.choices}


def dataset_kinds() -> str:
    """What a dataset may be, from the registered data sources (cheap: none is opened)."""
    from geodata.sources import data_sources

    return " or ".join(source.description for source in data_sources())


def run_validate(path: Path | str) -> int:
    from geodata import load_dataset
    from geodata.errors import DatasetError

    shown = shown_location(path)  # a database location without its password
    try:
        ds = load_dataset(path)
    except DatasetError as error:
        for line in error.summary_lines(SHOWN_PER_KIND):
            print(line)
        print(visible(translate("CLI", "{path}: {count} problem(s)").format(
            path=shown, count=len(error.problems))), file=sys.stderr)
        return 1
    if ds.origin is not None and ds.origin.offline_reason is not None:
        # the database was not read: say that the copy is what passed, not the database
        print(visible(translate("CLI", "{path}: the database could not be read; its offline "
                                "copy of {saved} UTC is valid — {summary}").format(
            path=shown, saved=f"{ds.origin.copy_saved:%Y-%m-%d %H:%M}", summary=ds.summary())))
        return 0
    print(visible(translate("CLI", "{path}: valid — {summary}").format(
        path=shown, summary=ds.summary())))
    return 0


def run_copy(source: Path | str, target: Path | str) -> int:
    """``cluster-explorer copy SOURCE TARGET``: the report, or every problem and status 1."""
    from geodata.copying import copy_dataset
    from geodata.errors import DatasetError

    try:
        report = copy_dataset(source, target)
    except DatasetError as error:
        print("\n".join(error.summary_lines(SHOWN_PER_KIND)), file=sys.stderr)
        print(visible(translate("CLI", "nothing copied to {target}: {count} problem(s)").format(
            target=shown_location(target), count=len(error.problems))), file=sys.stderr)
        return 1
    print(visible(report.summary()))
    return 0


def run_summary(path: Path | str | None) -> int:
    from geodata import load_dataset
    from geodata.errors import DatasetError

    try:
        ds = load_dataset(path)
    except DatasetError as error:
        print("\n".join(error.summary_lines(SHOWN_PER_KIND)), file=sys.stderr)
        print(translate("CLI", "{count} problem(s)").format(count=len(error.problems)),
              file=sys.stderr)
        return 1
    where = ds.origin.location if ds.origin is not None else ds.path
    print(visible(f"{where}: {ds.summary()}"))
    return 0


def _show_warning_escaped(message, category, filename, lineno, file=None, line=None) -> None:
    """Print a warning with its control characters visible.

    The GeoPackage reader's warnings (geodata/geopackage.py: a column of a type no GeoPackage
    holds) quote a file's table and column names as they are; a name holding ESC would drive
    the terminal. Where the warning was raised (a line of the reader) means nothing to a user,
    so only its category and text are printed. A
    notice of the app's own (geodata.errors.DatasetNotice: a list's rows left out) may have
    several lines: each is printed, made visible by itself.
    """
    from geodata.errors import DatasetNotice

    if issubclass(category, DatasetNotice):
        lines = str(message).splitlines() or [""]
        text = "\n".join(visible(each) for each in lines)
    else:
        text = visible(f"{category.__name__}: {message}")
    stream = file if file is not None else sys.stderr
    if stream is None:  # a windowed app without a console
        return
    with contextlib.suppress(OSError):  # as Python's own display: a closed terminal
        stream.write(text + "\n")


def chosen_language(argv: list[str], environ=os.environ) -> str:
    """The language ``--lang`` asks for (read before the parser, whose help it translates),
    else the environment's; an unknown value is left for the parser to refuse."""
    for index, word in enumerate(argv):
        if word == "--":
            break
        value = (argv[index + 1] if word == "--lang" and index + 1 < len(argv)
                 else word.removeprefix("--lang=") if word.startswith("--lang=") else None)
        if value in i18n.LANGUAGES:
            return value
    return i18n.environment_language(environ)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    with i18n.cli_language(chosen_language(argv)):
        parser = build_parser()
        args = parser.parse_args(with_open_command(argv, _command_names(parser)))
        _warn_of_passwords_in(argv)
        with warnings.catch_warnings():  # restores the usual display when the command returns
            warnings.showwarning = _show_warning_escaped
            return _run(args)


def _warn_of_passwords_in(argv: list[str]) -> None:
    """A password written in a location on the command line is never shown by the app, but
    other accounts of the computer see the command itself (ps, the task manager): say so,
    and how to keep it private."""
    from geodata.sources.connection import holds_password

    if any(holds_password(word) for word in argv):
        print(translate("CLI", "note: a password written in a database location is visible to "
                        "other accounts of this computer while the command runs; PGPASSWORD, "
                        "~/.pgpass (%APPDATA%\\postgresql\\pgpass.conf on Windows) or a "
                        "service file keep it private"), file=sys.stderr)


def _run(args: argparse.Namespace) -> int:
    if args.command == "validate":
        return run_validate(args.path)
    if args.command == "summary":
        return run_summary(args.summary_data or args.data)
    if args.command == COPY_COMMAND:
        return run_copy(args.source, args.target)
    if args.command == "import":
        from desktop.app.import_cli import run_import

        return run_import(args)
    if args.command == "search":
        from desktop.app.search_cli import run_search

        return run_search(args)
    if args.software_opengl or os.environ.get(SOFTWARE_OPENGL_ENV) == "1":
        use_software_opengl()
    if args.command in ("export", "report"):
        from desktop.common.source_cache import import_pyside

        import_pyside()  # before the data layer: see desktop/common/source_cache.py
    if args.command == "export":
        from desktop.export.cli import run_export

        return run_export(args)
    if args.command == "report":
        from desktop.export.report_cli import run_report

        return run_report(args)
    from desktop.app.startup import run_app

    return run_app(args.path if args.command == OPEN_COMMAND else args.data,
                   language=args.lang)


def use_software_opengl() -> None:
    """Draw without the graphics card, for this process and the web engine's.

    Remote desktops and VDI sessions often offer no usable OpenGL: the map stays blank or
    black. Qt then renders with its software OpenGL (``QT_OPENGL=software``: opengl32sw.dll on
    Windows, Mesa's llvmpipe elsewhere) and Chromium draws without the GPU. Set before Qt
    starts; run_app also asks for Qt.AA_UseSoftwareOpenGL when it sees QT_OPENGL=software.
    """
    os.environ["QT_OPENGL"] = "software"
    os.environ["LIBGL_ALWAYS_SOFTWARE"] = "1"
    flags = os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS", "").split()
    if "--disable-gpu" not in flags:
        os.environ["QTWEBENGINE_CHROMIUM_FLAGS"] = " ".join([*flags, "--disable-gpu"])


if __name__ == "__main__":
    sys.exit(main())
