"""Text messages to residents: the delivery record and every rule that guards it
(consent, opt-out at once, quiet hours, the daily cap, never sent when it failed,
retries)."""

import datetime as dt
import zoneinfo

import pytest
from django.core.exceptions import ValidationError

from stations.messaging.gateways import GatewayRefused, GatewayUnavailable, TextMessageGateway
from stations.models import AuditEntry, OutboxTextMessage, TextConsent, TextMessage, TextMessageStatus
from stations.services import messaging
from tests.factories.residents import ResidentFactory

pytestmark = pytest.mark.django_db
BEIJING = zoneinfo.ZoneInfo("Asia/Shanghai")
MORNING = dt.datetime(2026, 3, 10, 10, 0, tzinfo=BEIJING)


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


def in_portal_language(text):
    from django.conf import settings
    from django.utils import translation

    with translation.override(settings.LANGUAGE_CODE):
        return translation.gettext(text)


@pytest.fixture
def no_quiet_hours(city_bureau):
    """For the tests that run the task at the real time of day."""
    from stations.messaging.rules import QUIET_HOURS
    from stations.models import PolicyParameterValue

    PolicyParameterValue.objects.create(
        key=QUIET_HOURS, value={"start": "00:00", "end": "00:00"}, valid_from=dt.date(2000, 1, 1), set_by=city_bureau
    )


@pytest.fixture(autouse=True)
def outbox(settings):
    settings.PORTAL_TEXT_MESSAGE_GATEWAY = "stations.messaging.gateways.OutboxGateway"


@pytest.fixture
def eager_retries():
    """Eager Celery runs each retry at once; without propagation the last
    failure ends the run instead of the first retry escaping from apply()."""
    from config.celery import app

    before = app.conf.task_eager_propagates
    app.conf.task_eager_propagates = False
    yield
    app.conf.task_eager_propagates = before


@pytest.fixture
def consenting(community):
    return ResidentFactory(community=community, mobile="13912340001", text_consent=TextConsent.GIVEN)


def queue(resident, key="k1", now=MORNING, **kwargs):
    return messaging.text_message_queue(
        resident=resident,
        template="subsidy_rejected",
        params={"kind": "一次性创业补贴"},
        key=key,
        now=now,
        **kwargs,
    )


def test_a_queued_message_is_sent_through_the_gateway_and_recorded_sent(consenting):
    message = queue(consenting)
    assert messaging.text_message_send(message_id=message.pk, now=MORNING) == TextMessageStatus.SENT
    message.refresh_from_db()
    assert message.status == TextMessageStatus.SENT and message.sent_at and message.provider_id.startswith("outbox-")
    row = OutboxTextMessage.objects.get()
    assert row.number == "13912340001" and row.template == "subsidy_rejected"
    assert row.text.startswith("您申请的一次性创业补贴未通过审核")


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


def test_a_message_queued_in_quiet_hours_waits_until_eight_in_the_morning(consenting):
    night = dt.datetime(2026, 3, 10, 22, 30, tzinfo=BEIJING)
    message = queue(consenting, now=night)
    assert message.not_before == dt.datetime(2026, 3, 11, 8, 0, tzinfo=BEIJING)
    assert messaging.text_message_send(message_id=message.pk, now=night) == TextMessageStatus.QUEUED
    assert messaging.text_messages_send_due(now=dt.datetime(2026, 3, 11, 7, 59, tzinfo=BEIJING)) == 0
    assert messaging.text_message_send(message_id=message.pk, now=dt.datetime(2026, 3, 11, 8, 1, tzinfo=BEIJING))
    message.refresh_from_db()
    assert message.status == TextMessageStatus.SENT


def test_a_message_due_before_quiet_hours_is_not_sent_during_them(consenting):
    message = queue(consenting)
    early = dt.datetime(2026, 3, 11, 6, 0, tzinfo=BEIJING)
    assert messaging.text_message_send(message_id=message.pk, now=early) == TextMessageStatus.QUEUED
    message.refresh_from_db()
    assert message.not_before == dt.datetime(2026, 3, 11, 8, 0, tzinfo=BEIJING)
    assert not OutboxTextMessage.objects.exists()


def test_quiet_hours_follow_the_policy_parameter(consenting, city_bureau):
    from stations.messaging.rules import QUIET_HOURS
    from stations.models import PolicyParameterValue

    PolicyParameterValue.objects.create(
        key=QUIET_HOURS, value={"start": "20:00", "end": "09:00"}, valid_from=dt.date(2026, 1, 1), set_by=city_bureau
    )
    message = queue(consenting, now=dt.datetime(2026, 3, 10, 20, 30, tzinfo=BEIJING))
    assert message.not_before == dt.datetime(2026, 3, 11, 9, 0, tzinfo=BEIJING)


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

    settings.PORTAL_TEXT_MESSAGE_GATEWAY = "tests.stations.test_messaging.UnreachableGateway"
    message = queue(consenting)
    with pytest.raises(DeliveryFailed):
        messaging.text_message_send(message_id=message.pk, now=MORNING)
    message.refresh_from_db()
    assert message.status == TextMessageStatus.QUEUED and message.sent_at is None
    assert "connection refused" in message.reason and message.attempts == 1


def test_a_message_the_gateway_refuses_is_failed_with_the_reason_and_not_retried(consenting, settings):
    settings.PORTAL_TEXT_MESSAGE_GATEWAY = "tests.stations.test_messaging.RefusingGateway"
    message = queue(consenting)
    assert messaging.text_message_send(message_id=message.pk, now=MORNING) == TextMessageStatus.FAILED
    message.refresh_from_db()
    assert message.status == TextMessageStatus.FAILED and message.sent_at is None
    assert "MOBILE_NUMBER_ILLEGAL" in message.reason


def test_the_task_retries_then_marks_the_message_failed_never_sent(consenting, settings, eager_retries, no_quiet_hours):
    from stations.tasks import text_message_send

    settings.PORTAL_TEXT_MESSAGE_GATEWAY = "tests.stations.test_messaging.UnreachableGateway"
    message = queue(consenting, now=None)
    # Eager Celery runs the retries at once: five retries after the first try.
    result = text_message_send.apply(kwargs={"message_id": message.pk})
    assert result.failed()
    message.refresh_from_db()
    assert message.status == TextMessageStatus.FAILED and message.sent_at is None
    assert message.attempts == 6 and "connection refused" in message.reason


def test_the_task_sends_a_message_that_failed_once(consenting, settings, eager_retries, no_quiet_hours):
    from stations.tasks import text_message_send

    settings.PORTAL_TEXT_MESSAGE_GATEWAY = "tests.stations.test_messaging.FlakyGateway"
    FlakyGateway.calls = []
    message = queue(consenting, now=None)
    text_message_send.apply(kwargs={"message_id": message.pk})
    message.refresh_from_db()
    assert message.status == TextMessageStatus.SENT and message.provider_id == "id-2"
    assert len(FlakyGateway.calls) == 2 and message.attempts == 2


def test_the_database_refuses_a_sent_message_without_a_time(consenting):
    from django.db import IntegrityError, transaction

    message = queue(consenting)
    with pytest.raises(IntegrityError), transaction.atomic():
        TextMessage.objects.filter(pk=message.pk).update(status=TextMessageStatus.SENT)


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


def test_queueing_outside_quiet_hours_hands_the_message_to_the_send_task(consenting, no_quiet_hours):
    from stations.models import TaskHandoff

    message = messaging.text_message_queue(
        resident=consenting, template="subsidy_rejected", params={"kind": "补贴"}, key="live"
    )
    handoff = TaskHandoff.objects.get(key=f"stations.text_message:{message.pk}")
    assert handoff.task_name == "stations.tasks.text_message_send" and handoff.kwargs == {"message_id": message.pk}


def test_a_message_queued_in_quiet_hours_is_handed_over_by_the_sweep_in_the_morning(consenting):
    from stations.models import TaskHandoff

    message = queue(consenting, now=dt.datetime(2026, 3, 10, 23, 0, tzinfo=BEIJING))
    assert not TaskHandoff.objects.filter(key=f"stations.text_message:{message.pk}").exists()
    assert messaging.text_messages_send_due(now=dt.datetime(2026, 3, 11, 8, 0, tzinfo=BEIJING)) == 1
    assert TaskHandoff.objects.filter(key=f"stations.text_message:{message.pk}").exists()


def test_every_template_uses_exactly_its_parameters_in_both_languages():
    import re

    from stations.messaging.templates import TEMPLATES

    for template in TEMPLATES.values():
        for text in (template.text_zh, template.text_en):
            assert set(re.findall(r"\{(\w+)\}", text)) == set(template.params), template.code
        # A code the resident asked for is sent whatever their choice about
        # notifications (rules.REQUESTED_BY_RESIDENT): offering 退订 would mislead.
        if template.requested:
            assert "退订" not in template.text_zh, f"{template.code} is sent even after an opt-out"
        else:
            assert "退订" in template.text_zh, f"{template.code} must tell how to opt out"


def test_the_command_lists_every_template_in_both_providers_syntax():
    from io import StringIO

    from django.core.management import call_command

    from stations.messaging.templates import TEMPLATES

    out = StringIO()
    call_command("text_messages", "--templates", stdout=out)
    text = out.getvalue()
    assert all(code in text for code in TEMPLATES)
    assert "${title}" in text and "{1}" in text


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


def test_a_message_still_queued_when_it_expires_is_withheld_not_sent(consenting):
    message = queue(consenting, expires_at=MORNING + dt.timedelta(hours=1))
    TextMessage.objects.filter(pk=message.pk).update(status=TextMessageStatus.QUEUED)
    assert messaging.text_message_send(message_id=message.pk, now=MORNING + dt.timedelta(hours=2)) == "withheld"
    assert not OutboxTextMessage.objects.exists()


def test_a_template_holds_the_sites_address_as_fixed_text(settings):
    from stations.messaging.templates import TEMPLATES

    settings.PORTAL_SITE_URL = "https://jy.example.gov.cn/"
    template = TEMPLATES["gig_offer"]
    assert "https://jy.example.gov.cn/g/${code}" in template.aliyun_text()
    assert "https://jy.example.gov.cn/g/{4}" in template.tencent_text()
    assert "https://jy.example.gov.cn/g/abc" in template.render({"when": "", "title": "", "pay": "", "code": "abc"})


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
