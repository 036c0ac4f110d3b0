"""Transfers between communities (stations.views.residents.transfers)."""

import pytest
from django.urls import reverse

from tests.factories import ResidentFactory

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
