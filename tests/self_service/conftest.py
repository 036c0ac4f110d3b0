import pytest

from self_service import services
from tests.factories import ResidentFactory


@pytest.fixture(autouse=True)
def outbox(settings):
    settings.PORTAL_TEXT_MESSAGE_GATEWAY = "stations.messaging.gateways.OutboxGateway"


@pytest.fixture(autouse=True)
def _english():
    """Messages are matched in English, whatever language an earlier test left active."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def resident(community):
    return ResidentFactory(community=community, mobile="13912345678", name="王芳")


def last_code(number="13912345678") -> str:
    from stations.models import OutboxTextMessage

    return OutboxTextMessage.objects.filter(number=number, template="sign_in_code").latest("pk").params["code"]


@pytest.fixture
def change(resident):
    return services.change_request_create(
        resident=resident, data={"wanted_work_pattern": "part_time", "address": "新地址1号"}
    )
