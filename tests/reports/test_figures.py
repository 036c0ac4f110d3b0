"""Satisfaction figures per community and per station."""

from django.utils import timezone

from reports.figures import compute_satisfaction, compute_satisfaction_per_station
from stations.figures import Period
from tests.factories import StationFactory
from tests.factories.reports import SatisfactionResponseFactory


def this_month() -> Period:
    today = timezone.localdate()
    return Period(today.replace(day=1), today, "now")


def test_ratings_of_four_and_five_count_as_satisfied_in_the_stations_community(community, other_community):
    station = StationFactory(community=community)
    for rating in (5, 4, 2):
        SatisfactionResponseFactory(station=station, rating=rating)
    SatisfactionResponseFactory(station=StationFactory(community=other_community), rating=5)

    values = compute_satisfaction(period=this_month(), community_ids=[community.pk])

    assert set(values) == {community.pk}
    row = values[community.pk]
    assert (row["satisfaction_responses"], row["satisfaction_satisfied"], row["satisfaction_points"]) == (3, 2, 11)


def test_per_station_figures_are_keyed_by_station(community):
    first, second = StationFactory(community=community), StationFactory(community=community)
    SatisfactionResponseFactory(station=first, rating=5)
    SatisfactionResponseFactory(station=second, rating=1)
    SatisfactionResponseFactory(station=second, rating=2)

    values = compute_satisfaction_per_station(period=this_month(), community_ids=[community.pk])

    assert {key: row["satisfaction_responses"] for key, row in values.items()} == {first.pk: 1, second.pk: 2}
