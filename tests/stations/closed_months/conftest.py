"""What the closed-month tests share: last month, a resident registered before it, and recording a service."""

import datetime as dt

import pytest

from stations.models import (
    ServiceChannel,
    ServiceKind,
)
from stations.services import service_record_create
from tests.factories import ResidentFactory


@pytest.fixture
def resident(community, month):
    return ResidentFactory(community=community, registered_on=month.start - dt.timedelta(days=40))


def record_service(actor, resident, on):
    return service_record_create(
        actor=actor, resident=resident, kind=ServiceKind.POLICY_CONTACT, served_on=on, channel=ServiceChannel.PHONE
    )
