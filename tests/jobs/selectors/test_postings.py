"""Staff reads of postings."""

from jobs import selectors
from tests.factories.jobs import PostingFactory
from tests.jobs.selectors.conftest import answers_like_a_missing_one


def test_a_posting_in_scope_comes_with_its_employer_and_community(
    community_staff, community, django_assert_num_queries
):
    posting = PostingFactory(employer__community=community)

    with django_assert_num_queries(1):
        found = selectors.posting_get(user=community_staff, pk=posting.pk)
        assert (found.employer.name, found.community.name) == (posting.employer.name, community.name)


def test_a_posting_of_another_area_answers_like_a_missing_one(community_staff, far_community):
    answers_like_a_missing_one(
        selectors.posting_get, user=community_staff, record=PostingFactory(employer__community=far_community)
    )
