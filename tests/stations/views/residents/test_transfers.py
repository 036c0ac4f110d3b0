"""Transfers between communities (stations.views.residents.transfers)."""

import pytest
from django.urls import reverse
from django.utils import translation

from stations.models import ResidentTransferRequest, Role, TransferStatus
from tests.factories import ResidentFactory, UserFactory

pytestmark = pytest.mark.django_db


def _detail(resident):
    return reverse("stations:resident_detail", kwargs={"pk": resident.pk})


def test_transfer_request_and_acceptance_through_the_pages(
    staff_client, community, other_community, other_community_staff
):
    from django.test import Client

    client = Client()
    resident = ResidentFactory(community=other_community)
    response = staff_client.post(
        reverse("stations:resident_transfer_list"),
        {"id_number": resident.id_number, "to_community": community.pk, "note": "已搬来"},
    )
    assert response.status_code == 302
    client.force_login(other_community_staff)
    page = client.get(reverse("stations:resident_transfer_list")).content.decode()
    assert resident.name in page
    transfer = resident.transfer_requests.get()
    client.post(reverse("stations:resident_transfer_decide", kwargs={"pk": transfer.pk}), {"decision": "accept"})
    resident.refresh_from_db()
    assert resident.community == community
    assert staff_client.get(_detail(resident)).status_code == 200


def test_requesting_staff_see_their_request_but_not_the_record(staff_client, community, other_community):
    resident = ResidentFactory(community=other_community, name="对方居民")
    staff_client.post(
        reverse("stations:resident_transfer_list"), {"id_number": resident.id_number, "to_community": community.pk}
    )
    page = staff_client.get(reverse("stations:resident_transfer_list")).content.decode()
    assert other_community.name in page
    assert "对方居民" not in page


def _waiting(community, other_community, requester):
    from stations.services.residents import resident_transfer_request_create

    resident = ResidentFactory(community=other_community)
    return resident_transfer_request_create(actor=requester, id_number=resident.id_number, to_community=community)


def _decide_url(transfer):
    return reverse("stations:resident_transfer_decide", kwargs={"pk": transfer.pk})


def test_the_holding_community_is_offered_accept_and_decline(
    client, community, other_community, community_staff, other_community_staff
):
    transfer = _waiting(community, other_community, community_staff)
    client.force_login(other_community_staff)
    page = client.get(reverse("stations:resident_transfer_list")).content.decode()
    detail = client.get(_detail(transfer.resident)).content.decode()
    for shown in (page, detail):
        assert _decide_url(transfer) in shown
        assert 'value="accept"' in shown and 'value="decline"' in shown


def test_a_role_that_may_only_read_is_offered_no_decision(
    client, community, other_community, community_staff, district_bureau
):
    transfer = _waiting(community, other_community, community_staff)
    client.force_login(district_bureau)
    response = client.get(reverse("stations:resident_transfer_list"))
    assert response.status_code == 200
    assert transfer.resident.name in response.content.decode()
    assert _decide_url(transfer) not in response.content.decode()


def test_a_stale_pages_decision_is_refused_with_the_message(
    client, community, other_community, community_staff, other_community_staff
):
    from stations.services.residents import resident_transfer_request_accept

    transfer = _waiting(community, other_community, community_staff)
    resident_transfer_request_accept(actor=other_community_staff, transfer=transfer)
    colleague = UserFactory(role=Role.COMMUNITY_STAFF, community=other_community)
    client.force_login(colleague)
    response = client.post(_decide_url(transfer), {"decision": "decline", "note": "不同意"}, follow=True)
    with translation.override("zh-hans"):
        refusal = str(ResidentTransferRequest.workflow.state_message) % {"status": TransferStatus.ACCEPTED.label}
    assert refusal in response.content.decode()
    transfer.refresh_from_db()
    assert transfer.status == TransferStatus.ACCEPTED
