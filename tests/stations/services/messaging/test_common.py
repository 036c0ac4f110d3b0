"""Who may be sent a text message (stations/services/messaging/common.py)."""

import pytest

from stations.models import TextConsent, TextMessageStatus
from stations.services import messaging
from tests.factories.residents import ResidentFactory
from tests.stations.services.messaging.conftest import MORNING

pytestmark = pytest.mark.django_db


def non_resident(**kwargs):
    return messaging.text_message_queue(
        resident=None,
        number="13700001111",
        template="subsidy_rejected",
        params={"kind": "x"},
        key="nr",
        now=MORNING,
        **kwargs,
    )


def test_a_message_to_someone_who_is_no_resident_is_withheld_unless_they_asked():
    assert non_resident().status == TextMessageStatus.WITHHELD


def test_a_message_someone_who_is_no_resident_asked_for_is_sent(settings):
    message = non_resident(asked_by_recipient=True)
    assert message.status == TextMessageStatus.QUEUED
    assert messaging.text_message_send(message_id=message.pk, now=MORNING) == TextMessageStatus.SENT


def test_a_number_that_opted_out_gets_nothing_even_when_it_asked(community):
    ResidentFactory(community=community, mobile="13700001111", text_consent=TextConsent.WITHDRAWN)
    assert non_resident(asked_by_recipient=True).status == TextMessageStatus.WITHHELD
