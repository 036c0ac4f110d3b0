"""Text messages on the resident's record: the panel and the consent form."""

import datetime as dt
import zoneinfo

import pytest
from django.urls import reverse

from stations.models import TextConsent, TextMessage, TextMessageStatus
from stations.services.messaging import text_message_queue, text_message_send
from tests.factories import ResidentFactory

pytestmark = pytest.mark.django_db
MORNING = dt.datetime(2026, 3, 10, 10, 0, tzinfo=zoneinfo.ZoneInfo("Asia/Shanghai"))


@pytest.fixture(autouse=True)
def outbox(settings):
    settings.PORTAL_TEXT_MESSAGE_GATEWAY = "stations.messaging.gateways.OutboxGateway"


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
