"""Demo community funds: one allocation per staffed community, seeded once."""

import random

import pytest

from partnerships.demo.funds import seed_funds
from partnerships.models import FundAllocation

pytestmark = pytest.mark.django_db


def test_each_staffed_community_gets_one_allocation_however_often_it_runs(district_bureau, community_staff):
    seed_funds(scale="small", rng=random.Random(1))
    seed_funds(scale="small", rng=random.Random(1))

    assert list(FundAllocation.objects.values_list("community", flat=True)) == [community_staff.community_id]
