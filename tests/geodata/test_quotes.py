"""Every quote in the bundled dataset is the source's own words, in the lines it cites.

A quote is text between quotation marks ('…', "…" or “…”) in any text cell of a fact layer.
It is checked where it says it comes from:

- a quote after a source the cell names (``hosoya-2011-initiatives``, ``hosoya-2011``,
  ``tsukamoto``, ``the article``) is looked for in that source, in the lines the cell names
  after it (``line 101``, ``lines 249-250``) or, with none named, anywhere in it;
- a quote followed by a bracket naming lines (``'…' (line 216)``, ``'…' (hosoya-2011 line
  73)``) is looked for in those lines (of the source the bracket names, if it names one);
- any other quote is looked for in the row's own cited lines (``source_id`` +
  ``evidence_lines``), or in lines of the row's source the cell names before it; a row
  without ``evidence_lines`` is checked against its whole source.

"Verbatim" ignores white space and the extraction's mark-up only (line breaks, "93universities"
for "93 universities", ``**bold**``, ``<u>``): the five texts were extracted from slides and
lost or gained spaces, never words. An ellipsis (…) in a quote stands for left-out words: the
pieces must follow one another in the lines. A name with a quoted nickname (``KANSAI Front
Runner Project "Neo Cluster"``) is checked whole, in the words of one of the sources. Words that
are not the source's must not be in quotation marks. Where the source texts are absent (they
live outside the repository, next to it in ``shared/seeds``) the check is skipped, as in
test_evidence.py.
"""

import re

import pandas as pd
import pytest

from geodata import load_dataset
from geodata.schema import LAYERS
from tests.geodata.test_evidence import lines_of, read_source_lines

QUOTE = re.compile(r"(?<!\w)'(.+?)'(?!\w)|\"(.+?)\"|“(.+?)”")
SOURCE_NAMES = {  # words a cell may use to name a source, longest first within a source
    "meti-2003-activating": ("meti-2003-activating",),
    "meti-2003-slides": ("meti-2003-slides",),
    "tsukamoto-2004-success": ("tsukamoto-2004-success", "tsukamoto", "the article"),
    "hosoya-2011-initiatives": ("hosoya-2011-initiatives", "hosoya-2011"),
    "hosoya-2010-policy": ("hosoya-2010-policy", "hosoya-2010"),
}
MENTION = re.compile("|".join(re.escape(name) for names in SOURCE_NAMES.values()
                              for name in sorted(names, key=len, reverse=True)), re.I)
SOURCE_OF_NAME = {name: source for source, names in SOURCE_NAMES.items() for name in names}
LINES = re.compile(r"\blines? (\d+(?:[-–]\d+)?(?:(?:, | and |;)\d+(?:[-–]\d+)?)*)")
FACT_LAYERS = [layer.name for layer in LAYERS if layer.fact]
NAME_COLUMNS = {"name_en", "former_names", "partner"}


def comparable(text: str) -> str:
    """The text without white space, mark-up and typographic quote forms."""
    text = re.sub(r"</?(?:u|b|sup|br)>|\*", "", text)
    text = text.translate(str.maketrans({"“": '"', "”": '"', "’": "'", "‘": "'", "–": "-"}))
    return re.sub(r"\s+", "", text)


AFTER = re.compile(rf"\s*\((?:(?P<source>{MENTION.pattern})'?s? )?{LINES.pattern}(?=[),;])", re.I)


def _locator(found: list[str]) -> str | None:
    pieces = [piece.replace("–", "-").replace(", ", ";").replace(" and ", ";") for piece in found]
    return ";".join(pieces) or None


def quotes_of(cell: str):
    """(quote, source named for it or None, the lines named for it or None).

    The source is the last one named before the quote, or one named in a bracket right after
    it ("'…' (hosoya-2011 line 73)"); the lines are those named between that source's name
    and the quote, or in the bracket right after the quote.
    """
    for match in QUOTE.finditer(cell):
        quote = next(group for group in match.groups() if group)
        before = cell[:match.start()]
        mentions = list(MENTION.finditer(before))
        source = SOURCE_OF_NAME[mentions[-1].group(0).lower()] if mentions else None
        after_mention = before[mentions[-1].end():] if mentions else before
        lines = _locator(LINES.findall(after_mention))
        following = AFTER.match(cell, match.end())
        if following:
            if following.group("source"):
                source = SOURCE_OF_NAME[following.group("source").lower()]
            lines = _locator([following.group(following.lastindex)])
        yield quote, source, lines


def found_in(quote: str, text: str) -> bool:
    """Whether the quote's pieces (split at ellipses) follow one another in ``text``."""
    haystack, position = comparable(text), 0
    for piece in (comparable(piece) for piece in quote.split("…")):
        if piece:
            position = haystack.find(piece, position)
            if position < 0:
                return False
            position += len(piece)
    return True


def quote_checks(ds):
    """Every quote of the dataset with the text it must be found in."""
    for layer in FACT_LAYERS:
        frame = getattr(ds, layer)
        id_column = frame.columns[0]
        text_columns = [column for column in frame.columns if column != "geometry"]
        for row in frame.to_dict("records"):
            locator = row.get("evidence_lines")
            own_lines = locator if isinstance(locator, str) else None
            for column in text_columns:
                cell = row[column]
                if not isinstance(cell, str):
                    continue
                if column in NAME_COLUMNS:  # a name with a quoted nickname, as a source writes it
                    if QUOTE.search(cell):
                        yield (layer, row[id_column], column, cell), None, [None]
                    continue
                for quote, source, lines in quotes_of(cell):
                    label = (layer, row[id_column], column, quote)
                    if source is not None and source != row["source_id"]:
                        yield label, source, [lines]
                    else:
                        yield label, row["source_id"], [own_lines, lines] if lines else [own_lines]


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


@pytest.fixture(scope="module")
def source_texts(ds):
    return read_source_lines(ds)


def test_every_quote_is_found_verbatim_in_the_lines_it_cites(ds, source_texts):
    checks = list(quote_checks(ds))
    assert len(checks) > 150
    wrong = []
    for label, source, locators in checks:
        if source is None:  # a whole name: in the words of one of the sources
            texts = ["\n".join(lines) for lines in source_texts.values()]
        else:
            texts = [lines_of(source_texts[source], locator) if locator
                     else "\n".join(source_texts[source]) for locator in locators]
        if not any(found_in(label[3], text) for text in texts):
            wrong.append((*label, source, locators))
    assert wrong == [], "\n".join(map(str, wrong))


@pytest.mark.parametrize(("cell", "expected"), [
    ("'around 280 regional businesses'", [("around 280 regional businesses", None, None)]),
    ("hosoya-2011 spells it 'Kyusyu'", [("Kyusyu", "hosoya-2011-initiatives", None)]),
    ("(meti-2003-slides line 101: '5,000 companies')",
     [("5,000 companies", "meti-2003-slides", "101")]),
    ("the slide's map and the project's areas", []),
    ("the article (lines 35 and 37) says \"five IT firms\"",
     [("five IT firms", "tsukamoto-2004-success", "35;37")]),
    ("heading 'Case of' (hosoya-2011 line 211), tsukamoto's 'five' (line 37)",
     [("Case of", "hosoya-2011-initiatives", "211"), ("five", "tsukamoto-2004-success", "37")]),
    ("'about 5,000' (meti-2003-slides line 101: '5,000 companies')",
     [("about 5,000", None, None), ("5,000 companies", "meti-2003-slides", "101")]),
])
def test_quotes_are_read_with_the_source_and_lines_the_cell_names(cell, expected):
    assert list(quotes_of(cell)) == expected


@pytest.mark.parametrize(("quote", "text", "found"), [
    ("around 280 regional businesses", "and around 280 regional businesses. As", True),
    ("about 280 regional businesses", "and around 280 regional businesses. As", False),
    ("93 universities", "(81 companies and 93universities).", True),
    ("Creation of Sapporo IT Carrozzeria … Intelligent Clusters",
     "○Creation of Sapporo IT Carrozzeria (Hokkaido)\n\nCooperative Projects for Creation of \n"
     "Intelligent Clusters", True),
    ("Intelligent Clusters … Creation of Sapporo IT Carrozzeria",
     "○Creation of Sapporo IT Carrozzeria (Hokkaido)\n\nCooperative Projects for Creation of \n"
     "Intelligent Clusters", False),
])
def test_verbatim_ignores_spacing_only(quote, text, found):
    assert found_in(quote, text) is found


def test_a_non_verbatim_quote_is_caught(ds, source_texts):
    """The check fails on a quote that changes one word of its cited line (001 l.35)."""
    row = ds.participant_counts.iloc[[0]].copy()
    row["note"] = "'about 280 regional businesses'"
    row["source_id"], row["evidence_lines"] = "tsukamoto-2004-success", "35"
    fake = type("Fake", (), {name: getattr(ds, name).iloc[0:0] for name in FACT_LAYERS})()
    fake.participant_counts = pd.DataFrame(row)
    (label, source, locators), = quote_checks(fake)
    assert not found_in(label[3], lines_of(source_texts[source], locators[0]))
