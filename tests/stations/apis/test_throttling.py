"""stations.apis.throttling: the anonymous API's throttle, counted by
stations.ratelimit, so it holds while the cache is down."""

import pytest

from stations.models import RateLimitCounter
from tests.factories import StationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def tight_rate(monkeypatch):
    from stations.apis.throttling import AnonymousThrottle

    monkeypatch.setattr(AnonymousThrottle, "THROTTLE_RATES", {"anon": "2/min"})


@pytest.mark.parametrize("down", [False, True], ids=["cache up", "cache down"])
def test_anonymous_api_reads_over_the_rate_answer_429_with_retry_after(client, community, tight_rate, down, request):
    if down:
        request.getfixturevalue("cache_down")
    StationFactory(community=community)
    assert [client.get("/api/v1/stations/").status_code for _ in range(3)] == [200, 200, 429]
    retry_after = int(client.get("/api/v1/stations/")["Retry-After"])
    assert 0 < retry_after <= 60


def test_signed_in_staff_are_not_throttled(client, community_staff, community, tight_rate, cache_down):
    client.force_login(community_staff)
    assert {client.get("/api/v1/stations/").status_code for _ in range(4)} == {200}
    assert not RateLimitCounter.objects.exists()


def test_every_throttled_api_view_uses_our_throttle_not_drfs_cache_only_one():
    from rest_framework.throttling import AnonRateThrottle

    from config.api_urls import urlpatterns

    def views(patterns):
        for p in patterns:
            if hasattr(p, "url_patterns"):
                yield from views(p.url_patterns)
            elif getattr(p.callback, "cls", None) is not None:
                yield p.callback.cls

    throttled = {cls for cls in views(urlpatterns) if cls.throttle_classes}
    assert len(throttled) >= 4  # stations, postings, fairs, start-up and example stories
    assert [cls for cls in throttled if AnonRateThrottle in cls.throttle_classes] == []
