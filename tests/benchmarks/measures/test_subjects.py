from benchmarks.measures import subjects
from tests.factories.residents import ResidentFactory


def test_busiest_community_is_the_one_with_most_residents(db, community, sibling_community):
    ResidentFactory.create_batch(2, community=sibling_community)
    ResidentFactory(community=community)
    assert subjects.busiest_community_id() == sibling_community.pk
