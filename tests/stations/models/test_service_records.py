"""The service log's rows (stations/models/service_records.py): never dated in the future."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from stations.models import ServiceChannel, ServiceKind, ServiceRecord
from tests.factories import ResidentFactory

pytestmark = pytest.mark.django_db


def test_a_service_dated_tomorrow_is_refused(community, community_staff):
    record = ServiceRecord(
        resident=ResidentFactory(community=community), kind=ServiceKind.POLICY_CONTACT, channel=ServiceChannel.PHONE,
        served_on=timezone.localdate() + dt.timedelta(days=1), staff=community_staff,
    )  # fmt: skip
    with pytest.raises(ValidationError) as refused:
        record.clean()
    assert "served_on" in refused.value.message_dict
