"""What every gateway shares (stations/messaging/gateways.py): the site's template ids."""

import pytest

from stations.messaging.gateways import GatewayRefused
from tests.stations.messaging.conftest import aliyun_answer, aliyun_gateway, outgoing


def test_a_template_the_site_has_not_registered_is_refused_before_any_request(fake_provider, settings):
    settings.PORTAL_TEXT_MESSAGE_TEMPLATE_IDS = {}
    server = fake_provider(aliyun_answer)
    with pytest.raises(GatewayRefused, match="template"):
        aliyun_gateway(server.url).send(outgoing())
    assert server.requests == []
