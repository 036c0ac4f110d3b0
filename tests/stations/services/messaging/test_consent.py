"""Consent to text messages, opt-outs and replies (stations/services/messaging/consent.py)."""

import pytest
from django.core.exceptions import ValidationError

from stations.models import AuditEntry, OutboxTextMessage, TextConsent, TextMessageStatus
from stations.services import messaging
from tests.stations.services.messaging.conftest import MORNING, queue

pytestmark = pytest.mark.django_db


def test_an_opt_out_on_the_residents_page_withholds_queued_messages_at_once(consenting, community_staff):
    message = queue(consenting)
    messaging.resident_text_consent_set(actor=community_staff, resident=consenting, consent=TextConsent.WITHDRAWN)
    message.refresh_from_db()
    assert message.status == TextMessageStatus.WITHHELD
    assert messaging.text_message_send(message_id=message.pk, now=MORNING) == ""
    assert not OutboxTextMessage.objects.exists()
    assert AuditEntry.objects.filter(object_id=str(consenting.pk), changes__text_consent__1="withdrawn").exists()


def test_staff_outside_the_area_cannot_record_consent(consenting, other_community_staff):
    with pytest.raises(ValidationError):
        messaging.resident_text_consent_set(actor=other_community_staff, resident=consenting, consent=TextConsent.GIVEN)


def test_a_reply_of_tuiding_opts_the_number_out_at_once(consenting):
    message = queue(consenting)
    assert messaging.text_message_reply_receive(number="13912340001", text=" 退订 ") is True
    consenting.refresh_from_db()
    message.refresh_from_db()
    assert consenting.text_consent == TextConsent.WITHDRAWN and "退订" in consenting.text_consent_how
    assert message.status == TextMessageStatus.WITHHELD
    assert queue(consenting, key="after").status == TextMessageStatus.WITHHELD


def test_a_reply_that_is_not_an_opt_out_changes_nothing(consenting):
    assert messaging.text_message_reply_receive(number="13912340001", text="好的，谢谢") is False
    consenting.refresh_from_db()
    assert consenting.text_consent == TextConsent.GIVEN
