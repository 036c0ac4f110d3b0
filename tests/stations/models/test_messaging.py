"""The text message records (stations/models/messaging.py): what the database refuses."""

import pytest

from stations.models import TextConsent, TextMessage, TextMessageStatus
from tests.factories.residents import ResidentFactory
from tests.stations.services.messaging.conftest import queue

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def outbox(settings):
    settings.PORTAL_TEXT_MESSAGE_GATEWAY = "stations.messaging.gateways.OutboxGateway"


@pytest.fixture
def consenting(community):
    return ResidentFactory(community=community, mobile="13912340001", text_consent=TextConsent.GIVEN)


def test_the_database_refuses_a_sent_message_without_a_time(consenting):
    from django.db import IntegrityError, transaction

    message = queue(consenting)
    with pytest.raises(IntegrityError), transaction.atomic():
        TextMessage.objects.filter(pk=message.pk).update(status=TextMessageStatus.SENT)
