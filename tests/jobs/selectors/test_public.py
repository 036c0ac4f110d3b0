"""Public reads of the job market."""

from jobs import selectors
from tests.factories import CommunityFactory


def test_near_a_community_needs_its_coordinates(street):
    located = CommunityFactory(street=street, latitude=34.8, longitude=117.3)
    unlocated = CommunityFactory(street=street, latitude=None, longitude=None)

    assert selectors.located_community(pk=located.pk) == located
    assert selectors.located_community(pk=unlocated.pk) is None
    assert selectors.located_community(pk=unlocated.pk + 1000) is None


def test_public_places_list_communities_only_inside_the_chosen_street(street, other_street, community):
    other = CommunityFactory(street=other_street)

    streets, communities, _stations = selectors.public_places({"street": str(street.pk)})

    assert {street, other_street} <= set(streets)
    assert other not in communities and community in communities
