"""The main land of an area: the islands that make its shape, without its far-flung specks.

A bureau's boundary can reach far beyond where its land and its projects are: Kanto's includes
the Ogasawara islands 1,000 km south of Tokyo and Minami-Torishima 1,800 km to the east, so
the box around all of it squeezes the mainland into a corner. Framing the main land instead
shows what a person means by "Kanto"; the remote islands are still drawn, and seen when the
user zooms out. No Qt here.
"""

from __future__ import annotations

import shapely

MAIN_PART_SHARE = 0.05
"""A part is main land when its area is at least this share of the area of the largest part:
Okinawa keeps Ishigaki and Miyako (each over a tenth of Okinawa Island), Kanto drops Sado,
the Izu islands and Ogasawara (each under 2 % of its Honshu part)."""


def main_land(geometry, share: float = MAIN_PART_SHARE):
    """The parts of ``geometry`` (a (Multi)Polygon in degrees) whose area is at least
    ``share`` of the largest part's, as one geometry; an empty or missing one as it is.

    Areas are compared in square degrees: within one bureau the latitude changes the ratio of
    two islands by a few per cent at most, far from the 20-fold gap the share separates."""
    if geometry is None or shapely.is_empty(geometry):
        return geometry
    parts = shapely.get_parts(geometry)
    areas = shapely.area(parts)
    return shapely.union_all(parts[areas >= share * areas.max()])
