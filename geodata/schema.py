"""The dataset schema as data: layers, their columns, types, keys and references.

SCHEMA.md is the human description; this module is the same contract in a form the
validator and the build script read, so the two cannot drift apart silently (a test compares
them).
"""

import re
from dataclasses import dataclass, field

from geodata.vocabulary import (
    ACHIEVEMENT_KINDS,
    COLOUR_PATTERN,
    EVIDENCE_LINES_PATTERN,
    LOCATION_BASES,
    PARTICIPANT_KINDS,
    PLACE_KINDS,
    PROGRAM_KINDS,
    SUCCESSION_BASES,
)

TEXT = "text"
ID = "id"
ID_LIST = "id-list"
INTEGER = "integer"
REAL = "real"


@dataclass(frozen=True)
class TextForm:
    """A shape every value of a text column must have, and how a problem message names it."""

    pattern: re.Pattern
    name: str


COLOUR = TextForm(COLOUR_PATTERN, "a colour (#rrggbb or #rgb)")
EVIDENCE_LINES = TextForm(EVIDENCE_LINES_PATTERN, "line numbers (183, 183-184 or 22;72)")


@dataclass(frozen=True)
class Column:
    """One column: its type, whether every row needs a value, and what it may hold."""

    name: str
    kind: str = TEXT
    required: bool = False
    references: str | None = None  # layer whose key the value (or each list item) must name
    choices: tuple[str, ...] | None = None
    form: TextForm | None = None


@dataclass(frozen=True)
class Layer:
    """One GeoPackage layer; ``geometry`` is None for attribute tables."""

    name: str
    columns: tuple[Column, ...]
    key: str | None = None
    geometry: str | None = None
    fact: bool = False  # fact layers cite a source on every row
    boundary: bool = False
    optional: bool = False  # a file without the layer reads it as empty (no problem)
    extra: tuple[str, ...] = field(default=())

    def column(self, name: str) -> Column:
        return next(column for column in self.columns if column.name == name)


def _located(*columns: Column) -> tuple[Column, ...]:
    """Columns shared by every point layer: how the point was chosen, and the source."""
    return (
        *columns,
        Column("location_basis", ID, required=True, choices=LOCATION_BASES),
        Column("location_note", required=True),
        *_cited(),
    )


def _cited(*columns: Column) -> tuple[Column, ...]:
    """The source of a fact row, and the choice the curators made on it, if any."""
    return (
        *columns,
        Column("judgement"),
        Column("source_id", ID, required=True, references="sources"),
    )


def _evidence() -> Column:
    """Where in the cited source's file the row's numbers are written (see EVIDENCE_LINES)."""
    return Column("evidence_lines", form=EVIDENCE_LINES)


LAYERS: tuple[Layer, ...] = (
    Layer(
        "dataset_info",
        (Column("key", required=True), Column("value", required=True)),
        key="key",
    ),
    Layer(
        "sources",
        (
            Column("source_id", ID, required=True),
            Column("title", required=True),
            Column("author", required=True),
            Column("date", required=True),
            Column("file"),
            Column("description"),
        ),
        key="source_id",
    ),
    Layer(
        "fields",
        (
            Column("field_id", ID, required=True),
            Column("name_en", required=True),
            Column("name_ja", required=True),
            Column("color", required=True, form=COLOUR),
            Column("sort_order", INTEGER),
        ),
        key="field_id",
    ),
    Layer(
        "bureaus",
        (
            Column("bureau_id", ID, required=True),
            Column("name_en", required=True),
            Column("name_ja", required=True),
            Column("office_en"),
            Column("seat_city"),
            Column("seat_lon", REAL),
            Column("seat_lat", REAL),
            Column("color", form=COLOUR),
        ),
        key="bureau_id",
        geometry="MultiPolygon",
        boundary=True,
    ),
    Layer(
        "prefectures",
        (
            Column("pref_code", INTEGER, required=True),
            Column("name_en", required=True),
            Column("name_ja", required=True),
            Column("bureau_id", ID, required=True, references="bureaus"),
        ),
        key="pref_code",
        geometry="MultiPolygon",
        boundary=True,
    ),
    Layer(
        "countries",
        (Column("iso_a2"), Column("name_en", required=True)),
        geometry="MultiPolygon",
        boundary=True,
    ),
    Layer(
        "programs",
        _cited(
            Column("program_id", ID, required=True),
            Column("name_en", required=True),
            Column("name_ja"),
            Column("kind", ID, choices=PROGRAM_KINDS),
            Column("parent_id", ID, references="programs"),
            Column("relation"),
            Column("ministry", required=True),
            Column("started"),
            Column("start_fy", INTEGER),
            Column("end_fy", INTEGER),
            Column("project_count", INTEGER),
            _evidence(),
            Column("budget_note"),
            Column("description"),
            Column("note"),
        ),
        key="program_id",
        fact=True,
    ),
    Layer(
        "projects",
        _located(
            Column("project_id", ID, required=True),
            Column("name_en", required=True),
            Column("name_ja"),
            Column("former_names"),
            Column("succession", ID, choices=SUCCESSION_BASES),
            Column("bureau_id", ID, required=True, references="bureaus"),
            Column("programs", ID_LIST, required=True, references="programs"),
            Column("cooperates_with", ID_LIST, references="programs"),
            Column("fields", ID_LIST, required=True, references="fields"),
            Column("companies", INTEGER),
            Column("companies_qualifier"),
            Column("universities", INTEGER),
            Column("universities_qualifier"),
            Column("counts_as_of"),
            _evidence(),
            Column("promoters"),
            Column("leaders"),
            Column("areas"),
            Column("description"),
            Column("note"),
        ),
        key="project_id",
        geometry="Point",
        fact=True,
    ),
    Layer(
        "participants",
        _located(
            Column("participant_id", ID, required=True),
            Column("project_id", ID, required=True, references="projects"),
            Column("name_en", required=True),
            Column("name_ja"),
            Column("kind", ID, required=True, choices=PARTICIPANT_KINDS),
            Column("role"),
        ),
        key="participant_id",
        geometry="Point",
        fact=True,
    ),
    Layer(
        "participant_counts",
        _cited(
            Column("project_id", ID, required=True, references="projects"),
            Column("kind", ID, required=True, choices=PARTICIPANT_KINDS),
            Column("count", INTEGER, required=True),
            Column("qualifier"),
            _evidence(),
            Column("as_of"),
            Column("note"),
        ),
        fact=True,
    ),
    Layer(
        "tieups",
        _located(
            Column("tieup_id", ID, required=True),
            Column("project_id", ID, required=True, references="projects"),
            Column("bureau_id", ID, required=True, references="bureaus"),
            Column("partner", required=True),
            Column("partner_place", required=True),
            Column("country", required=True),
            Column("field", ID, required=True, references="fields"),
            Column("field_label"),
            Column("kind"),
            Column("year"),
        ),
        key="tieup_id",
        geometry="Point",
        fact=True,
    ),
    Layer(
        "achievements",
        _cited(
            Column("achievement_id", ID, required=True),
            Column("outcome_id", ID),
            Column("project_id", ID, required=True, references="projects"),
            Column("kind", ID, required=True, choices=ACHIEVEMENT_KINDS),
            Column("description", required=True),
            Column("value", REAL),
            Column("qualifier"),
            _evidence(),
            Column("unit"),
            Column("period"),
            Column("note"),
        ),
        key="achievement_id",
        fact=True,
    ),
    Layer(
        "national_figures",
        _cited(
            Column("figure_id", ID, required=True),
            Column("series", ID, required=True),
            Column("label", required=True),
            Column("value", REAL, required=True),
            Column("qualifier"),
            _evidence(),
            Column("unit", required=True),
            Column("fiscal_year", INTEGER),
            Column("as_of"),
            Column("note"),
        ),
        key="figure_id",
        fact=True,
    ),
    Layer(
        "places",
        (
            Column("code", INTEGER, required=True),
            Column("name_en", required=True),
            Column("name_ja"),
            Column("reading"),
            Column("names"),
            Column("pref_code", INTEGER, required=True),
            Column("city_code", INTEGER),
            Column("kind", ID, required=True, choices=PLACE_KINDS),
            Column("population", INTEGER),
            Column("geonameid", INTEGER),
            Column("point_source"),
        ),
        key="code",
        geometry="Point",
        optional=True,
    ),
)

LAYERS_BY_NAME = {layer.name: layer for layer in LAYERS}
