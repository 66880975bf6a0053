"""Japan's territory as the Government of Japan draws it (issue 26 item 1): the Northern
Territories are Hokkaido's (Nemuro), Takeshima Shimane's, the Senkaku islands Okinawa's, in
the prefectures, the bureaus and Japan's polygon of ``countries``; no foreign country holds
them."""

import pytest
from shapely.geometry import Point

from geodata import load_dataset

#: Points on the islands (towns and summits as on GSI's maps).
NORTHERN_TERRITORIES = {
    "Etorofu (Shana)": (147.90, 45.10),
    "Kunashiri (Furukamappu)": (145.86, 44.03),
    "Shikotan (Shakotan)": (146.75, 43.80),
    "Habomai (Shibotsu)": (146.15, 43.51),
}
#: Islands under 1 km2, which Natural Earth 1:10m draws only roughly: (point, how far (km)
#: its outline may lie from the true position).
SMALL_ISLANDS = {
    "Takeshima": ((131.8667, 37.2417), 32, "chugoku", 1.0),
    "Uotsuri-jima (Senkaku)": ((123.4750, 25.7436), 47, "okinawa", 6.0),
}


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


@pytest.mark.parametrize("name", sorted(NORTHERN_TERRITORIES))
def test_the_northern_territories_are_hokkaido_not_russia(ds, name):
    point = Point(NORTHERN_TERRITORIES[name])
    holding = ds.prefectures[ds.prefectures.contains(point)]
    assert list(holding["pref_code"]) == [1]
    assert list(ds.bureaus[ds.bureaus.contains(point)]["bureau_id"]) == ["hokkaido"]
    countries = ds.countries[ds.countries.contains(point)]
    assert "RU" not in set(countries["iso_a2"]) and set(countries["iso_a2"]) <= {"JP"}


def test_russia_holds_no_island_south_of_the_urup_strait(ds):
    russia = ds.countries[ds.countries["iso_a2"] == "RU"].geometry.iloc[0]
    from shapely.geometry import box
    assert not russia.intersects(box(145.4, 43.2, 149.1, 45.6))


@pytest.mark.parametrize("name", sorted(SMALL_ISLANDS))
def test_takeshima_and_the_senkaku_islands_are_japans(ds, name):
    (lon, lat), pref_code, bureau_id, km = SMALL_ISLANDS[name]
    point = Point(lon, lat)
    degrees = km / 100  # a degree is 90-111 km here
    prefectures = ds.prefectures[ds.prefectures.distance(point) < degrees]
    assert list(prefectures["pref_code"]) == [pref_code]
    assert list(ds.bureaus[ds.bureaus.distance(point) < degrees]["bureau_id"]) == [bureau_id]
    near = ds.countries[ds.countries.distance(point) < 0.5]  # 50 km: no foreign land
    assert set(near["iso_a2"]) <= {"JP"}
