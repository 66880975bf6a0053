"""Checking read layers against the schema and normalising them into typed frames.

Every check collects Problems instead of stopping at the first, so `cluster-explorer validate`
can print the whole list, and every problem is kept: a summary may show only the first of each
kind, but it counts them all. The checks are vectorised: a ministry-scale file (tens of
thousands of rows) validates in well under a second, and a file with a mistake on each of
50,000 rows in about a second.
"""

import math
import re
from dataclasses import dataclass, field

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geodata.errors import Problem
from geodata.schema import ID, ID_LIST, INTEGER, LAYERS, LAYERS_BY_NAME, REAL, Column, Layer
from geodata.vocabulary import ID_PATTERN, JAPAN_BOUNDS, split_id_list

MAX_SHOWN_VALUE = 60
# A project point may sit this far (degrees, ~2 km) off its bureau's simplified coastline.
COAST_TOLERANCE = 0.02
POLYGONAL_TYPE_IDS = (shapely.GeometryType.POLYGON, shapely.GeometryType.MULTIPOLYGON)
# Every layer is stored in EPSG:4326 degrees within these limits; the map page, not the data,
# shifts the Americas east across the antimeridian.
LONGITUDE_LIMIT = 180.0
LATITUDE_LIMIT = 90.0
# Degrees (about 0.1 mm) a coordinate may pass a limit by: a world layer reprojected from, say,
# Equal Earth comes back with longitude 180 plus a few units in the last place.
ROUNDING_SLACK = 1e-9


@dataclass
class _Report:
    """Where one layer's problems go, locating each row the first time a problem needs it."""

    layer: Layer
    frame: pd.DataFrame
    problems: list[Problem]
    _labels: np.ndarray | None = field(default=None, repr=False)

    def add(self, positions, column: str, messages) -> None:
        """One problem per row position; ``messages`` is one text for all, or one per row."""
        positions = np.asarray(positions, dtype=np.intp)
        if not len(positions):
            return
        if isinstance(messages, str):
            messages = [messages] * len(positions)
        labels = self.labels[positions]
        self.problems.extend(Problem(self.layer.name, where, column, message)
                             for where, message in zip(labels, messages, strict=True))

    @property
    def labels(self) -> np.ndarray:
        if self._labels is None:
            self._labels = _row_labels(self.layer, self.frame)
        return self._labels


_REFERENCED = frozenset(column.references for layer in LAYERS for column in layer.columns
                        if column.references)
"""The layers whose ids another layer's column names (no other layer's ids are collected)."""


def normalise_and_check(frames: dict[str, pd.DataFrame]) -> tuple[dict, list[Problem]]:
    """Type every layer, then check keys and cross-layer references and geometries."""
    problems: list[Problem] = []
    typed: dict[str, pd.DataFrame] = {}
    reported: dict[str, dict[str, np.ndarray]] = {}
    for name, frame in frames.items():
        layer = LAYERS_BY_NAME[name]
        typed[name], reported[name] = _typed_layer(layer, frame, problems)
    # Only layers read with their key column define ids. A reference to a layer that is missing
    # or unreadable is not checked: that layer's own problem says what is wrong, and calling
    # every reference to it "unknown" would bury that one line under hundreds.
    keys = {
        layer.name: set(typed[layer.name][layer.key].dropna())
        for layer in LAYERS
        if layer.key and layer.name in frames and layer.key in frames[layer.name]
        and layer.name in _REFERENCED
    }
    for layer in LAYERS:
        if layer.name in typed:
            report = _Report(layer, typed[layer.name], problems)
            _check_rows(report, keys, reported[layer.name])
    _check_project_points(typed, problems)
    return typed, problems


def normalise(frames: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Type every layer as ``normalise_and_check`` does, without checking it: for the layers of
    a file validated whole before (an export reads only what it draws, geodata/loading.py).
    A column not read comes back empty."""
    problems: list[Problem] = []  # a column not read is "missing": expected here
    return {name: _typed_layer(LAYERS_BY_NAME[name], frame, problems)[0]
            for name, frame in frames.items()}


def _row_labels(layer: Layer, frame: pd.DataFrame) -> np.ndarray:
    """Per row, its id when it has a usable one, else its 1-based row number.

    A text value in an integer key (``pref_code = 'thirteen'``) is not an id of that layer,
    so the row number locates it.
    """
    labels = np.array([f"row {number}" for number in range(1, len(frame) + 1)], dtype=object)
    if layer.key and layer.key in frame:
        keys = frame[layer.key]
        usable = keys.map(_is_integer if layer.column(layer.key).kind == INTEGER else _is_id)
        usable = usable.to_numpy(dtype=bool)
        labels[usable] = keys[usable].map(str).to_numpy(dtype=object)
    return labels


def _is_integer(value: object) -> bool:
    return isinstance(value, (int, np.integer)) and not isinstance(value, bool)


def _is_id(value: object) -> bool:
    return isinstance(value, str) and ID_PATTERN.fullmatch(value) is not None


def _shown(value: object) -> str:
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= MAX_SHOWN_VALUE else text[: MAX_SHOWN_VALUE - 1] + "…"


def _typed_layer(layer: Layer, frame: pd.DataFrame,
                 problems: list[Problem]) -> tuple[pd.DataFrame, dict[str, np.ndarray]]:
    """The layer with every schema column typed, and per column the rows already reported.

    A missing column or a value of the wrong type is reported here and emptied; the row checks
    skip those rows so that one mistake is not reported a second time as "required value is
    empty".
    """
    frame = frame.reset_index(drop=True)
    report = _Report(layer, frame.copy(deep=False), problems)  # located by the ids as read
    reported: dict[str, np.ndarray] = {}
    for column in layer.columns:
        if column.name not in frame:
            if column.required:
                problems.append(Problem(layer.name, "", column.name, "missing column"))
            frame[column.name] = pd.Series([pd.NA] * len(frame), dtype="object")
            reported[column.name] = np.ones(len(frame), dtype=bool)
            continue
        frame[column.name], reported[column.name] = _typed_column(report, frame[column.name],
                                                                  column)
    return frame, reported


def _typed_column(report: _Report, values: pd.Series, column: Column):
    """The column typed per the schema, and the mask of values rejected (and reported)."""
    if column.kind in (INTEGER, REAL):
        return _numeric_column(report, values, column)
    if pd.api.types.is_numeric_dtype(values.dtype) and column.kind in (ID, ID_LIST):
        bad = values.notna().to_numpy()
        positions = np.flatnonzero(bad)
        report.add(positions, column.name, [f"expected text, got the number {_shown(value)}"
                                            for value in values.to_numpy()[positions]])
        return pd.Series([pd.NA] * len(values), dtype="object"), bad
    if _holds_text(values) and pd.api.types.infer_dtype(values, skipna=True) == "string":
        typed = values.astype("object")  # text already, as nearly every column read is
    else:
        typed = values.map(_as_text, na_action="ignore").astype("object")
    return typed, np.zeros(len(values), dtype=bool)


def _as_text(value: object) -> object:
    if isinstance(value, str):
        return value
    if isinstance(value, float) and math.isnan(value):
        return pd.NA
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    return str(value)


def _numeric_column(report: _Report, raw: pd.Series, column: Column):
    """The column as Int64 or Float64; text, fractions in integers, integers too large to hold
    exactly and infinities are reported and emptied.

    An infinity cannot be drawn, summed or written as JSON for the map page: it would fail far
    from here, in a worker thread, long after the file was called valid.
    """
    numbers = pd.to_numeric(raw, errors="coerce")
    floats = numbers.astype("float64")
    blank = _blank(raw)
    not_a_number = (numbers.isna() & ~blank).to_numpy()
    infinite = (numbers.notna() & ~np.isfinite(floats)).to_numpy()
    fractional = too_large = np.zeros(len(raw), dtype=bool)
    if column.kind == INTEGER:
        finite = (numbers.notna() & np.isfinite(floats)).to_numpy()
        fractional = finite & (floats.to_numpy() % 1 != 0)
        # Beyond 2**53 a stored integer has passed through a float and lost digits; saying so
        # beats loading it silently as empty.
        too_large = finite & ~fractional & (np.abs(floats.to_numpy()) >= 2**53)
    bad = not_a_number | infinite | fractional | too_large
    positions = np.flatnonzero(bad)
    report.add(positions, column.name, [
        _number_message(column, _shown(value), endless, big)
        for value, endless, big in zip(raw.to_numpy()[positions], infinite[positions],
                                       too_large[positions], strict=True)])
    numbers = numbers.where(~bad)
    typed = numbers.astype("Int64") if column.kind == INTEGER else numbers.astype("Float64")
    return typed, bad


def _number_message(column: Column, shown: str, infinite: bool, too_large: bool) -> str:
    if column.kind == REAL:
        return f"expected a {'finite ' if infinite else ''}number, got {shown}"
    if too_large:
        return f"expected an integer, got {shown}, too large to hold exactly"
    return f"expected an integer, got {shown}"


def _blank(values: pd.Series) -> pd.Series:
    """Missing, or text of nothing but whitespace.

    Only a text or object column can hold text; its strings are tested by ``str`` methods run
    from pandas' C loop (a Python lambda per value cost a second on a 100,000-row layer).
    """
    if values.dtype == object and pd.api.types.infer_dtype(values, skipna=False) == "string":
        # nothing but text, so nothing missing: one type scan in C instead of isna's (a
        # tenth of the time on a 100,000-row column)
        missing = pd.Series(False, index=values.index)
        present = np.ones(len(values), dtype=bool)
        texts, kind = values, "string"
    else:
        missing = values.isna()
        if not _holds_text(values):
            return missing
        present = ~missing.to_numpy()
        texts = values[present]
        kind = pd.api.types.infer_dtype(texts, skipna=False)
    if kind == "empty":
        return missing
    if kind != "string":
        return missing | values.map(lambda v: isinstance(v, str) and not v.strip())
    blank = ~present
    joined = "\0".join(texts.to_numpy(dtype=object))
    if _BLANK_AMONG.search(f"\0{joined}\0") is not None:
        blank[present] = (texts.eq("") | texts.str.isspace()).to_numpy(dtype=bool)
    return pd.Series(blank, index=values.index)


_BLANK_AMONG = re.compile(r"\0\s*\0")
"""In texts joined and enclosed by NUL: an empty or whitespace-only one (``\\s`` is
``str.isspace``).

One search in C over the joined column tells a column with no blank text (nearly every
column read) from one with some; only then is each value tested. A NUL inside a text can
make it look blank here, never hide a blank one: the test per value decides.
"""


def _holds_text(values: pd.Series) -> bool:
    """Whether the column can hold text: pandas' string dtype, or Python objects."""
    return values.dtype == object or isinstance(values.dtype, pd.StringDtype)


def _check_rows(report: _Report, keys: dict, reported: dict) -> None:
    layer, frame = report.layer, report.frame
    key_codes = None
    for column in layer.columns:
        values = frame[column.name]
        if column.kind in (ID, ID_LIST) or column.form:
            distinct = _Distinct.of(values, of_ids=column.kind == ID)
            missing = distinct.blank_rows()
            if column.name == layer.key:
                key_codes = distinct.codes
        elif column.required:
            missing = _blank(values).to_numpy(dtype=bool)
        else:
            continue  # free text that may be empty: nothing to check
        if column.required:
            report.add(np.flatnonzero(missing & ~reported[column.name]),
                       column.name, "required value is empty")
        if column.kind == ID:
            _check_ids(report, column, distinct, keys)
        elif column.kind == ID_LIST:
            _check_id_lists(report, column, distinct, keys)
        elif column.form:
            _check_form(report, column, distinct)
    if layer.key:
        _check_unique(report, key_codes)
    if layer.geometry:
        _check_geometry(report)


@dataclass
class _Distinct:
    """A text column as its distinct values and, per row, the index of its value (-1 where it
    is missing): each check tests every distinct value once, not every row (100,000 projects
    name a few thousand programme lists and nine bureaus)."""

    codes: np.ndarray
    values: np.ndarray
    blank: np.ndarray  # per distinct value, whether it is empty or only whitespace
    ids: np.ndarray | None = None  # per distinct value, whether it is an id (id columns)

    @classmethod
    def of(cls, column: pd.Series, of_ids: bool = False) -> "_Distinct":
        codes, values = pd.factorize(column.to_numpy(dtype=object))
        values = np.asarray(values, dtype=object)
        if not of_ids:
            return cls(codes, values, _blank(pd.Series(values, dtype=object)).to_numpy(bool))
        ids = _are_ids(values)
        blank = np.zeros(len(values), dtype=bool)  # an id is never blank
        blank[~ids] = _blank(pd.Series(values[~ids], dtype=object)).to_numpy(bool)
        return cls(codes, values, blank, ids)

    def blank_rows(self) -> np.ndarray:
        """Per row, whether it is missing or blank."""
        return self.rows_where(self.blank, missing=True)

    def rows_where(self, per_value: np.ndarray, missing: bool = False) -> np.ndarray:
        """Per row, ``per_value`` of its value (``missing`` where it has none)."""
        return np.append(per_value, missing)[self.codes]  # code -1 takes the appended one

    def present(self) -> np.ndarray:
        """Per distinct value, whether it is not blank."""
        return ~self.blank


def _check_ids(report: _Report, column: Column, distinct: _Distinct, keys: dict) -> None:
    malformed = distinct.present() & ~distinct.ids
    rows = np.flatnonzero(distinct.rows_where(malformed))
    report.add(rows, column.name,
               [f"{_shown(value)} is not an id (lowercase letters, digits and '-')"
                for value in distinct.values[distinct.codes[rows]]])
    allowed = _allowed(column, keys)
    if allowed is None:
        return
    known = np.fromiter(map(allowed.__contains__, distinct.values), dtype=bool,
                        count=len(distinct.values))
    unknown = distinct.present() & ~malformed & ~known
    if unknown.any():
        valid = _valid_listing(allowed)
        rows = np.flatnonzero(distinct.rows_where(unknown))
        report.add(rows, column.name, [_unknown_message(column, value, valid)
                                       for value in distinct.values[distinct.codes[rows]]])


def _check_id_lists(report: _Report, column: Column, distinct: _Distinct, keys: dict) -> None:
    allowed = _allowed(column, keys)
    present = distinct.present()
    if _all_good_lists(distinct.values[present], allowed):
        return
    valid = ""  # the listing of valid ids, made when the first unknown one needs it
    said: list[list[str]] = []  # per distinct value, its messages
    for value, filled in zip(distinct.values, present, strict=True):
        messages = []
        ids = split_id_list(value) if filled else []
        if filled and not ids and column.required:
            messages.append("needs at least one id")
        for item in ids:
            if not ID_PATTERN.fullmatch(item):
                messages.append(f"{_shown(item)} is not an id")
            elif allowed is not None and item not in allowed:
                valid = valid or _valid_listing(allowed)
                messages.append(_unknown_message(column, item, valid))
        said.append(messages)
    wrong = np.fromiter(map(bool, said), dtype=bool, count=len(said))
    positions, messages = [], []
    for row in np.flatnonzero(distinct.rows_where(wrong)):
        for message in said[distinct.codes[row]]:
            positions.append(row)
            messages.append(message)
    report.add(positions, column.name, messages)


def _all_good_lists(values: np.ndarray, allowed: set | None) -> bool:
    """Whether every value is ``id;id;…`` of well-formed ids, without blanks or spaces, each
    one allowed: one regular expression over the values joined, in C, and one set difference
    (the lists of nearly every file); only otherwise is each value split and said."""
    if not len(values):
        return True
    if pd.api.types.infer_dtype(values, skipna=False) != "string":
        return False
    joined = ";".join(values)
    if _ID_LISTS.fullmatch(joined) is None:
        return False
    return allowed is None or not set(joined.split(";")) - allowed - {""}


def _check_form(report: _Report, column: Column, distinct: _Distinct) -> None:
    """Text that must have a fixed shape, such as a colour the map writes into its styles."""
    pattern = column.form.pattern
    wrong = distinct.present() & ~np.fromiter(
        (isinstance(value, str) and pattern.fullmatch(value) is not None
         for value in distinct.values), dtype=bool, count=len(distinct.values))
    rows = np.flatnonzero(distinct.rows_where(wrong))
    report.add(rows, column.name, [f"{_shown(value)} is not {column.form.name}"
                                   for value in distinct.values[distinct.codes[rows]]])


def _are_ids(values: np.ndarray) -> np.ndarray:
    """Per value, whether it is a well-formed id.

    The values are matched at once, joined by newlines (which no id holds), by one regular
    expression in C; only when that finds a malformed one, or a value holds a newline of its
    own (``'tama\\nkinki'`` would read as two ids), is each value tested.
    """
    if pd.api.types.infer_dtype(values, skipna=False) == "string":
        joined = "\n".join(values)
        if joined.count("\n") == len(values) - 1 and _ID_LINES.fullmatch(joined) is not None:
            return np.ones(len(values), dtype=bool)
    return np.fromiter((isinstance(value, str) and ID_PATTERN.fullmatch(value) is not None
                        for value in values), dtype=bool, count=len(values))


_ID_LINES = re.compile(f"(?:{ID_PATTERN.pattern})(?:\n(?:{ID_PATTERN.pattern}))*")
"""Newline-separated ids, every one matching ID_PATTERN."""
_ID_LISTS = re.compile(f"(?:{ID_PATTERN.pattern})(?:;(?:{ID_PATTERN.pattern}))*")
"""Ids separated by ``;``, every one matching ID_PATTERN, with nothing else between them."""


def _allowed(column: Column, keys: dict) -> set | None:
    """The values a column may hold; None when there is nothing to check against."""
    if column.choices:
        return set(column.choices)
    if column.references:
        return keys.get(column.references)
    return None


def _valid_listing(allowed: set) -> str:
    """The first dozen valid values, for every "unknown" message of one check."""
    choices = sorted(str(choice) for choice in allowed)
    listed = ", ".join(choices[:12]) + (", …" if len(choices) > 12 else "")
    return listed or "none defined"


def _unknown_message(column: Column, value: str, valid: str) -> str:
    what = f"unknown {column.references.rstrip('s')}" if column.references else "not one of"
    if column.references == "bureaus":
        what = "unknown bureau"
    return f"{what} {_shown(value)} (valid: {valid})"


def _check_unique(report: _Report, codes: np.ndarray | None) -> None:
    """A key that names two rows; ``codes`` are the key's distinct-value codes when the key
    column was factorised already (an id key), else it is hashed here."""
    key = report.layer.key
    values = report.frame[key]
    if codes is None:
        duplicate = (values.notna() & values.duplicated(keep="first")).to_numpy()
    else:
        duplicate = (codes >= 0) & pd.Series(codes).duplicated(keep="first").to_numpy()
    # the id names two rows, so the row number is what locates the second one
    report.problems.extend(
        Problem(report.layer.name, f"row {position + 1}", key,
                f"duplicate id {_shown(values.iloc[position])}")
        for position in np.flatnonzero(duplicate))


def _check_geometry(report: _Report) -> None:
    layer, frame = report.layer, report.frame
    if not isinstance(frame, gpd.GeoDataFrame):
        return
    geometry = frame.geometry.array
    missing = shapely.is_missing(geometry) | shapely.is_empty(geometry)
    wanted = ("Point",) if layer.geometry == "Point" else ("Polygon", "MultiPolygon")
    types = frame.geometry.geom_type
    wrong_type = ~missing & ~types.isin(wanted).to_numpy()
    off_globe, first_off = _off_the_globe(geometry)
    off_globe &= ~missing & ~wrong_type
    # a coordinate off the globe also makes the shape invalid: one mistake, one problem
    invalid = ~missing & ~wrong_type & ~off_globe & ~shapely.is_valid(geometry)
    report.add(np.flatnonzero(missing), "geometry", "missing or empty geometry")
    report.add(np.flatnonzero(invalid), "geometry", "invalid geometry")
    positions = np.flatnonzero(wrong_type)
    report.add(positions, "geometry", [f"expected {layer.geometry}, got {types.iloc[position]}"
                                       for position in positions])
    positions = np.flatnonzero(off_globe)
    report.add(positions, "geometry", [_off_globe_message(*first_off[position])
                                       for position in positions])


def _off_the_globe(geometry: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per geometry, whether a coordinate is not a finite longitude/latitude in degrees, and
    the first such coordinate (NaN where there is none).

    Checked over every vertex at once: a polygon with one vertex past the pole is as undrawable
    as a point at longitude 1e6, and either would fail later, inside GEOS or a JSON encoder.
    """
    coordinates, owners = shapely.get_coordinates(geometry, return_index=True)
    lon, lat = coordinates[:, 0], coordinates[:, 1]
    # NaN compares false, so a non-finite coordinate is off the globe too
    off = ~((np.abs(lon) <= LONGITUDE_LIMIT + ROUNDING_SLACK)
            & (np.abs(lat) <= LATITUDE_LIMIT + ROUNDING_SLACK))
    shapes_off, first_index = np.unique(owners[off], return_index=True)
    is_off = np.zeros(len(geometry), dtype=bool)
    is_off[shapes_off] = True
    first = np.full((len(geometry), 2), np.nan)
    first[shapes_off] = coordinates[off][first_index]
    return is_off, first


def _off_globe_message(lon: float, lat: float) -> str:
    if not (math.isfinite(lon) and math.isfinite(lat)):
        return f"coordinate ({lon:.10g}, {lat:.10g}) is not a finite number"
    wrong = []
    if abs(lon) > LONGITUDE_LIMIT + ROUNDING_SLACK:
        wrong.append(f"longitude {lon:.10g} is outside -180..180")
    if abs(lat) > LATITUDE_LIMIT + ROUNDING_SLACK:
        wrong.append(f"latitude {lat:.10g} is outside -90..90")
    swapped = abs(lat) > LATITUDE_LIMIT + ROUNDING_SLACK and abs(lon) <= LATITUDE_LIMIT
    return "; ".join(wrong) + (" (longitude and latitude swapped?)" if swapped else "")


def _on_the_globe(geometry: np.ndarray) -> np.ndarray:
    """Shapes present, not empty and with every coordinate a longitude/latitude."""
    present = ~(shapely.is_missing(geometry) | shapely.is_empty(geometry))
    return present & ~_off_the_globe(geometry)[0]


def _check_project_points(typed: dict, problems: list[Problem]) -> None:
    """Projects must lie in Japan, and in the bureau they name."""
    projects = typed.get("projects")
    if not isinstance(projects, gpd.GeoDataFrame) or projects.empty:
        return
    points = projects.geometry.array
    # a point off the globe or of the wrong type is reported by the geometry check alone
    usable = np.asarray(shapely.get_type_id(points) == 0) & _on_the_globe(points)
    report = _Report(LAYERS_BY_NAME["projects"], projects, problems)
    bureau_shapes = _usable_bureau_shapes(typed.get("bureaus"))
    lon_min, lat_min, lon_max, lat_max = JAPAN_BOUNDS
    xs = np.full(len(points), np.nan)
    ys = np.full(len(points), np.nan)
    xs[usable] = shapely.get_x(points[usable])  # empty points have no coordinates to read
    ys[usable] = shapely.get_y(points[usable])
    in_box = (xs >= lon_min) & (xs <= lon_max) & (ys >= lat_min) & (ys <= lat_max)
    positions = np.flatnonzero(usable & ~in_box)
    report.add(positions, "geometry",
               [f"point ({xs[position]:.4f}, {ys[position]:.4f}) is outside Japan"
                for position in positions])
    if bureau_shapes:
        _check_points_in_bureaus(report, points, np.flatnonzero(usable & in_box), bureau_shapes)


def _check_points_in_bureaus(report: _Report, points: np.ndarray, positions: np.ndarray,
                             bureau_shapes: dict) -> None:
    """Each point against its own bureau, all the points of one bureau at once; only the few
    outside it are then tested against every bureau, to say where they lie instead."""
    bureau_ids = report.frame["bureau_id"].iloc[positions]
    codes, named = pd.factorize(bureau_ids.to_numpy(dtype=object))  # a missing id: -1
    code_of = {bureau_id: code for code, bureau_id in enumerate(named)}
    outside = np.zeros(len(positions), dtype=bool)
    for bureau_id, shape in bureau_shapes.items():
        mine = codes == code_of.get(bureau_id, -2)  # an empty id is nobody's
        outside[mine] = ~shapely.dwithin(shape, points[positions[mine]], COAST_TOLERANCE)
    messages = []
    for position, bureau_id in zip(positions[outside], bureau_ids[outside], strict=True):
        inside = [bid for bid, other in bureau_shapes.items()
                  if shapely.dwithin(other, points[position], COAST_TOLERANCE)]
        actual = f"it lies in {inside[0]}" if inside else "it lies outside Japan's land"
        messages.append(f"point is not in bureau {bureau_id!r}: {actual}")
    report.add(positions[outside], "geometry", messages)


def _usable_bureau_shapes(bureaus) -> dict:
    if not isinstance(bureaus, gpd.GeoDataFrame) or bureaus.empty:
        return {}
    geometry = bureaus.geometry.array
    # A bureau drawn as a point or a line, or off the globe, is reported by the geometry check;
    # it cannot say which projects lie in the bureau, so it is not used to place them.
    polygonal = np.isin(shapely.get_type_id(geometry), POLYGONAL_TYPE_IDS)
    good = _on_the_globe(geometry) & shapely.is_valid(geometry) & polygonal
    shapes = {}
    for bureau_id, shape, ok in zip(bureaus["bureau_id"], geometry, good, strict=True):
        if ok and isinstance(bureau_id, str):
            shapely.prepare(shape)
            shapes[bureau_id] = shape
    return shapes
