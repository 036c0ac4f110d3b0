"""Households (stations/models/households.py): named by address, scoped by community."""

import pytest

from stations.models import Household
from tests.factories.residents import HouseholdFactory

pytestmark = pytest.mark.django_db


def test_a_household_reads_as_its_address_or_else_its_number(community):
    assert str(HouseholdFactory(community=community, address="光明路1号")) == "光明路1号"
    unnamed = HouseholdFactory(community=community, address="")
    assert str(unnamed) == f"#{unnamed.pk}"


def test_staff_see_the_households_of_their_community_only(community, other_community, community_staff):
    own = HouseholdFactory(community=community)
    HouseholdFactory(community=other_community)
    assert list(Household.objects.visible_to(community_staff)) == [own]
