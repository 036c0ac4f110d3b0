"""GET /api/v1/service-items/: the public services for the 爱山东 platform."""

import pytest

from stations.service_items import SERVICE_ITEMS

pytestmark = pytest.mark.django_db
URL = "/api/v1/service-items/"


def test_anyone_lists_every_public_service_with_an_absolute_deep_link(client, settings):
    settings.ALLOWED_HOSTS = ["portal.example.gov.cn"]
    response = client.get(URL, HTTP_HOST="portal.example.gov.cn")
    assert response.status_code == 200
    items = {item["key"]: item for item in response.json()}
    assert set(items) == {
        "find_job",
        "odd_jobs",
        "training",
        "ask_for_help",
        "station_finder",
        "satisfaction_survey",
        "my_page",
    }
    assert items["ask_for_help"]["deep_link"] == "http://portal.example.gov.cn/assistance/"
    assert items["station_finder"]["deep_link"] == "http://portal.example.gov.cn/stations/"
    assert items["my_page"]["deep_link"] == "http://portal.example.gov.cn/me/"
    assert items["satisfaction_survey"]["deep_link"] == "http://portal.example.gov.cn/survey/{station_id}/"
    assert items["satisfaction_survey"]["link_parameters"] == ["station_id"]


def test_each_service_has_its_name_and_description_in_chinese_and_english(client):
    for item in client.get(URL).json():
        assert item["name_zh"] != item["name_en"], item["key"]
        assert item["description_zh"] != item["description_en"], item["key"]
        assert item["icon"]


def test_the_list_follows_the_registry_order(client):
    assert [item["key"] for item in client.get(URL).json()] == [item.key for item in SERVICE_ITEMS]


def test_the_anonymous_list_is_throttled_like_the_rest_of_the_api(client):
    from rest_framework.throttling import AnonRateThrottle

    limit = AnonRateThrottle().num_requests
    statuses = [client.get(URL).status_code for _ in range(limit + 1)]
    assert statuses[:limit] == [200] * limit and statuses[-1] == 429


def test_the_service_list_is_in_the_openapi_schema(client):
    schema = client.get("/api/schema/", {"format": "json"}).json()
    assert "/api/v1/service-items/" in schema["paths"]
    assert "deep_link" in schema["components"]["schemas"]["ServiceItem"]["properties"]
