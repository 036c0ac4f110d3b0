"""Reads of recommendations and the residents and postings they name."""

import pytest
from django.http import Http404

from jobs import selectors
from jobs.models import PostingStatus
from tests.factories import ResidentFactory
from tests.factories.jobs import PostingFactory, RecommendationFactory


def test_another_areas_draft_cannot_be_recommended_but_its_published_posting_can(community_staff, far_community):
    draft = PostingFactory(employer__community=far_community, status=PostingStatus.DRAFT, published_at=None)
    published = PostingFactory(employer__community=far_community)

    assert selectors.recommendable_posting(user=community_staff, pk=draft.pk) is None
    assert selectors.recommendable_posting(user=community_staff, pk=published.pk) == published


@pytest.mark.parametrize(
    ("getter", "make"),
    [
        (selectors.recommendation_get, lambda c: RecommendationFactory(resident__community=c)),
        (selectors.resident_get, lambda c: ResidentFactory(community=c)),
    ],
)
def test_a_record_of_another_area_answers_like_a_missing_one(getter, make, community_staff, far_community):
    record = make(far_community)

    with pytest.raises(Http404):
        getter(user=community_staff, pk=record.pk)
    with pytest.raises(Http404):
        getter(user=community_staff, pk=record.pk + 1000)
