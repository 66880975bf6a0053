"""The field colours stay apart for readers with colour-vision deficiency.

About one man in twenty reads colour differently; a marker's field is told by its colour on the
map, the legend, the charts and every export. Each pair of the dataset's field colours must
differ by at least ``MIN_DELTA_E`` (CIE76, in CIELab) in normal vision and under the complete
forms of the three deficiencies, simulated with Machado, Oliveira & Fernandes (2009) at
severity 1.0 (colorspacious implements their published matrices, applied in linear sRGB).
Below about 10 two small markers look the same.
"""

import csv
from itertools import combinations
from pathlib import Path

import numpy as np
import pytest
from colorspacious import cspace_convert, deltaE

FIELDS_CSV = Path(__file__).resolve().parents[2] / "geodata" / "curated" / "fields.csv"
MIN_DELTA_E = 12.0
VISIONS = {
    "normal": None,
    "deuteranopia": "deuteranomaly",
    "protanopia": "protanomaly",
    "tritanopia": "tritanomaly",
}


def field_colors() -> dict[str, str]:
    with FIELDS_CSV.open(encoding="utf-8", newline="") as handle:
        return {row["field_id"]: row["color"] for row in csv.DictReader(handle)}


def srgb1(hex_color: str) -> np.ndarray:
    text = hex_color.lstrip("#")
    return np.array([int(text[i:i + 2], 16) for i in (0, 2, 4)]) / 255.0


def seen_lab(hex_color: str, cvd_type: str | None) -> np.ndarray:
    """The colour's CIELab as a reader with this deficiency sees it (None: normal vision)."""
    rgb = srgb1(hex_color)
    if cvd_type is not None:
        space = {"name": "sRGB1+CVD", "cvd_type": cvd_type, "severity": 100}
        rgb = np.clip(cspace_convert(rgb, space, "sRGB1"), 0, 1)
    return cspace_convert(rgb, "sRGB1", "CIELab")


def closest_pair(colors: dict[str, str], cvd_type: str | None) -> tuple[float, str, str]:
    labs = {field: seen_lab(color, cvd_type) for field, color in colors.items()}
    return min((float(deltaE(labs[a], labs[b], input_space="CIELab", uniform_space="CIELab")),
                a, b) for a, b in combinations(sorted(labs), 2))


def test_the_simulation_is_machados():
    """Pure red seen with deuteranopia: Machado 2009's published matrix (severity 1.0) applied
    in linear sRGB takes (1, 0, 0) to its first column (0.367322, 0.280085, -0.011820)."""
    space = {"name": "sRGB1+CVD", "cvd_type": "deuteranomaly", "severity": 100}
    seen = cspace_convert(np.array([1.0, 0, 0]), space, "sRGB1")
    published = cspace_convert(np.array([0.367322, 0.280085, -0.011820]), "sRGB1-linear", "sRGB1")
    assert seen == pytest.approx(published, abs=1e-5)


def test_there_are_ten_field_colours_all_different():
    colors = field_colors()
    assert len(colors) == 10
    assert len({color.lower() for color in colors.values()}) == 10


@pytest.mark.parametrize("vision", VISIONS)
def test_every_two_field_colours_stay_apart(vision):
    distance, first, second = closest_pair(field_colors(), VISIONS[vision])
    assert distance >= MIN_DELTA_E, (
        f"{vision}: {first} and {second} differ by ΔE {distance:.1f} < {MIN_DELTA_E}")
