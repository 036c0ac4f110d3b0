"""Quiet hours and the daily cap (stations/messaging/rules.py)."""

import datetime as dt

import pytest

from tests.stations.services.messaging.conftest import BEIJING, queue

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("outbox")]


def test_quiet_hours_follow_the_policy_parameter(consenting, city_bureau):
    from stations.messaging.rules import QUIET_HOURS
    from stations.models import PolicyParameterValue

    PolicyParameterValue.objects.create(
        key=QUIET_HOURS, value={"start": "20:00", "end": "09:00"}, valid_from=dt.date(2026, 1, 1), set_by=city_bureau
    )
    message = queue(consenting, now=dt.datetime(2026, 3, 10, 20, 30, tzinfo=BEIJING))
    assert message.not_before == dt.datetime(2026, 3, 11, 9, 0, tzinfo=BEIJING)
