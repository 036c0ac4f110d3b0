"""The tiny city every generator test runs on."""

import random

import pytest

from benchmarks.citygen.generator import CityGenerator

TINY = {
    "streets": 6,
    "communities": 12,
    "residents": 60,
    "services": 120,
    "cases": 9,
    "employers": 6,
    "postings": 8,
    "expired_postings": 12,
    "enrolments": 120,
    "applications": 40,
    "classes": 6,
    "training_needs": 30,
    "businesses": 16,
    "loans": 6,
}


@pytest.fixture
def city(db, community, other_district):
    CityGenerator(rng=random.Random(7), sizes=TINY).run()
