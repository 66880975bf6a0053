"""Great-circle arcs as both renderers draw them (the page and the painter).

Below page_data (which serialises them for the page) and framing (which frames the map
around them), so neither has to import the other.
"""

import numpy as np
from pyproj import Geod

ARC_POINTS = 64
COORD_DECIMALS = 4  # what the page's coordinates are rounded to: about 10 m
GEOD = Geod(ellps="WGS84")


def great_circle_array(lon1, lat1, lon2, lat2) -> np.ndarray:
    """One arc per pair of points, all in two pyproj calls instead of one call per arc: an
    array of shape (pairs, ARC_POINTS, 2) holding [lat, lon] rounded to COORD_DECIMALS.

    Each arc starts at its first point's longitude and moves in steps of less than 180°
    (``np.unwrap``), so an arc across the antimeridian stays one continuous line.
    """
    lon1, lat1, lon2, lat2 = (np.asarray(values, dtype=float) for values in
                              (lon1, lat1, lon2, lat2))
    if not len(lon1):
        return np.empty((0, ARC_POINTS, 2))
    azimuth, _back, distance = GEOD.inv(lon1, lat1, lon2, lat2)
    steps = np.linspace(0.0, 1.0, ARC_POINTS)
    shape = (len(lon1), ARC_POINTS)
    lons, lats, _ = GEOD.fwd(np.broadcast_to(lon1[:, None], shape).ravel(),
                             np.broadcast_to(lat1[:, None], shape).ravel(),
                             np.broadcast_to(azimuth[:, None], shape).ravel(),
                             (distance[:, None] * steps).ravel())
    lons = np.unwrap(np.reshape(lons, shape), period=360.0, axis=1)
    lats = np.reshape(lats, shape)
    lons[:, 0], lats[:, 0] = lon1, lat1  # exact ends, as given
    lats[:, -1] = lat2
    return np.stack([lats, lons], axis=2).round(COORD_DECIMALS)
