"""The text message records (stations/models/messaging.py): what the database refuses."""

import pytest

from stations.models import TextMessage, TextMessageStatus
from tests.stations.services.messaging.conftest import queue

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("outbox")]


def test_the_database_refuses_a_sent_message_without_a_time(consenting):
    from django.db import IntegrityError, transaction

    message = queue(consenting)
    with pytest.raises(IntegrityError), transaction.atomic():
        TextMessage.objects.filter(pk=message.pk).update(status=TextMessageStatus.SENT)
