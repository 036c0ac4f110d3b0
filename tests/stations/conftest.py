import pytest
from django.core.cache import cache

from tests.factories.reports import close_month, last_month
from tests.platform.brokers import free_port


@pytest.fixture
def cache_down(settings):
    """The cache is our Redis backend (stations.cache) on a port where nothing
    listens: every call finds the cache unreachable."""
    from stations import cache as resilient

    resilient._HEALTH.clear()  # a port used before starts with no outage on record
    settings.CACHES = {
        "default": {
            "BACKEND": "stations.cache.ResilientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
        }
    }
    return cache


@pytest.fixture
def month():
    return last_month()


@pytest.fixture
def closed(community, community_staff, month):
    return close_month(community=community, by=community_staff, month=month)
