import pytest

from jobs.serializers import PostingSearchSerializer
from tests.factories import CommunityFactory


def test_the_search_reads_the_newest_first_page_when_nothing_is_asked(db):
    search = PostingSearchSerializer(data={})

    assert search.is_valid(), search.errors
    assert (search.validated_data["sort"], search.validated_data["page"]) == ("newest", 1)


def test_a_community_to_be_near_must_have_coordinates(street):
    nowhere = CommunityFactory(street=street, latitude=None, longitude=None)
    search = PostingSearchSerializer(data={"near_community": nowhere.pk, "radius": 3})

    assert not search.is_valid()
    assert set(search.errors) == {"near_community"}


@pytest.mark.parametrize("radius", [2, 7])
def test_only_the_offered_radii_are_taken(db, radius):
    assert not PostingSearchSerializer(data={"radius": radius}).is_valid()
