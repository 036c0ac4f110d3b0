"""Reads of text messages on a resident's record (stations/selectors/messaging.py)."""

import pytest
from django.utils import timezone

from stations.models import TextMessage, TextMessageStatus
from stations.selectors import resident_text_messages
from tests.factories import ResidentFactory

pytestmark = pytest.mark.django_db


def _message(resident, key, **fields):
    return TextMessage.objects.create(
        resident=resident, number="13905321234", template="class_start", idempotency_key=key,
        not_before=timezone.now(), **fields,
    )  # fmt: skip


def test_staff_of_the_community_read_the_residents_messages_with_their_status(community, community_staff):
    resident = ResidentFactory(community=community)
    now = timezone.now()
    _message(resident, "k1", status=TextMessageStatus.DELIVERED, sent_at=now, delivered_at=now)
    rows = resident_text_messages(user=community_staff, resident=resident)
    assert [(row.status, row.arrived) for row in rows] == [(TextMessageStatus.DELIVERED, True)]


def test_staff_of_another_community_read_none_of_them(community, other_community_staff):
    resident = ResidentFactory(community=community)
    _message(resident, "k1")
    assert resident_text_messages(user=other_community_staff, resident=resident) == []
