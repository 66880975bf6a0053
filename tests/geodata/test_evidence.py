"""Every number of the bundled dataset is written in the lines of the source it cites.

A numeric fact is one filled number cell of a fact layer (a project's companies, a count, an
achievement's or a national figure's value, a programme's years and project count). Its
evidence locator is the row's ``source_id`` with its ``evidence_lines``; the number must appear
in those lines of the source file in one of the ways sources write numbers: ``1590``,
``1,590``, ``one``, ``¥35.3 billion``, ``¥ 1.13 bn.``, ``441 million``.

The five source texts live outside the repository (``../shared/seeds/`` next to it, or next to
a folder further up, as for a git worktree) and are not copied into it; where that folder is
absent the checks that read them are skipped, and the coverage checks, which need only the
dataset, still run.
"""

import math
import re
from pathlib import Path

import pandas as pd
import pytest

from geodata import load_dataset
from geodata.vocabulary import EVIDENCE_LINES_PATTERN

REPOSITORY = Path(__file__).resolve().parents[2]
# next to the repository (../shared/seeds), or next to a folder holding it (a git worktree's)
SEEDS = next((folder / "shared" / "seeds" for folder in REPOSITORY.parents
              if (folder / "shared" / "seeds").is_dir()), REPOSITORY.parent / "shared" / "seeds")
NUMBER_COLUMNS = {  # layer -> (id column, the number columns of its rows)
    "projects": ("project_id", ("companies", "universities")),
    "participant_counts": (None, ("count",)),
    "achievements": ("achievement_id", ("value",)),
    "national_figures": ("figure_id", ("value",)),
    "programs": ("program_id", ("start_fy", "end_fy", "project_count")),
}
QUALIFIER_COLUMNS = {"projects": ("companies_qualifier", "universities_qualifier"),
                     "participant_counts": ("qualifier",), "achievements": ("qualifier",),
                     "national_figures": ("qualifier",)}
NUMBER_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
                "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
                "seventeen", "eighteen", "nineteen", "twenty")
MONEY_UNITS = {"yen", "dollars"}


def numeric_facts(ds):
    """(layer, row label, column, number, unit, source_id, evidence_lines) of every number."""
    for layer, (id_column, columns) in NUMBER_COLUMNS.items():
        frame = getattr(ds, layer)
        for position, row in enumerate(frame.itertuples(index=False)):
            label = getattr(row, id_column) if id_column else f"row {position + 1}"
            for column in columns:
                value = getattr(row, column)
                if value is pd.NA or value is None or (isinstance(value, float)
                                                        and math.isnan(value)):
                    continue
                unit = getattr(row, "unit", None) if layer != "programs" else None
                yield (layer, label, column, float(value), unit, row.source_id,
                       row.evidence_lines)


def written_forms(value: float, unit: str | None) -> list[re.Pattern]:
    """Patterns matching the ways a source may write ``value`` (never inside a longer number)."""
    digits, words = [], []
    if value.is_integer():
        number = int(value)
        digits += [str(number), f"{number:,}"]
        if number < len(NUMBER_WORDS):
            words.append(NUMBER_WORDS[number])
    else:
        digits.append(f"{value:g}")
    patterns = [re.compile(rf"(?<!\d)(?<!\d[.,]){re.escape(text)}(?!\d)(?![.,]\d)")
                for text in digits]
    patterns += [re.compile(rf"\b{word}\b", re.I) for word in words]
    if unit in MONEY_UNITS:
        for scale, words in ((1e9, r"(?:billion|bn)"), (1e6, r"million")):
            scaled = value / scale
            for text in {f"{scaled:g}", f"{scaled:.1f}", f"{scaled:.2f}"}:
                patterns.append(re.compile(rf"(?<![\d.]){re.escape(text)}\s*{words}", re.I))
    return patterns


def lines_of(text_lines: list[str], locator: str) -> str:
    chosen = []
    for piece in locator.split(";"):
        first, _, last = piece.partition("-")
        chosen += text_lines[int(first) - 1:int(last or first)]
    return "\n".join(chosen)


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


def read_source_lines(ds) -> dict[str, list[str]]:
    """Each source's text as lines, by source_id (the test is skipped, saying why, where the
    sources are not beside the checkout)."""
    if not SEEDS.is_dir():
        pytest.skip(f"the source texts are not in this checkout: {SEEDS} is absent (they live "
                    "outside the repository and are not copied into it)")
    files = dict(zip(ds.sources["source_id"], ds.sources["file"], strict=True))
    return {source_id: (SEEDS / name).read_text(encoding="utf-8").splitlines()
            for source_id, name in files.items()}


@pytest.fixture(scope="module")
def source_lines(ds):
    return read_source_lines(ds)


# --- coverage: needs only the dataset -----------------------------------------------------------

def test_every_numeric_fact_has_an_evidence_locator(ds):
    facts = list(numeric_facts(ds))
    assert len(facts) > 150
    without = [fact[:3] for fact in facts if not isinstance(fact[6], str)]
    assert without == []
    assert all(EVIDENCE_LINES_PATTERN.fullmatch(fact[6]) for fact in facts)


def test_qualifiers_are_data_not_only_notes(ds):
    figures = ds.national_figures.set_index("figure_id")
    assert figures.loc["network-university-researchers-c2004", "qualifier"] == "over"
    assert figures.loc["network-university-researchers-c2004", "unit"] == "researchers"
    assert figures.loc["network-universities-c2003", "qualifier"] == "more than"
    assert figures.loc["new-businesses-fy2009", "qualifier"] == "over"
    assert ds.achievements.set_index("achievement_id").loc["tama-alliances",
                                                           "qualifier"] == "more than"
    projects = ds.projects.set_index("project_id")
    assert projects.loc["kanto-regional-industry-revitalization", "companies_qualifier"] == "about"


# --- the numbers in the sources' lines ----------------------------------------------------------

def test_every_number_is_written_in_the_lines_it_cites(ds, source_lines):
    missing = []
    facts = list(numeric_facts(ds))
    for layer, label, column, value, unit, source_id, locator in facts:
        text = lines_of(source_lines[source_id], locator)
        if not any(pattern.search(text) for pattern in written_forms(value, unit)):
            missing.append((layer, label, column, value, source_id, locator))
    assert missing == [], f"{len(missing)} of {len(facts)} numbers not found where they cite"


def test_every_qualifier_is_the_word_of_the_cited_lines(ds, source_lines):
    for layer, columns in QUALIFIER_COLUMNS.items():
        frame = getattr(ds, layer)
        for row in frame.itertuples(index=False):
            for column in columns:
                word = getattr(row, column)
                if isinstance(word, str):
                    text = lines_of(source_lines[row.source_id], row.evidence_lines)
                    assert word.lower() in text.lower(), (layer, column, word, row.source_id)


def test_locators_stay_inside_their_source_file(ds, source_lines):
    for layer in NUMBER_COLUMNS:
        frame = getattr(ds, layer)
        for row in frame.itertuples(index=False):
            if isinstance(row.evidence_lines, str):
                last = max(int(n) for n in re.findall(r"\d+", row.evidence_lines))
                assert last <= len(source_lines[row.source_id]), (layer, row.evidence_lines)


@pytest.mark.parametrize(("value", "unit", "text", "found"), [
    (1590, None, "About 1,590 companies", True),
    (1590, None, "About 11,590 companies", False),
    (35.3e9, "yen", "Initial budget for FY 2002: ¥35.3 billion", True),
    (1.0e9, "yen", "FY2011 1.00 billion yen", True),
    (1.13e9, "yen", "Industrial cluster project ¥ 1.13 bn.", True),
    (1, None, "About 110 companies and one university", True),
    (5, None, "25 universities", False),
    (5.1, None, "technologies: <u>5.1</u>", True),
    (17800, None, "51 per year,17,800cases in total", True),
    (800, None, "51 per year,17,800cases in total", False),
])
def test_written_forms_find_a_number_only_where_it_is_written(value, unit, text, found):
    assert any(p.search(text) for p in written_forms(float(value), unit)) is found
