"""What the text message service tests share: the outbox gateway, a consenting resident, queueing."""

import datetime as dt
import zoneinfo

import pytest

from stations.messaging.gateways import GatewayRefused, GatewayUnavailable, TextMessageGateway
from stations.services import messaging


@pytest.fixture(autouse=True)
def _messages_go_to_the_outbox(outbox):
    pass


@pytest.fixture
def no_quiet_hours(city_bureau):
    """For the tests that run the task at the real time of day."""
    from stations.messaging.rules import QUIET_HOURS
    from stations.models import PolicyParameterValue

    PolicyParameterValue.objects.create(
        key=QUIET_HOURS, value={"start": "00:00", "end": "00:00"}, valid_from=dt.date(2000, 1, 1), set_by=city_bureau
    )


@pytest.fixture
def eager_retries():
    """Eager Celery runs each retry at once; without propagation the last
    failure ends the run instead of the first retry escaping from apply()."""
    from config.celery import app

    before = app.conf.task_eager_propagates
    app.conf.task_eager_propagates = False
    yield
    app.conf.task_eager_propagates = before


BEIJING = zoneinfo.ZoneInfo("Asia/Shanghai")


MORNING = dt.datetime(2026, 3, 10, 10, 0, tzinfo=BEIJING)


def in_portal_language(text):
    from django.conf import settings
    from django.utils import translation

    with translation.override(settings.LANGUAGE_CODE):
        return translation.gettext(text)


def queue(resident, key="k1", now=MORNING, **kwargs):
    return messaging.text_message_queue(
        resident=resident,
        template="subsidy_rejected",
        params={"kind": "一次性创业补贴"},
        key=key,
        now=now,
        **kwargs,
    )


class UnreachableGateway(TextMessageGateway):
    name = "unreachable"

    def send(self, message):
        raise GatewayUnavailable("connection refused")


class RefusingGateway(TextMessageGateway):
    name = "refusing"

    def send(self, message):
        raise GatewayRefused("isv.MOBILE_NUMBER_ILLEGAL: the number is not valid")


class FlakyGateway(TextMessageGateway):
    """Times out once, then accepts."""

    name = "flaky"
    calls: list = []

    def send(self, message):
        FlakyGateway.calls.append(message)
        if len(FlakyGateway.calls) == 1:
            raise GatewayUnavailable("timed out")
        return "id-2"
