"""Stations and related sites (stations/models/stations.py): scoped by community."""

import pytest

from stations.models import Station
from tests.factories import StationFactory

pytestmark = pytest.mark.django_db


def test_staff_see_the_stations_of_their_community_only(community, other_community, community_staff):
    own = StationFactory(community=community, name="光明驿站")
    StationFactory(community=other_community)
    assert [str(s) for s in Station.objects.visible_to(community_staff)] == [str(own)] == ["光明驿站"]
