"""Report nodes: the city, a district, a street or a community by its code."""

import pytest
from django.core.exceptions import ValidationError

from reports.nodes import node_visible_to, parse_node, user_home_node


def test_a_code_names_the_node_of_its_length(district, street, community):
    assert [parse_node(code).level for code in ("CITY", district.code, street.code, community.code)] == [
        "city",
        "district",
        "street",
        "community",
    ]


@pytest.mark.parametrize("code", ["", "37040", "999999", "abcdef"])
def test_a_code_of_no_node_is_refused(db, code):
    with pytest.raises(ValidationError):
        parse_node(code)


def test_a_street_officer_reports_on_their_street_and_its_communities_only(street_officer, community, far_community):
    home = user_home_node(street_officer)

    assert (home.level, home.obj) == ("street", street_officer.street)
    assert node_visible_to(street_officer, parse_node(community.code))
    assert not node_visible_to(street_officer, parse_node(far_community.code))


def test_a_districts_children_are_its_streets_and_its_communities_map_to_them(district, street, community):
    node = parse_node(district.code)

    assert [key for key, _name, _obj in node.children()] == [street.code]
    assert node.child_of_community() == {community.pk: street.code}
