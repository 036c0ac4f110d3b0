"""Queueing a text message (stations/services/messaging/queueing.py)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from stations.models import OutboxTextMessage, TextMessage, TextMessageStatus
from stations.services import messaging
from tests.factories.residents import ResidentFactory
from tests.stations.services.messaging.conftest import BEIJING, MORNING, in_portal_language, queue

pytestmark = pytest.mark.django_db


def test_the_same_key_queues_one_message(consenting):
    assert queue(consenting, key="same") == queue(consenting, key="same")
    assert TextMessage.objects.count() == 1


def test_the_number_is_stored_normalised(consenting):
    message = queue(consenting, number="+86 139 1234 0001")
    assert message.number == "13912340001"


def test_a_template_with_wrong_parameters_is_refused(consenting):
    with pytest.raises(ValidationError):
        messaging.text_message_queue(resident=consenting, template="subsidy_rejected", params={}, key="x", now=MORNING)


def test_a_resident_who_was_never_asked_gets_no_message(community):
    resident = ResidentFactory(community=community)
    message = queue(resident)
    assert message.status == TextMessageStatus.WITHHELD
    assert message.reason == in_portal_language("The resident has not agreed to text messages.")
    assert messaging.text_message_send(message_id=message.pk, now=MORNING) == ""
    assert not OutboxTextMessage.objects.exists()


def test_a_resident_without_a_mobile_gets_no_record(community):
    assert queue(ResidentFactory(community=community, mobile="")) is None


def test_a_message_queued_in_quiet_hours_waits_until_eight_in_the_morning(consenting):
    night = dt.datetime(2026, 3, 10, 22, 30, tzinfo=BEIJING)
    message = queue(consenting, now=night)
    assert message.not_before == dt.datetime(2026, 3, 11, 8, 0, tzinfo=BEIJING)
    assert messaging.text_message_send(message_id=message.pk, now=night) == TextMessageStatus.QUEUED
    assert messaging.text_messages_send_due(now=dt.datetime(2026, 3, 11, 7, 59, tzinfo=BEIJING)) == 0
    assert messaging.text_message_send(message_id=message.pk, now=dt.datetime(2026, 3, 11, 8, 1, tzinfo=BEIJING))
    message.refresh_from_db()
    assert message.status == TextMessageStatus.SENT


def test_queueing_outside_quiet_hours_hands_the_message_to_the_send_task(consenting, no_quiet_hours):
    from stations.models import TaskHandoff

    message = messaging.text_message_queue(
        resident=consenting, template="subsidy_rejected", params={"kind": "补贴"}, key="live"
    )
    handoff = TaskHandoff.objects.get(key=f"stations.text_message:{message.pk}")
    assert handoff.task_name == "stations.tasks.text_message_send" and handoff.kwargs == {"message_id": message.pk}


def test_a_message_that_could_go_only_after_it_expires_is_withheld_at_once(consenting):
    night = dt.datetime(2026, 3, 10, 23, 0, tzinfo=BEIJING)
    message = queue(consenting, now=night, expires_at=dt.datetime(2026, 3, 11, 7, 0, tzinfo=BEIJING))
    assert message.status == TextMessageStatus.WITHHELD
    assert "03-11 08:00" in message.reason


def test_a_message_queued_at_night_that_is_still_of_use_in_the_morning_waits_for_it(consenting):
    night = dt.datetime(2026, 3, 10, 23, 0, tzinfo=BEIJING)
    message = queue(consenting, now=night, expires_at=dt.datetime(2026, 3, 11, 14, 0, tzinfo=BEIJING))
    assert message.status == TextMessageStatus.QUEUED
    assert message.not_before == dt.datetime(2026, 3, 11, 8, 0, tzinfo=BEIJING)
