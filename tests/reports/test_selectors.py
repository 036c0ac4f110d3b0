import pytest

from reports.nodes import node_visible_to, parse_node
from reports.selectors import node_choices


def _codes(user):
    return [code for code, _label in node_choices(user=user)]


def test_the_city_is_offered_every_district_street_and_community(
    city_bureau, community, other_community, far_community
):
    codes = _codes(city_bureau)
    assert codes[0] == "city"
    for place in (community, other_community, far_community):
        assert {place.code, place.street.code, place.street.district.code} <= set(codes)


def test_a_district_is_offered_its_streets_and_communities_only(
    district_bureau, district, community, other_community, far_community
):
    codes = _codes(district_bureau)
    assert codes[0] == district.code
    assert {community.code, other_community.code, community.street.code, other_community.street.code} <= set(codes)
    assert far_community.code not in codes and far_community.street.code not in codes


def test_a_street_is_offered_its_communities_only(
    street_officer, street, community, sibling_community, other_community
):
    assert _codes(street_officer) == [street.code, community.code, sibling_community.code]


def test_community_staff_are_offered_their_community_only(community_staff, community):
    assert _codes(community_staff) == [community.code]


@pytest.mark.parametrize("role", ["city_bureau", "district_bureau", "street_officer", "community_staff"])
def test_every_node_offered_is_one_the_user_may_build(request, role, community, far_community):
    user = request.getfixturevalue(role)
    assert all(node_visible_to(user, parse_node(code)) for code in _codes(user))


def test_the_choices_take_three_queries_at_most(city_bureau, community, far_community, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        node_choices(user=city_bureau)
