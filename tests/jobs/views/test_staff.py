"""The staff pages of the job market together (jobs/views/staff/)."""

import pytest
from django.urls import reverse

from jobs.models import PostingStatus
from tests.factories.jobs import PostingFactory


@pytest.mark.parametrize("name", ["jobs:posting_list", "jobs:review_queue", "jobs:employer_list", "jobs:fair_list"])
def test_staff_lists_run_a_bounded_number_of_queries(
    client, community, community_staff, name, django_assert_max_num_queries
):
    for _ in range(3):
        PostingFactory(employer__community=community, status=PostingStatus.PENDING, published_at=None)
    client.force_login(community_staff)
    with django_assert_max_num_queries(14):
        assert client.get(reverse(name)).status_code == 200
