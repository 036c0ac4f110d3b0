"""The providers' HTTP client (stations/messaging/http.py): an unreachable provider is retried."""

import pytest

from stations.messaging.gateways import GatewayUnavailable
from tests.stations.messaging.conftest import aliyun_gateway, outgoing


def test_an_unreachable_provider_is_retried():
    with pytest.raises(GatewayUnavailable):
        aliyun_gateway("http://127.0.0.1:9/").send(outgoing())
