"""The resident registry's dashboard panel (stations/residents_setup.py)."""

import pytest

from stations.residents_setup import residents_panel_context
from tests.factories import ResidentFactory

pytestmark = pytest.mark.django_db


def _request(rf, user):
    request = rf.get("/staff/")
    request.user = user
    return request


def test_the_panel_is_hidden_without_residents_in_scope(rf, community_staff, other_community):
    ResidentFactory(community=other_community)
    assert residents_panel_context(_request(rf, community_staff)) is None


def test_the_panel_counts_the_residents_in_scope_and_pending_transfers(rf, community_staff, community):
    ResidentFactory(community=community)
    ResidentFactory(community=community)
    stats = residents_panel_context(_request(rf, community_staff))
    assert stats["total"] == 2 and stats["transfers"] == 0
