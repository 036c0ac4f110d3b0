"""Sending a queued text message (stations/services/messaging/sending.py): the gateway,
quiet hours, the daily cap, retries, delivery reports, the sweep."""

import datetime as dt
import threading
import time

import pytest
from django.db import connection, connections

from stations.messaging.gateways import OutboxGateway
from stations.messaging.rules import DAILY_CAP
from stations.models import OutboxTextMessage, PolicyParameterValue, TextConsent, TextMessage, TextMessageStatus
from stations.services import messaging
from tests.factories.residents import ResidentFactory
from tests.stations.services.messaging.conftest import (
    BEIJING,
    MORNING,
    FlakyGateway,
    in_portal_language,
    queue,
)

pytestmark = pytest.mark.django_db


def test_a_queued_message_is_sent_through_the_gateway_and_recorded_sent(consenting):
    message = queue(consenting)
    assert messaging.text_message_send(message_id=message.pk, now=MORNING) == TextMessageStatus.SENT
    message.refresh_from_db()
    assert message.status == TextMessageStatus.SENT and message.sent_at and message.provider_id.startswith("outbox-")
    row = OutboxTextMessage.objects.get()
    assert row.number == "13912340001" and row.template == "subsidy_rejected"
    assert row.text.startswith("您申请的一次性创业补贴未通过审核")


def test_a_message_due_before_quiet_hours_is_not_sent_during_them(consenting):
    message = queue(consenting)
    early = dt.datetime(2026, 3, 11, 6, 0, tzinfo=BEIJING)
    assert messaging.text_message_send(message_id=message.pk, now=early) == TextMessageStatus.QUEUED
    message.refresh_from_db()
    assert message.not_before == dt.datetime(2026, 3, 11, 8, 0, tzinfo=BEIJING)
    assert not OutboxTextMessage.objects.exists()


def test_messages_over_the_daily_cap_wait_for_the_next_morning(consenting):
    sent = [queue(consenting, key=f"k{i}") for i in range(6)]
    statuses = [messaging.text_message_send(message_id=m.pk, now=MORNING) for m in sent]
    assert statuses == [TextMessageStatus.SENT] * 5 + [TextMessageStatus.QUEUED]
    sent[5].refresh_from_db()
    assert sent[5].not_before == dt.datetime(2026, 3, 11, 8, 0, tzinfo=BEIJING)
    assert sent[5].reason == in_portal_language("This number had %(cap)d messages today; it waits for tomorrow.") % {
        "cap": 5
    }
    next_morning = dt.datetime(2026, 3, 11, 8, 5, tzinfo=BEIJING)
    assert messaging.text_message_send(message_id=sent[5].pk, now=next_morning) == TextMessageStatus.SENT


def test_a_message_the_gateway_cannot_reach_stays_queued_with_the_reason_and_raises_for_a_retry(consenting, settings):
    from stations.background import DeliveryFailed

    settings.PORTAL_TEXT_MESSAGE_GATEWAY = "tests.stations.services.messaging.conftest.UnreachableGateway"
    message = queue(consenting)
    with pytest.raises(DeliveryFailed):
        messaging.text_message_send(message_id=message.pk, now=MORNING)
    message.refresh_from_db()
    assert message.status == TextMessageStatus.QUEUED and message.sent_at is None
    assert "connection refused" in message.reason and message.attempts == 1


def test_a_message_the_gateway_refuses_is_failed_with_the_reason_and_not_retried(consenting, settings):
    settings.PORTAL_TEXT_MESSAGE_GATEWAY = "tests.stations.services.messaging.conftest.RefusingGateway"
    message = queue(consenting)
    assert messaging.text_message_send(message_id=message.pk, now=MORNING) == TextMessageStatus.FAILED
    message.refresh_from_db()
    assert message.status == TextMessageStatus.FAILED and message.sent_at is None
    assert "MOBILE_NUMBER_ILLEGAL" in message.reason


def test_the_task_retries_then_marks_the_message_failed_never_sent(consenting, settings, eager_retries, no_quiet_hours):
    from stations.tasks import text_message_send

    settings.PORTAL_TEXT_MESSAGE_GATEWAY = "tests.stations.services.messaging.conftest.UnreachableGateway"
    message = queue(consenting, now=None)
    # Eager Celery runs the retries at once: five retries after the first try.
    result = text_message_send.apply(kwargs={"message_id": message.pk})
    assert result.failed()
    message.refresh_from_db()
    assert message.status == TextMessageStatus.FAILED and message.sent_at is None
    assert message.attempts == 6 and "connection refused" in message.reason


def test_the_task_sends_a_message_that_failed_once(consenting, settings, eager_retries, no_quiet_hours):
    from stations.tasks import text_message_send

    settings.PORTAL_TEXT_MESSAGE_GATEWAY = "tests.stations.services.messaging.conftest.FlakyGateway"
    FlakyGateway.calls = []
    message = queue(consenting, now=None)
    text_message_send.apply(kwargs={"message_id": message.pk})
    message.refresh_from_db()
    assert message.status == TextMessageStatus.SENT and message.provider_id == "id-2"
    assert len(FlakyGateway.calls) == 2 and message.attempts == 2


def test_a_delivery_report_marks_a_sent_message_delivered(consenting):
    message = queue(consenting)
    messaging.text_message_send(message_id=message.pk, now=MORNING)
    message.refresh_from_db()
    messaging.text_message_delivery_report(provider_id=message.provider_id, delivered=True)
    message.refresh_from_db()
    assert message.status == TextMessageStatus.DELIVERED and message.delivered_at


def test_a_failed_delivery_report_records_the_providers_reason(consenting):
    message = queue(consenting)
    messaging.text_message_send(message_id=message.pk, now=MORNING)
    message.refresh_from_db()
    messaging.text_message_delivery_report(provider_id=message.provider_id, delivered=False, reason="MK:0001 关机")
    message.refresh_from_db()
    assert message.status == TextMessageStatus.FAILED and "关机" in message.reason


def test_a_delivery_report_for_an_unknown_id_changes_nothing(consenting):
    assert messaging.text_message_delivery_report(provider_id="nope", delivered=True) is None


def test_a_message_queued_in_quiet_hours_is_handed_over_by_the_sweep_in_the_morning(consenting):
    from stations.models import TaskHandoff

    message = queue(consenting, now=dt.datetime(2026, 3, 10, 23, 0, tzinfo=BEIJING))
    assert not TaskHandoff.objects.filter(key=f"stations.text_message:{message.pk}").exists()
    assert messaging.text_messages_send_due(now=dt.datetime(2026, 3, 11, 8, 0, tzinfo=BEIJING)) == 1
    assert TaskHandoff.objects.filter(key=f"stations.text_message:{message.pk}").exists()


def test_a_message_still_queued_when_it_expires_is_withheld_not_sent(consenting):
    message = queue(consenting, expires_at=MORNING + dt.timedelta(hours=1))
    TextMessage.objects.filter(pk=message.pk).update(status=TextMessageStatus.QUEUED)
    assert messaging.text_message_send(message_id=message.pk, now=MORNING + dt.timedelta(hours=2)) == "withheld"
    assert not OutboxTextMessage.objects.exists()


class SlowOutboxGateway(OutboxGateway):
    """A provider that takes a moment to answer: long enough for a second
    send to the same number to run its cap check meanwhile."""

    def send(self, message):
        time.sleep(0.5)
        return super().send(message)


@pytest.mark.django_db(transaction=True)
def test_concurrent_sends_to_one_number_never_pass_the_daily_cap(community, city_bureau, settings):
    if connection.vendor != "postgresql":
        pytest.skip("concurrent sends are tested on PostgreSQL (SQLite admits one writer at a time)")
    settings.PORTAL_TEXT_MESSAGE_GATEWAY = f"{__name__}.SlowOutboxGateway"
    PolicyParameterValue.objects.create(key=DAILY_CAP, value=1, valid_from=dt.date(2000, 1, 1), set_by=city_bureau)
    resident = ResidentFactory(community=community, mobile="13912340001", text_consent=TextConsent.GIVEN)
    queued = [
        messaging.text_message_queue(
            resident=resident, template="subsidy_rejected", params={"kind": "一次性创业补贴"}, key=f"k{i}", now=MORNING
        )
        for i in range(3)
    ]
    # Queueing hands each message to the send task at once (eager here, at the
    # real time of day); start the race from three untouched queued messages.
    TextMessage.objects.update(status=TextMessageStatus.QUEUED, not_before=MORNING, sent_at=None, reason="")
    OutboxTextMessage.objects.all().delete()
    barrier = threading.Barrier(len(queued))
    statuses, errors = [], []

    def send(message_id):
        try:
            barrier.wait()
            statuses.append(messaging.text_message_send(message_id=message_id, now=MORNING))
        except Exception as exc:  # noqa: BLE001 - any failure fails the test below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send, args=(m.pk,)) for m in queued]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(statuses) == sorted([TextMessageStatus.SENT, TextMessageStatus.QUEUED, TextMessageStatus.QUEUED])
    assert OutboxTextMessage.objects.count() == 1
    assert TextMessage.objects.filter(status=TextMessageStatus.SENT).count() == 1
