"""Reads of stations (stations/selectors/stations.py): staff lists in scope, the public finder."""

import pytest

from stations.models import StationStatus
from stations.selectors import public_station_list, station_list
from tests.factories import StationFactory

pytestmark = pytest.mark.django_db


def test_staff_list_the_stations_of_their_community_only(community, other_community, community_staff):
    own = StationFactory(community=community)
    StationFactory(community=other_community)
    assert list(station_list(user=community_staff)) == [own]


def test_the_public_finder_leaves_out_closed_stations(community):
    open_station = StationFactory(community=community)
    StationFactory(community=community, status=StationStatus.CLOSED)
    assert list(public_station_list()) == [open_station]
