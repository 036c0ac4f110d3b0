import pytest
from django.core.cache import cache

from tests.factories.reports import close_month, last_month
from tests.platform.brokers import free_port


@pytest.fixture
def schedule_parameter():
    """A structured policy parameter (tests.factories.policy.SCHEDULE_KEY)."""
    from tests.factories.policy import declare_schedule

    return declare_schedule()


@pytest.fixture
def sms_outbox():
    """The texts the in-memory SMS backend has sent, none to begin with."""
    from stations.sms import MemorySmsBackend

    MemorySmsBackend.outbox.clear()
    return MemorySmsBackend.outbox


@pytest.fixture
def outbox(settings):
    """Text messages go to the outbox table, never to a provider."""
    settings.PORTAL_TEXT_MESSAGE_GATEWAY = "stations.messaging.gateways.OutboxGateway"


@pytest.fixture
def consenting(community):
    """A resident who agreed to text messages."""
    from stations.models import TextConsent
    from tests.factories.residents import ResidentFactory

    return ResidentFactory(community=community, mobile="13912340001", text_consent=TextConsent.GIVEN)


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
