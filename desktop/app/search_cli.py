"""``cluster-explorer search TEXT``: the window's search from the command line, ranked the
same way (geodata/name_search), one hit a line. For scripts, and for checking offline that
Japanese readings work in a frozen build (its smoke check runs it). No Qt."""

import argparse

from desktop.common.i18n import translate
from geodata.errors import visible
from geodata.sources import as_location

DEFAULT_LIMIT = 20


def add_search_parser(commands) -> None:
    parser = commands.add_parser("search", help=translate(
        "CLI", "search the dataset as the window's search box does (names in English or "
        "Japanese, readings in kana or romaji)"))
    parser.add_argument("text", help=translate("CLI", "what to look for"))
    parser.add_argument("--limit", type=int, default=DEFAULT_LIMIT, help=translate(
        "CLI", "at most this many hits (default {limit})").format(limit=DEFAULT_LIMIT))
    parser.add_argument("--data", type=as_location, dest="search_data", metavar="PATH",
                        help=translate("CLI", "the dataset, as for the main command's --data "
                                       "(default: the bundled one)"))


def run_search(args: argparse.Namespace) -> int:
    """Print each hit as "kind<TAB>id<TAB>name<TAB>detail"; status 1 when nothing is found."""
    import sys

    from geodata import DatasetError, load_dataset, search

    try:
        ds = load_dataset(args.search_data or getattr(args, "data", None))
    except DatasetError as error:
        print("\n".join(error.summary_lines(20)), file=sys.stderr)
        return 2
    hits = search(ds, args.text, limit=max(1, args.limit))
    for hit in hits:
        print("\t".join(visible(" ".join(str(part or "").split())) for part in
                        (hit.kind, hit.item_id, hit.label, hit.detail)))
    return 0 if hits else 1
