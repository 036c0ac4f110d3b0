from stations.models import Community, Role, Street, User
from tests.benchmarks.citygen.conftest import TINY


def test_city_communities_each_have_a_station_and_a_community_account(city):
    generated = Community.objects.filter(code__regex=r"^\d{6}2\d\d\d{3}$")

    assert 0 < generated.count() <= TINY["communities"]
    assert not generated.filter(stations__isnull=True).exists()
    staffed = User.objects.filter(role=Role.COMMUNITY_STAFF).values("community")
    assert not Community.objects.exclude(pk__in=staffed).exists()


def test_city_streets_and_districts_each_have_a_reviewer(city):
    officers = User.objects.filter(role=Role.STREET_OFFICER).values("street")
    assert not Street.objects.exclude(pk__in=officers).exists()
    bureaus = set(User.objects.filter(role=Role.DISTRICT_BUREAU).values_list("district_id", flat=True))
    assert bureaus >= set(Street.objects.values_list("district_id", flat=True))
