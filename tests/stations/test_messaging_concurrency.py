"""The daily cap per number under concurrent sends: needs PostgreSQL's locks
(SQLite serialises writers by locking the whole file, which proves nothing)."""

import datetime as dt
import threading
import time
import zoneinfo

import pytest
from django.db import connection, connections

from stations.messaging.gateways import OutboxGateway
from stations.messaging.rules import DAILY_CAP
from stations.models import OutboxTextMessage, PolicyParameterValue, TextConsent, TextMessage, TextMessageStatus
from stations.services import messaging
from tests.factories.residents import ResidentFactory

pytestmark = pytest.mark.django_db(transaction=True)
MORNING = dt.datetime(2026, 3, 10, 10, 0, tzinfo=zoneinfo.ZoneInfo("Asia/Shanghai"))


class SlowOutboxGateway(OutboxGateway):
    """A provider that takes a moment to answer: long enough for a second
    send to the same number to run its cap check meanwhile."""

    def send(self, message):
        time.sleep(0.5)
        return super().send(message)


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
