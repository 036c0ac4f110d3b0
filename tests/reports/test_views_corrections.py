"""The correction pages, as staff and the street officer use them, in Chinese."""

from urllib.parse import parse_qs, urlparse

import pytest
from django.urls import reverse

from reports.models import CorrectionRequest, CorrectionStatus
from reports.services_corrections import correction_request_create
from stations.models import ServiceRecord
from tests.factories.reports import day_in, last_month, refused_correction_link

pytestmark = pytest.mark.django_db


@pytest.fixture
def month():
    return last_month()


@pytest.fixture
def link(community, community_staff, month):
    """The link a refused back-dated service gives its author."""
    return refused_correction_link(community=community, actor=community_staff, month=month)


@pytest.fixture
def asked(link, community_staff):
    token = parse_qs(urlparse(link).query)["t"][0]
    return correction_request_create(actor=community_staff, token=token, reason="补录上月走访")


def test_the_refusal_link_shows_the_change_in_chinese(staff_client, link, month):
    response = staff_client.get(link)
    page = response.content.decode()
    assert response.status_code == 200
    assert "申请更正" in page and "服务人次" in page and month.label in page
    assert 'name="reason"' in page


def test_sending_the_request_from_the_page_waits_for_the_street(staff_client, link):
    response = staff_client.post(link, {"reason": "补录上月走访"})
    correction = CorrectionRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("reports:correction_detail", kwargs={"pk": correction.pk})
    assert correction.status == CorrectionStatus.PENDING


def test_a_link_opened_by_another_account_is_not_valid(client, street_officer, link):
    client.force_login(street_officer)
    response = client.get(link)
    page = response.content.decode()
    assert response.status_code == 200
    assert 'name="reason"' not in page


def test_the_street_officer_approves_on_the_request_page(client, street_officer, asked, month):
    client.force_login(street_officer)
    url = reverse("reports:correction_detail", kwargs={"pk": asked.pk})
    page = client.get(url).content.decode()
    assert "批准并执行" in page and "补录上月走访" in page
    response = client.post(url, {"action": "approve"})
    assert response.status_code == 302
    asked.refresh_from_db()
    assert asked.status == CorrectionStatus.APPLIED
    assert ServiceRecord.objects.get().served_on == day_in(month)


def test_rejecting_on_the_page_without_a_note_keeps_the_request_waiting(client, street_officer, asked):
    client.force_login(street_officer)
    url = reverse("reports:correction_detail", kwargs={"pk": asked.pk})
    response = client.post(url, {"action": "reject", "note": ""})
    assert response.status_code == 200
    asked.refresh_from_db()
    assert asked.status == CorrectionStatus.PENDING


def test_the_requester_sees_no_decision_buttons(staff_client, asked):
    page = staff_client.get(reverse("reports:correction_detail", kwargs={"pk": asked.pk})).content.decode()
    assert 'value="approve"' not in page
    assert 'value="withdraw"' in page


def test_the_list_shows_the_requests_in_a_fixed_number_of_queries(
    client, street_officer, asked, django_assert_max_num_queries
):
    client.force_login(street_officer)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("reports:correction_list"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "记录服务" in page and "等待街道审核" in page


def test_the_street_officer_is_offered_approve_and_reject_but_not_withdraw(client, street_officer, asked):
    client.force_login(street_officer)
    page = client.get(reverse("reports:correction_detail", kwargs={"pk": asked.pk})).content.decode()
    assert 'value="approve"' in page and 'value="reject"' in page
    assert 'value="withdraw"' not in page


def test_a_decided_request_offers_no_steps(client, street_officer, asked):
    client.force_login(street_officer)
    url = reverse("reports:correction_detail", kwargs={"pk": asked.pk})
    client.post(url, {"action": "reject", "note": "该日无走访记录"})
    page = client.get(url).content.decode()
    assert 'name="action"' not in page


def test_a_stale_page_approval_after_a_colleague_rejected_shows_the_refusal(client, street_officer, asked):
    from reports.services_corrections import correction_request_reject
    from stations.models import Role
    from tests.factories import UserFactory

    colleague = UserFactory(role=Role.STREET_OFFICER, community=None, street=street_officer.street)
    correction_request_reject(actor=colleague, correction=asked, note="该日无走访记录")
    client.force_login(street_officer)
    response = client.post(reverse("reports:correction_detail", kwargs={"pk": asked.pk}), {"action": "approve"})
    assert response.status_code == 200
    assert "该申请已处理" in response.content.decode()
    assert not ServiceRecord.objects.exists()
