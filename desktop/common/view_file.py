"""A saved view as data: the filters, the selection, the layers and the map's extent, kept in
the settings and shared with colleagues as a small ``.cevview`` JSON file.

Qt-free, so the file format is tested without a window. A shared file is untrusted input: it
is read only up to a bounded size and nesting depth (checked before the JSON parser sees it:
a file or settings entry nested 30,000 deep once ended every start in RecursionError), must be a
JSON object of this format and a known version, with known keys of the expected types, and
bounds that enclose an area; ids the open dataset lacks are reported by ``unknown_ids`` and
left out by ``known_part``, never trusted.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import asdict, dataclass, replace

from geodata.values import Filter

SUFFIX = ".cevview"
FORMAT = "cluster-explorer-view"
VERSION = 1
MAX_FILE_BYTES = 64 * 1024  # a view is well under 2 KB; anything larger is not one
MAX_NAME_CHARS = 120
MAX_TEXT_CHARS = 500
MAX_IDS = 200
MAX_ID_CHARS = 200
MIN_SPAN_DEGREES = 1e-5  # ~1 m: the least a window at the closest zoom shows
MAX_DEPTH = 8  # a view nests four deep (document, view, bounds, corner)
VIEW_KEYS = frozenset({"name", "fields", "programs", "text", "fiscal_year", "bureau_id",
                       "project_id", "tieup_id", "show_tieups", "show_prefectures", "center",
                       "bounds"})
DOCUMENT_KEYS = frozenset({"format", "version", "view"})


class ViewFileError(ValueError):
    """A shared view that cannot be read; the message is one line for the user."""


@dataclass(frozen=True)
class SavedView:
    """What a saved view restores; ``center`` ({"lat", "lon", "zoom"}) places the window's
    map, ``bounds`` ([[south, west], [north, east]]) frames the view's slide."""

    name: str
    fields: tuple[str, ...] = ()
    programs: tuple[str, ...] = ()
    text: str = ""
    fiscal_year: int | None = None
    bureau_id: str | None = None
    project_id: str | None = None
    tieup_id: str | None = None
    show_tieups: bool = False
    show_prefectures: bool = True
    center: dict | None = None
    bounds: list | None = None

    @property
    def filter(self) -> Filter:
        return Filter(fields=frozenset(self.fields), programs=frozenset(self.programs),
                      text=self.text, fiscal_year=self.fiscal_year, bureau_id=self.bureau_id,
                      project_id=self.project_id)

    def to_dict(self) -> dict:
        data = asdict(self)
        data["fields"], data["programs"] = list(self.fields), list(self.programs)
        return data

    @classmethod
    def from_dict(cls, data: object) -> SavedView:
        """A view from parsed JSON, every key and type checked (ViewFileError otherwise)."""
        if not isinstance(data, dict):
            raise ViewFileError("the view is not a JSON object")
        unknown = sorted(set(map(str, data)) - VIEW_KEYS)
        if unknown:
            raise ViewFileError(f"unknown keys in the view: {', '.join(unknown[:10])}")
        name = _text(data.get("name"), "name", MAX_NAME_CHARS).strip()
        if not name:
            raise ViewFileError("the view has no name")
        return cls(
            name=name,
            fields=_ids(data.get("fields", []), "fields"),
            programs=_ids(data.get("programs", []), "programs"),
            text=_text(data.get("text", ""), "text", MAX_TEXT_CHARS),
            fiscal_year=_year(data.get("fiscal_year")),
            bureau_id=_optional_id(data.get("bureau_id"), "bureau_id"),
            project_id=_optional_id(data.get("project_id"), "project_id"),
            tieup_id=_optional_id(data.get("tieup_id"), "tieup_id"),
            show_tieups=_flag(data.get("show_tieups", False), "show_tieups"),
            show_prefectures=_flag(data.get("show_prefectures", True), "show_prefectures"),
            center=_center(data.get("center")),
            bounds=_bounds(data.get("bounds")),
        )


def view_document(view: SavedView) -> bytes:
    """The ``.cevview`` file of one view: small, versioned, readable JSON."""
    document = {"format": FORMAT, "version": VERSION, "view": view.to_dict()}
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def read_view_document(data: bytes) -> SavedView:
    """The view in a shared file's bytes; ViewFileError says what is wrong with it."""
    if len(data) > MAX_FILE_BYTES:
        raise ViewFileError(f"the file is {len(data):,} bytes; a shared view is at most "
                            f"{MAX_FILE_BYTES:,}")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ViewFileError("the file is not UTF-8 text") from error
    document = bounded_json(text, "the file")
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ViewFileError("the file is not a Cluster Explorer view")
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version > VERSION \
            or version < 1:
        raise ViewFileError(f"the view's version {version!r} is not one this program reads "
                            f"(it reads version {VERSION})")
    unknown = sorted(set(map(str, document)) - DOCUMENT_KEYS)
    if unknown:
        raise ViewFileError(f"unknown keys in the file: {', '.join(unknown[:10])}")
    return SavedView.from_dict(document.get("view"))


def read_view_entry(text: str) -> SavedView:
    """The view in one entry of the settings (a view's JSON object, no document around it);
    ViewFileError for an entry edited by hand into something else."""
    if len(text) > MAX_FILE_BYTES:
        raise ViewFileError(f"the entry is {len(text):,} characters; a view is at most "
                            f"{MAX_FILE_BYTES:,}")
    return SavedView.from_dict(bounded_json(text, "the entry"))


def bounded_json(text: str, what: str):
    """``text`` (already bounded in size) parsed as JSON, refused before parsing when its
    arrays and objects nest deeper than any view does: the parser recurses per level."""
    if _nests_deeper(text, MAX_DEPTH):
        raise ViewFileError(f"{what} nests deeper than a view ({MAX_DEPTH} levels)")
    try:
        return json.loads(text)
    except (ValueError, RecursionError) as error:
        raise ViewFileError(f"{what} is not valid JSON ({error})") from error


_JSON_TOKENS = re.compile(r'\\.|["\[\]{}]', re.DOTALL)
"""What decides a JSON text's nesting: quotes, escapes (a backslash and the character it
escapes, so an escaped quote does not end a string) and brackets."""


def _nests_deeper(text: str, limit: int) -> bool:
    """Whether ``text``'s arrays and objects nest deeper than ``limit``. Brackets in strings do
    not count; where the text stops being JSON the parser refuses it anyway."""
    depth = 0
    in_string = False
    for token in _JSON_TOKENS.findall(text):
        if token == '"':
            in_string = not in_string
        elif in_string or token[0] == "\\":
            continue
        elif token in "[{":
            depth += 1
            if depth > limit:
                return True
        else:
            depth -= 1
    return False


def unknown_ids(view: SavedView, ds) -> list[str]:
    """'field "x"', 'project "y"'… for each id of ``view`` that dataset ``ds`` lacks."""
    known = _known_ids(ds)
    found = [(kind, each) for kind, ids in (("field", view.fields), ("program", view.programs))
             for each in ids if each not in known[kind]]
    found += [(kind, each) for kind, each in (("bureau", view.bureau_id),
                                              ("project", view.project_id),
                                              ("tie-up", view.tieup_id))
              if each is not None and each not in known[kind]]
    return [f'{kind} "{each}"' for kind, each in found]


def known_part(view: SavedView, ds) -> SavedView:
    """``view`` without the ids dataset ``ds`` lacks."""
    known = _known_ids(ds)

    def kept(kind: str, value):
        return value if value is None or value in known[kind] else None

    return replace(view, fields=tuple(each for each in view.fields if each in known["field"]),
                   programs=tuple(each for each in view.programs if each in known["program"]),
                   bureau_id=kept("bureau", view.bureau_id),
                   project_id=kept("project", view.project_id),
                   tieup_id=kept("tie-up", view.tieup_id))


def _known_ids(ds) -> dict[str, set]:
    return {"field": set(ds.fields["field_id"]), "program": set(ds.programs["program_id"]),
            "bureau": set(ds.bureaus["bureau_id"]), "project": set(ds.projects["project_id"]),
            "tie-up": set(ds.tieups["tieup_id"])}


def _text(value, key: str, limit: int) -> str:
    if not isinstance(value, str):
        raise ViewFileError(f"'{key}' must be text")
    if len(value) > limit:
        raise ViewFileError(f"'{key}' is longer than {limit} characters")
    if any(ord(char) < 32 and char not in "\t" for char in value):
        raise ViewFileError(f"'{key}' holds control characters")
    return value


def _ids(value, key: str) -> tuple[str, ...]:
    if not isinstance(value, list) or len(value) > MAX_IDS:
        raise ViewFileError(f"'{key}' must be a list of at most {MAX_IDS} ids")
    return tuple(dict.fromkeys(_text(each, key, MAX_ID_CHARS) for each in value))


def _optional_id(value, key: str) -> str | None:
    return None if value is None else _text(value, key, MAX_ID_CHARS)


def _flag(value, key: str) -> bool:
    if not isinstance(value, bool):
        raise ViewFileError(f"'{key}' must be true or false")
    return value


def _year(value) -> int | None:
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or not 1900 <= value <= 2200:
        raise ViewFileError("'fiscal_year' must be a year or null")
    return value


def _number(value, key: str, low: float, high: float) -> float:
    if not isinstance(value, (int, float)) or isinstance(value, bool) \
            or not math.isfinite(value) or not low <= value <= high:
        raise ViewFileError(f"'{key}' must be a number from {low:g} to {high:g}")
    return float(value)


def _center(value) -> dict | None:
    if value is None:
        return None
    if not isinstance(value, dict) or set(value) != {"lat", "lon", "zoom"}:
        raise ViewFileError("'center' must hold lat, lon and zoom")
    return {"lat": _number(value["lat"], "center.lat", -90, 90),
            "lon": _number(value["lon"], "center.lon", -540, 540),
            "zoom": _number(value["zoom"], "center.zoom", 0, 22)}


def _bounds(value) -> list | None:
    if value is None:
        return None
    if not (isinstance(value, list) and len(value) == 2
            and all(isinstance(corner, list) and len(corner) == 2 for corner in value)):
        raise ViewFileError("'bounds' must be [[south, west], [north, east]]")
    (south, west), (north, east) = value
    south, north = _number(south, "bounds", -90, 90), _number(north, "bounds", -90, 90)
    west, east = _number(west, "bounds", -540, 540), _number(east, "bounds", -540, 540)
    if north - south < MIN_SPAN_DEGREES:
        raise ViewFileError("'bounds' must have its north above its south (they are "
                            f"{north:g} and {south:g})")
    if east - west < MIN_SPAN_DEGREES:
        raise ViewFileError("'bounds' must have its east beyond its west (they are "
                            f"{east:g} and {west:g})")
    return [[south, west], [north, east]]
