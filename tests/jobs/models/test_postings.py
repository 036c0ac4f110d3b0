"""A posting's review is a declared transition table (POSTING_WORKFLOW)."""

import pytest

from jobs.models import Posting, PostingStatus
from tests.factories.jobs import PostingFactory

S = PostingStatus


@pytest.mark.parametrize(
    ("status", "steps"),
    [
        (S.DRAFT, ["publish", "reject"]),
        (S.PENDING, ["publish", "reject"]),
        (S.REJECTED, ["publish"]),
        (S.PUBLISHED, ["filled"]),
        (S.FILLED, []),
        (S.EXPIRED, []),
    ],
)
def test_the_table_says_which_steps_each_status_allows(status, steps, community, community_staff):
    posting = PostingFactory(employer__community=community, status=status)

    assert [step.name for step in Posting.workflow.allowed(posting, community_staff)] == steps


def test_a_role_that_keeps_no_records_is_offered_no_step(community, district_bureau):
    posting = PostingFactory(employer__community=community, status=S.PENDING, published_at=None)

    assert Posting.workflow.allowed(posting, district_bureau) == []
