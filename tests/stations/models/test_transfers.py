"""Transfer requests (stations/models/transfers.py): scoped to the holding community."""

import pytest

from stations.models import ResidentTransferRequest
from tests.factories import ResidentFactory

pytestmark = pytest.mark.django_db


def test_a_request_reads_from_the_holding_to_the_asking_community_and_is_the_holders_to_see(
    community, other_community, community_staff, other_community_staff
):
    transfer = ResidentTransferRequest.objects.create(
        resident=ResidentFactory(community=other_community), from_community=other_community,
        to_community=community, requested_by=community_staff,
    )  # fmt: skip
    assert str(transfer) == f"{other_community} → {community}"
    assert list(ResidentTransferRequest.objects.visible_to(other_community_staff)) == [transfer]
    assert list(ResidentTransferRequest.objects.visible_to(community_staff)) == []
