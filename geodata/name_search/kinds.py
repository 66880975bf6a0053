"""What the search finds: one line per kind of thing, in the order that breaks ties.

Each kind names the dataset layer it reads, the columns whose names are searched, and how one
of its rows becomes a SearchHit. A new kind is one more ``SearchedKind`` line, with
``place_hit`` when its rows have a name and a point or area.

The order of ``SEARCHED_KINDS`` ranks equally good matches: the app's subjects (fields,
programs, bureaus, projects, their organisations and partners) before plain places, so 京都
lists Kyoto University before Kyoto Prefecture (both are names that start with 京都).
"""

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from geodata.dataset import Dataset
from geodata.values import SearchHit

LIST_SEPARATOR = ";"
"""How a column listing several names (``former_names``) separates them."""


@dataclass(frozen=True)
class SearchedKind:
    """One kind of thing the search finds."""

    kind: str
    """The SearchHit's kind."""
    layer: str
    """The Dataset attribute holding the rows."""
    names: tuple[str, ...]
    """The columns searched; one missing from a dataset is skipped."""
    hit: Callable[["HitContext", pd.Series], SearchHit]
    """The hit for one row."""
    projects_column: str | None = None
    """For a vocabulary (fields, programs): the projects' column listing the row's id. The
    projects that list it are found with it, ranked after every match by name."""
    id_column: str | None = None
    """The row's id, as the projects' ``projects_column`` lists it."""


@dataclass(frozen=True)
class HitContext:
    """What hits need beyond their own row, looked up once per index."""

    dataset: Dataset
    project_bureaus: dict[str, str]
    prefecture_names: dict[int, str] | None = None
    """pref_code → English name, for the detail line of a place."""


def _text(value) -> str:
    return value if isinstance(value, str) else ""


def _point(geometry) -> tuple[float | None, float | None]:
    if geometry is None or geometry.is_empty:
        return None, None
    point = geometry if geometry.geom_type == "Point" else geometry.representative_point()
    return point.x, point.y


def field_hit(context: HitContext, row: pd.Series) -> SearchHit:
    return SearchHit("field", row["name_en"], _text(row.get("name_ja")), None, None, None, None,
                     item_id=row["field_id"])


def program_hit(context: HitContext, row: pd.Series) -> SearchHit:
    return SearchHit("program", row["name_en"], _text(row.get("name_ja")), None, None, None,
                     None, item_id=row["program_id"])


def bureau_hit(context: HitContext, row: pd.Series) -> SearchHit:
    return SearchHit("bureau", row["name_en"], _text(row.get("name_ja")), row["bureau_id"], None,
                     *_point(row["geometry"]), item_id=row["bureau_id"])


def project_hit(context: HitContext, row: pd.Series) -> SearchHit:
    bureau_names = context.dataset.bureau_names
    return SearchHit("project", row["name_en"], bureau_names.get(row["bureau_id"], ""),
                     row["bureau_id"], row["project_id"], *_point(row["geometry"]),
                     item_id=row["project_id"])


def participant_hit(context: HitContext, row: pd.Series) -> SearchHit:
    project_id = row["project_id"]
    return SearchHit("organisation", row["name_en"],
                     context.dataset.project_names.get(project_id, ""),
                     context.project_bureaus.get(project_id), project_id,
                     *_point(row["geometry"]), item_id=row["participant_id"])


def partner_hit(context: HitContext, row: pd.Series) -> SearchHit:
    project_id = row["project_id"]
    return SearchHit("partner", f"{row['partner']} ({row['partner_place']})",
                     context.dataset.project_names.get(project_id, ""), row["bureau_id"],
                     project_id, *_point(row["geometry"]), item_id=row["tieup_id"])


def place_hit(kind: str, id_column: str) -> Callable[[HitContext, pd.Series], SearchHit]:
    """Hits for a layer of named places: the English name, the Japanese one as detail, the
    bureau when the layer has one, and a point inside the place."""

    def hit(context: HitContext, row: pd.Series) -> SearchHit:
        bureau_id = row.get("bureau_id")
        return SearchHit(kind, row["name_en"], _text(row.get("name_ja")),
                         bureau_id if isinstance(bureau_id, str) else None, None,
                         *_point(row["geometry"]), item_id=str(row[id_column]))

    return hit


def gazetteer_hit(context: HitContext, row: pd.Series) -> SearchHit:
    """A GeoNames place (the ``places`` layer): its Japanese name and prefecture as detail,
    so 府中 lists Tokyo's and Hiroshima's apart."""
    prefecture = (context.prefecture_names or {}).get(row.get("pref_code"), "")
    detail = " · ".join(part for part in (_text(row.get("name_ja")), prefecture) if part)
    return SearchHit("place", row["name_en"], detail, None, None, *_point(row["geometry"]),
                     item_id=str(row["code"]))


SEARCHED_KINDS: tuple[SearchedKind, ...] = (
    SearchedKind("field", "fields", ("name_en", "name_ja"), field_hit, "fields", "field_id"),
    # only the programs a project can list: the others (national bodies, measures) show nothing
    SearchedKind("program", "filter_programs", ("name_en", "name_ja"), program_hit, "programs",
                 "program_id"),
    SearchedKind("bureau", "bureaus", ("name_en", "name_ja", "office_en"), bureau_hit),
    SearchedKind("project", "projects", ("name_en", "name_ja", "former_names"), project_hit),
    SearchedKind("organisation", "participants", ("name_en", "name_ja"), participant_hit),
    SearchedKind("partner", "tieups", ("partner", "partner_place"), partner_hit),
    SearchedKind("prefecture", "prefectures", ("name_en", "name_ja"),
                 place_hit("prefecture", "pref_code")),
    SearchedKind("country", "countries", ("name_en", "name_ja"), place_hit("country", "iso_a2")),
    # GeoNames populated places (CC BY 4.0): where Hamamatsu or Suwa is; last among equals
    SearchedKind("place", "places", ("name_en", "name_ja"), gazetteer_hit),
)
"""Every kind searched, most wanted first among equally good matches."""

KIND_NAMES = tuple(kind.kind for kind in SEARCHED_KINDS)
