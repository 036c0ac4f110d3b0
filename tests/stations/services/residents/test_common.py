"""What the resident operations share (stations/services/residents/common.py)."""

import pytest
from django.core.exceptions import PermissionDenied

from stations.policy import policy_value
from stations.services.residents.common import (
    RETIREMENT_AGE_FEMALE,
    RETIREMENT_AGE_MALE,
    require_resident_in_scope,
)
from tests.factories import ResidentFactory

pytestmark = pytest.mark.django_db


def test_a_resident_of_another_community_is_out_of_scope(other_community_staff, community):
    with pytest.raises(PermissionDenied):
        require_resident_in_scope(other_community_staff, ResidentFactory(community=community))


def test_a_resident_of_ones_own_community_is_in_scope(community_staff, community):
    assert require_resident_in_scope(community_staff, ResidentFactory(community=community)) is None


def test_working_age_ends_at_60_for_men_and_50_for_women_by_default():
    assert (policy_value(RETIREMENT_AGE_MALE), policy_value(RETIREMENT_AGE_FEMALE)) == (60, 50)
