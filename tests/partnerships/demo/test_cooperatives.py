"""Demo cooperatives: the demo community worker's community gets its
organisations, seeded once."""

import io
import random

import pytest

from partnerships.demo.cooperatives import seed_cooperatives
from partnerships.models import LabourOrganisation
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db


def test_the_demo_community_gets_its_organisations_once(community):
    UserFactory(username="demo-community", role="community_staff", community=community)

    seed_cooperatives(scale="small", rng=random.Random(1), stdout=io.StringIO())
    made = LabourOrganisation.objects.filter(community=community).count()
    seed_cooperatives(scale="small", rng=random.Random(1), stdout=io.StringIO())

    assert made > 0 and LabourOrganisation.objects.filter(community=community).count() == made
