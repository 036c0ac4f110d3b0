"""Staff pages of help requests: the to-do on the dashboard, the scoped list,
and the answer form (errors on the form, what was typed kept)."""

import pytest
from django.urls import reverse

from assistance.models import HelpRequestStatus
from stations.models import AuditAction, AuditEntry, TextMessage
from tests.factories.assistance import HelpRequestFactory
from tests.factories.residents import ResidentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def outbox(settings):
    settings.PORTAL_TEXT_MESSAGE_GATEWAY = "stations.messaging.gateways.OutboxGateway"


def test_the_dashboard_shows_waiting_requests_of_the_community(client, community_staff, community):
    help_request = HelpRequestFactory(community=community)
    client.force_login(community_staff)
    html = client.get(reverse("stations:dashboard")).content.decode()
    assert help_request.reference in html and reverse("assistance:help_request_list") in html


def test_the_dashboard_hides_the_panel_when_nothing_waits(client, community_staff, community):
    HelpRequestFactory(community=community, status="answered", reply="已答复", answered_at="2026-03-10T10:00+08:00")
    client.force_login(community_staff)
    assert reverse("assistance:help_request_list") not in client.get(reverse("stations:dashboard")).content.decode()


def test_the_list_shows_the_areas_requests_with_masked_mobiles(client, street_officer, community, far_community):
    mine = HelpRequestFactory(community=community, mobile="13912345678")
    other = HelpRequestFactory(community=far_community)
    client.force_login(street_officer)
    html = client.get(reverse("assistance:help_request_list")).content.decode()
    assert mine.reference in html and other.reference not in html
    assert "13912345678" not in html and "139****5678" in html


def test_the_list_reads_in_a_fixed_number_of_queries(client, community_staff, community, django_assert_max_num_queries):
    HelpRequestFactory.create_batch(5, community=community)
    client.force_login(community_staff)
    with django_assert_max_num_queries(16):
        assert client.get(reverse("assistance:help_request_list")).status_code == 200


def test_a_request_of_another_community_is_not_found(client, other_community_staff, community):
    help_request = HelpRequestFactory(community=community)
    client.force_login(other_community_staff)
    url = reverse("assistance:help_request_detail", args=[help_request.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"reply": "好", "phone": "12333"}).status_code == 404


def test_opening_a_request_is_logged(client, community_staff, community):
    help_request = HelpRequestFactory(community=community)
    client.force_login(community_staff)
    client.get(reverse("assistance:help_request_detail", args=[help_request.pk]))
    assert AuditEntry.objects.filter(action=AuditAction.VIEW, object_id=str(help_request.pk)).exists()


def test_staff_answer_and_the_text_is_queued(client, community_staff, community):
    resident = ResidentFactory(community=community, mobile="13912345670")
    help_request = HelpRequestFactory(community=community, mobile="13912345670")
    client.force_login(community_staff)
    url = reverse("assistance:help_request_detail", args=[help_request.pk])
    assert resident.name in client.get(url).content.decode()
    response = client.post(url, {"reply": "请周三来驿站", "phone": "0632-3311234", "resident": resident.pk})
    assert response.status_code == 302
    help_request.refresh_from_db()
    assert help_request.status == HelpRequestStatus.ANSWERED and help_request.resident == resident
    assert TextMessage.objects.get().template == "help_request_answer"


def test_a_long_answer_is_refused_on_its_field_and_kept(client, community_staff, community):
    help_request = HelpRequestFactory(community=community)
    client.force_login(community_staff)
    long_reply = "请您于本周三上午九点携带身份证到光明路社区就业驿站面谈"
    response = client.post(
        reverse("assistance:help_request_detail", args=[help_request.pk]), {"reply": long_reply, "phone": "12333"}
    )
    assert response.status_code == 400 and "reply" in response.context["form"].errors
    assert long_reply in response.content.decode()


def test_a_district_bureau_reads_but_gets_no_answer_form(client, district_bureau, community):
    help_request = HelpRequestFactory(community=community)
    client.force_login(district_bureau)
    url = reverse("assistance:help_request_detail", args=[help_request.pk])
    response = client.get(url)
    assert response.status_code == 200 and 'name="reply"' not in response.content.decode()
    assert client.post(url, {"reply": "好", "phone": "12333"}).status_code == 403


def test_an_answered_request_offers_no_answer_form(client, community_staff, community):
    help_request = HelpRequestFactory(community=community)
    client.force_login(community_staff)
    url = reverse("assistance:help_request_detail", args=[help_request.pk])
    assert 'name="reply"' in client.get(url).content.decode()
    assert client.post(url, {"reply": "请来驿站面谈", "phone": "12333"}).status_code == 302
    assert 'name="reply"' not in client.get(url).content.decode()
