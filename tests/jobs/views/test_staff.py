"""The staff posting page offers the steps the workflow allows, and takes them."""

from django.urls import reverse

from jobs.models import PostingStatus
from tests.factories.jobs import PostingFactory

S = PostingStatus


def _page(client, user, posting):
    client.force_login(user)
    return client.get(reverse("jobs:posting_detail", kwargs={"pk": posting.pk})).content.decode()


def test_a_pending_posting_offers_publish_and_reject(client, community, community_staff):
    posting = PostingFactory(employer__community=community, status=S.PENDING, published_at=None)

    page = _page(client, community_staff, posting)

    assert reverse("jobs:posting_publish", kwargs={"pk": posting.pk}) in page
    assert reverse("jobs:posting_reject", kwargs={"pk": posting.pk}) in page
    assert reverse("jobs:posting_filled", kwargs={"pk": posting.pk}) not in page


def test_a_rejected_posting_offers_publish_only(client, community, community_staff):
    posting = PostingFactory(employer__community=community, status=S.REJECTED, published_at=None)

    page = _page(client, community_staff, posting)

    assert reverse("jobs:posting_publish", kwargs={"pk": posting.pk}) in page
    assert reverse("jobs:posting_reject", kwargs={"pk": posting.pk}) not in page


def test_a_published_posting_offers_mark_filled_only(client, community, community_staff):
    posting = PostingFactory(employer__community=community)

    page = _page(client, community_staff, posting)

    assert reverse("jobs:posting_filled", kwargs={"pk": posting.pk}) in page
    assert reverse("jobs:posting_publish", kwargs={"pk": posting.pk}) not in page


def test_a_bureau_that_keeps_no_records_sees_no_step(client, community, district_bureau):
    posting = PostingFactory(employer__community=community, status=S.PENDING, published_at=None)

    page = _page(client, district_bureau, posting)

    assert reverse("jobs:posting_publish", kwargs={"pk": posting.pk}) not in page


def test_marking_filled_from_the_page_takes_the_step(client, community, community_staff):
    posting = PostingFactory(employer__community=community)
    client.force_login(community_staff)

    response = client.post(reverse("jobs:posting_filled", kwargs={"pk": posting.pk}))

    posting.refresh_from_db()
    assert response.status_code == 302 and posting.status == S.FILLED


def test_a_posting_of_another_area_answers_404(client, far_community, community_staff):
    posting = PostingFactory(employer__community=far_community)
    client.force_login(community_staff)

    assert client.get(reverse("jobs:posting_detail", kwargs={"pk": posting.pk})).status_code == 404
    assert client.post(reverse("jobs:posting_filled", kwargs={"pk": posting.pk})).status_code == 404
