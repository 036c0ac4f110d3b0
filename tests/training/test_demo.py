"""Training's demo data: idempotent, and made only in the districts it names.
A city bureau account stands in for the logins seeder; without residents only
the catalogue side is made."""

import random

import pytest

from tests.factories.region import DistrictFactory
from training.demo import seed_training
from training.models import Catalogue, CatalogueStatus, Course, Provider, TrainingClass

pytestmark = pytest.mark.django_db


def counts():
    return [m.objects.count() for m in (Catalogue, Course, Provider, TrainingClass)]


def test_seeding_twice_changes_nothing_and_publishes_a_catalogue_with_courses(city_bureau):
    DistrictFactory(code="370402", name="市中区")
    seed_training(scale="small", rng=random.Random(2))
    first = counts()
    seed_training(scale="small", rng=random.Random(2))

    assert counts() == first
    assert Course.objects.filter(catalogue__status=CatalogueStatus.PUBLISHED).exists()


def test_a_district_the_demo_does_not_name_gets_nothing(city_bureau):
    DistrictFactory(code="370499")
    seed_training(scale="small", rng=random.Random(2))

    assert counts() == [0, 0, 0, 0]
