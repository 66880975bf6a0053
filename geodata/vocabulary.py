"""Fixed vocabularies of the dataset: the ids that code, filters and the command line share.

Kept in one module so the validator, the queries and the window agree on the spelling of
every enumerated value; SCHEMA.md documents the same lists for people.
"""

import re

SCHEMA_VERSION = "1"

ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]*")

# A colour as the map page (CSS) and the export (QColor) both read it, and nothing else: a
# colour cell is written into the page's styles, where ``red;background:url(…)`` would not be
# a colour but more style.
COLOUR_PATTERN = re.compile(r"#(?:[0-9a-fA-F]{3}){1,2}")

BUREAU_IDS = (
    "hokkaido",
    "tohoku",
    "kanto",
    "chubu",
    "kinki",
    "chugoku",
    "shikoku",
    "kyushu",
    "okinawa",
)

PARTICIPANT_KINDS = (
    "company",
    "university",
    "research-institute",
    "local-government",
    "incubator",
    "finance",
    "promoter",
    "support-organisation",
    "map-label",
)

PARTICIPANT_KIND_LABELS = {
    "company": "Companies",
    "university": "Universities",
    "research-institute": "Public research institutes",
    "local-government": "Local governments",
    "incubator": "Business incubators",
    "finance": "Finance",
    "promoter": "Promoting organisations",
    "support-organisation": "Support organisations",
    "map-label": "Places labelled on a source map (not participants)",
}

PARTICIPANT_KIND_SINGULAR = {
    "company": "Company",
    "university": "University",
    "research-institute": "Public research institute",
    "local-government": "Local government",
    "incubator": "Business incubator",
    "finance": "Finance",
    "promoter": "Promoting organisation",
    "support-organisation": "Support organisation",
    "map-label": "Place labelled on a source map",
}

ACHIEVEMENT_KINDS = (
    "venture",
    "listing",
    "alliance",
    "joint-rd",
    "product",
    "activity",
    "investment",
    "network",
)

LOCATION_BASES = (
    "source-city",
    "source-place",
    "organisation-seat",
    "bureau-seat",
    "country-capital",
    "project-point",
    "region-main-city",
    "curator-choice",
    "list-coordinates",
    "gazetteer-place",
)

# The bases an organisation-list import writes (geodata/importing/writing.py): a participant
# placed by one of them is an imported organisation, which the map draws as its own layer.
IMPORTED_LOCATION_BASES = (
    "list-coordinates",
    "gazetteer-place",
)

# What a ``places`` row (a GeoNames populated place) is, read from the suffix of its Japanese
# name (市 city, 区 ward, 町 town, 村 village); ``place`` when it has no such name.
PLACE_KINDS = (
    "city",
    "ward",
    "town",
    "village",
    "place",
)

# What a ``programs`` row is: a programme (the rows projects belong to), or something else the
# sources state at national level that is not a programme. Filters offer only ``program`` rows.
PROGRAM_KINDS = (
    "program",
    "policy-phase",
    "national-body",
    "measure",
    "activity",
)

# How a project's Term II name was linked to its Term I name (no source states a succession).
SUCCESSION_BASES = (
    "same-name",
    "matching-name",
    "inferred",
)

# An evidence locator: line numbers (1-based) of the cited source file, ``183``, ``183-184`` or
# several pieces ``22;72``; the fact's number must be written within those lines.
EVIDENCE_LINES_PATTERN = re.compile(r"[0-9]+(?:-[0-9]+)?(?:;[0-9]+(?:-[0-9]+)?)*")

# Generous bounding box of Japan's territory (lon_min, lat_min, lon_max, lat_max); used only
# when a dataset's own prefecture polygons are unusable for the "inside Japan" check.
JAPAN_BOUNDS = (122.0, 20.0, 154.0, 46.0)


def split_id_list(value: object) -> list[str]:
    """Split a stored ``a;b;c`` id list into ids, ignoring blanks around separators."""
    if not isinstance(value, str):
        return []
    return [part.strip() for part in value.split(";") if part.strip()]
