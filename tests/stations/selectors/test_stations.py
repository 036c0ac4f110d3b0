"""Reads of stations (stations/selectors/stations.py): staff lists in scope, the public finder."""

import pytest
from django.http import Http404

from stations.models import StationStatus
from stations.selectors import (
    public_station_list,
    related_site_get,
    station_api_list,
    station_get,
    station_list,
    stations_in_place,
)
from tests.factories import RelatedSiteFactory, StationFactory

pytestmark = pytest.mark.django_db


def test_staff_list_the_stations_of_their_community_only(community, other_community, community_staff):
    own = StationFactory(community=community)
    StationFactory(community=other_community)
    assert list(station_list(user=community_staff)) == [own]


def test_the_public_finder_leaves_out_closed_stations(community):
    open_station = StationFactory(community=community)
    StationFactory(community=community, status=StationStatus.CLOSED)
    assert list(public_station_list()) == [open_station]


pytestmark = pytest.mark.django_db


def test_a_station_in_the_users_area_is_found(community_staff, community):
    station = StationFactory(community=community)

    assert station_get(user=community_staff, pk=station.pk) == station


def test_a_station_of_another_area_is_404(community_staff, other_community):
    elsewhere = StationFactory(community=other_community)

    with pytest.raises(Http404):
        station_get(user=community_staff, pk=elsewhere.pk)


def test_a_related_site_of_another_area_is_404(community_staff, other_community):
    elsewhere = RelatedSiteFactory(community=other_community)

    with pytest.raises(Http404):
        related_site_get(user=community_staff, pk=elsewhere.pk)


def test_the_public_api_list_leaves_out_closed_stations_and_staff_see_theirs(community_staff, community):
    open_station = StationFactory(community=community)
    closed = StationFactory(community=community, status=StationStatus.CLOSED)

    assert list(station_api_list()) == [open_station]
    assert set(station_api_list(user=community_staff)) == {open_station, closed}


def test_a_station_serving_a_community_is_in_that_place(community, sibling_community, other_community):
    serving = StationFactory(community=sibling_community)
    serving.served_communities.add(community)
    StationFactory(community=other_community)

    assert {row["pk"] for row in stations_in_place(level="community", pk=community.pk)} == {serving.pk}
