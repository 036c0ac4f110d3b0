"""Text messages (stations/views/text_messages.py): the signed webhook for
replies (退订) and delivery reports; and on the resident's record, the panel
of what was sent and the consent form."""

import datetime as dt
import json
import time
import zoneinfo

import pytest
from django.urls import reverse

from stations.models import TextConsent, TextMessage, TextMessageStatus
from stations.services.messaging import text_message_queue, text_message_send
from stations.views.text_messages import signature_for
from tests.factories.residents import ResidentFactory

pytestmark = pytest.mark.django_db
SECRET = "webhook-test-secret"
MORNING = dt.datetime(2026, 3, 10, 10, 0, tzinfo=zoneinfo.ZoneInfo("Asia/Shanghai"))


@pytest.fixture(autouse=True)
def webhook_secret(settings):
    settings.PORTAL_TEXT_MESSAGE_WEBHOOK_SECRET = SECRET
    settings.PORTAL_TEXT_MESSAGE_GATEWAY = "stations.messaging.gateways.OutboxGateway"


def post(client, payload, *, secret=SECRET, timestamp=None):
    body = json.dumps(payload, ensure_ascii=False).encode()
    timestamp = str(timestamp if timestamp is not None else int(time.time()))
    return client.post(
        reverse("public:text_message_webhook"),
        data=body,
        content_type="application/json",
        headers={
            "X-Portal-Timestamp": timestamp,
            "X-Portal-Signature": signature_for(secret=secret, timestamp=timestamp, body=body),
        },
    )


def test_a_signed_tuiding_reply_opts_the_resident_out(client, community):
    resident = ResidentFactory(community=community, mobile="13912340002", text_consent=TextConsent.GIVEN)
    response = post(client, {"replies": [{"number": "13912340002", "text": "退订"}]})
    assert response.status_code == 200 and response.json()["opted_out"] == 1
    resident.refresh_from_db()
    assert resident.text_consent == TextConsent.WITHDRAWN


def test_a_request_signed_with_another_secret_is_refused_and_changes_nothing(client, community):
    resident = ResidentFactory(community=community, mobile="13912340003", text_consent=TextConsent.GIVEN)
    response = post(client, {"replies": [{"number": "13912340003", "text": "退订"}]}, secret="guess")
    assert response.status_code == 403
    resident.refresh_from_db()
    assert resident.text_consent == TextConsent.GIVEN


def test_an_old_signed_request_is_refused(client):
    assert post(client, {"replies": []}, timestamp=int(time.time()) - 3600).status_code == 403


def test_without_a_secret_on_the_site_every_request_is_refused(client, settings):
    settings.PORTAL_TEXT_MESSAGE_WEBHOOK_SECRET = ""
    assert post(client, {"replies": []}, secret="").status_code == 403


def test_a_signed_delivery_report_marks_the_message_delivered(client, community):
    resident = ResidentFactory(community=community, text_consent=TextConsent.GIVEN)
    morning = dt.datetime(2026, 3, 10, 10, 0, tzinfo=zoneinfo.ZoneInfo("Asia/Shanghai"))
    message = text_message_queue(
        resident=resident, template="subsidy_rejected", params={"kind": "补贴"}, key="w1", now=morning
    )
    text_message_send(message_id=message.pk, now=morning)
    message.refresh_from_db()
    response = post(client, {"reports": [{"provider_id": message.provider_id, "delivered": True}]})
    assert response.json()["reports_recorded"] == 1
    message.refresh_from_db()
    assert message.status == TextMessageStatus.DELIVERED


def test_a_malformed_body_is_a_bad_request(client):
    assert post(client, {"replies": [{"text": "退订"}]}).status_code == 400


# --- the panel and the consent form on the resident's record ---------------------------------------
def _sent_message(resident):
    message = text_message_queue(
        resident=resident, template="subsidy_rejected", params={"kind": "一次性创业补贴"}, key="v1", now=MORNING
    )
    text_message_send(message_id=message.pk, now=MORNING)
    return message


def test_staff_see_what_was_sent_to_the_resident_and_its_status(staff_client, community):
    resident = ResidentFactory(community=community, text_consent=TextConsent.GIVEN)
    _sent_message(resident)
    page = staff_client.get(reverse("stations:resident_detail", args=[resident.pk]))
    rows = page.context["text_messages"]
    assert [r.status for r in rows] == [TextMessageStatus.SENT]
    assert "您申请的一次性创业补贴未通过审核" in page.content.decode()


def test_staff_of_another_community_see_none_of_the_residents_messages(community, other_community_staff):
    from stations.selectors import resident_text_messages

    resident = ResidentFactory(community=community, text_consent=TextConsent.GIVEN)
    _sent_message(resident)
    assert resident_text_messages(user=other_community_staff, resident=resident) == []


def test_recording_an_opt_out_on_the_page_withholds_what_was_queued(staff_client, community):
    resident = ResidentFactory(community=community, text_consent=TextConsent.GIVEN)
    message = text_message_queue(
        resident=resident,
        template="subsidy_rejected",
        params={"kind": "补贴"},
        key="v2",
        now=dt.datetime(2026, 3, 10, 23, 0, tzinfo=zoneinfo.ZoneInfo("Asia/Shanghai")),
    )
    response = staff_client.post(
        reverse("stations:resident_text_consent", args=[resident.pk]), {"consent": "withdrawn", "how": "电话告知"}
    )
    assert response.status_code == 302
    resident.refresh_from_db()
    assert resident.text_consent == TextConsent.WITHDRAWN and resident.text_consent_how == "电话告知"
    assert TextMessage.objects.get(pk=message.pk).status == TextMessageStatus.WITHHELD


def test_consent_of_a_resident_in_another_community_cannot_be_recorded(client, other_community_staff, community):
    resident = ResidentFactory(community=community)
    client.force_login(other_community_staff)
    response = client.post(reverse("stations:resident_text_consent", args=[resident.pk]), {"consent": "given"})
    assert response.status_code == 404
    resident.refresh_from_db()
    assert resident.text_consent == TextConsent.UNKNOWN
