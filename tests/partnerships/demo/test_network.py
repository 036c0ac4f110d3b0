"""Demo partner network: the demo community worker's community gets partners."""

import random

import pytest

from partnerships.demo.network import seed_network
from partnerships.models import Partner
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db


def test_the_demo_community_gets_its_partners_once(community):
    UserFactory(username="demo-community-x", role="community_staff", community=community)

    seed_network(scale="small", rng=random.Random(1))
    made = Partner.objects.filter(community=community).count()
    seed_network(scale="small", rng=random.Random(1))

    assert made > 0 and Partner.objects.filter(community=community).count() == made
