"""Staff reads of postings."""

import pytest
from django.http import Http404

from jobs import selectors
from tests.factories.jobs import PostingFactory


def test_a_posting_in_scope_comes_with_its_employer_and_community(
    community_staff, community, django_assert_num_queries
):
    posting = PostingFactory(employer__community=community)

    with django_assert_num_queries(1):
        found = selectors.posting_get(user=community_staff, pk=posting.pk)
        assert (found.employer.name, found.community.name) == (posting.employer.name, community.name)


@pytest.mark.parametrize(
    ("getter", "make"),
    [
        (selectors.posting_get, lambda c: PostingFactory(employer__community=c)),
    ],
)
def test_a_record_of_another_area_answers_like_a_missing_one(getter, make, community_staff, far_community):
    record = make(far_community)

    with pytest.raises(Http404):
        getter(user=community_staff, pk=record.pk)
    with pytest.raises(Http404):
        getter(user=community_staff, pk=record.pk + 1000)
