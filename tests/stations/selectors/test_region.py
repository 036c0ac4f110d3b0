import pytest

from stations.selectors import community_choices, community_list, district_list, street_list

pytestmark = pytest.mark.django_db


def test_community_choices_are_the_users_area_only(community_staff, community, sibling_community):
    assert list(community_choices(user=community_staff)) == [community]


def test_the_public_region_lists_every_district_and_staff_only_theirs(district_bureau, district, other_district):
    assert list(district_list()) == [district, other_district]
    assert list(district_list(user=district_bureau)) == [district]


def test_the_public_lists_narrow_to_the_district_and_street_given(
    street, community, sibling_community, other_street, other_community, far_community
):
    assert list(street_list(district=street.district_id)) == [street, other_street]
    assert list(community_list(street=street.pk)) == [community, sibling_community]
    assert list(community_list(district=street.district_id)) == [community, sibling_community, other_community]
