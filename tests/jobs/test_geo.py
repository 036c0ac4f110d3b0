import pytest

from jobs.geo import bounding_box, haversine_km


def test_a_hundredth_of_a_degree_of_latitude_is_about_1_1_km():
    assert haversine_km(34.86, 117.55, 34.87, 117.55) == pytest.approx(1.112, abs=0.001)


def test_the_bounding_box_reaches_the_radius_in_each_direction():
    lat, lng, radius = 34.86, 117.55, 5
    min_lat, max_lat, min_lng, max_lng = bounding_box(lat, lng, radius)

    assert haversine_km(lat, lng, max_lat, lng) == pytest.approx(radius, rel=1e-6)
    assert haversine_km(lat, lng, min_lat, lng) == pytest.approx(radius, rel=1e-6)
    assert haversine_km(lat, lng, lat, max_lng) == pytest.approx(radius, rel=1e-4)
    assert haversine_km(lat, lng, lat, min_lng) == pytest.approx(radius, rel=1e-4)
