import random

from benchmarks.citygen.generator import CityGenerator
from benchmarks.citygen.profiles import PROFILES


def test_city_profile_is_zaozhuangs_real_size():
    city = PROFILES["city"]
    assert city["residents"] == 2_000_000
    assert city["services"] == 8_000_000
    assert city["cases"] == 150_000
    assert city["employers"] == 30_000
    assert (city["postings"], city["expired_postings"]) == (50_000, 500_000)
    assert city["enrolments"] == 300_000
    assert PROFILES["city500k"]["residents"] == 500_000


def test_unemployed_share_follows_the_profile_when_only_residents_are_given():
    generator = CityGenerator(rng=random.Random(3), sizes={"residents": 1000}, profile="city")
    assert generator.sizes["cases"] == 75  # 150,000 of 2,000,000
