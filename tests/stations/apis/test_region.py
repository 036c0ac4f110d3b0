"""/api/v1/ region and station endpoints."""

import pytest
from django.core.cache import cache
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from stations.models import AuditEntry, Station, StationStatus
from tests.factories import StationFactory


@pytest.fixture(autouse=True)
def _fresh_throttle():
    # Anonymous reads are throttled per address; counts live in the cache.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def staff_api(community_staff):
    client = APIClient()
    token, _ = Token.objects.get_or_create(user=community_staff)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def _ids(response):
    return {row["id"] for row in response.json()["results"]}


def _payload(place, **over):
    data = {
        "name": "API驿站",
        "community": place.pk,
        "address": "光明路2号",
        "opening_hours": "周一至周五 9:00-17:00",
        "phone": "0632-3300000",
        "services": ["job_push", "career_guidance"],
        "served_communities": [place.pk],
    }
    data.update(over)
    return data


def test_anyone_reads_the_districts(api, district, other_district):
    response = api.get("/api/v1/districts/")
    assert response.status_code == 200
    assert {d["code"] for d in response.json()["results"]} == {"370402", "370481"}


def test_streets_filter_by_district(api, street, other_street, far_community, district):
    response = api.get("/api/v1/streets/", {"district": district.pk})
    assert _ids(response) == {street.pk, other_street.pk}


def test_communities_filter_by_street_and_district(api, community, sibling_community, other_community, street):
    assert _ids(api.get("/api/v1/communities/", {"street": street.pk})) == {community.pk, sibling_community.pk}
    assert other_community.pk in _ids(api.get("/api/v1/communities/", {"district": street.district_id}))


def test_a_filter_that_is_not_an_id_answers_400_with_the_field(api, db):
    response = api.get("/api/v1/streets/", {"district": "abc"})
    assert response.status_code == 400
    assert "district" in response.json()["errors"]


def test_an_id_too_large_for_the_database_answers_400(api, db):
    assert api.get("/api/v1/communities/", {"street": "9" * 30}).status_code == 400
    assert api.get("/api/v1/stations/", {"community": str(2**64)}).status_code == 400


def test_anyone_reads_open_and_paused_stations_but_not_closed(api, community):
    open_ = StationFactory(community=community)
    paused = StationFactory(community=community, status=StationStatus.PAUSED)
    closed = StationFactory(community=community, status=StationStatus.CLOSED)
    assert _ids(api.get("/api/v1/stations/")) == {open_.pk, paused.pk}
    assert api.get(f"/api/v1/stations/{closed.pk}/").status_code == 404


def test_station_filters(api, community, other_community, far_community, district):
    here = StationFactory(community=community, name="光明驿站")
    there = StationFactory(community=other_community, name="建华驿站")
    far = StationFactory(community=far_community, name="荆河驿站")
    there.served_communities.add(community)
    assert _ids(api.get("/api/v1/stations/", {"community": community.pk})) == {here.pk, there.pk}
    assert _ids(api.get("/api/v1/stations/", {"street": community.street_id})) == {here.pk, there.pk}
    assert _ids(api.get("/api/v1/stations/", {"district": district.pk})) == {here.pk, there.pk}
    assert _ids(api.get("/api/v1/stations/", {"q": "荆河"})) == {far.pk}


def test_station_list_query_count_is_fixed(api, community, django_assert_num_queries):
    for _ in range(12):
        StationFactory(community=community)
    # count, page, services, served communities
    with django_assert_num_queries(4):
        api.get("/api/v1/stations/", {"page_size": 5})
    with django_assert_num_queries(4):
        api.get("/api/v1/stations/", {"page_size": 50})


def test_anonymous_cannot_create_a_station(api, community):
    assert api.post("/api/v1/stations/", _payload(community), format="json").status_code in (401, 403)
    assert not Station.objects.exists()


def test_staff_creates_a_station_in_scope(staff_api, community):
    response = staff_api.post("/api/v1/stations/", _payload(community), format="json")
    assert response.status_code == 201, response.json()
    station = Station.objects.get(pk=response.json()["id"])
    assert sorted(s.code for s in station.services.all()) == ["career_guidance", "job_push"]
    assert AuditEntry.objects.filter(object_id=str(station.pk), action="create").exists()


def test_staff_cannot_create_a_station_in_another_community(staff_api, other_community):
    response = staff_api.post("/api/v1/stations/", _payload(other_community), format="json")
    assert response.status_code == 400
    assert "community" in response.json()["errors"]


def test_served_community_outside_scope_answers_400(staff_api, community, other_community):
    response = staff_api.post(
        "/api/v1/stations/", _payload(community, served_communities=[other_community.pk]), format="json"
    )
    assert response.status_code == 400
    assert "served_communities" in response.json()["errors"]


def test_invalid_fields_answer_400_with_field_errors(staff_api, community):
    response = staff_api.post(
        "/api/v1/stations/",
        _payload(community, name="", latitude="north", services=["astrology"], community=2**70),
        format="json",
    )
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert {"name", "latitude", "services", "community"} <= set(errors)


def test_staff_updates_a_station_in_scope(staff_api, community):
    station = StationFactory(community=community)
    response = staff_api.patch(f"/api/v1/stations/{station.pk}/", {"status": "paused"}, format="json")
    assert response.status_code == 200
    station.refresh_from_db()
    assert station.status == StationStatus.PAUSED


def test_staff_station_out_of_scope_answers_404(staff_api, other_community):
    station = StationFactory(community=other_community)
    assert staff_api.get(f"/api/v1/stations/{station.pk}/").status_code == 404
    response = staff_api.patch(f"/api/v1/stations/{station.pk}/", {"name": "x"}, format="json")
    assert response.status_code == 404


def test_staff_reads_own_closed_stations(staff_api, community):
    closed = StationFactory(community=community, status=StationStatus.CLOSED)
    assert staff_api.get(f"/api/v1/stations/{closed.pk}/").status_code == 200


def test_stations_cannot_be_deleted(staff_api, community):
    station = StationFactory(community=community)
    assert staff_api.delete(f"/api/v1/stations/{station.pk}/").status_code == 405
    assert Station.objects.filter(pk=station.pk).exists()


def test_anonymous_reads_are_throttled(api, db, settings):
    from rest_framework.throttling import AnonRateThrottle

    limit = AnonRateThrottle().num_requests
    statuses = [api.get("/api/v1/districts/").status_code for _ in range(limit + 1)]
    assert statuses[:limit] == [200] * limit
    assert statuses[-1] == 429


def test_schema_generates_and_docs_render_without_a_cdn(api, db):
    schema = api.get("/api/schema/", {"format": "json"})
    assert schema.status_code == 200
    paths = schema.json()["paths"]
    assert "/api/v1/stations/" in paths and "/api/v1/communities/" in paths
    docs = api.get("/api/docs/").content.decode()
    assert "cdn" not in docs.lower() and "unpkg" not in docs
