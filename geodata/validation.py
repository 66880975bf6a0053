"""Checking read layers against the schema and normalising them into typed frames.

Every check collects Problems instead of stopping at the first, so `cluster-explorer validate`
can print the whole list. The checks are vectorised: a ministry-scale file (tens of thousands
of rows) validates in well under a second.
"""

import math

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
    }
    for layer in LAYERS:
        if layer.name in typed:
            _check_rows(layer, typed[layer.name], keys, reported[layer.name], problems)
    _check_project_points(typed, problems)
    return typed, problems


def _where(layer: Layer, frame: pd.DataFrame, position: int) -> str:
    """The row's id when it has a usable one, else its 1-based row number.

    A text value in an integer key (``pref_code = 'thirteen'``) is not an id of that layer,
    so the row number locates it.
    """
    if layer.key and layer.key in frame:
        value = frame[layer.key].iloc[position]
        integer_key = layer.column(layer.key).kind == INTEGER
        if not integer_key and isinstance(value, str) and ID_PATTERN.fullmatch(value):
            return value
        if integer_key and isinstance(value, (int, np.integer)) and not isinstance(value, bool):
            return str(value)
    return f"row {position + 1}"


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
    reported: dict[str, np.ndarray] = {}
    for column in layer.columns:
        if column.name not in frame:
            if column.required:
                problems.append(Problem(layer.name, "", column.name, "missing column"))
            frame[column.name] = pd.Series([pd.NA] * len(frame), dtype="object")
            reported[column.name] = np.ones(len(frame), dtype=bool)
            continue
        frame[column.name], reported[column.name] = _typed_column(layer, frame, column,
                                                                  problems)
    return frame, reported


def _typed_column(layer: Layer, frame: pd.DataFrame, column: Column, problems: list[Problem]):
    """The column typed per the schema, and the mask of values rejected (and reported)."""
    values = frame[column.name]
    if column.kind in (INTEGER, REAL):
        return _numeric_column(layer, frame, column, problems)
    if pd.api.types.is_numeric_dtype(values.dtype) and column.kind in (ID, ID_LIST):
        bad = values.notna().to_numpy()
        for position in np.flatnonzero(bad)[:50]:
            shown = _shown(values.iloc[position])
            problems.append(Problem(layer.name, _where(layer, frame, position), column.name,
                                    f"expected text, got the number {shown}"))
        return pd.Series([pd.NA] * len(values), dtype="object"), bad
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


def _numeric_column(layer: Layer, frame: pd.DataFrame, column: Column, problems: list[Problem]):
    raw = frame[column.name]
    numbers = pd.to_numeric(raw, errors="coerce")
    blank = raw.isna() | raw.map(lambda v: isinstance(v, str) and not v.strip())
    bad = numbers.isna() & ~blank
    too_large = pd.Series(False, index=raw.index)
    if column.kind == INTEGER:
        finite = numbers.notna() & np.isfinite(numbers.astype("float64"))
        fractional = finite & (numbers.astype("float64") % 1 != 0)
        # Beyond 2**53 a stored integer has passed through a float and lost digits; saying so
        # beats loading it silently as empty.
        too_large = finite & ~fractional & (numbers.astype("float64").abs() >= 2**53)
        bad |= fractional | (numbers.notna() & ~finite)
    expected = "an integer" if column.kind == INTEGER else "a number"
    for position in np.flatnonzero((bad | too_large).to_numpy())[:50]:
        shown = _shown(raw.iloc[position])
        message = (f"expected an integer, got {shown}, too large to hold exactly"
                   if too_large.iloc[position] else f"expected {expected}, got {shown}")
        problems.append(Problem(layer.name, _where(layer, frame, position), column.name, message))
    bad |= too_large
    numbers = numbers.where(~bad)
    typed = numbers.astype("Int64") if column.kind == INTEGER else numbers.astype("Float64")
    return typed, bad.to_numpy()


def _blank(values: pd.Series) -> pd.Series:
    return values.isna() | values.map(lambda v: isinstance(v, str) and not v.strip())


def _check_rows(layer: Layer, frame: pd.DataFrame, keys: dict, reported: dict,
                problems: list[Problem]) -> None:
    for column in layer.columns:
        values = frame[column.name]
        missing = _blank(values)
        if column.required:
            for position in np.flatnonzero(missing.to_numpy() & ~reported[column.name])[:50]:
                problems.append(Problem(layer.name, _where(layer, frame, position), column.name,
                                        "required value is empty"))
        present = values[~missing]
        if column.kind == ID:
            _check_ids(layer, frame, column, present, keys, problems)
        elif column.kind == ID_LIST:
            _check_id_lists(layer, frame, column, present, keys, problems)
    if layer.key:
        _check_unique(layer, frame, problems)
    if layer.geometry:
        _check_geometry(layer, frame, problems)


def _check_ids(layer, frame, column, present, keys, problems) -> None:
    malformed = ~present.map(lambda v: ID_PATTERN.fullmatch(v) is not None)
    for position in present.index[malformed.to_numpy()][:50]:
        problems.append(Problem(layer.name, _where(layer, frame, position), column.name,
                                f"{_shown(present[position])} is not an id (lowercase letters, "
                                "digits and '-')"))
    allowed = _allowed(column, keys)
    if allowed is None:
        return
    unknown = ~malformed & ~present.isin(allowed)
    for position in present.index[unknown.to_numpy()][:50]:
        problems.append(Problem(layer.name, _where(layer, frame, position), column.name,
                                _unknown_message(column, present[position], allowed)))


def _check_id_lists(layer, frame, column, present, keys, problems) -> None:
    allowed = _allowed(column, keys)
    for position, value in present.items():
        ids = split_id_list(value)
        where = _where(layer, frame, position)
        if not ids and column.required:
            problems.append(Problem(layer.name, where, column.name, "needs at least one id"))
        for item in ids:
            if not ID_PATTERN.fullmatch(item):
                problems.append(Problem(layer.name, where, column.name,
                                        f"{_shown(item)} is not an id"))
            elif allowed is not None and item not in allowed:
                problems.append(Problem(layer.name, where, column.name,
                                        _unknown_message(column, item, allowed)))


def _allowed(column: Column, keys: dict) -> set | None:
    """The values a column may hold; None when there is nothing to check against."""
    if column.choices:
        return set(column.choices)
    if column.references:
        return keys.get(column.references)
    return None


def _unknown_message(column: Column, value: str, allowed: set) -> str:
    what = f"unknown {column.references.rstrip('s')}" if column.references else "not one of"
    if column.references == "bureaus":
        what = "unknown bureau"
    choices = sorted(str(choice) for choice in allowed)
    listed = ", ".join(choices[:12]) + (", …" if len(choices) > 12 else "")
    return f"{what} {_shown(value)} (valid: {listed or 'none defined'})"


def _check_unique(layer: Layer, frame: pd.DataFrame, problems: list[Problem]) -> None:
    values = frame[layer.key]
    duplicated = values.notna() & values.duplicated(keep="first")
    for position in np.flatnonzero(duplicated.to_numpy())[:50]:
        # the id names two rows, so the row number is what locates the second one
        problems.append(Problem(layer.name, f"row {position + 1}", layer.key,
                                f"duplicate id {_shown(values.iloc[position])}"))


def _check_geometry(layer: Layer, frame: pd.DataFrame, problems: list[Problem]) -> None:
    if not isinstance(frame, gpd.GeoDataFrame):
        return
    geometry = frame.geometry.array
    missing = shapely.is_missing(geometry) | shapely.is_empty(geometry)
    wanted = ("Point",) if layer.geometry == "Point" else ("Polygon", "MultiPolygon")
    types = frame.geometry.geom_type
    wrong_type = ~missing & ~types.isin(wanted).to_numpy()
    invalid = ~missing & ~wrong_type & ~shapely.is_valid(geometry)
    for mask, message in (
        (missing, "missing or empty geometry"),
        (invalid, "invalid geometry"),
    ):
        for position in np.flatnonzero(mask)[:50]:
            problems.append(Problem(layer.name, _where(layer, frame, position), "geometry",
                                    message))
    for position in np.flatnonzero(wrong_type)[:50]:
        problems.append(Problem(layer.name, _where(layer, frame, position), "geometry",
                                f"expected {layer.geometry}, got {types.iloc[position]}"))


def _check_project_points(typed: dict, problems: list[Problem]) -> None:
    """Projects must lie in Japan, and in the bureau they name."""
    projects = typed.get("projects")
    if not isinstance(projects, gpd.GeoDataFrame) or projects.empty:
        return
    points = projects.geometry.array
    usable = np.asarray(shapely.get_type_id(points) == 0) & ~shapely.is_empty(points)
    layer = LAYERS_BY_NAME["projects"]
    bureau_shapes = _usable_bureau_shapes(typed.get("bureaus"))
    lon_min, lat_min, lon_max, lat_max = JAPAN_BOUNDS
    xs = np.full(len(points), np.nan)
    ys = np.full(len(points), np.nan)
    xs[usable] = shapely.get_x(points[usable])  # empty points have no coordinates to read
    ys[usable] = shapely.get_y(points[usable])
    in_box = (xs >= lon_min) & (xs <= lon_max) & (ys >= lat_min) & (ys <= lat_max)
    for position in np.flatnonzero(usable & ~in_box)[:50]:
        problems.append(Problem("projects", _where(layer, projects, position), "geometry",
                                f"point ({xs[position]:.4f}, {ys[position]:.4f}) is outside Japan"))
    if not bureau_shapes:
        return
    for position in np.flatnonzero(usable & in_box):
        bureau_id = projects["bureau_id"].iloc[position]
        shape = bureau_shapes.get(bureau_id)
        if shape is None or shapely.dwithin(shape, points[position], COAST_TOLERANCE):
            continue
        inside = [bid for bid, other in bureau_shapes.items()
                  if shapely.dwithin(other, points[position], COAST_TOLERANCE)]
        actual = f"it lies in {inside[0]}" if inside else "it lies outside Japan's land"
        problems.append(Problem("projects", _where(layer, projects, position), "geometry",
                                f"point is not in bureau {bureau_id!r}: {actual}"))


def _usable_bureau_shapes(bureaus) -> dict:
    if not isinstance(bureaus, gpd.GeoDataFrame) or bureaus.empty:
        return {}
    geometry = bureaus.geometry.array
    # A bureau drawn as a point or a line is reported by the geometry check; it cannot say
    # which projects lie in the bureau, so it is not used to place them.
    polygonal = np.isin(shapely.get_type_id(geometry), POLYGONAL_TYPE_IDS)
    good = (~(shapely.is_missing(geometry) | shapely.is_empty(geometry))
            & shapely.is_valid(geometry) & polygonal)
    shapes = {}
    for bureau_id, shape, ok in zip(bureaus["bureau_id"], geometry, good, strict=True):
        if ok and isinstance(bureau_id, str):
            shapely.prepare(shape)
            shapes[bureau_id] = shape
    return shapes
