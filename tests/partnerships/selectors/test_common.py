"""The shared reads: community and resident choices and the landing page's
counts stay inside the user's area."""

import pytest
from django.utils import timezone

from partnerships.selectors.common import (
    active_resident_choices,
    community_choices,
    home_counts,
    resident_choices,
)
from tests.factories import ResidentFactory
from tests.factories.partnerships_cooperatives import LabourOrganisationFactory
from tests.factories.partnerships_network import PartnerFactory

pytestmark = pytest.mark.django_db


def test_community_choices_are_the_communities_in_scope(community_staff, community, other_community):
    assert list(community_choices(user=community_staff)) == [community]


def test_resident_choices_leave_out_another_areas_residents(community_staff, community, other_community):
    mine = ResidentFactory(community=community)
    ResidentFactory(community=other_community)

    assert list(resident_choices(user=community_staff)) == [mine]


def test_active_resident_choices_leave_out_residents_taken_off_the_register(community_staff, community):
    alive = ResidentFactory(community=community)
    ResidentFactory(community=community, removed_at=timezone.now())

    assert list(active_resident_choices(user=community_staff)) == [alive]


def test_home_counts_count_only_the_users_area(community_staff, community, other_community):
    PartnerFactory(community=community)
    PartnerFactory(community=other_community)
    LabourOrganisationFactory(community=other_community)

    counts = home_counts(user=community_staff)

    assert (counts["partners"], counts["organisations"]) == (1, 0)
