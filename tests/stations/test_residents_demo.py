import random

import pytest

from stations import demo
from stations.demo_residents import seed_residents
from stations.models import Household, Resident, UnemploymentRegistration
from stations.validators import normalize_resident_id

pytestmark = pytest.mark.django_db


def test_demo_residents_are_valid_varied_and_seeded_once():
    demo.seed_region(rng=random.Random(1))
    seed_residents(scale="small", rng=random.Random("2026-residents"))
    count = Resident.objects.count()
    assert count >= 250
    sample = Resident.objects.order_by("pk")[:50]
    assert all(normalize_resident_id(r.id_number) == r.id_number for r in sample)
    assert Resident.objects.values("employment_status").distinct().count() == 5
    assert Household.objects.filter(zero_employment_since__isnull=False).exists()
    assert UnemploymentRegistration.objects.filter(ended_on__isnull=True).count() > 10

    seed_residents(scale="small", rng=random.Random("2026-residents"))
    assert Resident.objects.count() == count
