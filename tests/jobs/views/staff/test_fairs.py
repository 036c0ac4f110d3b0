"""Staff pages of job fairs."""

import pytest
from django.urls import reverse

from jobs.models import (
    PostingStatus,
)
from tests.factories.jobs import (
    FairSignUpFactory,
    JobFairFactory,
    PostingFactory,
)


def test_signups_are_visible_to_staff_in_scope_only(client, community, far_community, community_staff):
    mine = FairSignUpFactory(fair=JobFairFactory(community=community), name="本社区报名")
    other = JobFairFactory(community=far_community)
    FairSignUpFactory(fair=other, name="外区报名")
    client.force_login(community_staff)
    page = client.get(reverse("jobs:fair_detail", kwargs={"pk": mine.fair.pk}))
    assert "本社区报名" in page.content.decode()
    assert client.get(reverse("jobs:fair_detail", kwargs={"pk": other.pk})).status_code == 404


@pytest.mark.parametrize("name", ["jobs:fair_list"])
def test_staff_lists_run_a_bounded_number_of_queries(
    client, community, community_staff, name, django_assert_max_num_queries
):
    for _ in range(3):
        PostingFactory(employer__community=community, status=PostingStatus.PENDING, published_at=None)
    client.force_login(community_staff)
    with django_assert_max_num_queries(14):
        assert client.get(reverse(name)).status_code == 200
