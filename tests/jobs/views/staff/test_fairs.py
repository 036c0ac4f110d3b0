"""Staff pages of job fairs."""

from django.urls import reverse

from tests.factories.jobs import FairSignUpFactory, JobFairFactory


def test_signups_are_visible_to_staff_in_scope_only(client, community, far_community, community_staff):
    mine = FairSignUpFactory(fair=JobFairFactory(community=community), name="本社区报名")
    other = JobFairFactory(community=far_community)
    FairSignUpFactory(fair=other, name="外区报名")
    client.force_login(community_staff)
    page = client.get(reverse("jobs:fair_detail", kwargs={"pk": mine.fair.pk}))
    assert "本社区报名" in page.content.decode()
    assert client.get(reverse("jobs:fair_detail", kwargs={"pk": other.pk})).status_code == 404
