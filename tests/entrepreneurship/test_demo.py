import random

from entrepreneurship.demo import seed_entrepreneurship
from entrepreneurship.models import Business
from tests.factories import ResidentFactory


def test_the_seeder_records_startups_where_there_are_founders_and_only_once(community, far_community):
    for _ in range(6):
        ResidentFactory(community=community)
    ResidentFactory(community=far_community)
    seed_entrepreneurship(scale="small", rng=random.Random(1))
    businesses = set(Business.objects.values_list("pk", "community"))
    assert {c for _pk, c in businesses} == {community.pk}
    seed_entrepreneurship(scale="small", rng=random.Random(1))
    assert set(Business.objects.values_list("pk", "community")) == businesses
