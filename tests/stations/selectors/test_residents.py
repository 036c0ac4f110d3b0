import pytest
from django.http import Http404

from stations.models import TargetGroup
from stations.selectors import household_member_find, resident_get, resident_shown_group_codes
from tests.factories import ResidentFactory

pytestmark = pytest.mark.django_db


def test_a_record_of_another_area_is_404(community_staff, other_community):
    elsewhere = ResidentFactory(community=other_community)

    with pytest.raises(Http404):
        resident_get(user=community_staff, pk=elsewhere.pk)


def test_a_household_member_is_found_only_in_the_users_area(community_staff, community, other_community):
    mine = ResidentFactory(community=community)
    elsewhere = ResidentFactory(community=other_community)

    assert household_member_find(user=community_staff, id_number=mine.id_number) == mine
    assert household_member_find(user=community_staff, id_number=elsewhere.id_number) is None


def test_the_shown_group_codes_leave_out_the_sensitive_groups(community):
    resident = ResidentFactory(community=community)
    resident.target_groups.set(TargetGroup.objects.filter(code__in=["veteran", "minimum_living"]))

    assert resident_shown_group_codes(pks=[resident.pk]) == {resident.pk: ["veteran"]}
