"""Reads of resident transfers (stations/selectors/transfers.py): the holding
community sees what it is asked for, the asking community what it asked."""

import pytest

from stations.selectors import transfer_request_incoming, transfer_request_outgoing
from stations.services.residents import resident_transfer_request_create
from tests.factories import ResidentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def transfer(community_staff, community, other_community):
    held = ResidentFactory(community=other_community)
    return resident_transfer_request_create(actor=community_staff, id_number=held.id_number, to_community=community)


def test_the_holding_community_sees_the_request_as_incoming(transfer, community_staff, other_community_staff):
    assert list(transfer_request_incoming(user=other_community_staff)) == [transfer]
    assert list(transfer_request_incoming(user=community_staff)) == []


def test_the_asking_community_sees_the_request_as_outgoing(transfer, community_staff, other_community_staff):
    assert list(transfer_request_outgoing(user=community_staff)) == [transfer]
    assert list(transfer_request_outgoing(user=other_community_staff)) == []
