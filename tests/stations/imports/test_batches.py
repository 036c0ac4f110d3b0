"""The steps every import batch goes through (stations/imports/batches.py)."""

import pytest

from stations.imports.batches import node_of

pytestmark = pytest.mark.django_db


def test_a_community_staffs_batch_is_placed_in_their_community_street_and_district(community_staff, community):
    assert node_of(community_staff) == {
        "district": community.street.district, "street": community.street, "community": community,
    }  # fmt: skip


def test_a_street_officers_batch_is_placed_in_their_street(street_officer, street):
    assert node_of(street_officer) == {"district": street.district, "street": street, "community": None}
