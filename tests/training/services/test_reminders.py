"""Class start reminders by text message."""

import datetime as dt

import pytest

from stations.models import TextConsent, TextMessage, TextMessageStatus
from tests.factories.residents import ResidentFactory
from tests.factories.training import EnrolmentFactory
from training.models import ClassStatus, EnrolmentStatus
from training.services import class_start_reminders_send

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 3, 10)


def test_residents_enrolled_in_a_class_starting_tomorrow_are_texted_once():
    enrolment = EnrolmentFactory(
        resident=ResidentFactory(text_consent=TextConsent.GIVEN), training_class__start_date=dt.date(2026, 3, 11)
    )
    assert class_start_reminders_send(today=TODAY) == 1
    assert class_start_reminders_send(today=TODAY) == 1  # the same record, not a second message
    message = TextMessage.objects.get(resident=enrolment.resident)
    assert message.template == "class_start" and message.params["date"] == "3月11日"
    assert message.status == TextMessageStatus.QUEUED


def test_no_reminder_for_a_cancelled_class_a_withdrawn_enrolment_or_another_day():
    consenting = {"resident": ResidentFactory(text_consent=TextConsent.GIVEN)}
    EnrolmentFactory(
        training_class__start_date=dt.date(2026, 3, 11), training_class__status=ClassStatus.CANCELLED, **consenting
    )
    EnrolmentFactory(
        training_class__start_date=dt.date(2026, 3, 11),
        status=EnrolmentStatus.WITHDRAWN,
        resident=ResidentFactory(text_consent=TextConsent.GIVEN),
    )
    EnrolmentFactory(
        training_class__start_date=dt.date(2026, 3, 12), resident=ResidentFactory(text_consent=TextConsent.GIVEN)
    )
    assert class_start_reminders_send(today=TODAY) == 0
    assert not TextMessage.objects.exists()
